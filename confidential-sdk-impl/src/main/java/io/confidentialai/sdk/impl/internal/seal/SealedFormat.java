package io.confidentialai.sdk.impl.internal.seal;

import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.ReasonCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Constants and shared primitives of the sealed-asset format {@code CSDKSEAL} version 1, specified byte by
 * byte in {@code docs/sealed-format.md}.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 * It is stateless and thread-safe.
 */
public final class SealedFormat {
    /** The eight magic bytes, ASCII {@code CSDKSEAL}. */
    static final byte[] MAGIC = "CSDKSEAL".getBytes(StandardCharsets.US_ASCII);
    /** The only format version. */
    public static final int VERSION = 1;

    /** Header kind: a dataset. */
    public static final int KIND_DATASET = 1;
    /** Header kind: a model. */
    public static final int KIND_MODEL = 2;
    /** Header kind: a result output. */
    public static final int KIND_RESULT_OUTPUT = 3;

    /** Length of the asset key, in bytes (AES-256). */
    public static final int KEY_LENGTH = 32;
    /** Length of the key id, in bytes. */
    public static final int KEY_ID_LENGTH = 16;
    /** Length of the random header salt, in bytes. */
    public static final int SALT_LENGTH = 32;
    /** Length of the GCM tag that ends every record, in bytes. */
    public static final int TAG_LENGTH = 16;
    /** Length of the GCM nonce, in bytes. */
    static final int NONCE_LENGTH = 12;
    /** Length of the clear record prefix (type u8, plaintext length u32), in bytes. */
    public static final int RECORD_PREFIX_LENGTH = 5;
    /** Length of the additional authenticated data of a record, in bytes. */
    static final int AAD_LENGTH = 13;

    /** The smallest chunk size, 4 KiB. */
    public static final int MIN_CHUNK_SIZE = 4 * 1024;
    /** The largest chunk size, 16 MiB. */
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    /**
     * The default chunk size, 64 KiB. Measured on JDK 17 (see {@code docs/sealed-format.md}): steady-state
     * throughput is the same from 16 KiB to 1 MiB (SHA-256 dominates), but in a fresh JVM AES-GCM decryption
     * reaches its intrinsic only after many {@code doFinal} calls, so 64 KiB records warm up within about
     * 128 MiB where 1 MiB records stay at about 60 MB/s for the first 512 MiB. It also keeps the reader's
     * memory small.
     */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    /** The longest asset name, in UTF-8 bytes. */
    public static final int MAX_NAME_LENGTH = 255;

    /** Record type of a data record. */
    public static final int RECORD_DATA = 0x01;
    /** Record type of the manifest record, the last record. */
    public static final int RECORD_MANIFEST = 0x02;
    /** Plaintext length of the manifest: size u64, data record count u64, SHA-256 (32). */
    public static final int MANIFEST_LENGTH = 48;

    /**
     * Length of the header before the name: magic 8, version 1, kind 1, key id 16, chunk size 4, salt 32,
     * name length 2.
     */
    public static final int FIXED_HEADER_LENGTH = 64;
    /** Offsets of the header fields. */
    static final int OFFSET_VERSION = 8;
    static final int OFFSET_KIND = 9;
    static final int OFFSET_KEY_ID = 10;
    static final int OFFSET_CHUNK_SIZE = 26;
    static final int OFFSET_SALT = 30;
    static final int OFFSET_NAME_LENGTH = 62;

    static final String KEY_ID_LABEL = "csdk-key-id-v1";
    static final String FILE_KEY_LABEL = "csdk-seal-v1";
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private SealedFormat() {
    }

