package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.Attestations;
import io.confidentialai.sdk.ProviderException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.TransportException;
import io.confidentialai.sdk.VerdictIssuer;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.TeeProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evidence verification and appraisal. This class is internal and is not meant to be used by applications. */
final class DefaultAttestations implements Attestations {
    private static final Logger log = LoggerFactory.getLogger(DefaultAttestations.class);

    private final ProviderRegistry registry;
    private final Contexts.Verifier context;
    private final VerdictIssuer issuer;
    private final Map<TeeType, EvidenceVerifier> verifiers = new ConcurrentHashMap<>();

    DefaultAttestations(ProviderRegistry registry, Contexts.Verifier context, VerdictIssuer issuer) {
        this.registry = registry;
        this.context = context;
        this.issuer = issuer;
    }

    @Override
    public Nonce newNonce() {
        return Nonce.random(context.clock());
    }

    @Override
    public VerifiedAttestation verify(Evidence evidence, AttestationPolicy policy, Challenge challenge)
            throws AttestationVerificationException {
        return verify(evidence, policy, challenge, true);
    }

    VerifiedAttestation verify(Evidence evidence, AttestationPolicy policy, Challenge challenge, boolean checkAge)
            throws AttestationVerificationException {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(challenge, "challenge");
        if (policy.isInsecure()) {
            log.warn("insecure: appraising {} evidence with the insecure development policy {}", evidence.teeType(),
                    policy.digest());
        }
        Instant now = context.clock().instant();
        long started = System.nanoTime();
        try {
            TeeClaims claims = authenticate(evidence);
            PolicyAppraiser.appraise(claims, evidence, policy, challenge, now, checkAge);
            List<TeeClaims> accelerators = new ArrayList<>();
            List<Evidence> devices = evidence.accelerators();
            for (int i = 0; i < devices.size(); i++) {
                try {
                    accelerators.add(authenticate(devices.get(i)));
                } catch (AttestationVerificationException e) {
                    throw new AttestationVerificationException(e.reason(), devices.get(i).teeType(),
                            "accelerator[" + i + "] (" + devices.get(i).teeType() + "): " + e.detail(), e);
                }
            }
            PolicyAppraiser.appraiseAccelerators(claims, accelerators, policy);
            VerifiedAttestation verdict = VerifiedAttestation.issue(issuer, evidence, claims, accelerators, policy,
                    challenge, now);
            log.debug("attestation verified: tee={} hardware={} accelerators={} evidence={} policy={} in {} us",
                    claims.teeType(), claims.isHardware(), accelerators.size(), verdict.evidenceDigest(),
                    verdict.policyDigest(), (System.nanoTime() - started) / 1000);
            return verdict;
        } catch (AttestationVerificationException e) {
            log.warn("attestation rejected: code={} tee={} evidence={}", e.reason(), evidence.teeType(), evidence.digest());
            throw e;
        }
    }

    @Override
    public TeeClaims authenticate(Evidence evidence) throws AttestationVerificationException {
        Objects.requireNonNull(evidence, "evidence");
        TeeType type = evidence.teeType();
        if (evidence.dataLength() > context.limits().maxEvidenceBytes()) {
            throw new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, type, "evidence of "
                    + evidence.dataLength() + " bytes exceeds the limit of " + context.limits().maxEvidenceBytes());
        }
        EvidenceVerifier verifier = verifiers.computeIfAbsent(type, this::newVerifier);
        TeeClaims claims;
        try {
            claims = verifier.verify(evidence);
        } catch (TransportException e) {
            throw new AttestationVerificationException(ReasonCode.COLLATERAL_UNAVAILABLE, type,
                    "collateral: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a provider must map every malformed input to a reason code; failing closed is the safe default
            log.error("TEE provider for {} threw {} instead of a verification exception", type, e.getClass().getName());
            throw new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, type,
                    "the " + type + " provider could not process the evidence", e);
        }
        if (!claims.teeType().equals(type)) {
            throw new AttestationVerificationException(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT, type,
                    "the provider returned claims for " + claims.teeType() + " for " + type + " evidence");
        }
        return claims;
    }

    private EvidenceVerifier newVerifier(TeeType type) {
        TeeProvider provider = registry.require(type);
        return provider.newVerifier(context).orElseThrow(() -> new ProviderException("the " + type + " provider "
                + provider.getClass().getName() + " does not verify evidence: add io.confidentialai:" + type.artifactId()));
    }
}
