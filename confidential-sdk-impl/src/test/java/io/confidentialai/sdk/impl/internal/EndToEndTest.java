package io.confidentialai.sdk.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AssetKey;
import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.DatasetSpec;
import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.IntegrityReport;
import io.confidentialai.sdk.IntegrityVerificationException;
import io.confidentialai.sdk.KeyGrant;
import io.confidentialai.sdk.ModelSpec;
import io.confidentialai.sdk.NodeOptions;
import io.confidentialai.sdk.OrderFailedException;
import io.confidentialai.sdk.OrderResult;
import io.confidentialai.sdk.OrderSpec;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.RecipientKeyPair;
import io.confidentialai.sdk.ResultOutput;
import io.confidentialai.sdk.SealedAsset;
import io.confidentialai.sdk.SealedInput;
import io.confidentialai.sdk.TeeNode;
import io.confidentialai.sdk.VerifiedReport;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import io.confidentialai.sdk.spi.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow 1 end to end with the simulated TEE (real TDX quote format, verified by the TDX provider with the
 * simulation root), and every way it must refuse.
 */
class EndToEndTest {
    /** Reverses the model's bytes after the input's, so the output proves both were decrypted. */
    static final Workload CONCAT = ctx -> {
        byte[] model;
        try (InputStream m = ctx.openModel()) {
            model = m.readAllBytes();
        }
        try (OutputStream out = ctx.createOutput("result.bin")) {
            for (int i = 0; i < ctx.inputCount(); i++) {
                try (InputStream in = ctx.openInput(i)) {
                    in.transferTo(out);
                }
            }
            out.write(model);
            out.write(ctx.parameters().getOrDefault("suffix", "").getBytes(StandardCharsets.UTF_8));
        }
    };

    @TempDir
    Path dir;
    private final Measurement engine = Measurement.of(MeasurementSlot.MRTD, new byte[48]);
    private ConfidentialClient nodeClient;
    private ConfidentialClient owner;
    private TeeNode node;
    private AttestationPolicy policy;
    private AssetKey dataKey;
    private AssetKey modelKey;
    private SealedAsset data;
    private SealedAsset model;
    private RecipientKeyPair recipient;
    private byte[] dataBytes;

    @BeforeEach
    void setUp() throws IOException {
        nodeClient = ConfidentialClient.builder().build();
        node = openNode(false);
        owner = ownerClient(Clock.systemUTC());
        policy = AttestationPolicy.insecureDevelopmentPolicy().allowMeasurement(engine).build();
        dataBytes = new byte[300_000];
        new Random(1).nextBytes(dataBytes);
        Files.write(dir.resolve("data.bin"), dataBytes);
        Files.write(dir.resolve("model.bin"), "MODEL".getBytes(StandardCharsets.US_ASCII));
        dataKey = AssetKey.generate();
        modelKey = AssetKey.generate();
        data = owner.datasets().encrypt(DatasetSpec.builder().name("data").source(dir.resolve("data.bin")).build(), dataKey,
                dir.resolve("data.sealed"));
        model = owner.models().encrypt(ModelSpec.builder().name("model").source(dir.resolve("model.bin")).build(), modelKey,
                dir.resolve("model.sealed"));
        recipient = RecipientKeyPair.generate();
    }

    @AfterEach
    void tearDown() {
        node.close();
        nodeClient.close();
        owner.close();
    }

    private TeeNode openNode(boolean debug) {
        return nodeClient.openNode(NodeOptions.builder().workDirectory(dir.resolve(debug ? "debug-node" : "node"))
                .simulation(SimulationOptions.builder().rootDirectory(dir.resolve("sim")).measurement(engine).debug(debug).build())
                .build());
    }

    private ConfidentialClient ownerClient(Clock clock) {
        return ConfidentialClient.builder().clock(clock).insecureTrustSimulationRoot(dir.resolve("sim/simulation-root.pem")).build();
    }

    private OrderSpec order() {
        return OrderSpec.builder(Clock.systemUTC()).model(model.digest()).addInput(data.digest()).policy(policy)
                .addRecipient(recipient.publicKey()).parameter("suffix", "!").build();
    }

    private VerifiedAttestation attest(TeeNode n) throws AttestationVerificationException {
        Nonce nonce = owner.attestations().newNonce();
        return owner.attestations().verify(n.attest(nonce), policy, nonce);
    }

    private OrderResult run(OrderSpec order) throws Exception {
        VerifiedAttestation a = attest(node);
        KeyGrant dg = owner.keys().grant(dataKey, data, a, order);
        KeyGrant mg = owner.keys().grant(modelKey, model, a, order);
        return node.execute(order, new SealedInput(model.file(), mg), List.of(new SealedInput(data.file(), dg)), CONCAT);
    }

