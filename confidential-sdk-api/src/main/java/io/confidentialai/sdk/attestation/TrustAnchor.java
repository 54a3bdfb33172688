package io.confidentialai.sdk.attestation;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A trust anchor the application configures for one TEE type, in an encoding that type's provider documents
 * (for example an Arm CCA platform's CPAK as PEM, JWK or a trust-anchor JSON entry). Vendor roots that never
 * change (Intel, AMD, NVIDIA) are pinned inside their providers instead.
 *
 * <p>Evidence that verifies against a configured anchor is treated as hardware-backed, so configure only keys
 * you know belong to real platforms. Development roots go through
 * {@code ConfidentialClient.Builder#insecureTrustSimulationRoot} instead, whose evidence is never hardware.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TrustAnchor {
    private static final int MAX_LENGTH = 1 << 20;
    private final TeeType teeType;
    private final byte[] encoded;

    private TrustAnchor(TeeType teeType, byte[] encoded) {
        this.teeType = teeType;
        this.encoded = encoded;
    }

    /**
     * Creates an anchor (the bytes are copied).
     *
     * @param teeType the TEE type whose provider uses it
     * @param encoded the anchor in an encoding that provider accepts
     * @return the anchor
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the encoding is empty or larger than 1 MiB
     */
    public static TrustAnchor of(TeeType teeType, byte[] encoded) {
        Objects.requireNonNull(teeType, "teeType");
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length == 0 || encoded.length > MAX_LENGTH) {
            throw new IllegalArgumentException("trust anchor must be 1 byte to 1 MiB, got " + encoded.length);
        }
        return new TrustAnchor(teeType, encoded.clone());
    }

    /** Returns the TEE type whose provider uses this anchor. */
    public TeeType teeType() {
        return teeType;
    }

    /** Returns a copy of the encoded anchor. */
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustAnchor && ((TrustAnchor) o).teeType.equals(teeType)
                && MessageDigest.isEqual(((TrustAnchor) o).encoded, encoded);
    }

    @Override
    public int hashCode() {
        return 31 * teeType.hashCode() + Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "TrustAnchor[" + teeType + ", " + encoded.length + " bytes]";
    }
}
