package io.confidentialai.sdk.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.impl.internal.crypto.ReportDataBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PolicyAppraiserTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Measurement MRTD = Measurement.of(MeasurementSlot.MRTD, filled(48, 7));
    private static final TeePublicKeys KEYS = TeePublicKeys.of(filled(32, 1), filled(32, 2));
    private static final Nonce NONCE = Nonce.of(filled(32, 3), NOW.minusSeconds(30));
    private static final Evidence EVIDENCE = Evidence.builder().teeType(TeeType.INTEL_TDX).data(new byte[] {1}).keys(KEYS).build();
    private static final AttestationPolicy HARDWARE = AttestationPolicy.builder().allowMeasurement(MRTD).build();

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private static TeeClaims claims(UnaryOperator<TeeClaims.Builder> edit) {
        TeeClaims.Builder b = TeeClaims.builder().teeType(TeeType.INTEL_TDX).hardware(true).debug(false)
                .reportData(ReportDataBinding.commit(Challenge.nonce(NONCE), KEYS)).addMeasurement(MRTD)
                .tcbStatus(TcbStatus.UP_TO_DATE, "");
        return edit.apply(b).build();
    }

    private static ReasonCode reject(TeeClaims c, AttestationPolicy p, Challenge ch) {
        return assertThrows(AttestationVerificationException.class,
                () -> PolicyAppraiser.appraise(c, EVIDENCE, p, ch, NOW, true)).reason();
    }

    private static ReasonCode reject(TeeClaims c, AttestationPolicy p) {
        return reject(c, p, Challenge.nonce(NONCE));
    }

    @Test
    void acceptsMatchingHardwareClaims() throws Exception {
        PolicyAppraiser.appraise(claims(b -> b), EVIDENCE, HARDWARE, Challenge.nonce(NONCE), NOW, true);
    }

    @Test
    void evidenceOriginIsNeverMixed() {
        assertThat(reject(claims(b -> b.hardware(false)), HARDWARE)).isEqualTo(ReasonCode.NON_HARDWARE_EVIDENCE);
        AttestationPolicy dev = AttestationPolicy.insecureDevelopmentPolicy().allowMeasurement(MRTD).build();
        assertThat(reject(claims(b -> b), dev)).isEqualTo(ReasonCode.HARDWARE_EVIDENCE_NOT_ALLOWED);
    }

    @Test
    void teeTypeDebugAndMeasurements() {
        AttestationPolicy snpOnly = AttestationPolicy.builder()
                .allowMeasurement(Measurement.of(MeasurementSlot.SNP_MEASUREMENT, filled(48, 1))).build();
        assertThat(reject(claims(b -> b), snpOnly)).isEqualTo(ReasonCode.TEE_TYPE_NOT_ALLOWED);
        assertThat(reject(claims(b -> b.debug(true)), HARDWARE)).isEqualTo(ReasonCode.DEBUG_ENABLED);
        assertThat(reject(claims(b -> b.addMeasurement(Measurement.of(MeasurementSlot.MRTD, filled(48, 8)))), HARDWARE))
                .isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
        AttestationPolicy rtmr = HARDWARE.toBuilder().allowMeasurement(Measurement.of(MeasurementSlot.RTMR3, filled(48, 0))).build();
        assertThat(reject(claims(b -> b), rtmr)).isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
    }

    @Test
    void tcbRules() throws Exception {
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.NOT_EVALUATED, "")), HARDWARE))
                .isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.REVOKED, "")), HARDWARE)).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.SW_HARDENING_NEEDED, "")), HARDWARE))
                .isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        AttestationPolicy lenient = HARDWARE.toBuilder().minimumTcbStatus(TcbStatus.SW_HARDENING_NEEDED).build();
        PolicyAppraiser.appraise(claims(b -> b.tcbStatus(TcbStatus.SW_HARDENING_NEEDED, "")), EVIDENCE, lenient,
                Challenge.nonce(NONCE), NOW, true);
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.CONFIGURATION_NEEDED, "")), lenient))
                .isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        AttestationPolicy grace = HARDWARE.toBuilder().acceptOutOfDateTcb(Duration.ofDays(30)).build();
        PolicyAppraiser.appraise(claims(b -> b.tcbStatus(TcbStatus.OUT_OF_DATE, "").outOfDateSince(NOW.minus(Duration.ofDays(29)))),
                EVIDENCE, grace, Challenge.nonce(NONCE), NOW, true);
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.OUT_OF_DATE, "").outOfDateSince(NOW.minus(Duration.ofDays(31)))),
                grace)).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.OUT_OF_DATE, "")), grace)).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.OUT_OF_DATE, "").outOfDateSince(NOW)), HARDWARE))
                .isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
    }

    @Test
    void bindingAndFreshness() {
        Nonce other = Nonce.of(filled(32, 4), NOW);
        assertThat(reject(claims(b -> b), HARDWARE, Challenge.nonce(other))).isEqualTo(ReasonCode.NONCE_MISMATCH);
        TeePublicKeys otherKeys = TeePublicKeys.of(filled(32, 9), filled(32, 2));
        assertThat(reject(claims(b -> b.reportData(ReportDataBinding.commit(Challenge.nonce(NONCE), otherKeys))), HARDWARE))
                .isEqualTo(ReasonCode.KEY_BINDING_MISMATCH);
        Nonce stale = Nonce.of(filled(32, 3), NOW.minus(Duration.ofMinutes(11)));
        assertThat(reject(claims(b -> b), HARDWARE, Challenge.nonce(stale))).isEqualTo(ReasonCode.EVIDENCE_TOO_OLD);
        assertThat(reject(claims(b -> b), HARDWARE, Challenge.nonce(Nonce.of(filled(32, 3)))))
                .isEqualTo(ReasonCode.EVIDENCE_TOO_OLD);
        Evidence noKeys = Evidence.of(TeeType.INTEL_TDX, new byte[] {1});
        assertThat(assertThrows(AttestationVerificationException.class, () -> PolicyAppraiser.appraise(claims(b -> b), noKeys,
                HARDWARE, Challenge.nonce(NONCE), NOW, true)).reason()).isEqualTo(ReasonCode.KEY_BINDING_MISMATCH);
        Digest order = Digest.sha256(new byte[] {5});
        assertThat(reject(claims(b -> b), HARDWARE, Challenge.order(order, NOW))).isEqualTo(ReasonCode.NONCE_MISMATCH);
    }

    @Test
    void claimConstraints() throws Exception {
        AttestationPolicy p = HARDWARE.toBuilder().requireClaim(TeeType.INTEL_TDX, "quoteVersion", "4", "5")
                .requireMinimum(TeeType.INTEL_TDX, "qeSvn", 3).build();
        PolicyAppraiser.appraise(claims(b -> b.detail("quoteVersion", 4L).detail("qeSvn", 3L)), EVIDENCE, p,
                Challenge.nonce(NONCE), NOW, true);
        assertThat(reject(claims(b -> b.detail("quoteVersion", 3L).detail("qeSvn", 3L)), p)).isEqualTo(ReasonCode.CLAIM_MISMATCH);
        assertThat(reject(claims(b -> b.detail("quoteVersion", 4L).detail("qeSvn", 2L)), p)).isEqualTo(ReasonCode.CLAIM_MISMATCH);
        assertThat(reject(claims(b -> b.detail("quoteVersion", 4L)), p)).isEqualTo(ReasonCode.CLAIM_MISMATCH);
        assertThat(reject(claims(b -> b.detail("quoteVersion", 4L).detail("qeSvn", "3")), p)).isEqualTo(ReasonCode.CLAIM_MISMATCH);
        // constraints on another TEE type do not apply
        AttestationPolicy snp = HARDWARE.toBuilder().insecureAnyMeasurement(TeeType.AMD_SEV_SNP)
                .requireClaim(TeeType.AMD_SEV_SNP, "vmpl", "0").build();
        PolicyAppraiser.appraise(claims(b -> b), EVIDENCE, snp, Challenge.nonce(NONCE), NOW, true);
    }

    @Test
    void tcbByReferenceValuesAcceptsAnUnevaluatedTcbOnlyWithConstraints() throws Exception {
        assertThatThrownByBuild();
        AttestationPolicy p = HARDWARE.toBuilder().tcbByReferenceValues(TeeType.INTEL_TDX)
                .requireMinimum(TeeType.INTEL_TDX, "teeTcbSvn.major", 3).build();
        TeeClaims unevaluated = claims(b -> b.tcbStatus(TcbStatus.NOT_EVALUATED, "").detail("teeTcbSvn.major", 3L));
        PolicyAppraiser.appraise(unevaluated, EVIDENCE, p, Challenge.nonce(NONCE), NOW, true);
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.NOT_EVALUATED, "").detail("teeTcbSvn.major", 2L)), p))
                .isEqualTo(ReasonCode.CLAIM_MISMATCH);
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.REVOKED, "").detail("teeTcbSvn.major", 3L)), p))
                .isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(reject(claims(b -> b.tcbStatus(TcbStatus.OUT_OF_DATE, "").detail("teeTcbSvn.major", 3L)), p))
                .isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
    }

    private static void assertThatThrownByBuild() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HARDWARE.toBuilder().tcbByReferenceValues(TeeType.INTEL_TDX)
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("requireMinimum");
    }

    @Test
    void reportDataChallengeComparesExactly() throws Exception {
        ReportData rd = ReportData.padded(new byte[] {1, 2, 3});
        TeeClaims c = claims(b -> b.reportData(rd));
        PolicyAppraiser.appraise(c, EVIDENCE, HARDWARE, Challenge.reportData(rd, NOW), NOW, true);
        assertThat(reject(c, HARDWARE, Challenge.reportData(ReportData.padded(new byte[] {1, 2, 4}), NOW)))
                .isEqualTo(ReasonCode.NONCE_MISMATCH);
    }
}
