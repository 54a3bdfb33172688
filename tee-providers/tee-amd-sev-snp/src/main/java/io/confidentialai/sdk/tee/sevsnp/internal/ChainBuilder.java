package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Builds and validates the endorsement chain of a report from the attached certificates, the pinned AMD certificates
 * ({@link AmdRoots}) and the configured simulation roots.
 *
 * <ol>
 *   <li>Leaf: the attached end-entity certificate with an EC key of the kind the report names: a VCEK (it has the
 *       hwID extension) or a VLEK (no hwID). Exactly one must be attached.</li>
 *   <li>Intermediate: a certificate named by the leaf's issuer whose key verifies the leaf: attached ones first, then
 *       the pinned ASK/ASVK. A VCEK must hang below an ASK, a VLEK below an ASVK ({@code CN=SEV-VLEK-*}).</li>
 *   <li>Root: a pinned ARK named by the intermediate's issuer whose key verifies it ({@code hardware}), else a
 *       configured simulation root ({@code hardware=false}, product "simulated").</li>
 * </ol>
 *
 * Every attached certificate must be one of the three (byte for byte): a tampered or unrelated attached ASK or ARK is
 * rejected even when the pinned one would do.
 *
 * Every certificate must be signed with RSASSA-PSS SHA-384/MGF1-SHA-384/salt 48, have no critical extension but key
 * usage and basic constraints, and respect them (CA certificates: basicConstraints CA with enough path length and
 * keyCertSign; the leaf: not a CA, digitalSignature when key usage is present, a P-384 key). The leaf's serial number
 * may be 0 (every VCEK and VLEK has serial 0). Validity at the verification instant is checked on each use, not here.
 */
final class ChainBuilder {
    private static final Set<String> HANDLED_CRITICAL = Set.of("2.5.29.15", "2.5.29.19");
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_KEY_CERT_SIGN = 5;
    private static final int KU_CRL_SIGN = 6;

    private ChainBuilder() {}

    /** A configured simulation root with its encoding. */
    record SimulationRoot(X509Certificate certificate, byte[] der) {}

    /**
     * Builds and validates the chain.
     *
     * @throws AttestationVerificationException CERT_CHAIN_INVALID (or COLLATERAL_UNAVAILABLE when no VCEK/VLEK is
     *     attached at all)
     */
    static Endorsement build(EndorsementDocuments docs, SnpReport.SigningKey kind, List<SimulationRoot> simulationRoots)
            throws AttestationVerificationException {
        X509Certificate leaf = leaf(docs.certificates, kind);
        checkLeaf(leaf);
        VekExtensions extensions = VekExtensions.parse(leaf);
        ECPublicKeyParameters key = Signatures.p384(leaf.getPublicKey()).orElseThrow(
                () -> Failures.chain("the " + kind.id().toUpperCase(Locale.ROOT) + " does not hold a valid P-384 key"));

        X509Certificate intermediate = issuer(leaf, docs.certificates);
        boolean asvk = commonName(intermediate).startsWith("SEV-VLEK");
        if ((kind == SnpReport.SigningKey.VLEK) != asvk) {
            throw Failures.binding("the report is signed with a " + kind.id().toUpperCase(Locale.ROOT)
                    + " but the certificate was issued by \"" + intermediate.getSubjectX500Principal().getName()
                    + "\", which signs " + (asvk ? "VLEKs" : "VCEKs"));
        }
        checkCa(intermediate, 0, "the ASK/ASVK");

        Product product = null;
        X509Certificate root = null;
        for (AmdRoots.Pinned p : AmdRoots.withSubject(intermediate.getIssuerX500Principal())) {
            if (p.role == AmdRoots.Role.ARK && verifies(intermediate, p.certificate.getPublicKey())) {
                product = p.product;
                root = p.certificate;
                break;
            }
        }
        boolean hardware = root != null;
        if (root == null) {
            for (SimulationRoot s : simulationRoots) {
                X509Certificate c = s.certificate();
                if (c.getSubjectX500Principal().equals(intermediate.getIssuerX500Principal())
                        && verifies(intermediate, c.getPublicKey())) {
                    checkCa(c, 1, "the simulation ARK");
                    if (!verifies(c, c.getPublicKey())) {
                        throw Failures.chain("the simulation root \"" + c.getSubjectX500Principal().getName()
                                + "\" is not self-signed with RSASSA-PSS");
                    }
                    product = Product.SIMULATED;
                    root = c;
                    break;
                }
            }
        }
        if (root == null) {
            throw noRoot(intermediate, docs.certificates, simulationRoots);
        }
        if (hardware) {
            checkCa(root, 1, "the ARK");
            String name = extensions.productName;
            if (name != null && !name.toLowerCase(Locale.ROOT).startsWith(product.id())) {
                throw Failures.chain("the " + kind.id().toUpperCase(Locale.ROOT) + " names product \"" + name
                        + "\" but chains to ARK-" + product);
            }
        }
        List<X509Certificate> chain = List.of(leaf, intermediate, root);
        for (X509Certificate c : docs.certificates) {
            if (c != leaf && !sameEncoding(c, intermediate) && !sameEncoding(c, root)) {
                throw Failures.chain("the attached certificate \"" + c.getSubjectX500Principal().getName()
                        + "\" (SHA-256 " + sha256Hex(c) + ") is not part of the chain "
                        + leaf.getSubjectX500Principal().getName() + " <- "
                        + intermediate.getSubjectX500Principal().getName() + " <- "
                        + root.getSubjectX500Principal().getName());
            }
        }
        List<CheckedCrl> crls = new ArrayList<>();
        for (X509CRL crl : docs.crls) {
            checkCrl(chain, crl, "attached").ifPresent(crls::add);
        }
        return new Endorsement(product, hardware, kind, chain, extensions, key, crls);
    }

