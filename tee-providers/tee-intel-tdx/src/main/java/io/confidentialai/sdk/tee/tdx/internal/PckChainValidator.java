package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Validates a PCK certificate chain (leaf first) at a given instant, up to the pinned Intel SGX Root CA or to one of
 * the configured simulation roots.
 *
 * <p>Checks, for every certificate: validity at the instant, issuer name equal to the next certificate's subject, an
 * ECDSA signature that verifies with the next certificate's key (the root with its own key), no unknown critical
 * extension; for CA certificates: basic constraints CA with a sufficient path length and, when present, the
 * keyCertSign key usage; for the leaf: a P-256 key and, when key usage is present, digitalSignature. The root in the
 * chain must be byte-for-byte equal to the anchor.
 */
final class PckChainValidator {
    private static final Set<String> ECDSA_SIGNATURES = Set.of("1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3");
    private static final Set<String> HANDLED_CRITICAL = Set.of("2.5.29.15", "2.5.29.19");
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_KEY_CERT_SIGN = 5;

    private PckChainValidator() {}

    /**
     * Validates the chain.
     *
     * @return true when the chain ends at the Intel SGX Root CA (hardware evidence), false when it ends at a
     *     simulation root
     * @throws AttestationVerificationException {@code CERT_CHAIN_INVALID} on any failure
     */
    static boolean validate(List<X509Certificate> chain, Instant at, List<X509Certificate> simulationRoots)
            throws AttestationVerificationException {
        int n = chain.size();
        if (n < 2) {
            throw Failures.chain("the chain has " + n + " certificate; expected a PCK leaf, CA(s) and a root");
        }
        X509Certificate root = chain.get(n - 1);
        byte[] rootDer = encoded(root, n - 1);
        boolean hardware;
        if (IntelRootCa.matches(rootDer)) {
            hardware = true;
        } else if (isSimulationRoot(rootDer, simulationRoots)) {
            hardware = false;
        } else {
            throw Failures.chain("the chain ends at \"" + root.getSubjectX500Principal().getName()
                    + "\" (SHA-256 " + sha256Hex(rootDer) + "), which is neither the Intel SGX Root CA (SHA-256 "
                    + IntelRootCa.SHA256_HEX + ") nor a configured simulation root");
        }
        Date date = Date.from(at);
        for (int i = 0; i < n; i++) {
            X509Certificate cert = chain.get(i);
            X509Certificate issuer = i == n - 1 ? cert : chain.get(i + 1);
            String name = describe(cert, i);
            try {
                cert.checkValidity(date);
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw Failures.chain(name + " is not valid at " + at + ": valid from "
                        + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant(), e);
            }
            if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw Failures.chain(name + " names issuer \"" + cert.getIssuerX500Principal().getName()
                        + "\" but the next certificate is \"" + issuer.getSubjectX500Principal().getName() + "\"");
            }
            if (!ECDSA_SIGNATURES.contains(cert.getSigAlgOID())) {
                throw Failures.chain(name + " is signed with " + cert.getSigAlgName() + "; expected ECDSA");
            }
            try {
                cert.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw Failures.chain("the signature of " + name + " does not verify with the key of \""
                        + issuer.getSubjectX500Principal().getName() + "\"", e);
            }
            Set<String> critical = cert.getCriticalExtensionOIDs();
            if (critical != null && !HANDLED_CRITICAL.containsAll(critical)) {
                throw Failures.chain(name + " has an unsupported critical extension");
            }
            boolean[] keyUsage = cert.getKeyUsage();
            if (i == 0) {
                if (!P256.isP256(cert.getPublicKey())) {
                    throw Failures.chain(name + " does not hold a P-256 public key");
                }
                if (keyUsage != null && (keyUsage.length <= KU_DIGITAL_SIGNATURE || !keyUsage[KU_DIGITAL_SIGNATURE])) {
                    throw Failures.chain(name + " is not allowed to sign (key usage lacks digitalSignature)");
                }
            } else {
                if (cert.getBasicConstraints() < i - 1) {
                    throw Failures.chain(name + " is not a CA for a chain of this length (basic constraints)");
                }
                if (keyUsage != null && (keyUsage.length <= KU_KEY_CERT_SIGN || !keyUsage[KU_KEY_CERT_SIGN])) {
                    throw Failures.chain(name + " is not allowed to sign certificates (key usage lacks keyCertSign)");
                }
            }
        }
        return hardware;
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

    private static byte[] encoded(X509Certificate cert, int index) throws AttestationVerificationException {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw Failures.chain("certificate " + index + " cannot be encoded", e);
        }
    }

    private static String describe(X509Certificate cert, int index) {
        return "certificate " + index + " (\"" + cert.getSubjectX500Principal().getName() + "\")";
    }

    private static String sha256Hex(byte[] der) {
        try {
            return HexText.encode(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
