package io.confidentialai.sdk;

import io.confidentialai.sdk.internal.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A SHA-256 content digest, written {@code sha256:<64 lower-case hex digits>}.
 *
 * <p>Digests name sealed assets, orders, policies, evidence and outputs. Instances are immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class Digest {
    /** The only algorithm label in this version. */
    public static final String SHA256 = "sha256";
    private static final int LENGTH = 32;

    private final byte[] value;

    private Digest(byte[] value) {
        this.value = value;
    }

    /**
     * Wraps a 32-byte SHA-256 value (copied).
     *
     * @param sha256 the digest value
     * @return the digest
     * @throws NullPointerException if {@code sha256} is null
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static Digest ofSha256(byte[] sha256) {
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length != LENGTH) {
            throw new IllegalArgumentException("SHA-256 digest must be 32 bytes, got " + sha256.length);
        }
        return new Digest(sha256.clone());
    }

    /**
     * Computes the SHA-256 digest of bytes.
     *
     * @param content the bytes
     * @return their digest
     * @throws NullPointerException if {@code content} is null
     */
    public static Digest sha256(byte[] content) {
        Objects.requireNonNull(content, "content");
        return new Digest(newSha256().digest(content));
    }

    /**
     * Parses {@code sha256:<hex>}.
     *
     * @param text the digest text
     * @return the digest
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if it is not of that form
     */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "text");
        String prefix = SHA256 + ":";
        if (!text.startsWith(prefix) || text.length() != prefix.length() + 2 * LENGTH) {
            throw new IllegalArgumentException("digest must be sha256:<64 hex digits>");
        }
        return new Digest(Hex.decode(text.substring(prefix.length())));
    }

    /** Returns a new SHA-256 {@link MessageDigest}. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Returns the algorithm label, {@code "sha256"}. */
    public String algorithm() {
        return SHA256;
    }

    /** Returns a copy of the digest value. */
    public byte[] toByteArray() {
        return value.clone();
    }

    /** Returns the value as lower-case hex, without the algorithm label. */
    public String toHex() {
        return Hex.encode(value);
    }

    /** Compares with another digest in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest && MessageDigest.isEqual(value, ((Digest) o).value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** Returns {@code sha256:<hex>}, the form {@link #parse(String)} reads. */
    @Override
    public String toString() {
        return SHA256 + ":" + toHex();
    }
}