    /**
     * Verifies a CRL issued by a certificate of the chain.
     *
     * @return the checked CRL, or empty when no certificate of the chain issued it (a CRL of another product)
     * @throws AttestationVerificationException CERT_CHAIN_INVALID when the issuer's key does not verify it
     */
    static Optional<CheckedCrl> checkCrl(List<X509Certificate> chain, X509CRL crl, String source)
            throws AttestationVerificationException {
        for (int i = chain.size() - 1; i >= 0; i--) {
            X509Certificate issuer = chain.get(i);
            if (!issuer.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                continue;
            }
            if (!Signatures.isAmdPss(crl)) {
                throw Failures.chain("the CRL " + source + " of \"" + issuer.getSubjectX500Principal().getName()
                        + "\" is not signed with RSASSA-PSS SHA-384/MGF1-SHA-384/salt 48");
            }
            boolean[] ku = issuer.getKeyUsage();
            if (ku != null && (ku.length <= KU_CRL_SIGN || !ku[KU_CRL_SIGN])) {
                throw Failures.chain("\"" + issuer.getSubjectX500Principal().getName() + "\" may not sign CRLs");
            }
            try {
                crl.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw Failures.chain("the CRL " + source + " does not verify with the key of \""
                        + issuer.getSubjectX500Principal().getName() + "\"", e);
            }
            return Optional.of(new CheckedCrl(crl, i, source));
        }
        return Optional.empty();
    }

