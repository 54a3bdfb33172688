package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.AssetKey;
import io.confidentialai.sdk.AssetKind;
import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.InsecureKeyAccess;
import io.confidentialai.sdk.IntegrityReport;
import io.confidentialai.sdk.IntegrityVerificationException;
import io.confidentialai.sdk.KeyGrant;
import io.confidentialai.sdk.NodeOptions;
import io.confidentialai.sdk.OrderFailedException;
import io.confidentialai.sdk.OrderResult;
import io.confidentialai.sdk.OrderSpec;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.RecipientPublicKey;
import io.confidentialai.sdk.ResultOutput;
import io.confidentialai.sdk.SealedInput;
import io.confidentialai.sdk.TeeNode;
import io.confidentialai.sdk.TransportException;
import io.confidentialai.sdk.VerdictIssuer;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.impl.internal.crypto.Ed25519;
import io.confidentialai.sdk.impl.internal.crypto.Ed25519KeyPair;
import io.confidentialai.sdk.impl.internal.crypto.Hpke;
import io.confidentialai.sdk.impl.internal.crypto.ReportDataBinding;
import io.confidentialai.sdk.impl.internal.crypto.X25519KeyPair;
import java.util.HexFormat;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.Workload;
import io.confidentialai.sdk.spi.WorkloadContext;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trusted loader: the SDK's runtime inside a TEE. This class is internal and is not meant to be used by
 * applications; it may change at any time.
 */
final class DefaultTeeNode implements TeeNode {
    private static final Logger log = LoggerFactory.getLogger(DefaultTeeNode.class);
    private static final Pattern OUTPUT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final NodeOptions options;
    private final EvidenceCollector collector;
    private final List<EvidenceCollector> accelerators;
    private final Clock clock;
    private final VerdictIssuer issuer;
    private final X25519KeyPair hpkeKeys;
    private final Ed25519KeyPair signingKeys;
    private final TeePublicKeys publicKeys;
    private final AtomicBoolean closed = new AtomicBoolean();

    DefaultTeeNode(NodeOptions options, EvidenceCollector collector, List<EvidenceCollector> accelerators, Clock clock,
            VerdictIssuer issuer) {
        this.options = options;
        this.collector = collector;
        this.accelerators = List.copyOf(accelerators);
        this.clock = clock;
        this.issuer = issuer;
        SecureRandom random = new SecureRandom();
        this.hpkeKeys = Hpke.generateKeyPair(random);
        this.signingKeys = Ed25519.generate(random);
        this.publicKeys = TeePublicKeys.of(hpkeKeys.publicKey(), signingKeys.publicKey());
        log.info("TEE node opened: tee={} hpke={} signing={}", options.teeType(), HexFormat.of().formatHex(hpkeKeys.publicKey()),
                HexFormat.of().formatHex(signingKeys.publicKey()));
    }

    @Override
    public TeeType teeType() {
        return options.teeType();
    }

    @Override
    public TeePublicKeys publicKeys() {
        return publicKeys;
    }

    @Override
    public Evidence attest(Nonce nonce) {
        Objects.requireNonNull(nonce, "nonce");
        return attest(Challenge.nonce(nonce));
    }

    @Override
    public Evidence attest(OrderSpec order) {
        Objects.requireNonNull(order, "order");
        return attest(Challenge.order(order.digest(), order.createdAt()));
    }

    private Evidence attest(Challenge challenge) {
        ensureOpen();
        ReportData reportData = ReportDataBinding.commit(challenge, publicKeys);
        Evidence.Builder evidence = collector.collect(reportData).toBuilder().keys(publicKeys);
        if (!accelerators.isEmpty()) {
            // each device signs SHA-256("csdk-binding-v1/gpu" || 0 || report data) as its 32-byte nonce
            ReportData deviceNonce = ReportData.padded(ReportDataBinding.gpuNonce(reportData));
            for (EvidenceCollector c : accelerators) {
                c.collectAll(deviceNonce).forEach(evidence::addAccelerator);
            }
        }
        return evidence.build();
    }

