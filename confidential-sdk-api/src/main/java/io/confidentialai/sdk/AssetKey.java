package io.confidentialai.sdk;

import io.confidentialai.sdk.internal.Hex;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * A 256-bit key that seals one data owner's dataset or one model owner's model. It stays in its owner's
 * process until granted, wrapped, to an attested TEE.
 *
 * <p>Secret: {@link #toString()} is redacted, there is no content-based equality, and raw bytes come out only
 * through {@link #exportKeyMaterial(InsecureKeyAccess)}. {@link #destroy()} zeroes the key (best effort).
 * Instances are thread-safe; do not use one after {@link #destroy()}.
 *
 * @since 0.1
 */
public final class AssetKey implements Destroyable {
    /** The key length in bytes. */
    public static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String keyId;
    private volatile boolean destroyed;

    private AssetKey(byte[] key) {
        this.key = key;
        this.keyId = Hex.encode(keyIdOf(key));
    }

    /** Generates a fresh random key. */
    public static AssetKey generate() {
        byte[] k = new byte[LENGTH];
        RANDOM.nextBytes(k);
        return new AssetKey(k);
    }

    /**
     * Imports raw key material (copied), e.g. from the owner's key store.
     *
     * @param keyMaterial 32 bytes
     * @param access the insecure-access token
     * @return the key
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the material is not 32 bytes
     */
    public static AssetKey fromKeyMaterial(byte[] keyMaterial, InsecureKeyAccess access) {
        Objects.requireNonNull(keyMaterial, "keyMaterial");
        Objects.requireNonNull(access, "access");
        if (keyMaterial.length != LENGTH) {
            throw new IllegalArgumentException("asset key must be " + LENGTH + " bytes, got " + keyMaterial.length);
        }
        return new AssetKey(keyMaterial.clone());
    }

    /**
     * Returns the key identifier: the first 16 bytes of HMAC-SHA256(key, "csdk-key-id-v1"), in hex. It names
     * the key in sealed headers and grants without revealing it.
     */
    public String keyId() {
        return keyId;
    }

    /**
     * Returns a copy of the raw key bytes.
     *
     * @param access the insecure-access token
     * @return the 32 key bytes
     * @throws IllegalStateException if the key was destroyed
     */
    public byte[] exportKeyMaterial(InsecureKeyAccess access) {
        Objects.requireNonNull(access, "access");
        if (destroyed) {
            throw new IllegalStateException("asset key was destroyed");
        }
        return key.clone();
    }

    /** Zeroes the key bytes. */
    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Returns the key id only. */
    @Override
    public String toString() {
        return "AssetKey[id=" + keyId + (destroyed ? ", destroyed" : "") + "]";
    }

    static byte[] keyIdOf(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal("csdk-key-id-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
