package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.jspecify.annotations.Nullable;

/**
 * Builds and validates the certificate path of a RIM signature from the certificates of its {@code KeyInfo}, in any
 * order, up to the pinned NVIDIA CoRIM signing Root CA or to a configured simulation root.
 *
 * <p>Path building: the leaf is the one presented certificate that issues none of the others; each next certificate
 * is the one presented certificate whose subject is the current issuer (two candidates are ambiguous and rejected);
 * when the issuer is not presented it must be a trust anchor, which is appended. Every presented certificate must be
 * on the path, and at most {@value #MAX_CERTIFICATES} may be presented. The path must end at a self-issued
 * certificate that is byte-for-byte the pinned root ({@code hardware}) or one of the simulation roots (not
 * hardware).
 *
 * <p>Checks, for every certificate on the path: validity at the instant, issuer name equal to the next certificate's
 * subject, an ECDSA signature that verifies with the next certificate's key (the root with its own), no unknown
 * critical extension; for the leaf: not a CA, a P-384 key, and digitalSignature when key usage is present; for CA
 * certificates: basic constraints CA with a sufficient path length and keyCertSign when key usage is present.
 * Revocation (NVIDIA's OCSP service) is not checked here.
 *
 * <p>Stateless and thread-safe. This class is internal and is not meant to be used by applications; it may change at
 * any time.
 */
final class RimChain {
    /** The most certificates a RIM's {@code KeyInfo} may carry. */
    static final int MAX_CERTIFICATES = 6;

    private static final Set<String> ECDSA_SIGNATURES =
            Set.of("1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4");
    private static final Set<String> HANDLED_CRITICAL = Set.of("2.5.29.15", "2.5.29.19");
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_KEY_CERT_SIGN = 5;
    private static final int LEAF_KEY_BITS = 384;
    private static final int MAX_NAME_CHARS = 80;

    private RimChain() {}

    /** The validity window of one certificate on a validated path, by subject common name. */
    record Validity(String name, Instant notBefore, Instant notAfter) {}

    /** A validated path: the signing key, the anchor and every certificate's validity window. */
    static final class Validated {
        private final PublicKey leafKey;
        private final boolean hardware;
        private final byte[] rootDer;
        private final List<Validity> validities;

        private Validated(PublicKey leafKey, boolean hardware, byte[] rootDer, List<Validity> validities) {
            this.leafKey = leafKey;
            this.hardware = hardware;
            this.rootDer = rootDer;
            this.validities = List.copyOf(validities);
        }

        PublicKey leafKey() {
            return leafKey;
        }

        boolean hardware() {
            return hardware;
        }

        /** Leaf first, root last. */
        List<Validity> validities() {
            return validities;
        }

        /**
         * Re-checks a path validated earlier at another instant: the anchor must still be trusted (the pinned root,
         * or a simulation root the caller configures now) and every certificate valid at {@code at}.
         */
        void recheck(Instant at, List<X509Certificate> simulationRoots) throws AttestationVerificationException {
            if (!hardware && !isSimulationRoot(rootDer, simulationRoots)) {
                throw RimFailures.chain("the chain ends at the simulation root \""
                        + validities.get(validities.size() - 1).name() + "\", which is not configured");
            }
            for (Validity v : validities) {
                checkWindow(v, at);
            }
        }
    }

