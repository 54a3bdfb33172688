package io.confidentialai.sdk.samples.benchmarks;

import io.confidentialai.sdk.AssetKey;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.DatasetSpec;
import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.IntegrityReport;
import io.confidentialai.sdk.KeyGrant;
import io.confidentialai.sdk.ModelSpec;
import io.confidentialai.sdk.NodeOptions;
import io.confidentialai.sdk.OrderSpec;
import io.confidentialai.sdk.RecipientKeyPair;
import io.confidentialai.sdk.SealedAsset;
import io.confidentialai.sdk.TeeNode;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import io.confidentialai.sdk.impl.internal.crypto.Ed25519;
import io.confidentialai.sdk.impl.internal.crypto.Ed25519KeyPair;
import io.confidentialai.sdk.impl.internal.crypto.Hpke;
import io.confidentialai.sdk.impl.internal.crypto.ReportDataBinding;
import io.confidentialai.sdk.impl.internal.crypto.X25519KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the small cryptographic steps of a key grant and of an integrity report, in microseconds per
 * operation (single thread):
 *
 * <ul>
 *   <li>{@link #reportDataCommitAndCheck}: the report-data commitment a node puts in its evidence, then the
 *       verifier's check of it ({@link ReportDataBinding}; four SHA-256 of short inputs).</li>
 *   <li>{@link #hpkeSeal} / {@link #hpkeOpen}: HPKE (X25519, HKDF-SHA256, AES-128-GCM) wrap and unwrap of a
 *       32-byte asset key with the info and header of a real asset grant.</li>
 *   <li>{@link #grant}: {@code client.keys().grant(..)} through the public API, given a
 *       {@link VerifiedAttestation} of a simulated TDX node obtained once in the setup (the checks, the HPKE
 *       wrap and the grant encoding; not the attestation verification).</li>
 *   <li>{@link #ed25519Sign} / {@link #ed25519Verify}: the node's signature over an integrity report body and
 *       the owner's check of it.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class GrantBenchmark {
    private final SecureRandom random = new SecureRandom();

    // report-data binding
    private Challenge challenge;
    private TeePublicKeys teeKeys;

    // HPKE
    private X25519KeyPair recipient;
    private byte[] recipientPublic;
    private byte[] info;
    private byte[] aad;
    private byte[] assetKeyBytes;
    private Hpke.Sealed wrapped;

    // public API grant
    Path work;
    private ConfidentialClient nodeRuntime;
    private ConfidentialClient client;
    private TeeNode node;
    private AssetKey dataKey;
    private SealedAsset data;
    private VerifiedAttestation attestation;
    private OrderSpec order;

    // Ed25519
    private Ed25519KeyPair signer;
    private byte[] signerPublic;
    private byte[] reportBody;
    private byte[] signature;

    /**
     * Opens a simulated TDX node, seals a small model and dataset, verifies the node's evidence once and
     * prepares the inputs of the primitive benchmarks.
     *
     * @throws Exception if any step fails
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        work = Files.createTempDirectory("csdk-grant-bench");
        Measurement engine = Measurement.of(MeasurementSlot.MRTD, filled(48, 0x5a));
        Path simulationRoot = work.resolve("simulation");
        AttestationPolicy policy = AttestationPolicy.insecureDevelopmentPolicy().allowMeasurement(engine).build();

        nodeRuntime = ConfidentialClient.builder().build();
        node = nodeRuntime.openNode(NodeOptions.builder()
                .workDirectory(work.resolve("node"))
                .simulation(SimulationOptions.builder().rootDirectory(simulationRoot).measurement(engine).build())
                .build());
        client = ConfidentialClient.builder()
                .insecureTrustSimulationRoot(simulationRoot.resolve("simulation-root.pem"))   // development only
                .build();

        Path modelFile = Files.write(work.resolve("model.bin"), filled(4096, 0x01));
        Path dataFile = Files.write(work.resolve("data.csv"), "id,x\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        SealedAsset model = client.models().encrypt(ModelSpec.builder().name("bench-model").version("1").source(modelFile).build(),
                AssetKey.generate(), work.resolve("model.sealed"));
        dataKey = AssetKey.generate();
        data = client.datasets().encrypt(DatasetSpec.builder().name("bench-data").source(dataFile).build(), dataKey,
                work.resolve("data.sealed"));

        Nonce nonce = client.attestations().newNonce();
        attestation = client.attestations().verify(node.attest(nonce), policy, nonce);
        order = OrderSpec.builder().createdAt(Instant.now()).model(model.digest()).addInput(data.digest()).policy(policy)
                .addRecipient(RecipientKeyPair.generate().publicKey()).build();

        // the same shapes as the grant: a nonce challenge and the node's real public keys
        challenge = Challenge.nonce(nonce);
        teeKeys = node.publicKeys();

        recipient = Hpke.generateKeyPair(random);
        recipientPublic = recipient.publicKey();
        Digest recipientDigest = Digest.sha256(recipientPublic);
        byte[] keyId = java.util.HexFormat.of().parseHex(dataKey.keyId());
        info = KeyGrant.info(KeyGrant.Purpose.ASSET_KEY, order.digest(), data.digest(), recipientDigest);
        aad = KeyGrant.header(KeyGrant.Purpose.ASSET_KEY, order.digest(), data.digest(), recipientDigest, keyId);
        assetKeyBytes = new byte[32];
        random.nextBytes(assetKeyBytes);
        wrapped = Hpke.seal(recipientPublic, info, aad, assetKeyBytes);

        signer = Ed25519.generate(random);
        signerPublic = signer.publicKey();
        Instant now = Instant.now();
        reportBody = IntegrityReport.builder().orderDigest(order.digest()).policyDigest(order.policyDigest())
                .modelDigest(model.digest()).addInputDigest(data.digest())
                .putOutput("predictions.csv", Digest.sha256(filled(32, 0x33)))
                .evidenceDigest(attestation.evidenceDigest()).teeType(TeeType.INTEL_TDX)
                .startedAt(now).finishedAt(now.plusSeconds(1)).build().signedBytes();
        signature = Ed25519.sign(signer, reportBody);

        // the benchmarks must measure the success paths
        if (ReportDataBinding.check(ReportDataBinding.commit(challenge, teeKeys), challenge, teeKeys)
                != ReportDataBinding.Outcome.MATCH
                || !Arrays.equals(hpkeOpen(), assetKeyBytes) || !ed25519Verify() || grant() == null) {
            throw new IllegalStateException("a benchmarked operation does not succeed");
        }
    }

    /**
     * Closes the node and the client and deletes the work directory.
     *
     * @throws IOException if the directory cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (node != null) {
            node.close();
        }
        if (client != null) {
            client.close();
        }
        if (nodeRuntime != null) {
            nodeRuntime.close();
        }
        if (recipient != null) {
            recipient.destroy();
        }
        if (signer != null) {
            signer.destroy();
        }
        if (dataKey != null) {
            dataKey.destroy();
        }
        deleteTree(work);
    }

    /**
     * The node's report-data commitment followed by the verifier's check.
     *
     * @return the outcome (always MATCH)
     */
    @Benchmark
    public ReportDataBinding.Outcome reportDataCommitAndCheck() {
        return ReportDataBinding.check(ReportDataBinding.commit(challenge, teeKeys), challenge, teeKeys);
    }

    /**
     * HPKE seal of a 32-byte asset key (fresh ephemeral X25519 key).
     *
     * @return the encapsulated key and ciphertext
     */
    @Benchmark
    public Hpke.Sealed hpkeSeal() {
        return Hpke.seal(recipientPublic, info, aad, assetKeyBytes);
    }

    /**
     * HPKE open of a wrapped 32-byte asset key.
     *
     * @return the asset key
     * @throws DecryptionException never (the ciphertext is authentic)
     */
    @Benchmark
    public byte[] hpkeOpen() throws DecryptionException {
        return Hpke.open(recipient, wrapped.enc(), info, aad, wrapped.ciphertext());
    }

    /**
     * A full key grant through the public API ({@code client.keys().grant}).
     *
     * @return the grant
     */
    @Benchmark
    public KeyGrant grant() {
        return client.keys().grant(dataKey, data, attestation, order);
    }

    /**
     * Ed25519 signature over an integrity report body.
     *
     * @return the signature
     */
    @Benchmark
    public byte[] ed25519Sign() {
        return Ed25519.sign(signer, reportBody);
    }

    /**
     * Ed25519 verification of an integrity report signature.
     *
     * @return whether it verified (always true)
     */
    @Benchmark
    public boolean ed25519Verify() {
        return Ed25519.verify(signerPublic, reportBody, signature);
    }

    int reportBodyLength() {
        return reportBody.length;
    }

    private static byte[] filled(int n, int b) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
