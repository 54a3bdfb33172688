package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.internal.Hex;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The public keys a TEE node presents with its evidence and commits to in its report data: an HPKE key
 * (DHKEM(X25519, HKDF-SHA256), 32 bytes) that receives key grants, and an Ed25519 key (32 bytes) that signs
 * integrity reports. Their private halves never leave the TEE.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TeePublicKeys {
    /** HPKE KEM identifier for DHKEM(X25519, HKDF-SHA256), RFC 9180 section 7.1. */
    public static final int KEM_X25519_HKDF_SHA256 = 0x0020;
    /** Signature algorithm identifier for Ed25519 (RFC 8032) in the key-binding layout. */
    public static final int SIG_ED25519 = 0x0001;
    private static final int KEY_LENGTH = 32;

    private final byte[] hpkePublicKey;
    private final byte[] signingPublicKey;

    private TeePublicKeys(byte[] hpke, byte[] signing) {
        this.hpkePublicKey = hpke;
        this.signingPublicKey = signing;
    }

    /**
     * Creates the key set from raw encodings (copied).
     *
     * @param hpkeX25519 the 32-byte X25519 public key
     * @param signingEd25519 the 32-byte Ed25519 public key
     * @return the key set
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a key is not 32 bytes
     */
    public static TeePublicKeys of(byte[] hpkeX25519, byte[] signingEd25519) {
        Objects.requireNonNull(hpkeX25519, "hpkeX25519");
        Objects.requireNonNull(signingEd25519, "signingEd25519");
        if (hpkeX25519.length != KEY_LENGTH || signingEd25519.length != KEY_LENGTH) {
            throw new IllegalArgumentException("X25519 and Ed25519 public keys are 32 bytes each");
        }
        return new TeePublicKeys(hpkeX25519.clone(), signingEd25519.clone());
    }

    /** Returns the HPKE KEM identifier, {@link #KEM_X25519_HKDF_SHA256}. */
    public int hpkeKemId() {
        return KEM_X25519_HKDF_SHA256;
    }

    /** Returns a copy of the raw X25519 public key. */
    public byte[] hpkePublicKey() {
        return hpkePublicKey.clone();
    }

    /** Returns the signature algorithm identifier, {@link #SIG_ED25519}. */
    public int signatureAlgorithm() {
        return SIG_ED25519;
    }

    /** Returns a copy of the raw Ed25519 public key. */
    public byte[] signingPublicKey() {
        return signingPublicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeePublicKeys && MessageDigest.isEqual(((TeePublicKeys) o).hpkePublicKey, hpkePublicKey)
                && MessageDigest.isEqual(((TeePublicKeys) o).signingPublicKey, signingPublicKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hpkePublicKey) + Arrays.hashCode(signingPublicKey);
    }

    @Override
    public String toString() {
        return "TeePublicKeys[hpke=" + Hex.encode(hpkePublicKey) + ", signing=" + Hex.encode(signingPublicKey) + "]";
    }
}