    /**
     * Returns the key id of an asset key: the first 16 bytes of {@code HMAC-SHA256(key, "csdk-key-id-v1")}.
     *
     * @param key the 32-byte asset key (not retained)
     * @return the 16-byte key id
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is not 32 bytes
     */
    public static byte[] keyId(byte[] key) {
        checkKey(key);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(KEY_ID_LABEL.getBytes(StandardCharsets.US_ASCII)), KEY_ID_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /**
     * Returns whether a chunk size is allowed: a power of two from {@link #MIN_CHUNK_SIZE} to
     * {@link #MAX_CHUNK_SIZE}.
     *
     * @param chunkSize the chunk size
     * @return whether it is allowed
     */
    public static boolean isValidChunkSize(long chunkSize) {
        return chunkSize >= MIN_CHUNK_SIZE && chunkSize <= MAX_CHUNK_SIZE && Long.bitCount(chunkSize) == 1;
    }

    /**
     * Returns whether a header kind byte is defined.
     *
     * @param kind the kind
     * @return whether it is {@link #KIND_DATASET}, {@link #KIND_MODEL} or {@link #KIND_RESULT_OUTPUT}
     */
    public static boolean isValidKind(int kind) {
        return kind == KIND_DATASET || kind == KIND_MODEL || kind == KIND_RESULT_OUTPUT;
    }

    static void checkKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("asset key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
    }

    /** Encodes a name as strict UTF-8, or fails with IllegalArgumentException. */
    static byte[] encodeName(String name) {
        Objects.requireNonNull(name, "name");
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(name));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("asset name is not valid Unicode text", e);
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (bytes.length > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("asset name must be at most " + MAX_NAME_LENGTH + " UTF-8 bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** Decodes a header name as strict UTF-8, or returns null when it is not valid UTF-8. */
    static @Nullable String decodeName(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Builds the complete header. */
    static byte[] header(int kind, byte[] keyId, int chunkSize, byte[] salt, byte[] name) {
        byte[] h = new byte[FIXED_HEADER_LENGTH + name.length];
        System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
        h[OFFSET_VERSION] = (byte) VERSION;
        h[OFFSET_KIND] = (byte) kind;
        System.arraycopy(keyId, 0, h, OFFSET_KEY_ID, KEY_ID_LENGTH);
        putInt(h, OFFSET_CHUNK_SIZE, chunkSize);
        System.arraycopy(salt, 0, h, OFFSET_SALT, SALT_LENGTH);
        h[OFFSET_NAME_LENGTH] = (byte) (name.length >>> 8);
        h[OFFSET_NAME_LENGTH + 1] = (byte) name.length;
        System.arraycopy(name, 0, h, FIXED_HEADER_LENGTH, name.length);
        return h;
    }

    /**
     * Derives the file key: HKDF-SHA256(ikm = asset key, salt = header salt,
     * info = "csdk-seal-v1" || 0x00 || SHA-256(header)), 32 bytes.
     */
    static SecretKeySpec fileKey(byte[] assetKey, byte[] salt, byte[] header) {
        byte[] label = FILE_KEY_LABEL.getBytes(StandardCharsets.US_ASCII);
        byte[] headerHash = sha256().digest(header);
        byte[] info = new byte[label.length + 1 + headerHash.length];
        System.arraycopy(label, 0, info, 0, label.length);
        System.arraycopy(headerHash, 0, info, label.length + 1, headerHash.length);
        byte[] okm = Hkdf.derive(assetKey, salt, info, KEY_LENGTH);
        try {
            return new SecretKeySpec(okm, "AES");
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }

    /** Writes the nonce of a record: index u64 BE, three zero bytes, type. */
    static void nonce(byte[] nonce, long index, int type) {
        putLong(nonce, 0, index);
        nonce[8] = 0;
        nonce[9] = 0;
        nonce[10] = 0;
        nonce[11] = (byte) type;
    }

    /** Writes the additional authenticated data of a record: type, index u64 BE, length u32 BE. */
    static void aad(byte[] aad, int type, long index, int length) {
        aad[0] = (byte) type;
        putLong(aad, 1, index);
        putInt(aad, 9, length);
    }

    static Cipher newCipher() {
        try {
            // SunJCE explicitly: its AES-GCM uses the CPU intrinsics; other providers can be far slower
            return Cipher.getInstance(TRANSFORMATION, "SunJCE");
        } catch (GeneralSecurityException e) {
            try {
                return Cipher.getInstance(TRANSFORMATION);
            } catch (GeneralSecurityException e2) {
                e2.addSuppressed(e);
                throw new IllegalStateException("AES/GCM/NoPadding is required by every Java platform", e2);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static DecryptionException formatInvalid(String message) {
        return new DecryptionException(ReasonCode.SEALED_FORMAT_INVALID, "sealed asset: " + message, null);
    }

    static DecryptionException decryptionFailed(String message, Throwable cause) {
        return new DecryptionException(DecryptionException.DECRYPTION_FAILED, "sealed asset: " + message, cause);
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    static long getUnsignedInt(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFFL) << 16) | ((b[off + 2] & 0xFFL) << 8) | (b[off + 3] & 0xFFL);
    }

    static long getLong(byte[] b, int off) {
        return (getUnsignedInt(b, off) << 32) | getUnsignedInt(b, off + 4);
    }
}
