package io.confidentialai.sdk.tee.cca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import io.confidentialai.sdk.tee.simulated.internal.SimulatedTeeProvider;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens from tee-simulated (tag 907, CMW, simulated CPAK and RAK) verify through this provider as simulated. */
class SimulatedCcaTokenTest {
    static final String CPAK_FILE = "simulation-cca-cpak.pem";

    @TempDir
    Path dir;

    private Evidence collect(SimulationOptions options, ReportData reportData) {
        return new SimulatedTeeProvider().newCollector(TestContexts.collector(Clock.systemUTC(), options)).orElseThrow()
                .collect(reportData);
    }

    private X509Certificate cpakCertificate() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(CPAK_FILE))));
    }

    @Test
    void simulatedTokensVerifyAgainstTheSimulationCpakAsNotHardware() throws Exception {
        Measurement rim = Measurement.of(MeasurementSlot.CCA_REALM_INITIAL, TestTokens.filled(32, 0x21));
        Measurement rem2 = Measurement.of(MeasurementSlot.of(TeeType.ARM_CCA, "rem2"), TestTokens.filled(32, 0x22));
        Measurement rpv = Measurement.of(MeasurementSlot.of(TeeType.ARM_CCA, "rpv"), TestTokens.filled(64, 0x23));
        SimulationOptions options = SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(dir)
                .measurement(rim).measurement(rem2).measurement(rpv).build();
        ReportData rd = ReportData.of(TestTokens.filled(64, 0x42));

        Evidence evidence = collect(options, rd);
        assertThat(evidence.teeType()).isEqualTo(TeeType.ARM_CCA);
        assertThat(evidence.data()[0] & 0xff).isEqualTo(0xd9);
        assertThat(CcaToken.parse(evidence.data()).tag).isEqualTo(907L);

        TeeClaims c = new ArmCcaProvider().newVerifier(Vectors.context(CollateralSource.none(),
                List.of(cpakCertificate()))).orElseThrow().verify(evidence);
        assertThat(c.isHardware()).isFalse();
        assertThat(c.isDebug()).isFalse();
        assertThat(c.reportData()).isEqualTo(rd);
        assertThat(c.measurement(MeasurementSlot.CCA_REALM_INITIAL)).contains(rim);
        assertThat(c.measurement(MeasurementSlot.of(TeeType.ARM_CCA, "rem2"))).contains(rem2);
        assertThat(c.measurement(MeasurementSlot.of(TeeType.ARM_CCA, "rem0")).orElseThrow().toHex())
                .isEqualTo("00".repeat(32));
        assertThat(c.measurement(MeasurementSlot.of(TeeType.ARM_CCA, "rpv"))).contains(rpv);
        assertThat(c.details().get("collectionTag")).isEqualTo(907L);
        assertThat(c.details().get("lifecycle")).isEqualTo("secured");
        assertThat(c.details().get("realmPublicKeyEncoding")).isEqualTo("cose-key");
        assertThat(c.details().get("platformSignatureAlgorithm")).isEqualTo("ES384");
        assertThat(c.details().get("trustAnchor").toString()).startsWith("simulation root");
        assertThat(c.measurements()).containsKeys(MeasurementSlot.of(TeeType.ARM_CCA, "sw-bl"),
                MeasurementSlot.of(TeeType.ARM_CCA, "sw-rmm"));
    }

    @Test
    void aDebugSimulationClaimsADebugLifecycle() throws Exception {
        SimulationOptions options = SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(dir).debug(true)
                .build();
        Evidence evidence = collect(options, ReportData.padded(new byte[0]));
        TeeClaims c = new ArmCcaProvider().newVerifier(Vectors.context(CollateralSource.none(),
                List.of(cpakCertificate()))).orElseThrow().verify(evidence);
        assertThat(c.isDebug()).isTrue();
        assertThat(c.details().get("lifecycle")).isEqualTo("recoverable-cca-platform-rot-debug");
    }

    @Test
    void sha384RealmMeasurementsSelectTheRealmHashAlgorithm() throws Exception {
        Measurement rim = Measurement.of(MeasurementSlot.CCA_REALM_INITIAL, TestTokens.filled(48, 0x31));
        SimulationOptions options = SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(dir)
                .measurement(rim).build();
        TeeClaims c = new ArmCcaProvider().newVerifier(Vectors.context(CollateralSource.none(),
                List.of(cpakCertificate(options)))).orElseThrow().verify(collect(options, ReportData.padded(new byte[0])));
        assertThat(c.details().get("realmHashAlgorithm")).isEqualTo("sha-384");
        assertThat(c.measurement(MeasurementSlot.of(TeeType.ARM_CCA, "rem3")).orElseThrow().toByteArray()).hasSize(48);
    }

    private X509Certificate cpakCertificate(SimulationOptions options) throws Exception {
        collect(options, ReportData.padded(new byte[0])); // creates the simulated CPAK
        return cpakCertificate();
    }

    @Test
    void withoutTheSimulationRootSimulatedTokensAreNotAnchored() {
        SimulationOptions options = SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(dir).build();
        Evidence evidence = collect(options, ReportData.padded(new byte[0]));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> new ArmCcaProvider().newVerifier(Vectors.context()).orElseThrow().verify(evidence));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void theSimulationCpakConfiguredAsAHardwareAnchorIsTakenAtItsWord() throws Exception {
        // documented: a TrustAnchor is hardware by definition; never configure the simulation CPAK as one
        SimulationOptions options = SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(dir).build();
        Evidence evidence = collect(options, ReportData.padded(new byte[0]));
        TrustAnchor anchor = TrustAnchor.of(TeeType.ARM_CCA, Files.readAllBytes(dir.resolve(CPAK_FILE)));
        assertThat(new ArmCcaProvider().newVerifier(Vectors.context(anchor)).orElseThrow().verify(evidence)
                .isHardware()).isTrue();
    }

    @Test
    void unsupportedSimulationMeasurementsAreRefused() {
        SimulationOptions foreign = SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(dir)
                .measurement(Measurement.of(MeasurementSlot.of(TeeType.ARM_CCA, "sw-bl"), new byte[32])).build();
        assertThrows(IllegalArgumentException.class, () -> collect(foreign, ReportData.padded(new byte[0])));
        SimulationOptions mixed = SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(dir)
                .measurement(Measurement.of(MeasurementSlot.CCA_REALM_INITIAL, new byte[32]))
                .measurement(Measurement.of(MeasurementSlot.of(TeeType.ARM_CCA, "rem0"), new byte[48])).build();
        assertThrows(IllegalArgumentException.class, () -> collect(mixed, ReportData.padded(new byte[0])));
        assertThat(Files.exists(dir.resolve(CPAK_FILE))).isFalse();
    }
}