    /**
     * Builds and validates the path.
     *
     * @param presented the {@code KeyInfo} certificates, in document order
     * @param at the verification instant
     * @param simulationRoots configured simulation roots; an empty list accepts only the pinned NVIDIA root
     * @return the validated path
     * @throws AttestationVerificationException {@code CERT_CHAIN_INVALID} on any failure
     */
    static Validated validate(List<X509Certificate> presented, Instant at, List<X509Certificate> simulationRoots)
            throws AttestationVerificationException {
        int n = presented.size();
        if (n == 0) {
            throw RimFailures.chain("the signature's KeyInfo holds no X.509 certificate");
        }
        if (n > MAX_CERTIFICATES) {
            throw RimFailures.chain("the signature's KeyInfo holds " + n + " certificates; at most "
                    + MAX_CERTIFICATES + " are accepted");
        }
        byte[][] ders = new byte[n][];
        for (int i = 0; i < n; i++) {
            ders[i] = encoded(presented.get(i));
            for (int j = 0; j < i; j++) {
                if (MessageDigest.isEqual(ders[i], ders[j])) {
                    throw RimFailures.chain("certificate " + describe(presented.get(i)) + " appears twice");
                }
            }
        }
        List<X509Certificate> path = buildPath(presented, simulationRoots);
        X509Certificate root = path.get(path.size() - 1);
        byte[] rootDer = encoded(root);
        boolean hardware;
        if (RimRootCa.matches(rootDer)) {
            hardware = true;
        } else if (isSimulationRoot(rootDer, simulationRoots)) {
            hardware = false;
        } else {
            throw RimFailures.chain("the chain ends at " + describe(root) + " (SHA-256 " + sha256Hex(rootDer)
                    + "), which is neither the NVIDIA CoRIM signing Root CA (SHA-256 " + RimRootCa.SHA256_HEX
                    + ") nor a configured simulation root");
        }
        List<Validity> validities = new ArrayList<>(path.size());
        int last = path.size() - 1;
        for (int i = 0; i <= last; i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i == last ? cert : path.get(i + 1);
            Validity validity = new Validity(commonName(cert.getSubjectX500Principal()),
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
            checkWindow(validity, at);
            checkLink(cert, issuer);
            checkExtensions(cert, i);
            validities.add(validity);
        }
        return new Validated(path.get(0).getPublicKey(), hardware, rootDer, validities);
    }

    private static List<X509Certificate> buildPath(List<X509Certificate> presented,
            List<X509Certificate> simulationRoots) throws AttestationVerificationException {
        int n = presented.size();
        int leaf = -1;
        for (int i = 0; i < n; i++) {
            X500Principal subject = presented.get(i).getSubjectX500Principal();
            boolean issuesAnother = false;
            for (int j = 0; j < n && !issuesAnother; j++) {
                issuesAnother = j != i && presented.get(j).getIssuerX500Principal().equals(subject);
            }
            if (!issuesAnother) {
                if (leaf >= 0) {
                    throw RimFailures.chain("the KeyInfo certificates do not form one chain: both "
                            + describe(presented.get(leaf)) + " and " + describe(presented.get(i))
                            + " could be the signer");
                }
                leaf = i;
            }
        }
        if (leaf < 0) {
            throw RimFailures.chain("the KeyInfo certificates form a cycle; no signer certificate can be found");
        }
        boolean[] used = new boolean[n];
        used[leaf] = true;
        List<X509Certificate> path = new ArrayList<>(n + 1);
        X509Certificate current = presented.get(leaf);
        path.add(current);
        while (!isSelfIssued(current)) {
            X500Principal issuerName = current.getIssuerX500Principal();
            int next = -1;
            for (int i = 0; i < n; i++) {
                if (!used[i] && presented.get(i).getSubjectX500Principal().equals(issuerName)) {
                    if (next >= 0) {
                        throw RimFailures.chain("two KeyInfo certificates are named \"" + commonName(issuerName)
                                + "\", the issuer of " + describe(current));
                    }
                    next = i;
                }
            }
            if (next < 0) {
                X509Certificate anchor = findAnchor(current, simulationRoots);
                if (anchor == null) {
                    throw RimFailures.chain("the issuer \"" + commonName(issuerName) + "\" of " + describe(current)
                            + " is neither in the KeyInfo nor a trusted root (incomplete chain)");
                }
                path.add(anchor);
                break;
            }
            used[next] = true;
            current = presented.get(next);
            path.add(current);
        }
        for (int i = 0; i < n; i++) {
            if (!used[i]) {
                throw RimFailures.chain("certificate " + describe(presented.get(i))
                        + " in the KeyInfo is not on the path from the signer to its root");
            }
        }
        X509Certificate root = path.get(path.size() - 1);
        if (!isSelfIssued(root)) {
            throw RimFailures.chain("the chain ends at " + describe(root) + ", which is not a self-issued root");
        }
        return path;
    }

    /** The trust anchor named as the issuer of {@code cert}, preferring one whose key verifies it. */
    private static @Nullable X509Certificate findAnchor(X509Certificate cert, List<X509Certificate> simulationRoots) {
        List<X509Certificate> candidates = new ArrayList<>(simulationRoots.size() + 1);
        candidates.add(RimRootCa.certificate());
        candidates.addAll(simulationRoots);
        @Nullable X509Certificate named = null;
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                if (verifies(cert, candidate.getPublicKey())) {
                    return candidate;
                }
                if (named == null) {
                    named = candidate;
                }
            }
        }
        return named;
    }

    private static void checkWindow(Validity v, Instant at) throws AttestationVerificationException {
        if (at.isBefore(v.notBefore()) || at.isAfter(v.notAfter())) {
            throw RimFailures.chain("certificate \"" + v.name() + "\" is not valid at " + at + ": valid from "
                    + v.notBefore() + " to " + v.notAfter());
        }
    }

    private static void checkLink(X509Certificate cert, X509Certificate issuer)
            throws AttestationVerificationException {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw RimFailures.chain(describe(cert) + " names issuer \""
                    + commonName(cert.getIssuerX500Principal()) + "\" but the next certificate is "
                    + describe(issuer));
        }
        if (!ECDSA_SIGNATURES.contains(cert.getSigAlgOID())) {
            throw RimFailures.chain(describe(cert) + " is signed with " + cert.getSigAlgName()
                    + "; expected ECDSA with SHA-256, SHA-384 or SHA-512");
        }
        if (!verifies(cert, issuer.getPublicKey())) {
            throw RimFailures.chain("the signature of " + describe(cert) + " does not verify with the key of "
                    + describe(issuer));
        }
    }

    private static void checkExtensions(X509Certificate cert, int index) throws AttestationVerificationException {
        Set<String> critical = cert.getCriticalExtensionOIDs();
        if (critical != null && !HANDLED_CRITICAL.containsAll(critical)) {
            throw RimFailures.chain(describe(cert) + " has an unsupported critical extension");
        }
        boolean[] keyUsage = cert.getKeyUsage();
        if (index == 0) {
            if (cert.getBasicConstraints() != -1) {
                throw RimFailures.chain("the signer " + describe(cert) + " is a CA certificate");
            }
            if (!(cert.getPublicKey() instanceof ECPublicKey)
                    || ((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()
                            != LEAF_KEY_BITS) {
                throw RimFailures.chain("the signer " + describe(cert) + " does not hold a P-384 EC key");
            }
            if (keyUsage != null && (keyUsage.length <= KU_DIGITAL_SIGNATURE || !keyUsage[KU_DIGITAL_SIGNATURE])) {
                throw RimFailures.chain("the signer " + describe(cert)
                        + " may not sign (key usage lacks digitalSignature)");
            }
        } else {
            if (cert.getBasicConstraints() < index - 1) {
                throw RimFailures.chain(describe(cert) + " is not a CA for a chain of this length (basic constraints)");
            }
            if (keyUsage != null && (keyUsage.length <= KU_KEY_CERT_SIGN || !keyUsage[KU_KEY_CERT_SIGN])) {
                throw RimFailures.chain(describe(cert)
                        + " may not sign certificates (key usage lacks keyCertSign)");
            }
        }
    }

    private static boolean verifies(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isSelfIssued(X509Certificate cert) {
        return cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal());
    }

    static boolean isSimulationRoot(byte[] rootDer, List<X509Certificate> simulationRoots) {
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

    private static byte[] encoded(X509Certificate cert) throws AttestationVerificationException {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw RimFailures.chain("certificate " + describe(cert) + " cannot be encoded", e);
        }
    }

    private static String sha256Hex(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static String describe(X509Certificate cert) {
        return "\"" + commonName(cert.getSubjectX500Principal()) + "\"";
    }

    /** The subject's common name (or the whole name when it has none), printable ASCII only, bounded. */
    static String commonName(X500Principal principal) {
        String text;
        try {
            RDN[] rdns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
            @Nullable ASN1Encodable value = rdns.length > 0 && rdns[0].getFirst() != null ? rdns[0].getFirst().getValue() : null;
            text = value instanceof ASN1String ? ((ASN1String) value).getString() : principal.getName();
        } catch (RuntimeException e) {
            text = principal.getName();
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_NAME_CHARS));
        for (int i = 0; i < text.length() && sb.length() < MAX_NAME_CHARS; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
        }
        return sb.toString();
    }
}
