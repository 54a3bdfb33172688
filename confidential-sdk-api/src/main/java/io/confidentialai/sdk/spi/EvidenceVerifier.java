package io.confidentialai.sdk.spi;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeClaims;

/**
 * Authenticates evidence of one TEE type and normalizes it into claims: parses with strict bounds,
 * checks every signature and certificate chain up to a pinned vendor root (or a simulation root, which
 * yields {@code isHardware() == false}), evaluates collateral, and returns the claims. It does not appraise
 * the claims against a policy.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface EvidenceVerifier {
    /**
     * Authenticates and normalizes evidence.
     *
     * @param evidence the untrusted evidence
     * @return its authenticated claims
     * @throws AttestationVerificationException with a stable reason code when the evidence is malformed,
     *     unauthentic, revoked, or its collateral is unavailable or expired
     */
    TeeClaims verify(Evidence evidence) throws AttestationVerificationException;
}
