package io.confidentialai.sdk.impl.internal.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Pure Ed25519 signatures (RFC 8032, no context, no pre-hashing) for integrity reports.
 * This class is internal and is not meant to be used by applications; it may change at any time.
 *
 * <p>Signatures are deterministic. Verification rejects non-canonical signatures (S not below the group
 * order) and undecodable points, as Bouncy Castle does. The methods are thread-safe.
 */
public final class Ed25519 {
    /** The length of a public key in bytes. */
    public static final int PUBLIC_KEY_LENGTH = 32;
    /** The length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {}

    /**
     * Generates a key pair.
     *
     * @param random the randomness source
     * @return a new key pair
     * @throws NullPointerException if {@code random} is null
     */
    public static Ed25519KeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        Ed25519PrivateKeyParameters sk = new Ed25519PrivateKeyParameters(random);
        return new Ed25519KeyPair(sk.getEncoded(), sk.generatePublicKey().getEncoded());
    }

    /**
     * Signs a message.
     *
     * @param keyPair the signer's key pair
     * @param message the message
     * @return the 64-byte signature
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the key pair was destroyed
     */
    public static byte[] sign(Ed25519KeyPair keyPair, byte[] message) {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(message, "message");
        byte[] seed = keyPair.privateKey();
        try {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
            signer.update(message, 0, message.length);
            return signer.generateSignature();
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Verifies a signature. Never throws for bad input: a null or malformed key, message or signature
     * simply does not verify.
     *
     * @param publicKey the signer's 32-byte public key
     * @param message the message
     * @param signature the 64-byte signature
     * @return whether the signature is valid for the message and key
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null || publicKey.length != PUBLIC_KEY_LENGTH
                || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
