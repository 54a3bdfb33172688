package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.VerifiedAttestation;

/**
 * Verifies TEE evidence: providers authenticate it, then the engine appraises the claims against a policy
 * and checks the binding to the challenge and the node's keys.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Attestations {
    /** Returns a fresh nonce stamped with the client's clock. */
    Nonce newNonce();

    /**
     * Verifies evidence against a policy and a challenge.
     *
     * <p>Order of checks: authentication by the provider (format, signatures, chains, collateral), then
     * evidence origin (hardware or simulated), TEE type, debug, TCB status, measurements, binding to the
     * challenge ({@link ReasonCode#NONCE_MISMATCH}) and to the node's keys
     * ({@link ReasonCode#KEY_BINDING_MISMATCH}), and evidence age. The first failure is thrown.
     *
     * @param evidence the untrusted evidence
     * @param policy what to accept
     * @param challenge what the evidence must be bound to
     * @return the verdict
     * @throws AttestationVerificationException with a stable reason code on any failure
     * @throws ProviderException if no provider verifies this TEE type
     */
    VerifiedAttestation verify(Evidence evidence, AttestationPolicy policy, Challenge challenge)
            throws AttestationVerificationException;

    /**
     * Verifies evidence bound to a nonce this relying party issued.
     *
     * @param evidence the untrusted evidence
     * @param policy what to accept
     * @param nonce the nonce the evidence must be bound to
     * @return the verdict
     * @throws AttestationVerificationException with a stable reason code on any failure
     * @throws ProviderException if no provider verifies this TEE type
     */
    default VerifiedAttestation verify(Evidence evidence, AttestationPolicy policy, Nonce nonce)
            throws AttestationVerificationException {
        return verify(evidence, policy, Challenge.nonce(nonce));
    }

    /**
     * Authenticates evidence and returns its claims without appraising them: for inspection and tooling.
     * The result cannot receive key grants.
     *
     * @param evidence the untrusted evidence
     * @return the authenticated claims
     * @throws AttestationVerificationException if the evidence is malformed or not authentic
     * @throws ProviderException if no provider verifies this TEE type
     */
    TeeClaims authenticate(Evidence evidence) throws AttestationVerificationException;
}
