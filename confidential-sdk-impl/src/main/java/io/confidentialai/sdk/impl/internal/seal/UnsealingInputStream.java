package io.confidentialai.sdk.impl.internal.seal;

import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Reads and authenticates a sealed asset in the {@code CSDKSEAL} version 1 format, returning its plaintext
 * (see {@code docs/sealed-format.md}).
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 *
 * <p>{@link #open} reads and checks the whole header, including the key id, before any record. Each record
 * is then read whole, bounded by the header's chunk size, and decrypted with a single AES-GCM
 * {@code doFinal}; its plaintext is handed out only after its tag verified. Memory use is about two chunks,
 * whatever the asset size.
 *
 * <p><b>Failures arrive late.</b> Because this is a stream, the plaintext of earlier records may already
 * have been returned when a later record, truncation, extra bytes or a manifest mismatch is detected. The
 * read methods then throw {@link SealedStreamException}, which wraps the {@link DecryptionException}. A
 * consumer must treat the whole asset as failed unless a read returned {@code -1} (end of stream), which
 * happens only after the manifest verified and the underlying stream ended right after it; it must discard
 * or never act on plaintext read before that. Once a read has failed, every later read fails too.
 *
 * <p>I/O errors of the underlying stream are thrown as plain {@link IOException}s. {@link #close()} closes
 * the underlying stream.
 *
 * <p>Instances are not thread-safe.
 */
public final class UnsealingInputStream extends InputStream {
    private final InputStream in;
    private final int kind;
    private final String name;
    private final byte[] keyId;
    private final int chunkSize;
    private final SecretKeySpec fileKey;
    private final Cipher cipher = SealedFormat.newCipher();
    private final MessageDigest plaintextDigest = SealedFormat.sha256();
    private final byte[] nonce = new byte[SealedFormat.NONCE_LENGTH];
    private final byte[] aad = new byte[SealedFormat.AAD_LENGTH];
    private final byte[] prefix = new byte[SealedFormat.RECORD_PREFIX_LENGTH];
    /** Ciphertext and tag of one record. */
    private final byte[] sealed;
    /** Verified plaintext of the current record; {@code [position, limit)} is not yet returned. */
    private final byte[] plain;
    private int position;
    private int limit;
    private long recordIndex;
    private long dataRecords;
    private long plaintextSize;
    private boolean sawShortRecord;
    private boolean eof;
    private boolean closed;
    private @Nullable DecryptionException failure;
    private @Nullable IOException ioFailure;
    private byte @Nullable [] plaintextSha256;

    private UnsealingInputStream(InputStream in, int kind, String name, byte[] keyId, int chunkSize, SecretKeySpec fileKey) {
        this.in = in;
        this.kind = kind;
        this.name = name;
        this.keyId = keyId;
        this.chunkSize = chunkSize;
        this.fileKey = fileKey;
        this.sealed = new byte[chunkSize + SealedFormat.TAG_LENGTH];
        this.plain = new byte[chunkSize];
    }

    /**
     * Reads and checks the header of a sealed asset and returns a stream of its plaintext.
     *
     * @param in the sealed bytes, positioned at the header; closed by {@link #close()}, but left open (for
     *     the caller to close) when this method throws
     * @param key the 32-byte asset key (not retained)
     * @param maxChunkSize the largest chunk size to accept (it bounds memory), a value from 4 KiB to 16 MiB
     * @return the plaintext stream
     * @throws DecryptionException {@link io.confidentialai.sdk.ReasonCode#SEALED_FORMAT_INVALID} if the header
     *     is malformed, truncated, or names a chunk size above {@code maxChunkSize};
     *     {@link DecryptionException#DECRYPTION_FAILED} if it was sealed with another key
     * @throws IOException if reading {@code in} fails
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key is not 32 bytes or {@code maxChunkSize} is out of range
     */
    public static UnsealingInputStream open(InputStream in, byte[] key, int maxChunkSize) throws DecryptionException, IOException {
        Objects.requireNonNull(in, "in");
        SealedFormat.checkKey(key);
        if (maxChunkSize < SealedFormat.MIN_CHUNK_SIZE || maxChunkSize > SealedFormat.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("maxChunkSize must be from " + SealedFormat.MIN_CHUNK_SIZE + " to "
                    + SealedFormat.MAX_CHUNK_SIZE + ", got " + maxChunkSize);
        }
        byte[] fixed = new byte[SealedFormat.FIXED_HEADER_LENGTH];
        if (in.readNBytes(fixed, 0, fixed.length) != fixed.length) {
            throw SealedFormat.formatInvalid("truncated header");
        }
        if (!Arrays.equals(fixed, 0, SealedFormat.MAGIC.length, SealedFormat.MAGIC, 0, SealedFormat.MAGIC.length)) {
            throw SealedFormat.formatInvalid("not a sealed asset (bad magic)");
        }
        int version = fixed[SealedFormat.OFFSET_VERSION] & 0xFF;
        if (version != SealedFormat.VERSION) {
            throw SealedFormat.formatInvalid("unsupported version " + version + ", expected " + SealedFormat.VERSION);
        }
        int kind = fixed[SealedFormat.OFFSET_KIND] & 0xFF;
        if (!SealedFormat.isValidKind(kind)) {
            throw SealedFormat.formatInvalid("unknown asset kind " + kind);
        }
        long chunkSize = SealedFormat.getUnsignedInt(fixed, SealedFormat.OFFSET_CHUNK_SIZE);
        if (!SealedFormat.isValidChunkSize(chunkSize)) {
            throw SealedFormat.formatInvalid("invalid chunk size " + chunkSize);
        }
        if (chunkSize > maxChunkSize) {
            throw SealedFormat.formatInvalid("chunk size " + chunkSize + " exceeds the limit " + maxChunkSize);
        }
        int nameLength = ((fixed[SealedFormat.OFFSET_NAME_LENGTH] & 0xFF) << 8) | (fixed[SealedFormat.OFFSET_NAME_LENGTH + 1] & 0xFF);
        if (nameLength > SealedFormat.MAX_NAME_LENGTH) {
            throw SealedFormat.formatInvalid("name length " + nameLength + " exceeds " + SealedFormat.MAX_NAME_LENGTH);
        }
        byte[] header = Arrays.copyOf(fixed, SealedFormat.FIXED_HEADER_LENGTH + nameLength);
        if (in.readNBytes(header, SealedFormat.FIXED_HEADER_LENGTH, nameLength) != nameLength) {
            throw SealedFormat.formatInvalid("truncated header");
        }
        String name = SealedFormat.decodeName(header, SealedFormat.FIXED_HEADER_LENGTH, nameLength);
        if (name == null) {
            throw SealedFormat.formatInvalid("name is not valid UTF-8");
        }
        byte[] keyId = Arrays.copyOfRange(header, SealedFormat.OFFSET_KEY_ID, SealedFormat.OFFSET_KEY_ID + SealedFormat.KEY_ID_LENGTH);
        if (!MessageDigest.isEqual(keyId, SealedFormat.keyId(key))) {
            throw SealedFormat.decryptionFailed("sealed with a different key (key id mismatch)", null);
        }
        byte[] salt = Arrays.copyOfRange(header, SealedFormat.OFFSET_SALT, SealedFormat.OFFSET_SALT + SealedFormat.SALT_LENGTH);
        SecretKeySpec fileKey = SealedFormat.fileKey(key, salt, header);
        return new UnsealingInputStream(in, kind, name, keyId, (int) chunkSize, fileKey);
    }

    /**
     * Returns the {@link DecryptionException} that an I/O exception from this class's read methods carries.
     *
     * @param e an exception thrown by a read method
     * @return the decryption failure if {@code e} is a {@link SealedStreamException}, otherwise null (a
     *     plain I/O error)
     * @throws NullPointerException if {@code e} is null
     */
    public static @Nullable DecryptionException unwrap(IOException e) {
        Objects.requireNonNull(e, "e");
        return e instanceof SealedStreamException ? ((SealedStreamException) e).getCause() : null;
    }

    /** Returns the header's asset kind: 1 dataset, 2 model, 3 result output. */
    public int kind() {
        return kind;
    }

    /** Returns the header's asset name. */
    public String name() {
        return name;
    }

    /** Returns a copy of the header's 16-byte key id. */
    public byte[] keyId() {
        return keyId.clone();
    }

    /** Returns the header's chunk size: plaintext bytes per full data record. */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Returns the plaintext size, verified against the manifest.
     *
     * @return the number of plaintext bytes
     * @throws IllegalStateException if the stream has not reached its end cleanly
     */
    public long plaintextSize() {
        checkEof();
        return plaintextSize;
    }

    /**
     * Returns the SHA-256 of the plaintext, verified against the manifest.
     *
     * @return a copy of the 32-byte digest
     * @throws IllegalStateException if the stream has not reached its end cleanly
     */
    public byte[] plaintextSha256() {
        return checkEof().clone();
    }

    /**
     * Returns the SHA-256 of the plaintext as a {@link Digest}, verified against the manifest.
     *
     * @return the digest
     * @throws IllegalStateException if the stream has not reached its end cleanly
     */
    public Digest plaintextDigest() {
        return Digest.ofSha256(checkEof());
    }

    /** Returns whether the stream has reached its end cleanly: every record and the manifest verified. */
    public boolean isComplete() {
        return plaintextSha256 != null;
    }

    private byte[] checkEof() {
        byte[] value = plaintextSha256;
        if (value == null) {
            throw new IllegalStateException("the sealed asset has not been read to its end");
        }
        return value;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return plain[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            ensureUsable();
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(plain, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && fill()) {
            int step = (int) Math.min(n - skipped, limit - position);
            position += step;
            skipped += step;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        ensureUsable();
        return limit - position;
    }

    /** Closes the underlying stream and clears buffered plaintext. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            clearPlaintext();
            in.close();
        }
    }

    private void clearPlaintext() {
        Arrays.fill(plain, (byte) 0);
        position = 0;
        limit = 0;
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IOException("unsealing stream is closed");
        }
        if (failure != null) {
            throw new SealedStreamException(new DecryptionException(failure.reason(), "sealed asset: unsealing failed earlier", failure));
        }
        if (ioFailure != null) {
            throw new IOException("sealed asset: reading failed earlier", ioFailure);
        }
    }

    /** Makes plaintext available; returns false at a clean end of stream. */
    private boolean fill() throws IOException {
        ensureUsable();
        if (position < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        try {
            nextRecord();
        } catch (DecryptionException e) {
            failure = e;
            clearPlaintext();
            throw new SealedStreamException(e);
        } catch (IOException e) {
            ioFailure = e;
            clearPlaintext();
            throw e;
        }
        return position < limit;
    }

    /** Reads, authenticates and decrypts the next record; sets eof after a verified manifest. */
    private void nextRecord() throws DecryptionException, IOException {
        int got = in.readNBytes(prefix, 0, prefix.length);
        if (got == 0) {
            throw SealedFormat.formatInvalid("truncated: the stream ended before the manifest");
        }
        if (got != prefix.length) {
            throw SealedFormat.formatInvalid("truncated record prefix");
        }
        int type = prefix[0] & 0xFF;
        long length = SealedFormat.getUnsignedInt(prefix, 1);
        if (type == SealedFormat.RECORD_DATA) {
            if (sawShortRecord) {
                throw SealedFormat.formatInvalid("a short data record is followed by another data record");
            }
            if (length == 0 || length > chunkSize) {
                throw SealedFormat.formatInvalid("data record length " + length + " is not from 1 to the chunk size " + chunkSize);
            }
        } else if (type == SealedFormat.RECORD_MANIFEST) {
            if (length != SealedFormat.MANIFEST_LENGTH) {
                throw SealedFormat.formatInvalid("manifest length " + length + ", expected " + SealedFormat.MANIFEST_LENGTH);
            }
        } else {
            throw SealedFormat.formatInvalid("unknown record type " + type);
        }
        int len = (int) length;
        int sealedLength = len + SealedFormat.TAG_LENGTH;
        if (in.readNBytes(sealed, 0, sealedLength) != sealedLength) {
            throw SealedFormat.formatInvalid("truncated record");
        }
        SealedFormat.nonce(nonce, recordIndex, type);
        SealedFormat.aad(aad, type, recordIndex, len);
        int n;
        try {
            cipher.init(Cipher.DECRYPT_MODE, fileKey, new GCMParameterSpec(SealedFormat.TAG_LENGTH * 8, nonce));
            cipher.updateAAD(aad);
            n = cipher.doFinal(sealed, 0, sealedLength, plain, 0);
        } catch (AEADBadTagException e) {
            throw SealedFormat.decryptionFailed("record " + recordIndex + " failed authentication", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed unexpectedly", e);
        }
        if (n != len) {
            throw new IllegalStateException("AES-GCM produced an unexpected length");
        }
        recordIndex++;
        if (type == SealedFormat.RECORD_DATA) {
            plaintextDigest.update(plain, 0, len);
            plaintextSize += len;
            dataRecords++;
            sawShortRecord = len < chunkSize;
            position = 0;
            limit = len;
            return;
        }
        finishManifest();
    }

    private void finishManifest() throws DecryptionException, IOException {
        long manifestSize = SealedFormat.getLong(plain, 0);
        long manifestCount = SealedFormat.getLong(plain, 8);
        byte[] manifestHash = Arrays.copyOfRange(plain, 16, 16 + 32);
        Arrays.fill(plain, 0, SealedFormat.MANIFEST_LENGTH, (byte) 0);
        byte[] hash = plaintextDigest.digest();
        if (manifestSize != plaintextSize) {
            throw SealedFormat.formatInvalid("manifest size " + manifestSize + " differs from the " + plaintextSize + " bytes decrypted");
        }
        if (manifestCount != dataRecords) {
            throw SealedFormat.formatInvalid("manifest record count " + manifestCount + " differs from the " + dataRecords + " records decrypted");
        }
        if (!MessageDigest.isEqual(manifestHash, hash)) {
            throw SealedFormat.formatInvalid("manifest SHA-256 differs from the plaintext decrypted");
        }
        if (in.read() != -1) {
            throw SealedFormat.formatInvalid("bytes follow the manifest");
        }
        eof = true;
        position = 0;
        limit = 0;
        plaintextSha256 = hash;
    }
}
