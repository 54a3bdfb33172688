package io.confidentialai.sdk.impl.internal.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An Ed25519 key pair in raw form (RFC 8032): the 32-byte private key (the seed) and the 32-byte public key.
 * This class is internal and is not meant to be used by applications; it may change at any time.
 *
 * <p>The private key can be wiped with {@link #destroy()}; afterwards {@link #privateKey()} throws. Instances
 * are thread-safe, but destroying one while another thread uses it is a caller error.
 */
public final class Ed25519KeyPair implements Destroyable {
    /** The length of an Ed25519 private or public key in bytes. */
    public static final int KEY_LENGTH = 32;

    private final byte[] privateKey;
    private final byte[] publicKey;
    private volatile boolean destroyed;

    /** Takes ownership of both arrays; the caller guarantees that they are 32 bytes and belong together. */
    Ed25519KeyPair(byte[] privateKey, byte[] publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Creates a key pair from raw encodings (copied), checking that the public key belongs to the private key.
     *
     * @param privateKey the 32-byte private key (seed)
     * @param publicKey the 32-byte public key
     * @return the key pair
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a length is wrong or the keys do not belong together
     */
    public static Ed25519KeyPair of(byte[] privateKey, byte[] publicKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is " + KEY_LENGTH + " bytes");
        }
        Ed25519KeyPair pair = fromPrivateKey(privateKey);
        if (!MessageDigest.isEqual(pair.publicKey, publicKey)) {
            pair.destroy();
            throw new IllegalArgumentException("the Ed25519 public key does not belong to the private key");
        }
        return pair;
    }

    /**
     * Creates a key pair from a raw private key (copied), computing its public key.
     *
     * @param privateKey the 32-byte private key (seed)
     * @return the key pair
     * @throws NullPointerException if {@code privateKey} is null
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static Ed25519KeyPair fromPrivateKey(byte[] privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 private key is " + KEY_LENGTH + " bytes");
        }
        byte[] sk = privateKey.clone();
        byte[] pk = new Ed25519PrivateKeyParameters(sk, 0).generatePublicKey().getEncoded();
        return new Ed25519KeyPair(sk, pk);
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
     * Returns a copy of the 32-byte private key (seed); the caller should wipe it after use.
     *
     * @return the private key
     * @throws IllegalStateException if the key pair was destroyed
     */
    public byte[] privateKey() {
        if (destroyed) {
            throw new IllegalStateException("the Ed25519 key pair was destroyed");
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
        return "Ed25519KeyPair[public=" + HexFormat.of().formatHex(publicKey) + ", private=(redacted)]";
    }
}
