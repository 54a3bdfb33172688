package io.confidentialai.sdk.tee.cca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.NodeOptions;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.TeeNode;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies over CCA claims through {@link ConfidentialClient}: the engine's appraisal of what this provider proved. */
class CcaEndToEndTest {
    private static final Clock CLOCK = Clock.fixed(Vectors.AT, ZoneOffset.UTC);
    private static final Measurement RIM_ZERO = Measurement.of(MeasurementSlot.CCA_REALM_INITIAL, new byte[32]);
    private static final Challenge TOKEN_01_CHALLENGE = Challenge.reportData(
            ReportData.of(TestTokens.filled(64, 0xab)), Vectors.AT);

    @TempDir
    Path dir;

    private static ConfidentialClient hardwareClient(boolean referenceValues) {
        ConfidentialClient.Builder b = ConfidentialClient.builder().clock(CLOCK)
                .trustAnchor(Vectors.anchor(Vectors.CPAK_TA));
        if (referenceValues) {
            b.collateral(Vectors.referenceValues(Vectors.read(Vectors.REFERENCE_VALUES)));
        }
        return b.build();
    }

    private static Evidence token01() {
        return Evidence.of(TeeType.ARM_CCA, Vectors.read(Vectors.TOKEN_01));
    }

    private static AttestationPolicy.Builder securedPolicy() {
        return AttestationPolicy.builder().allowMeasurement(RIM_ZERO)
                .requireClaim(TeeType.ARM_CCA, "lifecycle", "secured");
    }

    @Test
    void aRealTokenWithEndorsedFirmwarePassesAHardwarePolicy() throws Exception {
        try (ConfidentialClient client = hardwareClient(true)) {
            AttestationPolicy policy = securedPolicy()
                    .allowMeasurement(Measurement.ofHex(MeasurementSlot.of(TeeType.ARM_CCA, "sw-bl"),
                            "07060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918"))
                    .build();
            VerifiedAttestation v = client.attestations().verify(token01(), policy, TOKEN_01_CHALLENGE);
            assertThat(v.claims().isHardware()).isTrue();
            assertThat(v.claims().details().get("lifecycle")).isEqualTo("secured");
        }
    }

    @Test
    void withoutReferenceValuesAHardwarePolicyFailsClosed() {
        try (ConfidentialClient client = hardwareClient(false)) {
            assertThat(reason(client, securedPolicy().build(), TOKEN_01_CHALLENGE))
                    .isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
        }
    }

    @Test
    void policyHooksRejectWithTheirReasons() {
        try (ConfidentialClient client = hardwareClient(true)) {
            Measurement otherRim = Measurement.of(MeasurementSlot.CCA_REALM_INITIAL, TestTokens.filled(32, 1));
            assertThat(reason(client, AttestationPolicy.builder().allowMeasurement(otherRim).build(),
                    TOKEN_01_CHALLENGE)).isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
            Measurement otherRem = Measurement.of(MeasurementSlot.of(TeeType.ARM_CCA, "rem1"), TestTokens.filled(32, 1));
            assertThat(reason(client, securedPolicy().allowMeasurement(otherRem).build(), TOKEN_01_CHALLENGE))
                    .isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
            Measurement otherBl = Measurement.of(MeasurementSlot.of(TeeType.ARM_CCA, "sw-bl"), TestTokens.filled(32, 1));
            assertThat(reason(client, securedPolicy().allowMeasurement(otherBl).build(), TOKEN_01_CHALLENGE))
                    .isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
            AttestationPolicy decommissioned = AttestationPolicy.builder().allowMeasurement(RIM_ZERO)
                    .requireClaim(TeeType.ARM_CCA, "lifecycle", "decommissioned").build();
            assertThat(reason(client, decommissioned, TOKEN_01_CHALLENGE)).isEqualTo(ReasonCode.CLAIM_MISMATCH);
            Challenge other = Challenge.reportData(ReportData.of(TestTokens.filled(64, 0xac)), Vectors.AT);
            assertThat(reason(client, securedPolicy().build(), other)).isEqualTo(ReasonCode.NONCE_MISMATCH);
            AttestationPolicy dev = AttestationPolicy.insecureDevelopmentPolicy().allowMeasurement(RIM_ZERO).build();
            assertThat(reason(client, dev, TOKEN_01_CHALLENGE)).isEqualTo(ReasonCode.HARDWARE_EVIDENCE_NOT_ALLOWED);
        }
    }

    @Test
    void theBug33TokenIsRejectedByTheEngine() {
        try (ConfidentialClient client = hardwareClient(true)) {
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> client.attestations().authenticate(Evidence.of(TeeType.ARM_CCA,
                            Vectors.read(Vectors.BUG_33))));
            assertThat(e.reason()).isEqualTo(ReasonCode.KEY_BINDING_MISMATCH);
        }
    }

    private static ReasonCode reason(ConfidentialClient client, AttestationPolicy policy, Challenge challenge) {
        return assertThrows(AttestationVerificationException.class,
                () -> client.attestations().verify(token01(), policy, challenge)).reason();
    }

    @Test
    void aSimulatedRealmBindsTheNonceAndKeysThroughTheRealmChallenge() throws Exception {
        Measurement rim = Measurement.of(MeasurementSlot.CCA_REALM_INITIAL, TestTokens.filled(32, 0x61));
        try (ConfidentialClient nodeClient = ConfidentialClient.builder().build();
                TeeNode node = nodeClient.openNode(NodeOptions.builder().workDirectory(dir.resolve("node"))
                        .simulation(SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(dir.resolve("sim"))
                                .measurement(rim).build()).build());
                ConfidentialClient owner = ConfidentialClient.builder()
                        .insecureTrustSimulationRoot(dir.resolve("sim/" + SimulatedCcaTokenTest.CPAK_FILE)).build()) {
            AttestationPolicy policy = AttestationPolicy.insecureDevelopmentPolicy().allowMeasurement(rim)
                    .requireClaim(TeeType.ARM_CCA, "lifecycle", "secured").build();
            Nonce nonce = owner.attestations().newNonce();
            Evidence evidence = node.attest(nonce);
            assertThat(evidence.teeType()).isEqualTo(TeeType.ARM_CCA);
            VerifiedAttestation v = owner.attestations().verify(evidence, policy, nonce);
            assertThat(v.claims().isHardware()).isFalse();
            assertThat(v.claims().details().get("realmChallenge")).isEqualTo(v.claims().reportData().toHex());

            Nonce other = owner.attestations().newNonce();
            assertThat(assertThrows(AttestationVerificationException.class,
                    () -> owner.attestations().verify(evidence, policy, other)).reason())
                    .isEqualTo(ReasonCode.NONCE_MISMATCH);
            AttestationPolicy hardware = AttestationPolicy.builder().allowMeasurement(rim).build();
            assertThat(assertThrows(AttestationVerificationException.class,
                    () -> owner.attestations().verify(evidence, hardware, nonce)).reason())
                    .isEqualTo(ReasonCode.NON_HARDWARE_EVIDENCE);
        }
    }
}
