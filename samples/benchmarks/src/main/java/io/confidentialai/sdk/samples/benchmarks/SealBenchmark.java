package io.confidentialai.sdk.samples.benchmarks;

import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.impl.internal.seal.SealedFormat;
import io.confidentialai.sdk.impl.internal.seal.SealingOutputStream;
import io.confidentialai.sdk.impl.internal.seal.UnsealingInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread throughput of the sealed format ({@code CSDKSEAL} v1, 64 KiB chunks) over an in-memory buffer,
 * with the baselines that bound it: plain JCE AES-256-GCM and JDK SHA-256 over the same bytes.
 *
 * <p>One operation is one pass over the whole buffer ({@link #size} bytes, default 256 MiB), reported in
 * milliseconds per operation; throughput in MB/s is {@code size / 1e6 / (score / 1e3)}.
 * {@link PerformanceReport} runs this class and prints that conversion, together with the ratio to
 * {@code openssl speed} measured in the same session.
 *
 * <ul>
 *   <li>{@link #seal}: {@link SealingOutputStream} into a null sink. Per chunk it does AES-256-GCM (fed in
 *       16 KiB {@code update}s), SHA-256 of the plaintext (for the manifest) and SHA-256 of the sealed record
 *       (the sealed digest that names the asset).</li>
 *   <li>{@link #unseal}: {@link UnsealingInputStream} over the sealed bytes, read to a clean end of stream.
 *       Per record it does one AES-256-GCM {@code doFinal} and SHA-256 of the plaintext (manifest check).</li>
 *   <li>{@link #jceAesGcm} and {@link #jceAesGcmDecrypt}: SunJCE AES-256-GCM, one {@code doFinal} per 64 KiB
 *       chunk, no hashing: the ceiling the format could reach with free hashing.</li>
 *   <li>{@link #jceAesGcmHot}: the same encryption, but always of the same cache-resident 64 KiB chunk, as
 *       {@code openssl speed} does with its 16 KiB buffer: the JDK's AES-GCM speed without memory traffic.</li>
 *   <li>{@link #sha256}: JDK SHA-256 over the buffer in 64 KiB updates, streaming from memory.</li>
 *   <li>{@link #sha256Hot}: JDK SHA-256 of the same number of bytes, but always the same cache-resident
 *       64 KiB chunk: the speed at which seal and unseal hash a record they have just touched.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class SealBenchmark {
    /** Plaintext bytes per operation. */
    @Param({"268435456"})
    public int size;

    /** The chunk size of the sealed records and of the baselines. */
    static final int CHUNK = SealedFormat.DEFAULT_CHUNK_SIZE;
    /** What {@link #unseal} reads per call, as the SDK's own unsealing loop does. */
    static final int READ_BUFFER = 64 * 1024;

    private final SecureRandom random = new SecureRandom();
    byte[] key;
    byte[] plaintext;
    byte[] sealed;
    private byte[] readBuffer;
    private byte[] hotChunk;

    private Cipher gcm;
    private SecretKeySpec gcmKey;
    private byte[] gcmOut;
    private long gcmCounter;
    /** The plaintext encrypted chunk by chunk (ciphertext and tag, nonce = chunk index), for the decrypt baseline. */
    private byte[] gcmChunks;

    /**
     * Fills the buffer with pseudo-random bytes and seals it once, for {@link #unseal}.
     *
     * @throws Exception if the JDK lacks AES-GCM or sealing fails
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive");
        }
        key = new byte[SealedFormat.KEY_LENGTH];
        random.nextBytes(key);
        plaintext = new byte[size];
        SplittableRandom prng = new SplittableRandom(2026);
        LargeAsset.fill(prng, plaintext, size);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + size / CHUNK * 32 + 4096);
        try (SealingOutputStream s = new SealingOutputStream(out, key, SealedFormat.KIND_DATASET, "bench", CHUNK, random)) {
            s.write(plaintext);
        }
        sealed = out.toByteArray();
        readBuffer = new byte[READ_BUFFER];
        hotChunk = java.util.Arrays.copyOf(plaintext, Math.min(CHUNK, size));

        gcm = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        byte[] k = new byte[32];
        random.nextBytes(k);
        gcmKey = new SecretKeySpec(k, "AES");
        gcmOut = new byte[CHUNK + 16];
        int chunks = (size + CHUNK - 1) / CHUNK;
        gcmChunks = new byte[size + 16 * chunks];
        for (int c = 0, in = 0, o = 0; in < size; c++) {
            int n = Math.min(CHUNK, size - in);
            gcm.init(Cipher.ENCRYPT_MODE, gcmKey, new GCMParameterSpec(128, nonce(-1 - c)));
            o += gcm.doFinal(plaintext, in, n, gcmChunks, o);
            in += n;
        }
        // sanity: the sealed bytes unseal to the plaintext digest
        byte[] expect = MessageDigest.getInstance("SHA-256").digest(plaintext);
        if (!MessageDigest.isEqual(expect, unseal())) {
            throw new IllegalStateException("unsealed digest differs from the plaintext digest");
        }
    }

    /** Drops the buffers so that the next trial does not hold two copies. */
    @TearDown(Level.Trial)
    public void tearDown() {
        plaintext = null;
        sealed = null;
        gcmChunks = null;
        java.util.Arrays.fill(key, (byte) 0);
    }

    private static byte[] nonce(long counter) {
        byte[] n = new byte[12];
        for (int i = 0; i < 8; i++) {
            n[4 + i] = (byte) (counter >>> (56 - 8 * i));
        }
        return n;
    }

    /**
     * Seals the buffer into a null sink.
     *
     * @return the sealed digest (SHA-256 of every sealed byte)
     * @throws IOException never (the sink does not fail)
     */
    @Benchmark
    public byte[] seal() throws IOException {
        SealingOutputStream s = new SealingOutputStream(OutputStream.nullOutputStream(), key, SealedFormat.KIND_DATASET,
                "bench", CHUNK, random);
        s.write(plaintext, 0, size);
        s.close();
        return s.sealedSha256();
    }

    /**
     * Unseals the sealed buffer to a clean end of stream.
     *
     * @return the plaintext SHA-256 checked against the manifest
     * @throws IOException if unsealing fails
     * @throws DecryptionException if the sealed bytes are not authentic
     */
    @Benchmark
    public byte[] unseal() throws IOException, DecryptionException {
        try (UnsealingInputStream in = UnsealingInputStream.open(new ByteArrayInputStream(sealed), key, CHUNK)) {
            byte[] buf = readBuffer;
            while (in.read(buf, 0, buf.length) >= 0) {
                // the plaintext is released record by record; nothing to keep
            }
            return in.plaintextSha256();
        }
    }

    /**
     * Baseline: SunJCE AES-256-GCM encryption of the buffer, one {@code doFinal} per 64 KiB chunk, no hashing.
     *
     * @return a byte of the last tag, so that nothing is dead code
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public int jceAesGcm() throws GeneralSecurityException {
        int acc = 0;
        for (int in = 0; in < size; in += CHUNK) {
            int n = Math.min(CHUNK, size - in);
            // a fresh nonce per chunk: SunJCE refuses to re-initialise encryption with the previous key and nonce
            gcm.init(Cipher.ENCRYPT_MODE, gcmKey, new GCMParameterSpec(128, nonce(gcmCounter++)));
            int len = gcm.doFinal(plaintext, in, n, gcmOut, 0);
            acc += gcmOut[len - 1];
        }
        return acc;
    }

    /**
     * Baseline: SunJCE AES-256-GCM decryption (with tag check) of the same bytes, one {@code doFinal} per
     * 64 KiB chunk, no hashing.
     *
     * @return a byte of the last plaintext chunk, so that nothing is dead code
     * @throws GeneralSecurityException if a tag fails (it does not)
     */
    @Benchmark
    public int jceAesGcmDecrypt() throws GeneralSecurityException {
        int acc = 0;
        for (int c = 0, in = 0, pos = 0; pos < size; c++) {
            int n = Math.min(CHUNK, size - pos);
            gcm.init(Cipher.DECRYPT_MODE, gcmKey, new GCMParameterSpec(128, nonce(-1 - c)));
            int len = gcm.doFinal(gcmChunks, in, n + 16, gcmOut, 0);
            acc += gcmOut[len - 1];
            in += n + 16;
            pos += n;
        }
        return acc;
    }

    /**
     * Baseline: JDK SHA-256 of the buffer in 64 KiB updates.
     *
     * @return the digest
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public byte[] sha256() throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int in = 0; in < size; in += CHUNK) {
            md.update(plaintext, in, Math.min(CHUNK, size - in));
        }
        return md.digest();
    }

    /**
     * Baseline: JDK SHA-256 of {@link #size} bytes fed as the same cache-resident 64 KiB chunk over and over.
     *
     * @return the digest
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public byte[] sha256Hot() throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int in = 0; in < size; in += CHUNK) {
            md.update(hotChunk, 0, Math.min(CHUNK, size - in));
        }
        return md.digest();
    }

    /**
     * Baseline: SunJCE AES-256-GCM encryption of {@link #size} bytes as the same cache-resident 64 KiB chunk over
     * and over, one {@code doFinal} per chunk.
     *
     * @return a byte of the last tag, so that nothing is dead code
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public int jceAesGcmHot() throws GeneralSecurityException {
        int acc = 0;
        for (int in = 0; in < size; in += CHUNK) {
            int n = Math.min(CHUNK, size - in);
            gcm.init(Cipher.ENCRYPT_MODE, gcmKey, new GCMParameterSpec(128, nonce(gcmCounter++)));
            int len = gcm.doFinal(hotChunk, 0, Math.min(n, hotChunk.length), gcmOut, 0);
            acc += gcmOut[len - 1];
        }
        return acc;
    }
}
