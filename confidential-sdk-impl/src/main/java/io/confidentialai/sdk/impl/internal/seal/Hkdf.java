package io.confidentialai.sdk.impl.internal.seal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): {@link #extract} and {@link #expand}.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 * It is stateless and thread-safe.
 */
public final class Hkdf {
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    /**
     * HKDF-Extract: {@code PRK = HMAC-SHA256(salt, ikm)}; an empty salt stands for 32 zero bytes.
     *
     * @param salt the salt (may be empty)
     * @param ikm the input keying material
     * @return the 32-byte pseudorandom key
     * @throws NullPointerException if an argument is null
     */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(ikm, "ikm");
        Mac mac = hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt);
        return mac.doFinal(ikm);
    }

    /**
     * HKDF-Expand: {@code T(i) = HMAC-SHA256(prk, T(i-1) || info || i)}, concatenated and cut to
     * {@code length} bytes.
     *
     * @param prk the pseudorandom key from {@link #extract}
     * @param info the context and application information
     * @param length the output length, 1 to 8160 bytes
     * @return the output keying material
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code length} is out of range
     */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk");
        Objects.requireNonNull(info, "info");
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF output length must be 1 to " + 255 * HASH_LENGTH + ", got " + length);
        }
        Mac mac = hmac(prk);
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            Arrays.fill(t, (byte) 0);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, okm, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return okm;
    }

    /**
     * HKDF-Extract then HKDF-Expand.
     *
     * @param ikm the input keying material
     * @param salt the salt (may be empty)
     * @param info the context and application information
     * @param length the output length, 1 to 8160 bytes
     * @return the output keying material
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code length} is out of range
     */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
