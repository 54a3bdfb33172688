package io.confidentialai.sdk;

/**
 * Size limits applied to untrusted input before any allocation or signature work (the Jackson
 * {@code StreamReadConstraints} pattern). Exceeding a limit is a {@link ReasonCode#EVIDENCE_MALFORMED}
 * rejection, never an out-of-memory error.
 *
 * @param maxEvidenceBytes the largest raw evidence accepted (default 1 MiB)
 * @param maxCertificateChainBytes the largest encoded certificate chain accepted (default 64 KiB)
 * @param maxCertificateChainLength the most certificates in one chain (default 8)
 * @param maxCollateralBytes the largest collateral document accepted (default 4 MiB)
 * @since 0.1
 */
public record InputLimits(int maxEvidenceBytes, int maxCertificateChainBytes, int maxCertificateChainLength,
        int maxCollateralBytes) {

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException if a limit is not positive
     */
    public InputLimits {
        if (maxEvidenceBytes <= 0 || maxCertificateChainBytes <= 0 || maxCertificateChainLength <= 0
                || maxCollateralBytes <= 0) {
            throw new IllegalArgumentException("input limits must be positive");
        }
    }

    /** Returns the defaults: 1 MiB evidence, 64 KiB chains of at most 8 certificates, 4 MiB collateral. */
    public static InputLimits defaults() {
        return new InputLimits(1 << 20, 64 << 10, 8, 4 << 20);
    }
}
