package io.confidentialai.sdk.impl.internal.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A key pair of a 32-byte-key curve in raw form, shared by {@link X25519KeyPair} and {@link Ed25519KeyPair}.
 * This class is internal and is not meant to be used by applications; it may change at any time.
 *
 * <p>The private key can be wiped with {@link #destroy()}; afterwards {@link #privateKey()} throws. Instances
 * are thread-safe, but destroying one while another thread uses it is a caller error.
 */
public abstract class RawKeyPair implements Destroyable {
    /** The length of a private or public key in bytes. */
    public static final int KEY_LENGTH = 32;

    private final String algorithm;
    private final byte[] privateKey;
    private final byte[] publicKey;
    private volatile boolean destroyed;

    /** Takes ownership of both arrays; the caller guarantees that they are 32 bytes and belong together. */
    RawKeyPair(String algorithm, byte[] privateKey, byte[] publicKey) {
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Returns a copy of a 32-byte key, or throws naming the algorithm and the key's role. */
    static byte[] copyKey(byte[] key, String algorithm, String role) {
        Objects.requireNonNull(key, role + "Key");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an " + algorithm + " " + role + " key is " + KEY_LENGTH + " bytes");
        }
        return key.clone();
    }

    /** Returns {@code pair} if its public key is {@code publicKey}; otherwise destroys it and throws. */
    static <T extends RawKeyPair> T requireMatching(T pair, byte[] publicKey) {
        RawKeyPair p = pair;
        byte[] expected = copyKey(publicKey, p.algorithm, "public");
        if (!MessageDigest.isEqual(p.publicKey, expected)) {
            p.destroy();
            throw new IllegalArgumentException("the " + p.algorithm + " public key does not belong to the private key");
        }
        return pair;
    }

    /**
     * Returns a copy of the 32-byte public key.
     *
     * @return the public key
     */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Returns a copy of the 32-byte private key; the caller should wipe it after use.
     *
     * @return the private key
     * @throws IllegalStateException if the key pair was destroyed
     */
    public byte[] privateKey() {
        if (destroyed) {
            throw new IllegalStateException("the " + algorithm + " key pair was destroyed");
        }
        return privateKey.clone();
    }

    /** Overwrites the private key with zeros; idempotent. */
    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Returns the public key in hex; the private key is never shown. */
    @Override
    public String toString() {
        return algorithm + "KeyPair[public=" + HexFormat.of().formatHex(publicKey) + ", private=(redacted)]";
    }
}
