package io.confidentialai.sdk.impl.internal.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An Ed25519 key pair in raw form (RFC 8032): the 32-byte private key (the seed) and the 32-byte public key.
 * This class is internal and is not meant to be used by applications; it may change at any time.
 */
public final class Ed25519KeyPair extends RawKeyPair {
    private static final String ALGORITHM = "Ed25519";

    /** Takes ownership of both arrays; the caller guarantees that they are 32 bytes and belong together. */
    Ed25519KeyPair(byte[] privateKey, byte[] publicKey) {
        super(ALGORITHM, privateKey, publicKey);
    }

    /**
     * Creates a key pair from raw encodings (copied), checking that the public key belongs to the private key.
     *
     * @param privateKey the 32-byte private key
     * @param publicKey the 32-byte public key
     * @return the key pair
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a length is wrong or the keys do not belong together
     */
    public static Ed25519KeyPair of(byte[] privateKey, byte[] publicKey) {
        return requireMatching(fromPrivateKey(privateKey), publicKey);
    }

    /**
     * Creates a key pair from a raw private key (copied), computing its public key.
     *
     * @param privateKey the 32-byte private key
     * @return the key pair
     * @throws NullPointerException if {@code privateKey} is null
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static Ed25519KeyPair fromPrivateKey(byte[] privateKey) {
        byte[] sk = copyKey(privateKey, ALGORITHM, "private");
        return new Ed25519KeyPair(sk, new Ed25519PrivateKeyParameters(sk, 0).generatePublicKey().getEncoded());
    }
}
