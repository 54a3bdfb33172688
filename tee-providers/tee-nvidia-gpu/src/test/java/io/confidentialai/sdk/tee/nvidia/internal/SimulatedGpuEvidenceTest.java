package io.confidentialai.sdk.tee.nvidia.internal;

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
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated NVIDIA H100 evidence from tee-simulated (SPDM 1.1 measurements signed by a simulated GH100 device key under
 * the simulation root, plus signed driver and VBIOS RIMs in the simulation root directory) goes through this real
 * verifier: accepted only with the simulation root configured, never as hardware, with the RIMs found through
 * {@link CollateralSource#ofDirectory(Path)}.
 */
class SimulatedGpuEvidenceTest {
    private static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);
    /** Request (37 bytes), response header (8), block 1 (55): the first value byte of block 2. */
    private static final int BLOCK_2_FIRST_VALUE_BYTE = 37 + 8 + 55 + 7;

    @TempDir
    Path root;

    @Test
    void simulatedEvidenceVerifiesAsNonHardwareWithTheNonceAndMatchingRims() throws Exception {
        byte[] reportData = bytes(64, 1);
        List<Evidence> gpus = collector(2).collectAll(ReportData.of(reportData));
        assertThat(gpus).hasSize(2);
        Set<String> devices = new HashSet<>();
        for (Evidence gpu : gpus) {
            TeeClaims claims = verify(gpu, context(List.of(simulationRoot()), CollateralSource.ofDirectory(root)));
            assertThat(claims.teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
            assertThat(claims.isHardware()).isFalse();
            assertThat(claims.isDebug()).isFalse();
            assertThat(claims.reportData()).isEqualTo(ReportData.padded(Arrays.copyOf(reportData, 32)));
            assertThat(claims.details()).containsEntry("rimStatus", "match")
                    .containsEntry("rimVersionMatch", true)
                    .containsEntry("rimMismatches", List.of())
                    .containsEntry("rimMissing", List.of())
                    .containsEntry("driverVersion", "550.99.99")
                    .containsEntry("arch", "GH100")
                    .containsEntry("measurementBlocks", 64L);
            assertThat(String.valueOf(claims.details().get("vbiosVersion"))).isEqualToIgnoringCase("96.00.99.00.99");
            assertThat(String.valueOf(claims.details().get("deviceCertificate"))).startsWith("GH100 ")
                    .contains("Simulated");
            assertThat(claims.measurement(MeasurementSlot.of(TeeType.NVIDIA_GPU_CC, "block-1")))
                    .contains(Measurement.of(MeasurementSlot.of(TeeType.NVIDIA_GPU_CC, "block-1"), new byte[48]));
            assertThat(claims.measurement(MeasurementSlot.of(TeeType.NVIDIA_GPU_CC, "block-2"))).isPresent();
            devices.add(claims.platformId().orElseThrow());
        }
        assertThat(devices).hasSize(2);
    }

    @Test
    void withoutTheRimsTheMeasurementsAreNotEvaluated() throws Exception {
        Evidence gpu = collector(1).collect(ReportData.of(bytes(64, 2)));
        TeeClaims claims = verify(gpu, context(List.of(simulationRoot()), CollateralSource.none()));
        assertThat(claims.isHardware()).isFalse();
        assertThat(claims.details()).containsEntry("rimStatus", "not-evaluated");
    }

    @Test
    void aTamperedMeasurementBlockBreaksTheSignature() throws Exception {
        Evidence gpu = collector(1).collect(ReportData.of(bytes(64, 3)));
        byte[] data = gpu.data();
        data[BLOCK_2_FIRST_VALUE_BYTE] ^= 0x01;
        Evidence tampered = gpu.toBuilder().data(data).build();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(tampered, context(List.of(simulationRoot()), CollateralSource.ofDirectory(root))));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void aTamperedNonceBreaksTheSignature() throws Exception {
        Evidence gpu = collector(1).collect(ReportData.of(bytes(64, 4)));
        byte[] data = gpu.data();
        data[4] ^= 0x01;
        Evidence tampered = gpu.toBuilder().data(data).build();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(tampered, context(List.of(simulationRoot()), CollateralSource.ofDirectory(root))));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void withoutTheSimulationRootTheChainIsInvalid() throws Exception {
        Evidence gpu = collector(1).collect(ReportData.of(bytes(64, 5)));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(gpu, context(List.of(), CollateralSource.ofDirectory(root))));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void anotherSimulationRootDoesNotVouchForTheseGpus(@TempDir Path other) throws Exception {
        collector(1, other);
        X509Certificate otherRoot = certificate(other.resolve(SimulatedTeeProvider.ROOT_CERTIFICATE_FILE));
        Evidence gpu = collector(1).collect(ReportData.of(bytes(64, 6)));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(gpu, context(List.of(otherRoot), CollateralSource.ofDirectory(root))));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    // --- helpers ---

    private EvidenceCollector collector(int gpus) {
        return collector(gpus, root);
    }

    private static EvidenceCollector collector(int gpus, Path directory) {
        SimulationOptions options = SimulationOptions.builder().format(TeeType.NVIDIA_GPU_CC).gpus(gpus)
                .rootDirectory(directory).build();
        return new SimulatedTeeProvider().newCollector(TestContexts.collector(CLOCK, options)).orElseThrow();
    }

    private static ProviderContext context(List<X509Certificate> simulationRoots, CollateralSource collateral) {
        return TestContexts.verifier(CLOCK, InputLimits.defaults(), collateral, simulationRoots, List.of());
    }

    private static TeeClaims verify(Evidence evidence, ProviderContext context)
            throws AttestationVerificationException {
        return new NvidiaGpuProvider().newVerifier(context).orElseThrow().verify(evidence);
    }

    private X509Certificate simulationRoot() throws Exception {
        return certificate(root.resolve(SimulatedTeeProvider.ROOT_CERTIFICATE_FILE));
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
