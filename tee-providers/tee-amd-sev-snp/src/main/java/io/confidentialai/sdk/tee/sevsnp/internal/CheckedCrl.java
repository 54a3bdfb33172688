package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

/**
 * A CRL whose signature has been verified with the key of the chain certificate that issued it (normally the ARK,
 * whose CRL at AMD KDS {@code /vcek/v1/<product>/crl} lists revoked ASKs, and {@code /vlek/v1/<product>/crl} revoked
 * ASVKs).
 *
 * @param crl the CRL
 * @param issuerIndex the index in the chain (leaf 0) of the certificate that issued the CRL
 * @param source where the CRL came from, for messages
 */
record CheckedCrl(X509CRL crl, int issuerIndex, String source) {

    /**
     * Checks freshness at {@code now} and whether the chain certificate below the issuer is revoked.
     *
     * @throws AttestationVerificationException COLLATERAL_EXPIRED outside [thisUpdate, nextUpdate]; CERT_REVOKED
     *     when the certificate issued by the CRL's issuer is listed with a revocation date at or before {@code now}
     */
    void check(Endorsement e, Instant now) throws AttestationVerificationException {
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Date next = crl.getNextUpdate();
        if (now.isBefore(thisUpdate) || (next != null && now.isAfter(next.toInstant()))) {
            throw Failures.collateralExpired("the CRL " + source + " of \"" + crl.getIssuerX500Principal().getName()
                    + "\" is not current at " + now + ": thisUpdate " + thisUpdate + ", nextUpdate "
                    + (next == null ? "(none)" : next.toInstant()));
        }
        if (issuerIndex == 0) {
            return;
        }
        X509Certificate subject = e.chain.get(issuerIndex - 1);
        X509CRLEntry entry = crl.getRevokedCertificate(subject.getSerialNumber());
        if (entry != null && !entry.getRevocationDate().toInstant().isAfter(now)) {
            throw Failures.revoked("\"" + subject.getSubjectX500Principal().getName() + "\" (serial "
                    + subject.getSerialNumber().toString(16) + ") was revoked on "
                    + entry.getRevocationDate().toInstant() + " according to the CRL " + source);
        }
    }

    Instant thisUpdate() {
        return crl.getThisUpdate().toInstant();
    }
}