    @Override
    public OrderResult execute(OrderSpec order, SealedInput model, List<SealedInput> inputs, Workload workload)
            throws IntegrityVerificationException, DecryptionException {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(workload, "workload");
        List<SealedInput> in = List.copyOf(inputs);
        ensureOpen();
        Digest orderDigest = order.digest();
        log.info("order {} received: model={} inputs={}", orderDigest, order.model(), order.inputs().size());

        // 1. every component's digest and grant is checked before anything is decrypted
        if (in.size() != order.inputs().size()) {
            throw integrity(ReasonCode.INPUT_DIGEST_MISMATCH, orderDigest, "inputs: the order names " + order.inputs().size()
                    + ", " + in.size() + " were supplied");
        }
        checkComponent(model, order.model(), orderDigest, ReasonCode.MODEL_DIGEST_MISMATCH, "model");
        for (int i = 0; i < in.size(); i++) {
            checkComponent(in.get(i), order.inputs().get(i), orderDigest, ReasonCode.INPUT_DIGEST_MISMATCH, "input " + i);
        }

        // 2. unwrap grants with the key that never leaves this node
        List<byte[]> keys = new ArrayList<>();
        List<Path> outputsWritten = new ArrayList<>();
        LoaderContext ctx = null;
        try {
            byte[] modelKey = unwrap(model.grant());
            keys.add(modelKey);
            List<byte[]> inputKeys = new ArrayList<>();
            for (SealedInput s : in) {
                byte[] k = unwrap(s.grant());
                keys.add(k);
                inputKeys.add(k);
            }
            Evidence evidence = attest(order);
            Instant startedAt = clock.instant();

            // 3. run the workload over authenticated plaintext
            Path outDir = options.workDirectory().resolve(orderDigest.toHex().substring(0, 16));
            Files.createDirectories(outDir);
            ctx = new LoaderContext(order, model.file(), modelKey, in, inputKeys, outDir, outputsWritten);
            IntegrityVerificationException swapped;
            try {
                workload.run(ctx);
                ctx.finish();
                swapped = ctx.swapped();
            } catch (Exception e) {
                ctx.abort();
                if (ctx.swapped() != null) {
                    throw ctx.swapped();
                }
                DecryptionException tampered = ctx.tampering();
                if (tampered != null) {
                    log.warn("order {} stopped: a sealed component failed authentication", orderDigest);
                    throw tampered;
                }
                log.warn("order {} failed: workload threw {}", orderDigest, e.getClass().getName());
                throw new OrderFailedException(orderDigest, "WORKLOAD_FAILED", "the workload failed: " + e.getClass().getName(), e);
            }

            if (swapped != null) {
                throw swapped;
            }

            // 4. outputs go to the order's recipients only
            List<ResultOutput> outputs = new ArrayList<>();
            IntegrityReport.Builder report = IntegrityReport.builder().orderDigest(orderDigest)
                    .policyDigest(order.policyDigest()).modelDigest(order.model()).evidenceDigest(evidence.digest())
                    .teeType(evidence.teeType()).startedAt(startedAt);
            order.inputs().forEach(report::addInputDigest);
            for (LoaderContext.Output o : ctx.outputs.values()) {
                List<KeyGrant> grants = new ArrayList<>();
                for (RecipientPublicKey r : order.recipients()) {
                    grants.add(wrapResultKey(o.key, o.keyId, orderDigest, o.digest, r));
                }
                outputs.add(new ResultOutput(o.name, o.file, o.digest, grants));
                report.putOutput(o.name, o.digest);
            }
            IntegrityReport unsigned = report.finishedAt(clock.instant()).build();
            IntegrityReport signed = unsigned.toBuilder().signature(Ed25519.sign(signingKeys, unsigned.signedBytes())).build();
            log.info("order {} completed: {} output(s), report signed", orderDigest, outputs.size());
            return new OrderResult(order, signed, evidence, outputs);
        } catch (IOException e) {
            throw new TransportException("order " + orderDigest + ": cannot write outputs", e, false);
        } catch (DecryptionException | IntegrityVerificationException | RuntimeException e) {
            outputsWritten.forEach(AssetSealer::deleteQuietly);
            throw e;
        } finally {
            keys.forEach(k -> Arrays.fill(k, (byte) 0));
            if (ctx != null) {
                ctx.outputs.values().forEach(o -> Arrays.fill(o.key, (byte) 0));
            }
        }
    }