    @Test
    void confidentialInferenceRoundTrip() throws Exception {
        VerifiedAttestation a = attest(node);
        assertThat(a.claims().isHardware()).isFalse();
        assertThat(a.teeType()).isEqualTo(TeeType.INTEL_TDX);
        assertThat(a.claims().measurement(MeasurementSlot.MRTD)).contains(engine);
        assertThat(a.boundKeys()).contains(node.publicKeys());
        OrderSpec order = order();
        OrderResult result = run(order);
        VerifiedReport report = owner.results().verifyReport(result, policy);
        assertThat(report.report().inputDigests()).containsExactly(data.digest());
        assertThat(report.report().modelDigest()).isEqualTo(model.digest());
        assertThat(report.report().policyDigest()).isEqualTo(policy.digest());
        assertThat(report.report().evidenceDigest()).isEqualTo(result.evidence().digest());
        Path out = dir.resolve("out.bin");
        Digest plain = owner.results().decrypt(result, report, "result.bin", recipient, out);
        byte[] expected = new byte[dataBytes.length + 6];
        System.arraycopy(dataBytes, 0, expected, 0, dataBytes.length);
        System.arraycopy("MODEL!".getBytes(StandardCharsets.US_ASCII), 0, expected, dataBytes.length, 6);
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
        assertThat(plain).isEqualTo(Digest.sha256(expected));
        // the sealed output is not plaintext
        byte[] sealed = Files.readAllBytes(result.outputs().get(0).file());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("MODEL!");
    }

