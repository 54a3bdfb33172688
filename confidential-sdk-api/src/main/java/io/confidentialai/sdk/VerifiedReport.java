package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.VerifiedAttestation;
import java.util.Objects;

/**
 * Proof that an integrity report was signed by a key bound into evidence that satisfied the order's policy,
 * and that its order, policy, model, input and output digests match the order and the received outputs.
 * {@link Results#decrypt} requires one, so no result plaintext is released before the run is proven.
 *
 * <h2>Security guarantees</h2>
 * Only a verifying engine can create one. It proves what the attested TEE stated; it cannot prove that the
 * workload measured in the evidence is free of bugs.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class VerifiedReport {
    private final IntegrityReport report;
    private final VerifiedAttestation attestation;

    private VerifiedReport(IntegrityReport report, VerifiedAttestation attestation) {
        this.report = report;
        this.attestation = attestation;
    }

    /**
     * Mints a verdict. For engine implementations only.
     *
     * @param issuer the engine's capability
     * @param report the verified report
     * @param attestation the verified evidence that binds its signing key
     * @return the verdict
     */
    public static VerifiedReport issue(VerdictIssuer issuer, IntegrityReport report, VerifiedAttestation attestation) {
        Objects.requireNonNull(issuer, "issuer");
        return new VerifiedReport(Objects.requireNonNull(report, "report"), Objects.requireNonNull(attestation, "attestation"));
    }

    /** Returns the verified report. */
    public IntegrityReport report() {
        return report;
    }

    /** Returns the verified attestation of the TEE that signed it. */
    public VerifiedAttestation attestation() {
        return attestation;
    }

    /** Returns the order digest. */
    public Digest orderDigest() {
        return report.orderDigest();
    }

    @Override
    public String toString() {
        return "VerifiedReport[" + report + ", " + attestation + "]";
    }
}
