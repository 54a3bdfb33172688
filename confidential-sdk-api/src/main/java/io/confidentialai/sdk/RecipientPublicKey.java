package io.confidentialai.sdk;

import io.confidentialai.sdk.internal.Hex;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A result recipient's public HPKE key (DHKEM(X25519, HKDF-SHA256), 32 bytes). Orders name recipients by
 * these keys; outputs are wrapped only to them.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RecipientPublicKey {
    private final byte[] key;

    private RecipientPublicKey(byte[] key) {
        this.key = key;
    }

    /**
     * Wraps a raw X25519 public key (copied).
     *
     * @param x25519 32 bytes
     * @return the key
     * @throws NullPointerException if {@code x25519} is null
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static RecipientPublicKey of(byte[] x25519) {
        Objects.requireNonNull(x25519, "x25519");
        if (x25519.length != 32) {
            throw new IllegalArgumentException("X25519 public key must be 32 bytes, got " + x25519.length);
        }
        return new RecipientPublicKey(x25519.clone());
    }

    /**
     * Parses the hex form of {@link #toHex()}.
     *
     * @param hex 64 hex digits
     * @return the key
     * @throws IllegalArgumentException if the text is not 32 bytes of hex
     */
    public static RecipientPublicKey parse(String hex) {
        return of(Hex.decode(Objects.requireNonNull(hex, "hex")));
    }

    /** Returns a copy of the raw key. */
    public byte[] toByteArray() {
        return key.clone();
    }

    /** Returns the raw key in hex. */
    public String toHex() {
        return Hex.encode(key);
    }

    /** Returns SHA-256 of the raw key, which names this recipient in grants. */
    public Digest fingerprint() {
        return Digest.sha256(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecipientPublicKey && MessageDigest.isEqual(((RecipientPublicKey) o).key, key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "RecipientPublicKey[" + toHex() + "]";
    }
}
