package io.confidentialai.sdk;

import io.confidentialai.sdk.internal.Hex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An asset key wrapped with HPKE (RFC 9180, base mode) to one recipient's public key, for one order and one
 * asset. Created by {@link Keys#grant} only for a {@link io.confidentialai.sdk.attestation.VerifiedAttestation}
 * (purpose {@link Purpose#ASSET_KEY}), or by the trusted loader for result recipients
 * ({@link Purpose#RESULT_KEY}).
 *
 * <p>The HPKE {@code info} commits to the purpose, the order digest, the asset digest and the recipient, and
 * the {@code aad} to the whole grant header, so a grant is useless for any other TEE key, asset or order.
 * The byte layout is specified in {@code docs/key-binding.md}. A parsed grant is untrusted until it unwraps.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class KeyGrant {
    /** Why a key was wrapped. */
    public enum Purpose {
        /** A data or model owner's asset key, for an attested TEE. */
        ASSET_KEY(1),
        /** A result key, for an order's result recipient. */
        RESULT_KEY(2);

        private final int code;

        Purpose(int code) {
            this.code = code;
        }

        /** Returns the byte that encodes this purpose. */
        public int code() {
            return code;
        }
    }

    /** HPKE KEM id DHKEM(X25519, HKDF-SHA256). */
    public static final int KEM_ID = 0x0020;
    /** HPKE KDF id HKDF-SHA256. */
    public static final int KDF_ID = 0x0001;
    /** HPKE AEAD id AES-128-GCM. */
    public static final int AEAD_ID = 0x0001;
    private static final byte[] MAGIC = "CSDKGRNT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER_LENGTH = 8 + 1 + 1 + 6 + 32 + 32 + 32 + 16;
    private static final int ENC_LENGTH = 32;
    private static final int CT_LENGTH = 32 + 16;
    private static final int LENGTH = HEADER_LENGTH + 2 + ENC_LENGTH + 2 + CT_LENGTH;

    private final Purpose purpose;
    private final Digest orderDigest;
    private final Digest assetDigest;
    private final Digest recipient;
    private final byte[] keyId;
    private final byte[] enc;
    private final byte[] ciphertext;

    private KeyGrant(Purpose purpose, Digest orderDigest, Digest assetDigest, Digest recipient, byte[] keyId, byte[] enc,
            byte[] ciphertext) {
        this.purpose = purpose;
        this.orderDigest = orderDigest;
        this.assetDigest = assetDigest;
        this.recipient = recipient;
        this.keyId = keyId;
        this.enc = enc;
        this.ciphertext = ciphertext;
    }

    /**
     * Assembles a grant from its parts. For engine implementations only.
     *
     * @param issuer the engine's capability
     * @param purpose why the key is wrapped
     * @param orderDigest the order
     * @param assetDigest the sealed asset
     * @param recipient SHA-256 of the recipient's raw HPKE public key
     * @param keyId the 16-byte asset key id
     * @param enc the 32-byte HPKE encapsulated key
     * @param ciphertext the 48-byte HPKE ciphertext of the asset key
     * @return the grant
     * @throws IllegalArgumentException if a length is wrong
     */
    public static KeyGrant issue(VerdictIssuer issuer, Purpose purpose, Digest orderDigest, Digest assetDigest,
            Digest recipient, byte[] keyId, byte[] enc, byte[] ciphertext) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(orderDigest, "orderDigest");
        Objects.requireNonNull(assetDigest, "assetDigest");
        Objects.requireNonNull(recipient, "recipient");
        if (keyId.length != 16 || enc.length != ENC_LENGTH || ciphertext.length != CT_LENGTH) {
            throw new IllegalArgumentException("key grant part has the wrong length");
        }
        return new KeyGrant(purpose, orderDigest, assetDigest, recipient, keyId.clone(), enc.clone(), ciphertext.clone());
    }

    /**
     * Parses the byte form of {@link #toByteArray()}. The result is untrusted until it unwraps.
     *
     * @param bytes the encoded grant
     * @return the grant
     * @throws IllegalArgumentException if the bytes are not a version 1 grant of the supported suite
     */
    public static KeyGrant parse(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("key grant must be " + LENGTH + " bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[8];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC) || b.get() != VERSION) {
            throw new IllegalArgumentException("not a version 1 key grant");
        }
        int p = b.get();
        Purpose purpose = p == 1 ? Purpose.ASSET_KEY : p == 2 ? Purpose.RESULT_KEY : null;
        if (purpose == null) {
            throw new IllegalArgumentException("unknown key grant purpose " + p);
        }
        if (b.getShort() != KEM_ID || b.getShort() != KDF_ID || b.getShort() != AEAD_ID) {
            throw new IllegalArgumentException("unsupported HPKE suite in key grant");
        }
        Digest order = Digest.ofSha256(take(b, 32));
        Digest asset = Digest.ofSha256(take(b, 32));
        Digest recipient = Digest.ofSha256(take(b, 32));
        byte[] keyId = take(b, 16);
        if (b.getShort() != ENC_LENGTH) {
            throw new IllegalArgumentException("bad encapsulated key length in key grant");
        }
        byte[] enc = take(b, ENC_LENGTH);
        if (b.getShort() != CT_LENGTH) {
            throw new IllegalArgumentException("bad ciphertext length in key grant");
        }
        byte[] ct = take(b, CT_LENGTH);
        return new KeyGrant(purpose, order, asset, recipient, keyId, enc, ct);
    }

    private static byte[] take(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    /** Returns the encoded grant. */
    public byte[] toByteArray() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(header());
        b.putShort((short) ENC_LENGTH).put(enc).putShort((short) CT_LENGTH).put(ciphertext);
        return b.array();
    }

    /** Returns the header bytes (everything before the encapsulated key): the HPKE {@code aad}. */
    public byte[] header() {
        return header(purpose, orderDigest, assetDigest, recipient, keyId);
    }

    /**
     * Computes the header bytes for these parts (see {@link #header()}).
     *
     * @param purpose the purpose
     * @param orderDigest the order
     * @param assetDigest the asset
     * @param recipient the recipient fingerprint
     * @param keyId the 16-byte key id
     * @return the header
     * @throws IllegalArgumentException if the key id is not 16 bytes
     */
    public static byte[] header(Purpose purpose, Digest orderDigest, Digest assetDigest, Digest recipient, byte[] keyId) {
        if (keyId.length != 16) {
            throw new IllegalArgumentException("key id must be 16 bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH);
        b.put(MAGIC).put((byte) VERSION).put((byte) purpose.code());
        b.putShort((short) KEM_ID).putShort((short) KDF_ID).putShort((short) AEAD_ID);
        b.put(orderDigest.toByteArray()).put(assetDigest.toByteArray()).put(recipient.toByteArray()).put(keyId);
        return b.array();
    }

    /**
     * Returns the HPKE {@code info}: ASCII {@code "csdk-key-grant-v1"}, a zero byte, the purpose byte, then
     * the order, asset and recipient digests.
     */
    public byte[] info() {
        return info(purpose, orderDigest, assetDigest, recipient);
    }

    /**
     * Computes the HPKE {@code info} for these parts (see {@link #info()}).
     *
     * @param purpose the purpose
     * @param orderDigest the order
     * @param assetDigest the asset
     * @param recipient the recipient fingerprint
     * @return the info bytes
     */
    public static byte[] info(Purpose purpose, Digest orderDigest, Digest assetDigest, Digest recipient) {
        byte[] label = "csdk-key-grant-v1".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(label.length + 2 + 96);
        b.put(label).put((byte) 0).put((byte) purpose.code());
        b.put(orderDigest.toByteArray()).put(assetDigest.toByteArray()).put(recipient.toByteArray());
        return b.array();
    }

    /** Returns the purpose. */
    public Purpose purpose() {
        return purpose;
    }

    /** Returns the order digest. */
    public Digest orderDigest() {
        return orderDigest;
    }

    /** Returns the sealed asset's digest. */
    public Digest assetDigest() {
        return assetDigest;
    }

    /** Returns the recipient's key fingerprint (SHA-256 of its raw HPKE public key). */
    public Digest recipient() {
        return recipient;
    }

    /** Returns the asset key id in hex. */
    public String keyId() {
        return Hex.encode(keyId);
    }

    /** Returns a copy of the HPKE encapsulated key. */
    public byte[] encapsulatedKey() {
        return enc.clone();
    }

    /** Returns a copy of the HPKE ciphertext. */
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyGrant && Arrays.equals(((KeyGrant) o).toByteArray(), toByteArray());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toByteArray());
    }

    @Override
    public String toString() {
        return "KeyGrant[" + purpose + ", order=" + orderDigest + ", asset=" + assetDigest + ", recipient=" + recipient + "]";
    }
}
