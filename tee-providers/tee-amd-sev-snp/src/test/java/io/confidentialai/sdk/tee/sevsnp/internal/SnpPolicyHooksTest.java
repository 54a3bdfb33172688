package io.confidentialai.sdk.tee.sevsnp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SEV-SNP policy hooks end to end through {@link ConfidentialClient} (engine in confidential-sdk-impl, test scope):
 * minimum TCB per component, allowed measurements, debug rejected by default, VMPL and ID key digest requirements.
 */
class SnpPolicyHooksTest {
    private static final byte[] MEASUREMENT = SimulatedSnpTest.filled(48, 5);
    private static final ReportData REPORT_DATA = ReportData.of(SimulatedSnpTest.filled(64, 6));

    @TempDir
    static Path dir;
    private static ConfidentialClient client;
    private static Evidence evidence;
    private static Evidence debugEvidence;

    @BeforeAll
    static void setUp() {
        evidence = SimulatedSnpTest.collector(dir, false, MEASUREMENT, new byte[32]).collect(REPORT_DATA);
        debugEvidence = SimulatedSnpTest.collector(dir, true, MEASUREMENT, new byte[32]).collect(REPORT_DATA);
        client = ConfidentialClient.builder().insecureTrustSimulationRoot(dir.resolve(SimulatedSnpTest.ARK_FILE))
                .build();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    private static AttestationPolicy.Builder base() {
        return AttestationPolicy.insecureDevelopmentPolicy()
                .allowMeasurement(Measurement.of(MeasurementSlot.SNP_MEASUREMENT, MEASUREMENT));
    }

    private static VerifiedAttestation verify(Evidence e, AttestationPolicy p) throws AttestationVerificationException {
        return client.attestations().verify(e, p, Challenge.reportData(REPORT_DATA, Instant.now()));
    }

    private static ReasonCode rejection(UnaryOperator<AttestationPolicy.Builder> policy) {
        return assertThrows(AttestationVerificationException.class,
                () -> verify(evidence, policy.apply(base()).build())).reason();
    }

    @Test
    void everyHookPassesWhenItsClaimMatches() throws Exception {
        AttestationPolicy policy = base()
                .requireMinimum(TeeType.AMD_SEV_SNP, "reportedTcb.snp", 22)
                .requireMinimum(TeeType.AMD_SEV_SNP, "reportedTcb.microcode", 200)
                .requireMinimum(TeeType.AMD_SEV_SNP, "reportedTcb.bootloader", 4)
                .requireMinimum(TeeType.AMD_SEV_SNP, "reportedTcb.tee", 0)
                .requireClaim(TeeType.AMD_SEV_SNP, "vmpl", "0")
                .requireClaim(TeeType.AMD_SEV_SNP, "idKeyDigest", "00".repeat(48))
                .requireClaim(TeeType.AMD_SEV_SNP, "policy.migrateMa", "false")
                .requireClaim(TeeType.AMD_SEV_SNP, "signingKey", "vcek")
                .build();
        VerifiedAttestation verdict = verify(evidence, policy);
        assertThat(verdict.claims().details()).containsEntry("reportedTcb.snp", 22L);
    }

    @Test
    void minimumTcbComponentRejectsAnOlderPlatform() {
        assertThat(rejection(b -> b.requireMinimum(TeeType.AMD_SEV_SNP, "reportedTcb.snp", 23)))
                .isEqualTo(ReasonCode.CLAIM_MISMATCH);
        assertThat(rejection(b -> b.requireMinimum(TeeType.AMD_SEV_SNP, "reportedTcb.microcode", 214)))
                .isEqualTo(ReasonCode.CLAIM_MISMATCH);
        assertThat(rejection(b -> b.requireMinimum(TeeType.AMD_SEV_SNP, "reportedTcb.fmc", 0)))
                .as("no FMC outside Turin").isEqualTo(ReasonCode.CLAIM_MISMATCH);
    }

    @Test
    void vmplAndIdKeyDigestRequirementsReject() {
        assertThat(rejection(b -> b.requireClaim(TeeType.AMD_SEV_SNP, "vmpl", "1")))
                .isEqualTo(ReasonCode.CLAIM_MISMATCH);
        assertThat(rejection(b -> b.requireClaim(TeeType.AMD_SEV_SNP, "idKeyDigest", "ab".repeat(48))))
                .isEqualTo(ReasonCode.CLAIM_MISMATCH);
    }

    @Test
    void otherMeasurementIsRejected() {
        AttestationPolicy other = AttestationPolicy.insecureDevelopmentPolicy()
                .allowMeasurement(Measurement.of(MeasurementSlot.SNP_MEASUREMENT, new byte[48])).build();
        assertThat(assertThrows(AttestationVerificationException.class, () -> verify(evidence, other)).reason())
                .isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
    }

    @Test
    void debugIsRejectedEvenByTheDevelopmentPolicy() {
        assertThat(assertThrows(AttestationVerificationException.class,
                () -> verify(debugEvidence, base().build())).reason()).isEqualTo(ReasonCode.DEBUG_ENABLED);
    }

    @Test
    void hardwarePolicyRejectsSimulatedReports() {
        AttestationPolicy hardware = AttestationPolicy.builder()
                .allowMeasurement(Measurement.of(MeasurementSlot.SNP_MEASUREMENT, MEASUREMENT)).build();
        assertThat(assertThrows(AttestationVerificationException.class, () -> verify(evidence, hardware)).reason())
                .isEqualTo(ReasonCode.NON_HARDWARE_EVIDENCE);
    }

    @Test
    void realDebugReportIsRejectedByTheDefaultPolicyWithDebugEnabled() throws Exception {
        Evidence gosev = Vectors.evidence("snp/gosev-milan-report.bin", "snp/gosev-milan-vcek.der");
        try (ConfidentialClient real = ConfidentialClient.builder()
                .clock(Clock.fixed(SnpVectorTest.MILAN_AT, ZoneOffset.UTC)).build()) {
            assertThat(real.attestations().authenticate(gosev).isDebug()).isTrue();
            AttestationPolicy policy = AttestationPolicy.builder().insecureAnyMeasurement(TeeType.AMD_SEV_SNP).build();
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> real.attestations().verify(gosev, policy,
                            Challenge.reportData(ReportData.padded(new byte[] {1, 2, 3, 4, 5}), SnpVectorTest.MILAN_AT)));
            assertThat(e.reason()).isEqualTo(ReasonCode.DEBUG_ENABLED);
        }
    }

    @Test
    void realNonDebugReportFailsAHardwarePolicyClosedBecauseTheTcbIsNotEvaluated() throws Exception {
        Evidence virtee = Vectors.evidence("snp/virtee-milan-report.hex", "snp/virtee-milan-vcek.der");
        try (ConfidentialClient real = ConfidentialClient.builder()
                .clock(Clock.fixed(SnpVectorTest.MILAN_AT, ZoneOffset.UTC)).build()) {
            ReportData rd = real.attestations().authenticate(virtee).reportData();
            AttestationPolicy policy = AttestationPolicy.builder().insecureAnyMeasurement(TeeType.AMD_SEV_SNP).build();
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> real.attestations().verify(virtee, policy, Challenge.reportData(rd, SnpVectorTest.MILAN_AT)));
            assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
        }
    }
}
