package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TeeType;

/** Factories for the provider's verification failures; messages never carry raw evidence or key bytes. */
final class Failures {
    private Failures() {}

    static AttestationVerificationException malformed(String message) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.ARM_CCA,
                "CCA token malformed: " + message);
    }

    static AttestationVerificationException malformed(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.ARM_CCA,
                "CCA token malformed: " + message, cause);
    }

    static AttestationVerificationException unsupported(String message) {
        return new AttestationVerificationException(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT, TeeType.ARM_CCA,
                "CCA token format unsupported: " + message);
    }

    static AttestationVerificationException signature(String message) {
        return new AttestationVerificationException(ReasonCode.SIGNATURE_INVALID, TeeType.ARM_CCA,
                "CCA token signature check failed: " + message);
    }

    static AttestationVerificationException anchor(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.ARM_CCA,
                "CCA platform token not anchored: " + message);
    }

    static AttestationVerificationException binding(String message) {
        return new AttestationVerificationException(ReasonCode.KEY_BINDING_MISMATCH, TeeType.ARM_CCA,
                "CCA realm token not bound to the platform token: " + message);
    }

    static AttestationVerificationException collateral(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.COLLATERAL_UNAVAILABLE, TeeType.ARM_CCA,
                "CCA reference values unusable: " + message, cause);
    }
}