    private static X509Certificate leaf(List<X509Certificate> certs, SnpReport.SigningKey kind)
            throws AttestationVerificationException {
        List<X509Certificate> matching = new ArrayList<>();
        List<X509Certificate> other = new ArrayList<>();
        for (X509Certificate c : certs) {
            if (c.getBasicConstraints() >= 0 || !"EC".equals(c.getPublicKey().getAlgorithm())) {
                continue;
            }
            boolean isVcek = c.getExtensionValue(VekExtensions.HW_ID) != null;
            ((kind == SnpReport.SigningKey.VCEK) == isVcek ? matching : other).add(c);
        }
        String want = kind.id().toUpperCase(Locale.ROOT);
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.size() > 1) {
            throw Failures.chain(matching.size() + " " + want + " certificates are attached; attach exactly one");
        }
        if (!other.isEmpty()) {
            throw Failures.binding("the report is signed with a " + want + " but the attached end-entity certificate "
                    + "is a " + (kind == SnpReport.SigningKey.VCEK ? "VLEK (no hwID extension)" : "VCEK (hwID extension)"));
        }
        throw Failures.collateralUnavailable("no " + want + " certificate: attach the " + want + " of the platform "
                + "(from AMD KDS or the guest's certificate table), e.g. as " + kind.id() + ".der");
    }

    private static void checkLeaf(X509Certificate leaf) throws AttestationVerificationException {
        String name = "the VCEK/VLEK \"" + leaf.getSubjectX500Principal().getName() + "\"";
        checkCommon(leaf, name);
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && (ku.length <= KU_DIGITAL_SIGNATURE || !ku[KU_DIGITAL_SIGNATURE])) {
            throw Failures.chain(name + " may not sign (key usage lacks digitalSignature)");
        }
    }

    private static void checkCa(X509Certificate ca, int pathBelow, String role) throws AttestationVerificationException {
        String name = role + " \"" + ca.getSubjectX500Principal().getName() + "\"";
        checkCommon(ca, name);
        if (!(ca.getPublicKey() instanceof RSAPublicKey)) {
            throw Failures.chain(name + " does not hold an RSA key");
        }
        if (ca.getBasicConstraints() < pathBelow) {
            throw Failures.chain(name + " is not a CA for a chain of this length (basic constraints)");
        }
        boolean[] ku = ca.getKeyUsage();
        if (ku != null && (ku.length <= KU_KEY_CERT_SIGN || !ku[KU_KEY_CERT_SIGN])) {
            throw Failures.chain(name + " may not sign certificates (key usage lacks keyCertSign)");
        }
    }

    private static void checkCommon(X509Certificate c, String name) throws AttestationVerificationException {
        if (!Signatures.isAmdPss(c)) {
            throw Failures.chain(name + " is signed with " + c.getSigAlgName()
                    + "; AMD certificates use RSASSA-PSS with SHA-384, MGF1-SHA-384 and salt 48");
        }
        Set<String> critical = c.getCriticalExtensionOIDs();
        if (critical != null && !HANDLED_CRITICAL.containsAll(critical)) {
            throw Failures.chain(name + " has an unsupported critical extension");
        }
    }

    /** The intermediate: a named-issuer candidate (attached first, then pinned) whose key verifies the leaf. */
    private static X509Certificate issuer(X509Certificate leaf, List<X509Certificate> attached)
            throws AttestationVerificationException {
        List<X509Certificate> candidates = new ArrayList<>();
        for (X509Certificate c : attached) {
            if (c != leaf && c.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
                candidates.add(c);
            }
        }
        for (AmdRoots.Pinned p : AmdRoots.withSubject(leaf.getIssuerX500Principal())) {
            if (p.role != AmdRoots.Role.ARK) {
                candidates.add(p.certificate);
            }
        }
        if (candidates.isEmpty()) {
            throw Failures.chain("no certificate named \"" + leaf.getIssuerX500Principal().getName()
                    + "\" (the VCEK/VLEK issuer) is attached or pinned; attach the ASK/ASVK");
        }
        for (X509Certificate c : candidates) {
            if (verifies(leaf, c.getPublicKey())) {
                return c;
            }
        }
        throw Failures.chain("the signature of the VCEK/VLEK does not verify with the key of \""
                + leaf.getIssuerX500Principal().getName() + "\"");
    }

    private static AttestationVerificationException noRoot(X509Certificate intermediate,
            List<X509Certificate> attached, List<SimulationRoot> simulationRoots) {
        for (X509Certificate c : attached) {
            if (c.getSubjectX500Principal().equals(intermediate.getIssuerX500Principal())
                    && c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
                return Failures.chain("the chain ends at \"" + c.getSubjectX500Principal().getName() + "\" (SHA-256 "
                        + sha256Hex(c) + "), which is neither a pinned AMD ARK (Milan, Genoa, Turin) nor one of the "
                        + simulationRoots.size() + " configured simulation roots");
            }
        }
        return Failures.chain("the signature of \"" + intermediate.getSubjectX500Principal().getName()
                + "\" does not verify with a pinned AMD ARK or a configured simulation root named \""
                + intermediate.getIssuerX500Principal().getName() + "\"");
    }

    private static boolean verifies(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean sameEncoding(X509Certificate a, X509Certificate b) {
        try {
            return MessageDigest.isEqual(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    static String commonName(X509Certificate c) {
        return commonName(c.getSubjectX500Principal());
    }

    /** The first CN of a name, or "" (AMD names hold no escaped commas). */
    static String commonName(javax.security.auth.x500.X500Principal name) {
        for (String part : name.getName().split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return "";
    }

    private static String sha256Hex(X509Certificate c) {
        try {
            return HexText.encode(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "(unavailable)";
        }
    }
}
