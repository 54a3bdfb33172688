package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TeeType;

/**
 * Factories for the failures of NVIDIA GPU evidence verification. Messages name the stage and non-secret values
 * (offsets, lengths, certificate names, digests); they never carry raw evidence, certificates or keys.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class Failures {
    private Failures() {}

    static AttestationVerificationException malformed(String message) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.NVIDIA_GPU_CC,
                "NVIDIA GPU evidence malformed: " + message);
    }

    static AttestationVerificationException malformed(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.NVIDIA_GPU_CC,
                "NVIDIA GPU evidence malformed: " + message, cause);
    }

    static AttestationVerificationException unsupported(String message) {
        return new AttestationVerificationException(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT, TeeType.NVIDIA_GPU_CC,
                "NVIDIA GPU evidence format unsupported: " + message);
    }

    static AttestationVerificationException signature(String message) {
        return new AttestationVerificationException(ReasonCode.SIGNATURE_INVALID, TeeType.NVIDIA_GPU_CC,
                "NVIDIA GPU evidence signature check failed: " + message);
    }

    static AttestationVerificationException chain(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.NVIDIA_GPU_CC,
                "NVIDIA GPU device certificate chain invalid: " + message);
    }

    static AttestationVerificationException chain(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.NVIDIA_GPU_CC,
                "NVIDIA GPU device certificate chain invalid: " + message, cause);
    }

    /** The device certificate does not endorse this evidence (its FWID differs from the signed one). */
    static AttestationVerificationException binding(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.NVIDIA_GPU_CC,
                "NVIDIA GPU device certificate does not endorse the evidence: " + message);
    }

    static AttestationVerificationException collateralUnavailable(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.COLLATERAL_UNAVAILABLE, TeeType.NVIDIA_GPU_CC,
                "NVIDIA GPU collateral unavailable: " + message, cause);
    }
}
