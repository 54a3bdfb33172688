package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.NodeOptions;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.TeeNode;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composite CPU+GPU attestation end to end through the engine: a simulated TDX node with simulated H100 GPUs, the
 * GPU nonces derived from the CPU commitment, verified with the real TDX and NVIDIA providers and appraised as one
 * attestation.
 */
class CompositeAttestationTest {
    private static final Measurement ENGINE = Measurement.of(MeasurementSlot.MRTD, filled(48, 0x42));
    private static final AttestationPolicy TWO_GPUS = AttestationPolicy.insecureDevelopmentPolicy()
            .allowMeasurement(ENGINE).requireAccelerators(TeeType.NVIDIA_GPU_CC, 2).build();

    @TempDir
    Path root;
    @TempDir
    Path work;

    private ConfidentialClient nodeRuntime;
    private TeeNode node;
    private ConfidentialClient verifier;

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @BeforeEach
    void openNode() {
        nodeRuntime = ConfidentialClient.builder().build();
        node = nodeRuntime.openNode(NodeOptions.builder().workDirectory(work)
                .simulation(SimulationOptions.builder().rootDirectory(root).measurement(ENGINE).gpus(2).build()).build());
        verifier = verifier(CollateralSource.ofDirectory(root));
    }

    private ConfidentialClient verifier(CollateralSource collateral) {
        return ConfidentialClient.builder().insecureTrustSimulationRoot(root.resolve("simulation-root.pem"))
                .collateral(collateral).build();
    }

    @AfterEach
    void close() {
        node.close();
        nodeRuntime.close();
        verifier.close();
    }

    private AttestationVerificationException reject(Evidence evidence, AttestationPolicy policy, Nonce nonce) {
        return assertThrows(AttestationVerificationException.class,
                () -> verifier.attestations().verify(evidence, policy, nonce));
    }

    @Test
    void theCpuAndEveryGpuVerifyAsOneAttestationBoundToTheChallenge() throws Exception {
        Nonce nonce = verifier.attestations().newNonce();
        Evidence evidence = node.attest(nonce);
        assertThat(evidence.teeType()).isEqualTo(TeeType.INTEL_TDX);
        assertThat(evidence.accelerators()).hasSize(2).allMatch(e -> e.teeType().equals(TeeType.NVIDIA_GPU_CC));

        VerifiedAttestation verdict = verifier.attestations().verify(evidence, TWO_GPUS, nonce);
        assertThat(verdict.accelerators()).hasSize(2);
        byte[] expectedNonce = gpuNonce(verdict.claims().reportData());
        for (TeeClaims gpu : verdict.accelerators()) {
            assertThat(gpu.isHardware()).isFalse();
            assertThat(gpu.reportData()).isEqualTo(ReportData.padded(expectedNonce));
            assertThat(gpu.details()).containsEntry("rimStatus", "match").containsEntry("driverVersion", "550.99.99");
        }
        assertThat(verdict.accelerators().get(0).platformId()).isNotEqualTo(verdict.accelerators().get(1).platformId());

        // the portable envelope carries the whole composite and verifies the same after a round trip
        Evidence back = Evidence.decode(evidence.encode(), 1 << 20);
        assertThat(back.digest()).isEqualTo(evidence.digest());
        assertThat(verifier.attestations().verify(back, TWO_GPUS, nonce).accelerators()).hasSize(2);
    }

    /** Recomputes the documented derivation independently of the engine (docs/key-binding.md §3.4). */
    private static byte[] gpuNonce(ReportData cpuReportData) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("csdk-binding-v1/gpu".getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(cpuReportData.toByteArray());
        return sha.digest();
    }

    @Test
    void aPolicyNeedingMoreGpusThanTheNodeHasFails() {
        Nonce nonce = verifier.attestations().newNonce();
        AttestationPolicy three = TWO_GPUS.toBuilder().requireAccelerators(TeeType.NVIDIA_GPU_CC, 3).build();
        AttestationVerificationException e = reject(node.attest(nonce), three, nonce);
        assertThat(e.reason()).isEqualTo(ReasonCode.ACCELERATOR_MISSING);
        assertThat(e.getMessage()).contains("at least 3").contains("has 2");
    }

    @Test
    void aTamperedGpuReportFailsTheWholeAttestationNamingTheDevice() {
        Nonce nonce = verifier.attestations().newNonce();
        Evidence evidence = node.attest(nonce);
        Evidence gpu1 = evidence.accelerators().get(1);
        byte[] data = gpu1.data();
        data[37 + 8 + 55 + 7] ^= 1; // first value byte of measurement block 2
        Evidence tampered = Evidence.builder().teeType(evidence.teeType()).data(evidence.data())
                .keys(evidence.keys().orElseThrow()).addAccelerator(evidence.accelerators().get(0))
                .addAccelerator(gpu1.toBuilder().data(data).build()).build();
        AttestationVerificationException e = reject(tampered, TWO_GPUS, nonce);
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).startsWith("accelerator[1] (nvidia-gpu-cc): ");
        assertThat(e.teeType()).contains(TeeType.NVIDIA_GPU_CC);
    }

    @Test
    void gpusFromAnotherAttestationOfTheSameNodeAreRefused() {
        Nonce nonce = verifier.attestations().newNonce();
        Evidence fresh = node.attest(nonce);
        Evidence other = node.attest(verifier.attestations().newNonce());
        Evidence spliced = Evidence.builder().teeType(fresh.teeType()).data(fresh.data())
                .keys(fresh.keys().orElseThrow()).addAccelerator(fresh.accelerators().get(0))
                .addAccelerator(other.accelerators().get(1)).build();
        AttestationVerificationException e = reject(spliced, TWO_GPUS, nonce);
        assertThat(e.reason()).isEqualTo(ReasonCode.NONCE_MISMATCH);
        assertThat(e.getMessage()).startsWith("accelerator[1]");
    }

    @Test
    void withoutTheGpuReferenceManifestsTheVerdictIsCollateralUnavailable() {
        try (ConfidentialClient noRims = verifier((tee, name, max) -> java.util.Optional.empty())) {
            Nonce nonce = noRims.attestations().newNonce();
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> noRims.attestations().verify(node.attest(nonce), TWO_GPUS, nonce));
            assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
            assertThat(e.getMessage()).startsWith("accelerator[0]");
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void simulatedGpusNeverSatisfyAHardwarePolicyAndGpuClaimConstraintsApply() {
        Nonce nonce = verifier.attestations().newNonce();
        Evidence evidence = node.attest(nonce);
        AttestationPolicy hardware = AttestationPolicy.builder().allowMeasurement(ENGINE)
                .tcbByReferenceValues(TeeType.INTEL_TDX).requireMinimum(TeeType.INTEL_TDX, "quoteVersion", 4)
                .requireAccelerators(TeeType.NVIDIA_GPU_CC, 1).build();
        assertThat(reject(evidence, hardware, nonce).reason()).isEqualTo(ReasonCode.NON_HARDWARE_EVIDENCE);

        AttestationPolicy driver = TWO_GPUS.toBuilder().requireClaim(TeeType.NVIDIA_GPU_CC, "driverVersion", "535.104.05")
                .build();
        AttestationVerificationException e = reject(evidence, driver, nonce);
        assertThat(e.reason()).isEqualTo(ReasonCode.CLAIM_MISMATCH);
        assertThat(e.getMessage()).startsWith("accelerator[0]").contains("550.99.99");
    }
}
