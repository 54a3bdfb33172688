package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TeeType;

/**
 * Factories for the failures of NVIDIA Reference Integrity Manifest (RIM) verification. Messages name the stage and
 * non-secret values (certificate names, instants, indices); they never carry document bytes.
 *
 * <p>Reason codes: a document that cannot be parsed, breaks a bound or carries malformed reference values is
 * {@link ReasonCode#EVIDENCE_MALFORMED} (as malformed collateral is in the TDX provider); a signature that is
 * missing, ambiguous, restricted to part of the document or cryptographically invalid is
 * {@link ReasonCode#SIGNATURE_INVALID}; a signing chain that does not reach a trusted root or is outside its
 * validity is {@link ReasonCode#CERT_CHAIN_INVALID}; two RIMs that both claim a measurement index are
 * {@link ReasonCode#EVIDENCE_MALFORMED} (the reference values are inconsistent, which no retry can fix).
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class RimFailures {
    private RimFailures() {}

    static AttestationVerificationException malformed(String message) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.NVIDIA_GPU_CC,
                "NVIDIA RIM malformed: " + message);
    }

    static AttestationVerificationException malformed(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.NVIDIA_GPU_CC,
                "NVIDIA RIM malformed: " + message, cause);
    }

    static AttestationVerificationException signature(String message) {
        return new AttestationVerificationException(ReasonCode.SIGNATURE_INVALID, TeeType.NVIDIA_GPU_CC,
                "NVIDIA RIM signature invalid: " + message);
    }

    static AttestationVerificationException signature(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.SIGNATURE_INVALID, TeeType.NVIDIA_GPU_CC,
                "NVIDIA RIM signature invalid: " + message, cause);
    }

    static AttestationVerificationException chain(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.NVIDIA_GPU_CC,
                "NVIDIA RIM signing chain invalid: " + message);
    }

    static AttestationVerificationException chain(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.NVIDIA_GPU_CC,
                "NVIDIA RIM signing chain invalid: " + message, cause);
    }

    static AttestationVerificationException conflict(String message) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.NVIDIA_GPU_CC,
                "NVIDIA RIMs conflict: " + message);
    }
}
