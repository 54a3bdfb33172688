package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TeeType;

/** Factories for the provider's verification failures; messages never carry raw evidence or key bytes. */
final class Failures {
    private Failures() {}

    static AttestationVerificationException malformed(String message) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.INTEL_TDX,
                "TDX quote malformed: " + message);
    }

    static AttestationVerificationException unsupported(String message) {
        return new AttestationVerificationException(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT, TeeType.INTEL_TDX,
                "TDX quote format unsupported: " + message);
    }

    static AttestationVerificationException signature(String message) {
        return new AttestationVerificationException(ReasonCode.SIGNATURE_INVALID, TeeType.INTEL_TDX,
                "TDX quote signature check failed: " + message);
    }

    static AttestationVerificationException chain(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.INTEL_TDX,
                "TDX PCK certificate chain invalid: " + message);
    }

    static AttestationVerificationException chain(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.INTEL_TDX,
                "TDX PCK certificate chain invalid: " + message, cause);
    }
}
