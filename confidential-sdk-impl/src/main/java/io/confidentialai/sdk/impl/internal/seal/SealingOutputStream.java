package io.confidentialai.sdk.impl.internal.seal;

import io.confidentialai.sdk.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongConsumer;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals a plaintext stream into the {@code CSDKSEAL} version 1 format: a clear, authenticated header, then
 * AES-256-GCM data records of one chunk each, then a manifest record (see {@code docs/sealed-format.md}).
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 *
 * <p>The header is written on the first write, flush or close. Each full chunk is encrypted and written as
 * soon as it is complete; {@link #close()} writes the last, shorter data record (if any) and the manifest,
 * then flushes the underlying stream, which it closes only when asked to. Memory use is about two chunks,
 * whatever the plaintext size. {@link #flush()} cannot force out a partial chunk: only the last data record
 * may be short.
 *
 * <p>Instances are not thread-safe.
 */
public final class SealingOutputStream extends OutputStream {
    /** Plaintext is fed to {@link Cipher#update} in slices of this size. */
    private static final int SLICE = 16 * 1024;

    private final OutputStream out;
    private final boolean closeUnderlying;
    private final @Nullable LongConsumer progress;
    private final int chunkSize;
    private final byte[] header;
    private final SecretKeySpec fileKey;
    private final Cipher cipher = SealedFormat.newCipher();
    private final MessageDigest plaintextDigest = SealedFormat.sha256();
    private final MessageDigest sealedDigest = SealedFormat.sha256();
    private final byte[] nonce = new byte[SealedFormat.NONCE_LENGTH];
    private final byte[] aad = new byte[SealedFormat.AAD_LENGTH];
    /** Plaintext of the chunk being filled. */
    private final byte[] chunk;
    /** One record as written: prefix, ciphertext, tag. */
    private final byte[] record;
    private int buffered;
    private long recordIndex;
    private long dataRecords;
    private long plaintextSize;
    private long sealedSize;
    private boolean headerWritten;
    private boolean closed;
    private boolean failed;
    private byte @Nullable [] plaintextSha256;
    private byte @Nullable [] sealedSha256;

    /**
     * Creates a sealing stream that leaves {@code out} open and reports no progress.
     *
     * @param out where the sealed bytes go
     * @param key the 32-byte asset key (not retained)
     * @param kind {@link SealedFormat#KIND_DATASET}, {@link SealedFormat#KIND_MODEL} or
     *     {@link SealedFormat#KIND_RESULT_OUTPUT}
     * @param name the asset name, at most 255 UTF-8 bytes (clear text in the header)
     * @param chunkSize plaintext bytes per full chunk, a power of two from 4 KiB to 16 MiB
     * @param random the source of the 32-byte header salt
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key, kind, name or chunk size is invalid
     */
    public SealingOutputStream(OutputStream out, byte[] key, int kind, String name, int chunkSize, SecureRandom random) {
        this(out, key, kind, name, chunkSize, random, false, null);
    }

    /**
     * Creates a sealing stream.
     *
     * @param out where the sealed bytes go
     * @param key the 32-byte asset key (not retained)
     * @param kind {@link SealedFormat#KIND_DATASET}, {@link SealedFormat#KIND_MODEL} or
     *     {@link SealedFormat#KIND_RESULT_OUTPUT}
     * @param name the asset name, at most 255 UTF-8 bytes (clear text in the header)
     * @param chunkSize plaintext bytes per full chunk, a power of two from 4 KiB to 16 MiB
     * @param random the source of the 32-byte header salt
     * @param closeUnderlying whether {@link #close()} also closes {@code out}
     * @param progress called with the cumulative plaintext byte count after each record, or null
     * @throws NullPointerException if an argument other than {@code progress} is null
     * @throws IllegalArgumentException if the key, kind, name or chunk size is invalid
     */
    public SealingOutputStream(OutputStream out, byte[] key, int kind, String name, int chunkSize, SecureRandom random,
            boolean closeUnderlying, @Nullable LongConsumer progress) {
        this(out, key, kind, name, chunkSize, newSalt(random), closeUnderlying, progress);
    }

    private SealingOutputStream(OutputStream out, byte[] key, int kind, String name, int chunkSize, byte[] salt,
            boolean closeUnderlying, @Nullable LongConsumer progress) {
        this.out = Objects.requireNonNull(out, "out");
        SealedFormat.checkKey(key);
        if (!SealedFormat.isValidKind(kind)) {
            throw new IllegalArgumentException("asset kind must be 1, 2 or 3, got " + kind);
        }
        if (!SealedFormat.isValidChunkSize(chunkSize)) {
            throw new IllegalArgumentException("chunk size must be a power of two from " + SealedFormat.MIN_CHUNK_SIZE
                    + " to " + SealedFormat.MAX_CHUNK_SIZE + ", got " + chunkSize);
        }
        if (salt.length != SealedFormat.SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be " + SealedFormat.SALT_LENGTH + " bytes");
        }
        byte[] encodedName = SealedFormat.encodeName(name);
        this.closeUnderlying = closeUnderlying;
        this.progress = progress;
        this.chunkSize = chunkSize;
        this.header = SealedFormat.header(kind, SealedFormat.keyId(key), chunkSize, salt, encodedName);
        this.fileKey = SealedFormat.fileKey(key, salt, header);
        this.chunk = new byte[chunkSize];
        this.record = new byte[SealedFormat.RECORD_PREFIX_LENGTH + chunkSize + SealedFormat.TAG_LENGTH];
    }

    /** Creates a stream with a fixed salt, for test vectors only. */
    static SealingOutputStream withSalt(OutputStream out, byte[] key, int kind, String name, int chunkSize, byte[] salt) {
        return new SealingOutputStream(out, key, kind, name, chunkSize, salt.clone(), false, null);
    }

    private static byte[] newSalt(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] salt = new byte[SealedFormat.SALT_LENGTH];
        random.nextBytes(salt);
        return salt;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        chunk[buffered++] = (byte) b;
        if (buffered == chunkSize) {
            writeChunk(chunk, 0, chunkSize);
            buffered = 0;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (buffered == 0 && len >= chunkSize) {
                // whole chunk straight from the caller's array: no copy
                writeChunk(b, off, chunkSize);
                off += chunkSize;
                len -= chunkSize;
                continue;
            }
            int n = Math.min(len, chunkSize - buffered);
            System.arraycopy(b, off, chunk, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered == chunkSize) {
                writeChunk(chunk, 0, chunkSize);
                buffered = 0;
            }
        }
    }

    /**
     * Flushes the sealed bytes written so far (header and completed chunks); a partial chunk stays buffered.
     *
     * @throws IOException if the stream is closed or failed, or the underlying stream fails
     */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        try {
            writeHeader();
            out.flush();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Writes the last data record and the manifest, flushes, and closes the underlying stream if asked to.
     * Calling it again has no effect.
     *
     * @throws IOException if the underlying stream fails, or an earlier write failed (the sealed output is
     *     then incomplete and must be discarded)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failed) {
                throw new IOException("sealing failed earlier; the sealed output is incomplete");
            }
            try {
                writeHeader();
                if (buffered > 0) {
                    writeChunk(chunk, 0, buffered);
                    buffered = 0;
                }
                byte[] hash = plaintextDigest.digest();
                byte[] manifest = new byte[SealedFormat.MANIFEST_LENGTH];
                SealedFormat.putLong(manifest, 0, plaintextSize);
                SealedFormat.putLong(manifest, 8, dataRecords);
                System.arraycopy(hash, 0, manifest, 16, hash.length);
                writeRecord(SealedFormat.RECORD_MANIFEST, manifest, 0, manifest.length);
                out.flush();
                plaintextSha256 = hash;
                sealedSha256 = sealedDigest.digest();
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        } finally {
            Arrays.fill(chunk, (byte) 0);
            if (closeUnderlying) {
                out.close();
            }
        }
    }

    /**
     * Returns the plaintext size in bytes.
     *
     * @return the number of plaintext bytes sealed
     * @throws IllegalStateException if the stream was not closed successfully
     */
    public long plaintextSize() {
        checkFinished();
        return plaintextSize;
    }

    /**
     * Returns the SHA-256 of the plaintext, also sealed in the manifest.
     *
     * @return a copy of the 32-byte digest
     * @throws IllegalStateException if the stream was not closed successfully
     */
    public byte[] plaintextSha256() {
        return checkFinished(plaintextSha256).clone();
    }

    /**
     * Returns the SHA-256 of the plaintext as a {@link Digest}.
     *
     * @return the digest
     * @throws IllegalStateException if the stream was not closed successfully
     */
    public Digest plaintextDigest() {
        return Digest.ofSha256(checkFinished(plaintextSha256));
    }

    /**
     * Returns the number of sealed bytes written, header included.
     *
     * @return the sealed size
     * @throws IllegalStateException if the stream was not closed successfully
     */
    public long sealedSize() {
        checkFinished();
        return sealedSize;
    }

    /**
     * Returns the SHA-256 over every sealed byte written, header included: the digest that names the asset.
     *
     * @return a copy of the 32-byte digest
     * @throws IllegalStateException if the stream was not closed successfully
     */
    public byte[] sealedSha256() {
        return checkFinished(sealedSha256).clone();
    }

    /**
     * Returns the SHA-256 over every sealed byte written as a {@link Digest}.
     *
     * @return the digest
     * @throws IllegalStateException if the stream was not closed successfully
     */
    public Digest sealedDigest() {
        return Digest.ofSha256(checkFinished(sealedSha256));
    }

    /**
     * Returns the 16-byte key id written in the header.
     *
     * @return a copy of the key id
     */
    public byte[] keyId() {
        return Arrays.copyOfRange(header, SealedFormat.OFFSET_KEY_ID, SealedFormat.OFFSET_KEY_ID + SealedFormat.KEY_ID_LENGTH);
    }

    private void checkFinished() {
        checkFinished(sealedSha256);
    }

    private static byte[] checkFinished(byte @Nullable [] value) {
        if (value == null) {
            throw new IllegalStateException("sealing has not completed: close() has not returned normally");
        }
        return value;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("sealing stream is closed");
        }
        if (failed) {
            throw new IOException("sealing failed earlier; the sealed output is incomplete");
        }
    }

    private void writeHeader() throws IOException {
        if (!headerWritten) {
            headerWritten = true;
            emit(header, 0, header.length);
        }
    }

    private void writeChunk(byte[] b, int off, int len) throws IOException {
        try {
            writeHeader();
            plaintextDigest.update(b, off, len);
            writeRecord(SealedFormat.RECORD_DATA, b, off, len);
            dataRecords++;
            plaintextSize += len;
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        if (progress != null) {
            progress.accept(plaintextSize);
        }
    }

    /** Encrypts one record into {@link #record} and writes it. */
    private void writeRecord(int type, byte[] b, int off, int len) throws IOException {
        if (recordIndex < 0) {
            throw new IllegalStateException("too many records");
        }
        SealedFormat.nonce(nonce, recordIndex, type);
        SealedFormat.aad(aad, type, recordIndex, len);
        record[0] = (byte) type;
        SealedFormat.putInt(record, 1, len);
        int n = SealedFormat.RECORD_PREFIX_LENGTH;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, fileKey, new GCMParameterSpec(SealedFormat.TAG_LENGTH * 8, nonce));
            cipher.updateAAD(aad);
            for (int done = 0; done < len; ) {
                int slice = Math.min(SLICE, len - done);
                n += cipher.update(b, off + done, slice, record, n);
                done += slice;
            }
            n += cipher.doFinal(record, n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        if (n != SealedFormat.RECORD_PREFIX_LENGTH + len + SealedFormat.TAG_LENGTH) {
            throw new IllegalStateException("AES-GCM produced an unexpected length");
        }
        recordIndex++;
        emit(record, 0, n);
    }

    private void emit(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sealedDigest.update(b, off, len);
        sealedSize += len;
    }
}
