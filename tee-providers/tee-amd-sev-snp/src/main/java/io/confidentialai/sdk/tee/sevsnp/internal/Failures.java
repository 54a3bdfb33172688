package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TeeType;

/** Factories for the provider's verification failures; messages never carry raw reports, certificates or keys. */
final class Failures {
    private Failures() {}

    static AttestationVerificationException malformed(String message) {
        return new AttestationVerificationException(ReasonCode.EVIDENCE_MALFORMED, TeeType.AMD_SEV_SNP,
                "SEV-SNP report malformed: " + message);
    }

    static AttestationVerificationException unsupported(String message) {
        return new AttestationVerificationException(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT, TeeType.AMD_SEV_SNP,
                "SEV-SNP report format unsupported: " + message);
    }

    static AttestationVerificationException signature(String message) {
        return new AttestationVerificationException(ReasonCode.SIGNATURE_INVALID, TeeType.AMD_SEV_SNP,
                "SEV-SNP report signature check failed: " + message);
    }

    static AttestationVerificationException chain(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.AMD_SEV_SNP,
                "SEV-SNP endorsement chain invalid: " + message);
    }

    static AttestationVerificationException chain(String message, Throwable cause) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.AMD_SEV_SNP,
                "SEV-SNP endorsement chain invalid: " + message, cause);
    }

    /** The VCEK/VLEK does not endorse this report (TCB, chip id, product or key kind differ). */
    static AttestationVerificationException binding(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_CHAIN_INVALID, TeeType.AMD_SEV_SNP,
                "SEV-SNP endorsement binding failed: " + message);
    }

    static AttestationVerificationException revoked(String message) {
        return new AttestationVerificationException(ReasonCode.CERT_REVOKED, TeeType.AMD_SEV_SNP,
                "SEV-SNP endorsement revoked: " + message);
    }

    static AttestationVerificationException collateralUnavailable(String message) {
        return new AttestationVerificationException(ReasonCode.COLLATERAL_UNAVAILABLE, TeeType.AMD_SEV_SNP,
                "SEV-SNP collateral unavailable: " + message);
    }

    static AttestationVerificationException collateralExpired(String message) {
        return new AttestationVerificationException(ReasonCode.COLLATERAL_EXPIRED, TeeType.AMD_SEV_SNP,
                "SEV-SNP collateral expired: " + message);
    }
}
