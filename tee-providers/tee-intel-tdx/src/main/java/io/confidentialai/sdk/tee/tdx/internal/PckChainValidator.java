package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates a certificate chain (leaf first) at a given instant, up to the pinned Intel SGX Root CA or to one of the
 * configured simulation roots: the PCK chain of a quote, and the issuer chains of collateral (Intel SGX TCB Signing).
 *
 * <p>Checks, for every certificate: validity at the instant, issuer name equal to the next certificate's subject, an
 * ECDSA signature that verifies with the next certificate's key (the root with its own key), no unknown critical
 * extension; for CA certificates: basic constraints CA with a sufficient path length and, when present, the
 * keyCertSign key usage; for the leaf: a P-256 key and, when key usage is present, digitalSignature. The root in the
 * chain must be byte-for-byte equal to the anchor.
 *
 * <p>Signature checks of links whose subject is a CA (and of collateral signing certificates) are remembered in a
 * bounded cache keyed by the SHA-256 of both certificates, so shared Intel CA certificates are verified once; the PCK
 * leaf's signature is checked every time. Validity periods are always checked. Thread-safe.
 */
final class PckChainValidator {
    private static final Set<String> ECDSA_SIGNATURES = Set.of("1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3");
    private static final Set<String> HANDLED_CRITICAL = Set.of("2.5.29.15", "2.5.29.19");
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_KEY_CERT_SIGN = 5;

    /** Which chain is validated: decides the failure message and whether the leaf link may be cached. */
    enum Purpose {
        /** The quote's PCK chain: the leaf link is verified on every call. */
        PCK,
        /** A collateral issuer chain (Intel SGX TCB Signing): every link may be cached. */
        COLLATERAL
    }

    private final BoundedCache<ContentKey, Boolean> verifiedLinks;
    private final P256.Keys keys;

    PckChainValidator(int cacheCapacity) {
        this(cacheCapacity, new P256.Keys(cacheCapacity));
    }

    PckChainValidator(int cacheCapacity, P256.Keys keys) {
        this.verifiedLinks = new BoundedCache<>(cacheCapacity);
        this.keys = keys;
    }

    /**
     * Validates the chain.
     *
     * @return true when the chain ends at the Intel SGX Root CA (hardware evidence), false when it ends at a
     *     simulation root
     * @throws AttestationVerificationException {@code CERT_CHAIN_INVALID} on any failure
     */
    boolean validate(List<X509Certificate> chain, Instant at, List<X509Certificate> simulationRoots, Purpose purpose)
            throws AttestationVerificationException {
        int n = chain.size();
        if (n < 2) {
            throw fail(purpose, "the chain has " + n + " certificate; expected a leaf, CA(s) and a root", null);
        }
        X509Certificate root = chain.get(n - 1);
        byte[] rootDer = encoded(root, n - 1, purpose);
        boolean hardware;
        if (IntelRootCa.matches(rootDer)) {
            hardware = true;
        } else if (isSimulationRoot(rootDer, simulationRoots)) {
            hardware = false;
        } else {
            throw fail(purpose, "the chain ends at \"" + root.getSubjectX500Principal().getName()
                    + "\" (SHA-256 " + HexText.encode(ContentKey.sha256().digest(rootDer))
                    + "), which is neither the Intel SGX Root CA (SHA-256 " + IntelRootCa.SHA256_HEX
                    + ") nor a configured simulation root", null);
        }
        Date date = Date.from(at);
        ContentKey[] hashes = new ContentKey[n];
        hashes[n - 1] = ContentKey.of(rootDer);
        for (int i = 0; i < n - 1; i++) {
            hashes[i] = ContentKey.of(encoded(chain.get(i), i, purpose));
        }
        for (int i = 0; i < n; i++) {
            X509Certificate cert = chain.get(i);
            X509Certificate issuer = i == n - 1 ? cert : chain.get(i + 1);
            String name = describe(cert, i);
            try {
                cert.checkValidity(date);
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw fail(purpose, name + " is not valid at " + at + ": valid from "
                        + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant(), e);
            }
            if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw fail(purpose, name + " names issuer \"" + cert.getIssuerX500Principal().getName()
                        + "\" but the next certificate is \"" + issuer.getSubjectX500Principal().getName() + "\"",
                        null);
            }
            if (!ECDSA_SIGNATURES.contains(cert.getSigAlgOID())) {
                throw fail(purpose, name + " is signed with " + cert.getSigAlgName() + "; expected ECDSA", null);
            }
            boolean cacheable = i > 0 || purpose == Purpose.COLLATERAL;
            ContentKey link = ContentKey.pair(hashes[i], hashes[i == n - 1 ? i : i + 1]);
            if (!cacheable || verifiedLinks.get(link) == null) {
                if (!P256.verifyCertificate(keys, cert, issuer.getPublicKey())) {
                    throw fail(purpose, "the signature of " + name + " does not verify with the key of \""
                            + issuer.getSubjectX500Principal().getName() + "\"", null);
                }
                if (cacheable) {
                    verifiedLinks.put(link, Boolean.TRUE);
                }
            }
            Set<String> critical = cert.getCriticalExtensionOIDs();
            if (critical != null && !HANDLED_CRITICAL.containsAll(critical)) {
                throw fail(purpose, name + " has an unsupported critical extension", null);
            }
            boolean[] keyUsage = cert.getKeyUsage();
            if (i == 0) {
                if (!P256.isP256(cert.getPublicKey())) {
                    throw fail(purpose, name + " does not hold a P-256 public key", null);
                }
                if (keyUsage != null && (keyUsage.length <= KU_DIGITAL_SIGNATURE || !keyUsage[KU_DIGITAL_SIGNATURE])) {
                    throw fail(purpose, name + " is not allowed to sign (key usage lacks digitalSignature)", null);
                }
            } else {
                if (cert.getBasicConstraints() < i - 1) {
                    throw fail(purpose, name + " is not a CA for a chain of this length (basic constraints)", null);
                }
                if (keyUsage != null && (keyUsage.length <= KU_KEY_CERT_SIGN || !keyUsage[KU_KEY_CERT_SIGN])) {
                    throw fail(purpose, name + " is not allowed to sign certificates (key usage lacks keyCertSign)",
                            null);
                }
            }
        }
        return hardware;
    }

    private static AttestationVerificationException fail(Purpose purpose, String message, @Nullable Throwable cause) {
        if (purpose == Purpose.PCK) {
            return cause == null ? Failures.chain(message) : Failures.chain(message, cause);
        }
        return cause == null ? Failures.collateralChain(message) : Failures.collateralChain(message, cause);
    }

    private static boolean isSimulationRoot(byte[] rootDer, List<X509Certificate> simulationRoots) {
        for (X509Certificate candidate : simulationRoots) {
            try {
                if (MessageDigest.isEqual(candidate.getEncoded(), rootDer)) {
                    return true;
                }
            } catch (CertificateEncodingException e) {
                // an unencodable configured root cannot match any chain
            }
        }
        return false;
    }

    private static byte[] encoded(X509Certificate cert, int index, Purpose purpose)
            throws AttestationVerificationException {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw fail(purpose, "certificate " + index + " cannot be encoded", e);
        }
    }

    private static String describe(X509Certificate cert, int index) {
        return "certificate " + index + " (\"" + cert.getSubjectX500Principal().getName() + "\")";
    }
}
