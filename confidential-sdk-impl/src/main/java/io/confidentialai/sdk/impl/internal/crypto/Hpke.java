package io.confidentialai.sdk.impl.internal.crypto;

import io.confidentialai.sdk.DecryptionException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Single-shot HPKE (RFC 9180) in base mode with the one suite the SDK uses: DHKEM(X25519, HKDF-SHA256)
 * ({@code 0x0020}), HKDF-SHA256 ({@code 0x0001}) and AES-128-GCM ({@code 0x0001}).
 * This class is internal and is not meant to be used by applications; it may change at any time.
 *
 * <p>It wraps small secrets (asset and result keys) to a recipient's X25519 public key; each {@link #seal}
 * uses a fresh ephemeral key, so {@code enc} is 32 bytes and the ciphertext is the plaintext length plus a
 * 16-byte tag. Bulk data never goes through here. The methods are thread-safe.
 */
public final class Hpke {
    /** The HPKE KEM id, DHKEM(X25519, HKDF-SHA256). */
    public static final int KEM_ID = 0x0020;
    /** The HPKE KDF id, HKDF-SHA256. */
    public static final int KDF_ID = 0x0001;
    /** The HPKE AEAD id, AES-128-GCM. */
    public static final int AEAD_ID = 0x0001;
    /** The length of the encapsulated key {@code enc} in bytes. */
    public static final int ENC_LENGTH = 32;
    /** The length of the AEAD tag that every ciphertext carries, in bytes. */
    public static final int TAG_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Hpke() {}

    /**
     * The result of {@link #seal}: the encapsulated key and the ciphertext (arrays copied in and out).
     *
     * @param enc the 32-byte encapsulated (ephemeral public) key
     * @param ciphertext the AEAD ciphertext with its 16-byte tag
     */
    public record Sealed(byte[] enc, byte[] ciphertext) {
        /**
         * Copies both arrays.
         *
         * @param enc the encapsulated key
         * @param ciphertext the ciphertext
         */
        public Sealed {
            enc = Objects.requireNonNull(enc, "enc").clone();
            ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
        }

        /**
         * Returns a copy of the encapsulated key.
         *
         * @return the encapsulated key
         */
        @Override
        public byte[] enc() {
            return enc.clone();
        }

        /**
         * Returns a copy of the ciphertext.
         *
         * @return the ciphertext
         */
        @Override
        public byte[] ciphertext() {
            return ciphertext.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sealed && Arrays.equals(((Sealed) o).enc, enc)
                    && Arrays.equals(((Sealed) o).ciphertext, ciphertext);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(enc) + Arrays.hashCode(ciphertext);
        }

        @Override
        public String toString() {
            return "Sealed[enc=" + enc.length + " bytes, ciphertext=" + ciphertext.length + " bytes]";
        }
    }

    /**
     * Generates an X25519 key pair for receiving HPKE messages.
     *
     * @param random the randomness source
     * @return a new key pair
     * @throws NullPointerException if {@code random} is null
     */
    public static X25519KeyPair generateKeyPair(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        X25519PrivateKeyParameters sk = new X25519PrivateKeyParameters(random);
        return new X25519KeyPair(sk.getEncoded(), sk.generatePublicKey().getEncoded());
    }

    /**
     * Encrypts {@code plaintext} to {@code recipientPublicKey} with a fresh ephemeral key (HPKE
     * {@code SealBase}).
     *
     * @param recipientPublicKey the recipient's 32-byte X25519 public key
     * @param info the HPKE {@code info} (may be empty)
     * @param aad the associated data (may be empty)
     * @param plaintext the secret to wrap
     * @return the encapsulated key and the ciphertext
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the public key is not 32 bytes or is a low-order point (the
     *     Diffie-Hellman result would be all zeros)
     */
    public static Sealed seal(byte[] recipientPublicKey, byte[] info, byte[] aad, byte[] plaintext) {
        Objects.requireNonNull(recipientPublicKey, "recipientPublicKey");
        X25519KeyPair ephemeral = generateKeyPair(RANDOM);
        try {
            return seal(recipientPublicKey, info, aad, plaintext, ephemeral);
        } finally {
            ephemeral.destroy();
        }
    }

    /**
     * {@link #seal(byte[], byte[], byte[], byte[])} with a given ephemeral key pair, for test vectors only:
     * reusing an ephemeral key breaks HPKE's security.
     */
    static Sealed seal(byte[] recipientPublicKey, byte[] info, byte[] aad, byte[] plaintext, X25519KeyPair ephemeral) {
        Objects.requireNonNull(recipientPublicKey, "recipientPublicKey");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(ephemeral, "ephemeral");
        if (recipientPublicKey.length != X25519KeyPair.KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 public key is " + X25519KeyPair.KEY_LENGTH + " bytes");
        }
        byte[] ephemeralPrivate = ephemeral.privateKey();
        try {
            AsymmetricCipherKeyPair kpE = new AsymmetricCipherKeyPair(
                    new X25519PublicKeyParameters(ephemeral.publicKey(), 0),
                    new X25519PrivateKeyParameters(ephemeralPrivate, 0));
            HPKEContextWithEncapsulation ctx;
            try {
                ctx = suite().setupBaseS(new X25519PublicKeyParameters(recipientPublicKey.clone(), 0), info.clone(), kpE);
            } catch (IllegalStateException e) {
                // Bouncy Castle refuses an all-zero X25519 shared secret (RFC 9180 section 7.1.4).
                throw new IllegalArgumentException("the recipient public key is not a usable X25519 key");
            }
            byte[] ct = ctx.seal(aad.clone(), plaintext);
            return new Sealed(ctx.getEncapsulation(), ct);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        } finally {
            Arrays.fill(ephemeralPrivate, (byte) 0);
        }
    }

    /**
     * Decrypts a message sealed to {@code recipient} (HPKE {@code OpenBase}).
     *
     * @param recipient the recipient's key pair
     * @param enc the 32-byte encapsulated key
     * @param info the HPKE {@code info} used when sealing
     * @param aad the associated data used when sealing
     * @param ciphertext the ciphertext with its tag
     * @return the plaintext
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if {@code recipient} was destroyed
     * @throws DecryptionException ({@link DecryptionException#DECRYPTION_FAILED}) if anything does not fit:
     *     wrong lengths, a bad encapsulated key, another key, info or aad, or a modified ciphertext; the
     *     exception does not say which
     */
    public static byte[] open(X25519KeyPair recipient, byte[] enc, byte[] info, byte[] aad, byte[] ciphertext)
            throws DecryptionException {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(enc, "enc");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(ciphertext, "ciphertext");
        byte[] sk = recipient.privateKey();
        try {
            if (enc.length != ENC_LENGTH || ciphertext.length < TAG_LENGTH) {
                throw failed();
            }
            AsymmetricCipherKeyPair kpR = new AsymmetricCipherKeyPair(
                    new X25519PublicKeyParameters(recipient.publicKey(), 0), new X25519PrivateKeyParameters(sk, 0));
            HPKEContext ctx = suite().setupBaseR(enc.clone(), kpR, info.clone());
            return ctx.open(aad.clone(), ciphertext.clone());
        } catch (InvalidCipherTextException | RuntimeException e) {
            // Tag failure, all-zero shared secret (low-order enc) or anything else: one opaque answer.
            throw failed();
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    private static DecryptionException failed() {
        return new DecryptionException(DecryptionException.DECRYPTION_FAILED, "key unwrap failed", null);
    }

    /** A fresh suite object per call: Bouncy Castle's DHKEM keeps per-operation state and is not thread-safe. */
    private static HPKE suite() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
    }
}
