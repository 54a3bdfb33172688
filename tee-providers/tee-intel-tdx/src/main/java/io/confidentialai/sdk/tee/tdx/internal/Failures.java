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

    // collateral (TCB info, QE identity, CRLs, issuer chains)

    static AttestationVerificationException collateralMalformed(String message) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.INTEL_TDX,
                "TDX collateral malformed: " + message);
    }

    static AttestationVerificationException collateralMalformed(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.INTEL_TDX,
                "TDX collateral malformed: " + message, cause);
    }

    static AttestationVerificationException collateralUnavailable(String message) {
        return new AttestationVerificationException(ReasonCode.COLLATERAL_UNAVAILABLE, TeeType.INTEL_TDX,
                "TDX collateral unavailable: " + message);
    }

    static AttestationVerificationException collateralUnavailable(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.COLLATERAL_UNAVAILABLE, TeeType.INTEL_TDX,
                "TDX collateral unavailable: " + message, cause);
    }

    static AttestationVerificationException collateralExpired(String message) {
        return new AttestationVerificationException(ReasonCode.COLLATERAL_EXPIRED, TeeType.INTEL_TDX,
                "TDX collateral expired: " + message);
    }

    static AttestationVerificationException collateralSignature(String message) {
        return new AttestationVerificationException(ReasonCode.SIGNATURE_INVALID, TeeType.INTEL_TDX,
                "TDX collateral signature invalid: " + message);
    }

    static AttestationVerificationException collateralChain(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.INTEL_TDX,
                "TDX collateral issuer chain invalid: " + message);
    }

    static AttestationVerificationException collateralChain(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.INTEL_TDX,
                "TDX collateral issuer chain invalid: " + message, cause);
    }

    static AttestationVerificationException revoked(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_REVOKED, TeeType.INTEL_TDX,
                "TDX certificate revoked: " + message);
    }

    /** Intel's "TCB not supported": no TCB level of the collateral matches the platform. */
    static AttestationVerificationException noTcbLevel(String message) {
        return new AttestationVerificationException(ReasonCode.TCB_OUT_OF_DATE, TeeType.INTEL_TDX,
                "TDX TCB evaluation: " + message);
    }

    /** The QE or the TDX module is not the one Intel's collateral describes. */
    static AttestationVerificationException identityMismatch(String message) {
        return new AttestationVerificationException(ReasonCode.SIGNER_MISMATCH, TeeType.INTEL_TDX,
                "TDX identity mismatch: " + message);
    }

    static AttestationVerificationException eventLogMalformed(String message) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.INTEL_TDX,
                "TDX CCEL event log malformed: " + message);
    }

    static AttestationVerificationException eventLogMismatch(String message) {
        return new AttestationVerificationException(ReasonCode.MEASUREMENT_MISMATCH, TeeType.INTEL_TDX,
                "TDX CCEL event log replay: " + message);
    }
}
