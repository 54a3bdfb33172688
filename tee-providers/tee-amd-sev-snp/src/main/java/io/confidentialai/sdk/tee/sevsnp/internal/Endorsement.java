package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * A validated endorsement chain VCEK/VLEK → ASK/ASVK → ARK: every signature, name link, constraint and extension has
 * been checked once; what depends on the verification instant (validity windows, CRL freshness, revocation dates)
 * is checked on every use by {@link #checkAt(Instant)}. Cached by the verifier under the hash of the documents it
 * was built from.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class Endorsement {
    final Product product;
    final boolean hardware;
    final SnpReport.SigningKey kind;
    /** Leaf (VCEK or VLEK), intermediate (ASK or ASVK), root (ARK). */
    final List<X509Certificate> chain;
    final VekExtensions extensions;
    final ECPublicKeyParameters key;
    /** CRLs that apply to this chain, already verified with their issuer's key. */
    final List<CheckedCrl> crls;

    Endorsement(Product product, boolean hardware, SnpReport.SigningKey kind, List<X509Certificate> chain,
            VekExtensions extensions, ECPublicKeyParameters key, List<CheckedCrl> crls) {
        this.product = product;
        this.hardware = hardware;
        this.kind = kind;
        this.chain = List.copyOf(chain);
        this.extensions = extensions;
        this.key = key;
        this.crls = List.copyOf(crls);
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    X509Certificate intermediate() {
        return chain.get(1);
    }

    X509Certificate root() {
        return chain.get(2);
    }

    /**
     * Checks the validity of every certificate and attached CRL at {@code now}, and revocation.
     *
     * @throws AttestationVerificationException CERT_CHAIN_INVALID outside a certificate's validity,
     *     COLLATERAL_EXPIRED for a CRL outside its update window, CERT_REVOKED for a revoked certificate
     */
    void checkAt(Instant now) throws AttestationVerificationException {
        checkValidity(chain, now);
        for (CheckedCrl crl : crls) {
            crl.check(this, now);
        }
    }

    static void checkValidity(List<X509Certificate> chain, Instant now) throws AttestationVerificationException {
        String[] names = {"VCEK/VLEK", "ASK/ASVK", "ARK"};
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            Instant from = c.getNotBefore().toInstant();
            Instant to = c.getNotAfter().toInstant();
            if (now.isBefore(from) || now.isAfter(to)) {
                throw Failures.chain("the " + names[i] + " certificate \"" + c.getSubjectX500Principal().getName()
                        + "\" is not valid at " + now + ": valid from " + from + " to " + to);
            }
        }
    }
}
