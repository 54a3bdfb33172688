package io.confidentialai.sdk;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A result recipient's HPKE key pair (X25519). The private key stays with the recipient; outputs are
 * wrapped to {@link #publicKey()}.
 *
 * <p>Secret: redacted {@link #toString()}, no content-based equality, raw private bytes only through
 * {@link #exportPrivateKey(InsecureKeyAccess)}. Instances are thread-safe; do not use one after
 * {@link #destroy()}.
 *
 * @since 0.1
 */
public final class RecipientKeyPair implements Destroyable {
    private final byte[] privateKey;
    private final RecipientPublicKey publicKey;
    private volatile boolean destroyed;

    private RecipientKeyPair(byte[] privateKey, RecipientPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Generates a fresh key pair with the JDK's X25519. */
    public static RecipientKeyPair generate() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] sk = ((XECPrivateKey) kp.getPrivate()).getScalar()
                    .orElseThrow(() -> new IllegalStateException("X25519 private scalar unavailable"));
            BigInteger u = ((XECPublicKey) kp.getPublic()).getU();
            return new RecipientKeyPair(sk, RecipientPublicKey.of(littleEndian32(u)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is required by every Java 11+ platform", e);
        }
    }

    /**
     * Imports a key pair from raw bytes (copied).
     *
     * @param privateKey the 32-byte X25519 private key
     * @param publicKey the matching public key
     * @param access the insecure-access token
     * @return the key pair
     * @throws IllegalArgumentException if the private key is not 32 bytes
     */
    public static RecipientKeyPair fromKeyMaterial(byte[] privateKey, RecipientPublicKey publicKey, InsecureKeyAccess access) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(access, "access");
        if (privateKey.length != 32) {
            throw new IllegalArgumentException("X25519 private key must be 32 bytes");
        }
        return new RecipientKeyPair(privateKey.clone(), publicKey);
    }

    private static byte[] littleEndian32(BigInteger u) {
        byte[] be = u.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    /** Returns the public key. */
    public RecipientPublicKey publicKey() {
        return publicKey;
    }

    /**
     * Returns a copy of the raw private key.
     *
     * @param access the insecure-access token
     * @return 32 bytes
     * @throws IllegalStateException if destroyed
     */
    public byte[] exportPrivateKey(InsecureKeyAccess access) {
        Objects.requireNonNull(access, "access");
        if (destroyed) {
            throw new IllegalStateException("key pair was destroyed");
        }
        return privateKey.clone();
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "RecipientKeyPair[public=" + publicKey.toHex() + (destroyed ? ", destroyed" : "") + "]";
    }
}
