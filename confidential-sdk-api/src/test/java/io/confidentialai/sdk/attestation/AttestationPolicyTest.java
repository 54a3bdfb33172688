package io.confidentialai.sdk.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttestationPolicyTest {
    private static final String MRTD = "ab".repeat(48);

    private static AttestationPolicy sample() {
        return AttestationPolicy.builder()
                .allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, MRTD))
                .allowMeasurement(Measurement.ofHex(MeasurementSlot.RTMR0, "01".repeat(48)))
                .minimumTcbStatus(TcbStatus.SW_HARDENING_NEEDED)
                .acceptOutOfDateTcb(Duration.ofDays(30))
                .maxEvidenceAge(Duration.ofMinutes(5))
                .build();
    }

    @Test
    void canonicalFormRoundTripsAndIsStable() {
        AttestationPolicy p = sample();
        AttestationPolicy parsed = AttestationPolicy.parse(p.toCanonicalString());
        assertThat(parsed).isEqualTo(p);
        assertThat(parsed.digest()).isEqualTo(p.digest());
        assertThat(parsed.toCanonicalString()).isEqualTo(p.toCanonicalString());
        assertThat(p.toCanonicalString()).isEqualTo("{\"anyMeasurement\":[],\"claimMinimums\":{},\"claims\":{},\"evidence\":\"hardware\",\"maxEvidenceAge\":\"PT5M\","
                + "\"measurements\":{\"intel-tdx/mrtd\":[\"" + MRTD + "\"],\"intel-tdx/rtmr0\":[\"" + "01".repeat(48) + "\"]},"
                + "\"minimumTcbStatus\":\"SW_HARDENING_NEEDED\",\"outOfDateTcbGrace\":\"PT720H\",\"tcbByReferenceValues\":[],\"tees\":[\"intel-tdx\"],\"version\":1}");
    }

    @Test
    void insertionOrderDoesNotChangeTheDigest() {
        AttestationPolicy a = AttestationPolicy.builder()
                .allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, "01".repeat(48)))
                .allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, "02".repeat(48))).build();
        AttestationPolicy b = AttestationPolicy.builder()
                .allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, "02".repeat(48)))
                .allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, "01".repeat(48))).build();
        assertThat(a.digest()).isEqualTo(b.digest());
    }

    @Test
    void randomPoliciesRoundTrip() {
        Random r = new Random(7);
        MeasurementSlot[] slots = {MeasurementSlot.MRTD, MeasurementSlot.RTMR1, MeasurementSlot.SNP_MEASUREMENT,
            MeasurementSlot.CCA_REALM_INITIAL};
        for (int i = 0; i < 200; i++) {
            AttestationPolicy.Builder b = r.nextBoolean() ? AttestationPolicy.builder() : AttestationPolicy.insecureDevelopmentPolicy();
            int n = 1 + r.nextInt(4);
            for (int j = 0; j < n; j++) {
                byte[] v = new byte[1 + r.nextInt(64)];
                r.nextBytes(v);
                b.allowMeasurement(Measurement.of(slots[r.nextInt(slots.length)], v));
            }
            if (r.nextBoolean()) {
                b.maxEvidenceAge(Duration.ofSeconds(1 + r.nextInt(100000)));
            }
            if (r.nextBoolean()) {
                b.acceptOutOfDateTcb(Duration.ofHours(1 + r.nextInt(1000)));
            }
            AttestationPolicy p = b.build();
            assertThat(AttestationPolicy.parse(p.toCanonicalString())).isEqualTo(p);
            assertThat(p.toBuilder().build()).isEqualTo(p);
        }
    }

    @Test
    void claimConstraintsRoundTripAndMustNameAnAllowedTee() {
        AttestationPolicy p = AttestationPolicy.builder().allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, MRTD))
                .insecureAnyMeasurement(TeeType.AMD_SEV_SNP)
                .requireClaim(TeeType.AMD_SEV_SNP, "vmpl", "0").requireMinimum(TeeType.AMD_SEV_SNP, "reportedTcb.snp", 8)
                .tcbByReferenceValues(TeeType.AMD_SEV_SNP).build();
        assertThat(p.tcbByReferenceValues()).containsExactly(TeeType.AMD_SEV_SNP);
        assertThat(p.claimValues()).containsEntry("amd-sev-snp/vmpl", java.util.Set.of("0"));
        assertThat(p.claimMinimums()).containsEntry("amd-sev-snp/reportedTcb.snp", 8L);
        assertThat(AttestationPolicy.parse(p.toCanonicalString())).isEqualTo(p);
        assertThat(p.toBuilder().requireClaim(TeeType.AMD_SEV_SNP, "vmpl", "1").build().digest()).isNotEqualTo(p.digest());
        assertThatThrownBy(() -> AttestationPolicy.builder().allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, MRTD))
                .requireClaim(TeeType.ARM_CCA, "lifecycle", "secured").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("arm-cca/lifecycle");
        assertThatThrownBy(() -> AttestationPolicy.builder().requireClaim(TeeType.ARM_CCA, "bad name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secureDefaults() {
        AttestationPolicy p = AttestationPolicy.builder().allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, MRTD)).build();
        assertThat(p.evidenceOrigin()).isEqualTo(AttestationPolicy.EvidenceOrigin.HARDWARE);
        assertThat(p.isInsecure()).isFalse();
        assertThat(p.minimumTcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(p.outOfDateTcbGrace()).isZero();
        assertThat(p.maxEvidenceAge()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void hardwarePolicyMustPinAMeasurementPerTee() {
        assertThatThrownBy(() -> AttestationPolicy.builder().allowTee(TeeType.INTEL_TDX).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("intel-tdx");
        assertThatThrownBy(() -> AttestationPolicy.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThat(AttestationPolicy.builder().insecureAnyMeasurement(TeeType.INTEL_TDX).build().allowedTees())
                .containsExactly(TeeType.INTEL_TDX);
        assertThat(AttestationPolicy.insecureDevelopmentPolicy().allowTee(TeeType.INTEL_TDX).build().isInsecure()).isTrue();
    }

    @Test
    void weakeningSettersAreRejected() {
        AttestationPolicy.Builder b = AttestationPolicy.builder();
        assertThatThrownBy(() -> b.minimumTcbStatus(TcbStatus.OUT_OF_DATE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.minimumTcbStatus(TcbStatus.REVOKED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.minimumTcbStatus(TcbStatus.NOT_EVALUATED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxEvidenceAge(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxEvidenceAge(Duration.ofDays(400))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.acceptOutOfDateTcb(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseRejectsTamperedOrUnknownDocuments() {
        String c = sample().toCanonicalString();
        assertThatThrownBy(() -> AttestationPolicy.parse(c.replace("\"version\":1", "\"version\":2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttestationPolicy.parse(c.replace("}", ",\"allowDebug\":true}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttestationPolicy.parse(c.replace("hardware", "anything")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttestationPolicy.parse(c.replace("SW_HARDENING_NEEDED", "REVOKED")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttestationPolicy.parse("{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttestationPolicy.parse("[" .repeat(100000))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digestChangesWithEveryField() {
        AttestationPolicy p = sample();
        assertThat(p.toBuilder().maxEvidenceAge(Duration.ofMinutes(6)).build().digest()).isNotEqualTo(p.digest());
        assertThat(p.toBuilder().allowTee(TeeType.AMD_SEV_SNP).insecureAnyMeasurement(TeeType.AMD_SEV_SNP).build().digest())
                .isNotEqualTo(p.digest());
        assertThat(p.toBuilder().allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, "cd".repeat(48))).build().digest())
                .isNotEqualTo(p.digest());
    }
}
