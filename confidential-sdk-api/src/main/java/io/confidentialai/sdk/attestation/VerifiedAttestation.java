package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.VerdictIssuer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Proof that evidence was authenticated to a vendor root (or, under the insecure development policy, a
 * simulation root), that its claims satisfied a policy, and that it is bound to the relying party's
 * challenge and, for SDK nodes, to the node's public keys.
 *
 * <p>A composite attestation also holds the claims of the node's accelerators (GPUs), each verified to its
 * vendor root and nonce-bound to the CPU evidence: see {@link #accelerators()}.
 *
 * <h2>Security guarantees</h2>
 * Only a verifying engine can create one (there is no public constructor, and the factory requires a
 * {@link VerdictIssuer} that applications never hold). Key grants and integrity-report checks accept only
 * this type. It says nothing about events after {@link #verifiedAt()}: a TEE that is later compromised or
 * whose TCB is later revoked is out of scope, as is a vendor root key compromise.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class VerifiedAttestation {
    private final Evidence evidence;
    private final TeeClaims claims;
    private final List<TeeClaims> accelerators;
    private final Digest policyDigest;
    private final boolean insecurePolicy;
    private final Challenge challenge;
    private final Instant verifiedAt;

    private VerifiedAttestation(Evidence evidence, TeeClaims claims, List<TeeClaims> accelerators,
            AttestationPolicy policy, Challenge challenge, Instant verifiedAt) {
        this.evidence = evidence;
        this.claims = claims;
        this.accelerators = List.copyOf(accelerators);
        this.policyDigest = policy.digest();
        this.insecurePolicy = policy.isInsecure();
        this.challenge = challenge;
        this.verifiedAt = verifiedAt;
    }

    /**
     * Mints a verdict. For engine implementations only.
     *
     * @param issuer the capability handed to the engine by the client builder
     * @param evidence the evidence that was verified
     * @param claims its authenticated claims
     * @param policy the policy they satisfied
     * @param challenge the challenge they are bound to
     * @param verifiedAt the verification instant
     * @return the verdict
     * @throws NullPointerException if any argument is null
     */
    public static VerifiedAttestation issue(VerdictIssuer issuer, Evidence evidence, TeeClaims claims,
            AttestationPolicy policy, Challenge challenge, Instant verifiedAt) {
        return issue(issuer, evidence, claims, List.of(), policy, challenge, verifiedAt);
    }

    /**
     * Mints a composite verdict: a CPU TEE and its accelerators. For engine implementations only.
     *
     * @param issuer the capability handed to the engine by the client builder
     * @param evidence the composite evidence that was verified
     * @param claims the CPU TEE's authenticated claims
     * @param accelerators the authenticated claims of each of {@code evidence.accelerators()}, in the same order
     * @param policy the policy they satisfied
     * @param challenge the challenge they are bound to
     * @param verifiedAt the verification instant
     * @return the verdict
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if the accelerator claims do not correspond to the evidence's accelerators
     */
    public static VerifiedAttestation issue(VerdictIssuer issuer, Evidence evidence, TeeClaims claims,
            List<TeeClaims> accelerators, AttestationPolicy policy, Challenge challenge, Instant verifiedAt) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(accelerators, "accelerators");
        if (accelerators.size() != evidence.accelerators().size()) {
            throw new IllegalArgumentException("claims for " + accelerators.size() + " accelerators, but the evidence has "
                    + evidence.accelerators().size());
        }
        return new VerifiedAttestation(evidence, Objects.requireNonNull(claims, "claims"), accelerators,
                Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(challenge, "challenge"),
                Objects.requireNonNull(verifiedAt, "verifiedAt"));
    }

    /** Returns the verified evidence. */
    public Evidence evidence() {
        return evidence;
    }

    /** Returns the digest of the verified evidence envelope. */
    public Digest evidenceDigest() {
        return evidence.digest();
    }

    /** Returns the authenticated claims. */
    public TeeClaims claims() {
        return claims;
    }

    /**
     * Returns the authenticated claims of each accelerator (GPU) in the order of {@code evidence().accelerators()};
     * empty when the evidence had none. Each passed the same policy and carries a nonce derived from the CPU
     * evidence's report data.
     */
    public List<TeeClaims> accelerators() {
        return accelerators;
    }

    /** Returns the TEE type. */
    public TeeType teeType() {
        return claims.teeType();
    }

    /** Returns the digest of the policy the claims satisfied. */
    public Digest policyDigest() {
        return policyDigest;
    }

    /** Returns true when the policy was the insecure development policy (simulated evidence). */
    public boolean isInsecure() {
        return insecurePolicy;
    }

    /** Returns the challenge the evidence is bound to. */
    public Challenge challenge() {
        return challenge;
    }

    /** Returns the node's public keys bound into the evidence; empty for a report-data challenge. */
    public Optional<TeePublicKeys> boundKeys() {
        return challenge.kind() == Challenge.Kind.REPORT_DATA ? Optional.empty() : evidence.keys();
    }

    /** Returns the verification instant. */
    public Instant verifiedAt() {
        return verifiedAt;
    }

    @Override
    public String toString() {
        return "VerifiedAttestation[tee=" + claims.teeType() + ", hardware=" + claims.isHardware()
                + (accelerators.isEmpty() ? "" : ", accelerators=" + accelerators.size()) + ", evidence="
                + evidenceDigest() + ", policy=" + policyDigest + ", at=" + verifiedAt + "]";
    }
}
