package io.confidentialai.sdk.tee.sevsnp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.tee.simulated.internal.SimulatedTeeProvider;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Simulated SEV-SNP reports from tee-simulated go through this provider, trusted only via the simulation ARK. */
class SimulatedSnpTest {
    static final Instant AT = Instant.parse("2026-01-15T12:00:00Z");
    static final String ARK_FILE = "simulation-snp-ark.pem";

    /** One simulation directory for the class: the simulated chain is created once (two RSA key pairs). */
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "debug={0}")
    @ValueSource(booleans = {false, true})
    void simulatedReportVerifiesAsNonHardwareWithTheGivenValues(boolean debug) throws Exception {
        byte[] measurement = filled(48, 1);
        byte[] hostData = filled(32, 2);
        ReportData reportData = ReportData.of(filled(64, 3));
        Evidence evidence = collector(dir, debug, measurement, hostData).collect(reportData);
        assertThat(evidence.teeType()).isEqualTo(TeeType.AMD_SEV_SNP);
        assertThat(evidence.dataLength()).isEqualTo(SnpReport.LENGTH);
        assertThat(evidence.attachmentNames()).containsExactly("ark.der", "ask.der", "vcek.der");

        TeeClaims claims = verifier(dir).verify(evidence);
        assertThat(claims.isHardware()).isFalse();
        assertThat(claims.isDebug()).isEqualTo(debug);
        assertThat(claims.reportData()).isEqualTo(reportData);
        assertThat(claims.measurement(MeasurementSlot.SNP_MEASUREMENT))
                .contains(Measurement.of(MeasurementSlot.SNP_MEASUREMENT, measurement));
        assertThat(claims.measurement(MeasurementSlot.SNP_HOST_DATA))
                .contains(Measurement.of(MeasurementSlot.SNP_HOST_DATA, hostData));
        assertThat(claims.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        Map<String, Object> d = claims.details();
        assertThat(d).containsEntry("product", "simulated").containsEntry("reportVersion", 5L)
                .containsEntry("signingKey", "vcek").containsEntry("vmpl", 0L).containsEntry("policy.debug", debug)
                .containsEntry("reportedTcb.bootloader", 4L).containsEntry("reportedTcb.tee", 0L)
                .containsEntry("reportedTcb.snp", 22L).containsEntry("reportedTcb.microcode", 213L)
                .containsEntry("launchTcb.snp", 22L).containsEntry("firmwareVersion", "1.55.21")
                .containsEntry("cpuid.family", 0L).containsEntry("idKeyDigest", "00".repeat(48));
        assertThat(claims.platformId()).contains((String) d.get("chipId"));
    }

    @Test
    void withoutTheSimulationArkTheChainEndsAtAnUntrustedRoot() throws Exception {
        Evidence evidence = collector(dir, false, new byte[48], new byte[32]).collect(ReportData.of(new byte[64]));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> new AmdSevSnpProvider().newVerifier(TestContexts.at(AT)).orElseThrow().verify(evidence));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("ARK-Simulated").contains("neither a pinned AMD ARK");
    }

    @Test
    void theTdxSimulationRootDoesNotAnchorSnpReports() throws Exception {
        Evidence evidence = collector(dir, false, new byte[48], new byte[32]).collect(ReportData.of(new byte[64]));
        // the TDX simulation root lives in the same directory once a TDX collector ran
        new SimulatedTeeProvider().newCollector(TestContexts.collector(Clock.systemUTC(),
                SimulationOptions.builder().rootDirectory(dir).build())).orElseThrow();
        ProviderContext ctx = Vectors.context(AT, InputLimits.defaults(), CollateralSource.none(),
                List.of(certificate(dir.resolve("simulation-root.pem"))));
        assertThat(assertThrows(AttestationVerificationException.class,
                () -> new AmdSevSnpProvider().newVerifier(ctx).orElseThrow().verify(evidence)).reason())
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void simulatedReportFlipsAreRejected() throws Exception {
        Evidence evidence = collector(dir, false, new byte[48], new byte[32]).collect(ReportData.of(new byte[64]));
        var verifier = verifier(dir);
        for (int offset : new int[] {0x008, 0x050, 0x090, 0x180, 0x1A0, 0x29F, 0x2A0, 0x2E8}) {
            byte[] report = evidence.data();
            report[offset] ^= 0x01;
            Evidence mutated = evidence.toBuilder().data(report).build();
            assertThat(assertThrows(AttestationVerificationException.class, () -> verifier.verify(mutated)).reason())
                    .as("offset 0x%x", offset).isIn(ReasonCode.SIGNATURE_INVALID, ReasonCode.CERT_CHAIN_INVALID);
        }
    }

    @Test
    void theSimulatedChainIsCreatedOnceAndReused() throws Exception {
        Evidence first = collector(dir, false, new byte[48], new byte[32]).collect(ReportData.of(new byte[64]));
        Evidence second = collector(dir, false, new byte[48], new byte[32]).collect(ReportData.of(new byte[64]));
        assertThat(first.attachment("ark.der").orElseThrow()).isEqualTo(second.attachment("ark.der").orElseThrow());
        assertThat(first.attachment("vcek.der").orElseThrow()).isEqualTo(second.attachment("vcek.der").orElseThrow());
        assertThat(verifier(dir).verify(second).details().get("chipId"))
                .isEqualTo(verifier(dir).verify(first).details().get("chipId"));
        assertThat(Files.readString(dir.resolve(ARK_FILE))).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void foreignMeasurementSlotsAreRejected() {
        SimulationOptions options = SimulationOptions.builder().format(TeeType.AMD_SEV_SNP).rootDirectory(dir)
                .measurement(Measurement.of(MeasurementSlot.of(TeeType.AMD_SEV_SNP, "other"), new byte[48])).build();
        assertThrows(IllegalArgumentException.class, () -> new SimulatedTeeProvider()
                .newCollector(TestContexts.collector(Clock.systemUTC(), options)));
        SimulationOptions shortMeasurement = SimulationOptions.builder().format(TeeType.AMD_SEV_SNP).rootDirectory(dir)
                .measurement(Measurement.of(MeasurementSlot.SNP_MEASUREMENT, new byte[32])).build();
        assertThrows(IllegalArgumentException.class, () -> new SimulatedTeeProvider()
                .newCollector(TestContexts.collector(Clock.systemUTC(), shortMeasurement)));
    }

    static EvidenceCollector collector(Path dir, boolean debug, byte[] measurement, byte[] hostData) {
        SimulationOptions options = SimulationOptions.builder().format(TeeType.AMD_SEV_SNP).rootDirectory(dir)
                .debug(debug).measurement(Measurement.of(MeasurementSlot.SNP_MEASUREMENT, measurement))
                .measurement(Measurement.of(MeasurementSlot.SNP_HOST_DATA, hostData)).build();
        return new SimulatedTeeProvider().newCollector(TestContexts.collector(Clock.systemUTC(), options))
                .orElseThrow();
    }

    static io.confidentialai.sdk.spi.EvidenceVerifier verifier(Path dir) throws Exception {
        ProviderContext ctx = Vectors.context(AT, InputLimits.defaults(), CollateralSource.none(),
                List.of(certificate(dir.resolve(ARK_FILE))));
        return new AmdSevSnpProvider().newVerifier(ctx).orElseThrow();
    }

    static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static byte[] filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
