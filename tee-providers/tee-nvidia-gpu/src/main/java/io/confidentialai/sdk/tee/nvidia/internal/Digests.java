package io.confidentialai.sdk.tee.nvidia.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The JDK digests this provider uses; every JDK has them.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class Digests {
    private Digests() {}

    static MessageDigest sha256() {
        return get("SHA-256");
    }

    static MessageDigest sha384() {
        return get("SHA-384");
    }

    static String sha256Hex(byte[] data) {
        return HexText.encode(sha256().digest(data));
    }

    private static MessageDigest get(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }
}