    private void checkComponent(SealedInput s, Digest expected, Digest orderDigest, ReasonCode code, String what)
            throws IntegrityVerificationException {
        KeyGrant g = s.grant();
        if (g.purpose() != KeyGrant.Purpose.ASSET_KEY || !g.orderDigest().equals(orderDigest)) {
            throw integrity(ReasonCode.ORDER_DIGEST_MISMATCH, orderDigest, what + ": the key grant is for order "
                    + g.orderDigest());
        }
        if (!g.recipient().equals(Digest.sha256(hpkeKeys.publicKey()))) {
            throw integrity(ReasonCode.KEY_BINDING_MISMATCH, orderDigest, what + ": the key grant is for another TEE key");
        }
        if (!g.assetDigest().equals(expected)) {
            throw integrity(code, orderDigest, what + ": the key grant is for asset " + g.assetDigest() + ", the order names "
                    + expected);
        }
        Digest actual = FileDigests.of(s.file());
        if (!actual.equals(expected)) {
            throw integrity(code, orderDigest, what + ": expected " + expected + ", got " + actual);
        }
    }

    private byte[] unwrap(KeyGrant g) throws DecryptionException {
        return Hpke.open(hpkeKeys, g.encapsulatedKey(), g.info(), g.header(), g.ciphertext());
    }

    private KeyGrant wrapResultKey(byte[] key, byte[] keyId, Digest orderDigest, Digest outputDigest, RecipientPublicKey r) {
        Digest fp = r.fingerprint();
        Hpke.Sealed s = Hpke.seal(r.toByteArray(), KeyGrant.info(KeyGrant.Purpose.RESULT_KEY, orderDigest, outputDigest, fp),
                KeyGrant.header(KeyGrant.Purpose.RESULT_KEY, orderDigest, outputDigest, fp, keyId), key);
        return KeyGrant.issue(issuer, KeyGrant.Purpose.RESULT_KEY, orderDigest, outputDigest, fp, keyId, s.enc(), s.ciphertext());
    }

    private static IntegrityVerificationException integrity(ReasonCode code, Digest order, String message) {
        log.warn("order {} refused: code={}", order, code);
        return new IntegrityVerificationException(code, order, message);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("TEE node is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            hpkeKeys.destroy();
            signingKeys.destroy();
            log.info("TEE node closed; keys destroyed");
        }
    }

    /** The workload's view of one order. */
    private static final class LoaderContext implements WorkloadContext {
        private final OrderSpec order;
        private final Path modelFile;
        private final byte[] modelKey;
        private final List<SealedInput> inputs;
        private final List<byte[]> inputKeys;
        private final Path outDir;
        private final List<Path> written;
        private final List<Watched> opened = new ArrayList<>();
        private final boolean[] inputOpened;
        private boolean modelOpened;
        private DecryptionException tampering;
        private IntegrityVerificationException swapped;
        final Map<String, Output> outputs = new LinkedHashMap<>();

        LoaderContext(OrderSpec order, Path modelFile, byte[] modelKey, List<SealedInput> inputs, List<byte[]> inputKeys,
                Path outDir, List<Path> written) {
            this.order = order;
            this.modelFile = modelFile;
            this.modelKey = modelKey;
            this.inputs = inputs;
            this.inputKeys = inputKeys;
            this.outDir = outDir;
            this.written = written;
            this.inputOpened = new boolean[inputs.size()];
        }

        @Override
        public InputStream openModel() throws IOException {
            if (modelOpened) {
                throw new IllegalStateException("the model was already opened");
            }
            modelOpened = true;
            return open(modelFile, modelKey, order.model(), ReasonCode.MODEL_DIGEST_MISMATCH, "model");
        }

        @Override
        public int inputCount() {
            return inputs.size();
        }

        @Override
        public InputStream openInput(int index) throws IOException {
            Objects.checkIndex(index, inputs.size());
            if (inputOpened[index]) {
                throw new IllegalStateException("input " + index + " was already opened");
            }
            inputOpened[index] = true;
            return open(inputs.get(index).file(), inputKeys.get(index), order.inputs().get(index),
                    ReasonCode.INPUT_DIGEST_MISMATCH, "input " + index);
        }

