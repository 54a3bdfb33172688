package io.confidentialai.sdk.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.impl.internal.crypto.ReportDataBinding;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The accelerator half of a composite attestation: nonce derivation, RIM status, origin, counts, device index. */
class CompositeAppraisalTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final TeeType GPU = TeeType.NVIDIA_GPU_CC;
    private static final Measurement MRTD = Measurement.of(MeasurementSlot.MRTD, filled(48, 7));
    private static final TeePublicKeys KEYS = TeePublicKeys.of(filled(32, 1), filled(32, 2));
    private static final Nonce NONCE = Nonce.of(filled(32, 3), NOW.minusSeconds(30));
    private static final ReportData CPU_REPORT_DATA = ReportDataBinding.commit(Challenge.nonce(NONCE), KEYS);
    private static final TeeClaims CPU = TeeClaims.builder().teeType(TeeType.INTEL_TDX).hardware(true).debug(false)
            .reportData(CPU_REPORT_DATA).addMeasurement(MRTD).tcbStatus(TcbStatus.UP_TO_DATE, "").build();
    private static final AttestationPolicy ONE_GPU = AttestationPolicy.builder().allowMeasurement(MRTD)
            .requireAccelerators(GPU, 1).build();

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static TeeClaims gpu(UnaryOperator<TeeClaims.Builder> edit) {
        TeeClaims.Builder b = TeeClaims.builder().teeType(GPU).hardware(true).debug(false)
                .reportData(ReportData.padded(ReportDataBinding.gpuNonce(CPU_REPORT_DATA)))
                .tcbStatus(TcbStatus.NOT_EVALUATED, "GPU TCB is appraised through RIM matching")
                .detail("rimStatus", "match").detail("driverVersion", "550.90.07");
        return edit.apply(b).build();
    }

    private static AttestationVerificationException reject(List<TeeClaims> gpus, AttestationPolicy policy) {
        return assertThrows(AttestationVerificationException.class,
                () -> PolicyAppraiser.appraiseAccelerators(CPU, gpus, policy));
    }

    @Test
    void acceptsDevicesWhoseNonceDerivesFromTheCpuReportDataAndWhoseRimsMatch() throws Exception {
        PolicyAppraiser.appraiseAccelerators(CPU, List.of(gpu(b -> b), gpu(b -> b)), ONE_GPU);
    }

    @Test
    void aNonceNotDerivedFromTheCpuCommitmentFailsWithTheDeviceIndex() {
        TeeClaims stale = gpu(b -> b.reportData(ReportData.padded(filled(32, 9))));
        AttestationVerificationException e = reject(List.of(gpu(b -> b), stale), ONE_GPU);
        assertThat(e.reason()).isEqualTo(ReasonCode.NONCE_MISMATCH);
        assertThat(e.getMessage()).startsWith("accelerator[1] (nvidia-gpu-cc): binding:");
        assertThat(e.teeType()).contains(GPU);
        // the nonce's second half must be zero: a device cannot smuggle other bytes in
        byte[] padded = ReportData.padded(ReportDataBinding.gpuNonce(CPU_REPORT_DATA)).toByteArray();
        padded[40] = 1;
        assertThat(reject(List.of(gpu(b -> b.reportData(ReportData.of(padded)))), ONE_GPU).reason())
                .isEqualTo(ReasonCode.NONCE_MISMATCH);
    }

    @Test
    void rimMismatchNamesTheBlocksAndMissingRimsAreCollateralUnavailable() {
        AttestationVerificationException e = reject(List.of(gpu(b -> b.detail("rimStatus", "mismatch")
                .detail("rimMismatches", List.of("2", "7")).detail("rimMissing", List.of("9")))), ONE_GPU);
        assertThat(e.reason()).isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
        assertThat(e.getMessage()).contains("accelerator[0]").contains("[2, 7]").contains("[9]");
        assertThat(reject(List.of(gpu(b -> b.detail("rimStatus", "not-evaluated"))), ONE_GPU).reason())
                .isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
        TeeClaims noStatus = TeeClaims.builder().teeType(GPU).hardware(true).debug(false)
                .reportData(ReportData.padded(ReportDataBinding.gpuNonce(CPU_REPORT_DATA))).build();
        assertThat(reject(List.of(noStatus), ONE_GPU).reason()).isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
    }

    @Test
    void originAndDebugApplyToEveryDevice() {
        assertThat(reject(List.of(gpu(b -> b.hardware(false))), ONE_GPU).reason())
                .isEqualTo(ReasonCode.NON_HARDWARE_EVIDENCE);
        AttestationPolicy dev = AttestationPolicy.insecureDevelopmentPolicy().allowTee(TeeType.SIMULATED)
                .requireAccelerators(GPU, 1).build();
        assertThat(reject(List.of(gpu(b -> b)), dev).reason()).isEqualTo(ReasonCode.HARDWARE_EVIDENCE_NOT_ALLOWED);
        assertThat(reject(List.of(gpu(b -> b.debug(true))), ONE_GPU).reason()).isEqualTo(ReasonCode.DEBUG_ENABLED);
    }

    @Test
    void theRequiredCountIsEnforcedAndUnrequiredDevicesMustStillPass() throws Exception {
        AttestationPolicy two = ONE_GPU.toBuilder().requireAccelerators(GPU, 2).build();
        AttestationVerificationException e = reject(List.of(gpu(b -> b)), two);
        assertThat(e.reason()).isEqualTo(ReasonCode.ACCELERATOR_MISSING);
        assertThat(e.getMessage()).contains("at least 2").contains("has 1");
        assertThat(reject(List.of(), ONE_GPU).reason()).isEqualTo(ReasonCode.ACCELERATOR_MISSING);

        AttestationPolicy cpuOnly = AttestationPolicy.builder().allowMeasurement(MRTD).build();
        PolicyAppraiser.appraiseAccelerators(CPU, List.of(), cpuOnly);
        assertThat(reject(List.of(gpu(b -> b.detail("rimStatus", "mismatch"))), cpuOnly).reason())
                .isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
    }

    @Test
    void claimAndMeasurementConstraintsForTheAcceleratorTypeApplyToEachDevice() throws Exception {
        AttestationPolicy driver = ONE_GPU.toBuilder().requireClaim(GPU, "driverVersion", "550.90.07").build();
        PolicyAppraiser.appraiseAccelerators(CPU, List.of(gpu(b -> b)), driver);
        AttestationVerificationException e = reject(List.of(gpu(b -> b), gpu(b -> b.detail("driverVersion", "535.0"))),
                driver);
        assertThat(e.reason()).isEqualTo(ReasonCode.CLAIM_MISMATCH);
        assertThat(e.getMessage()).startsWith("accelerator[1]");

        MeasurementSlot block3 = MeasurementSlot.of(GPU, "block-3");
        AttestationPolicy pinned = ONE_GPU.toBuilder().allowMeasurement(Measurement.of(block3, filled(48, 5))).build();
        assertThat(reject(List.of(gpu(b -> b.addMeasurement(Measurement.of(block3, filled(48, 6))))), pinned).reason())
                .isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
    }

    @Test
    void policyRoundTripsAcceleratorsAndCpuOnlyPoliciesKeepTheirCanonicalForm() {
        AttestationPolicy p = ONE_GPU.toBuilder().requireClaim(GPU, "driverVersion", "550.90.07").build();
        assertThat(p.toCanonicalString()).contains("\"accelerators\":{\"nvidia-gpu-cc\":1}");
        AttestationPolicy back = AttestationPolicy.parse(p.toCanonicalString());
        assertThat(back).isEqualTo(p);
        assertThat(back.requiredAccelerators()).containsEntry(GPU, 1);
        assertThat(AttestationPolicy.builder().allowMeasurement(MRTD).build().toCanonicalString()).doesNotContain("accelerators");
        assertThrows(IllegalArgumentException.class, () -> AttestationPolicy.parse(
                p.toCanonicalString().replace("\"nvidia-gpu-cc\":1", "\"nvidia-gpu-cc\":0")));
        assertThrows(IllegalArgumentException.class, () -> AttestationPolicy.builder().requireAccelerators(GPU, 17));
    }
}