    @Test
    void ownerCanUnsealItsOwnAsset() throws Exception {
        Digest d = owner.datasets().decrypt(data.file(), dataKey, dir.resolve("back.bin"), (done, total) -> { });
        assertThat(d).isEqualTo(data.plaintextDigest()).isEqualTo(Digest.sha256(dataBytes));
        assertThat(Files.readAllBytes(dir.resolve("back.bin"))).isEqualTo(dataBytes);
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> owner.datasets().decrypt(data.file(), modelKey, dir.resolve("wrong.bin"), (done, total) -> { }));
        assertThat(e.reason()).isEqualTo(DecryptionException.DECRYPTION_FAILED);
        assertThat(dir.resolve("wrong.bin")).doesNotExist();
    }

    @Test
    void debugSimulatedQuoteIsRejected() {
        try (TeeNode debug = openNode(true)) {
            assertThat(assertThrows(AttestationVerificationException.class, () -> attest(debug)).reason())
                    .isEqualTo(ReasonCode.DEBUG_ENABLED);
        }
    }

    @Test
    void wrongPolicyIsRejected() {
        AttestationPolicy other = AttestationPolicy.insecureDevelopmentPolicy()
                .allowMeasurement(Measurement.of(MeasurementSlot.MRTD, new byte[] {1})).build();
        Nonce nonce = owner.attestations().newNonce();
        Evidence ev = node.attest(nonce);
        assertThat(assertThrows(AttestationVerificationException.class, () -> owner.attestations().verify(ev, other, nonce))
                .reason()).isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
        AttestationPolicy hardware = AttestationPolicy.builder().allowMeasurement(engine).build();
        assertThat(assertThrows(AttestationVerificationException.class, () -> owner.attestations().verify(ev, hardware, nonce))
                .reason()).isEqualTo(ReasonCode.NON_HARDWARE_EVIDENCE);
    }

    @Test
    void replayedOrRekeyedEvidenceIsRejected() throws IOException {
        Nonce nonce = owner.attestations().newNonce();
        Evidence ev = node.attest(owner.attestations().newNonce());
        assertThat(assertThrows(AttestationVerificationException.class, () -> owner.attestations().verify(ev, policy, nonce))
                .reason()).isEqualTo(ReasonCode.NONCE_MISMATCH);
        Evidence good = node.attest(nonce);
        byte[] k = new byte[32];
        Evidence swapped = good.toBuilder().keys(TeePublicKeys.of(k, k)).build();
        assertThat(assertThrows(AttestationVerificationException.class, () -> owner.attestations().verify(swapped, policy, nonce))
                .reason()).isEqualTo(ReasonCode.KEY_BINDING_MISMATCH);
        Instant later = Instant.now().plus(Duration.ofMinutes(11));
        try (ConfidentialClient lateOwner = ownerClient(Clock.fixed(later, ZoneOffset.UTC))) {
            assertThat(assertThrows(AttestationVerificationException.class,
                    () -> lateOwner.attestations().verify(good, policy, nonce)).reason()).isEqualTo(ReasonCode.EVIDENCE_TOO_OLD);
        }
    }

    @Test
    void withoutTheSimulationRootNothingVerifies() {
        try (ConfidentialClient plain = ConfidentialClient.builder().build()) {
            Nonce nonce = plain.attestations().newNonce();
            assertThat(assertThrows(AttestationVerificationException.class,
                    () -> plain.attestations().verify(node.attest(nonce), policy, nonce)).reason())
                    .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        }
    }

    @Test
    void tamperedOrSwappedComponentsStopTheOrderBeforeDecryption() throws Exception {
        OrderSpec order = order();
        VerifiedAttestation a = attest(node);
        KeyGrant dg = owner.keys().grant(dataKey, data, a, order);
        KeyGrant mg = owner.keys().grant(modelKey, model, a, order);
        Path tampered = dir.resolve("tampered.sealed");
        byte[] bytes = Files.readAllBytes(data.file());
        bytes[bytes.length / 2] ^= 1;
        Files.write(tampered, bytes);
        assertThat(assertThrows(IntegrityVerificationException.class, () -> node.execute(order, new SealedInput(model.file(), mg),
                List.of(new SealedInput(tampered, dg)), CONCAT)).reason()).isEqualTo(ReasonCode.INPUT_DIGEST_MISMATCH);
        assertThat(assertThrows(IntegrityVerificationException.class, () -> node.execute(order, new SealedInput(data.file(), mg),
                List.of(new SealedInput(data.file(), dg)), CONCAT)).reason()).isEqualTo(ReasonCode.MODEL_DIGEST_MISMATCH);
        assertThat(assertThrows(IntegrityVerificationException.class, () -> node.execute(order, new SealedInput(model.file(), dg),
                List.of(new SealedInput(data.file(), dg)), CONCAT)).reason()).isEqualTo(ReasonCode.MODEL_DIGEST_MISMATCH);
        OrderSpec other = order.toBuilder().parameter("suffix", "?").build();
        assertThat(assertThrows(IntegrityVerificationException.class, () -> node.execute(other, new SealedInput(model.file(), mg),
                List.of(new SealedInput(data.file(), dg)), CONCAT)).reason()).isEqualTo(ReasonCode.ORDER_DIGEST_MISMATCH);
        try (TeeNode second = openNode(false)) {
            assertThat(assertThrows(IntegrityVerificationException.class, () -> second.execute(order,
                    new SealedInput(model.file(), mg), List.of(new SealedInput(data.file(), dg)), CONCAT)).reason())
                    .isEqualTo(ReasonCode.KEY_BINDING_MISMATCH);
        }
        assertThat(outputFiles()).isEmpty();
    }

    @Test
    void anAssetTamperedBeforeTheOrderFailsAuthenticationAndReleasesNothing() throws Exception {
        byte[] bytes = Files.readAllBytes(data.file());
        bytes[bytes.length - 100] ^= 1;   // inside the last record: earlier chunks decrypt fine
        Path tampered = dir.resolve("tampered.sealed");
        Files.write(tampered, bytes);
        SealedAsset forged = new SealedAsset(data.kind(), data.name(), data.keyId(), tampered, Digest.sha256(bytes),
                bytes.length, data.plaintextDigest(), data.plaintextSize());
        OrderSpec order = OrderSpec.builder(Clock.systemUTC()).model(model.digest()).addInput(forged.digest()).policy(policy)
                .addRecipient(recipient.publicKey()).build();
        VerifiedAttestation a = attest(node);
        KeyGrant dg = owner.keys().grant(dataKey, forged, a, order);
        KeyGrant mg = owner.keys().grant(modelKey, model, a, order);
        DecryptionException e = assertThrows(DecryptionException.class, () -> node.execute(order,
                new SealedInput(model.file(), mg), List.of(new SealedInput(tampered, dg)), CONCAT));
        assertThat(e.reason()).isEqualTo(DecryptionException.DECRYPTION_FAILED);
        assertThat(outputFiles()).isEmpty();
    }

    @Test
    void aComponentSwappedOnDiskAfterTheDigestCheckIsCaught() throws Exception {
        // another dataset sealed under the same owner key: it decrypts fine, but it is not what the order names
        Files.write(dir.resolve("other.bin"), "other patients".getBytes(StandardCharsets.US_ASCII));
        SealedAsset other = owner.datasets().encrypt(DatasetSpec.builder().name("data").source(dir.resolve("other.bin")).build(),
                dataKey, dir.resolve("other.sealed"));
        OrderSpec order = order();
        VerifiedAttestation a = attest(node);
        KeyGrant dg = owner.keys().grant(dataKey, data, a, order);
        KeyGrant mg = owner.keys().grant(modelKey, model, a, order);
        Workload swapper = ctx -> {
            Files.copy(other.file(), data.file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);   // the host strikes
            CONCAT.run(ctx);
        };
        IntegrityVerificationException e = assertThrows(IntegrityVerificationException.class, () -> node.execute(order,
                new SealedInput(model.file(), mg), List.of(new SealedInput(data.file(), dg)), swapper));
        assertThat(e.reason()).isEqualTo(ReasonCode.INPUT_DIGEST_MISMATCH);
        assertThat(outputFiles()).isEmpty();
    }

    @Test
    void failingWorkloadReleasesNothing() throws Exception {
        OrderSpec order = order();
        VerifiedAttestation a = attest(node);
        KeyGrant dg = owner.keys().grant(dataKey, data, a, order);
        KeyGrant mg = owner.keys().grant(modelKey, model, a, order);
        Workload failing = ctx -> {
            try (OutputStream o = ctx.createOutput("partial.bin")) {
                o.write(1);
                throw new IllegalStateException("boom");
            }
        };
        OrderFailedException e = assertThrows(OrderFailedException.class, () -> node.execute(order,
                new SealedInput(model.file(), mg), List.of(new SealedInput(data.file(), dg)), failing));
        assertThat(e.failureCode()).isEqualTo("WORKLOAD_FAILED");
        assertThat(e.orderId()).isEqualTo(order.digest());
        assertThat(outputFiles()).isEmpty();
    }

    @Test
    void grantsRequireAMatchingVerdict() throws Exception {
        OrderSpec order = order();
        VerifiedAttestation a = attest(node);
        assertThatThrownBy(() -> owner.keys().grant(modelKey, data, a, order)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did not seal");
        AttestationPolicy other = policy.toBuilder().maxEvidenceAge(Duration.ofMinutes(1)).build();
        OrderSpec otherPolicy = order.toBuilder().policy(other).build();
        assertThatThrownBy(() -> owner.keys().grant(dataKey, data, a, otherPolicy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy");
        OrderSpec withoutData = OrderSpec.builder(Clock.systemUTC()).model(model.digest()).addInput(Digest.sha256(new byte[1])).policy(policy)
                .addRecipient(recipient.publicKey()).build();
        assertThatThrownBy(() -> owner.keys().grant(dataKey, data, a, withoutData)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not name");
    }

    @Test
    void forgedReportsAndOutputsAreRejected() throws Exception {
        OrderSpec order = order();
        OrderResult result = run(order);
        IntegrityReport r = result.report();
        IntegrityReport edited = r.toBuilder().putOutput("result.bin", Digest.sha256(new byte[1])).build();
        OrderResult forged = new OrderResult(order, edited, result.evidence(), result.outputs());
        assertThat(assertThrows(IntegrityVerificationException.class, () -> owner.results().verifyReport(forged, policy)).reason())
                .isEqualTo(ReasonCode.REPORT_SIGNATURE_INVALID);
        ResultOutput out = result.outputs().get(0);
        Files.write(out.file(), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(assertThrows(IntegrityVerificationException.class, () -> owner.results().verifyReport(result, policy)).reason())
                .isEqualTo(ReasonCode.OUTPUT_DIGEST_MISMATCH);
        AttestationPolicy other = policy.toBuilder().maxEvidenceAge(Duration.ofMinutes(1)).build();
        assertThat(assertThrows(IntegrityVerificationException.class, () -> owner.results().verifyReport(result, other)).reason())
                .isEqualTo(ReasonCode.POLICY_DIGEST_MISMATCH);
        Evidence otherEvidence = node.attest(order);
        OrderResult wrongEvidence = new OrderResult(order, r, otherEvidence, result.outputs());
        assertThat(assertThrows(IntegrityVerificationException.class, () -> owner.results().verifyReport(wrongEvidence, policy))
                .reason()).isEqualTo(ReasonCode.REPORT_SIGNER_NOT_ATTESTED);
    }

    @Test
    void onlyTheNamedRecipientDecrypts() throws Exception {
        OrderResult result = run(order());
        VerifiedReport report = owner.results().verifyReport(result, policy);
        RecipientKeyPair stranger = RecipientKeyPair.generate();
        assertThatThrownBy(() -> owner.results().decrypt(result, report, "result.bin", stranger, dir.resolve("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipient");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    private List<Path> outputFiles() throws IOException {
        Path nodeDir = dir.resolve("node");
        if (!Files.exists(nodeDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(nodeDir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