        private InputStream open(Path file, byte[] key, Digest expected, ReasonCode code, String what) throws IOException {
            try {
                Sealing.DigestingInput raw = Sealing.digesting(Files.newInputStream(file));
                Watched w = new Watched(Sealing.open(raw, key), raw, expected, code, what);
                opened.add(w);
                return w;
            } catch (DecryptionException e) {
                tampering = e;
                throw new IOException("sealed component failed authentication", e);
            }
        }

        @Override
        public Map<String, String> parameters() {
            return order.parameters();
        }

        @Override
        public OutputStream createOutput(String name) throws IOException {
            Objects.requireNonNull(name, "name");
            if (!OUTPUT_NAME.matcher(name).matches() || outputs.containsKey(name)) {
                throw new IllegalArgumentException("output name must match " + OUTPUT_NAME + " and be unique: " + name);
            }
            AssetKey key = AssetKey.generate();
            Output o = new Output(name, outDir.resolve(name + ".sealed"), key.exportKeyMaterial(InsecureKeyAccess.get()),
                    HexFormat.of().parseHex(key.keyId()));
            key.destroy();
            written.add(o.file);
            o.fileStream = Files.newOutputStream(o.file);
            o.writer = Sealing.newWriter(o.fileStream, o.key, AssetKind.RESULT, name, done -> { });
            outputs.put(name, o);
            return new FilterOutputStream(o.writer.stream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    o.closeOnce();
                }
            };
        }

        /** Verifies every opened input to its end and closes every output. */
        void finish() throws IOException {
            for (Watched w : opened) {
                w.close();
            }
            for (Output o : outputs.values()) {
                o.closeOnce();
            }
        }

        /** Closes every stream after a failure; outputs are deleted by the caller. */
        void abort() {
            for (Watched w : opened) {
                try {
                    w.abort();
                } catch (IOException e) {
                    log.debug("closing an input after a failure: {}", e.getClass().getName());
                }
            }
            for (Output o : outputs.values()) {
                try {
                    o.fileStream.close();
                } catch (IOException e) {
                    log.debug("closing an output after a failure: {}", e.getClass().getName());
                }
            }
        }

        DecryptionException tampering() {
            return tampering;
        }

        /** Returns the failure recorded when an input's bytes differed from the digest checked before decryption. */
        IntegrityVerificationException swapped() {
            return swapped;
        }

        /**
         * Records authentication failures seen by the workload, and on close reads whatever the workload left
         * unread, so every chunk and the manifest of an opened input are authenticated before any output is
         * released.
         */
        private final class Watched extends java.io.FilterInputStream {
            private final Sealing.DigestingInput raw;
            private final Digest expected;
            private final ReasonCode code;
            private final String what;
            private boolean closed;

            Watched(InputStream in, Sealing.DigestingInput raw, Digest expected, ReasonCode code, String what) {
                super(in);
                this.raw = raw;
                this.expected = expected;
                this.code = code;
                this.what = what;
            }

            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    record(e);
                    throw e;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    record(e);
                    throw e;
                }
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    byte[] sink = new byte[1 << 16];
                    while (read(sink, 0, sink.length) >= 0) {
                        // drain: authenticates the remaining chunks and the manifest
                    }
                } finally {
                    in.close();
                }
                // the file was hashed before decryption; these are the bytes actually decrypted
                Digest actual = raw.digest();
                if (!actual.equals(expected)) {
                    swapped = integrity(code, order.digest(), what + " changed on disk after its digest was checked: expected "
                            + expected + ", decrypted " + actual);
                    throw new IOException("sealed component changed during the order");
                }
            }

            void abort() throws IOException {
                closed = true;
                in.close();
            }

            private void record(IOException e) {
                DecryptionException d = Sealing.decryptionFailure(e);
                if (d != null) {
                    tampering = d;
                }
            }
        }

        static final class Output {
            final String name;
            final Path file;
            final byte[] key;
            final byte[] keyId;
            Sealing.Writer writer;
            Digest digest;
            OutputStream fileStream;
            private boolean closed;

            Output(String name, Path file, byte[] key, byte[] keyId) {
                this.name = name;
                this.file = file;
                this.key = key;
                this.keyId = keyId;
            }

            void closeOnce() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    writer.close();
                } finally {
                    fileStream.close();
                }
                digest = writer.sealedDigest();
            }
        }
    }
}
