package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.jspecify.annotations.Nullable;

/**
 * Validates the device certificate chain attached to NVIDIA GPU evidence: PEM certificates, the device (leaf)
 * certificate first and the root last, as NVIDIA's driver and tools emit it.
 *
 * <ol>
 *   <li>Anchor: the last certificate is byte for byte the pinned NVIDIA Device Identity CA ({@link DeviceRoot},
 *       {@code hardware=true}) or one of the configured simulation roots ({@code hardware=false}); a chain that
 *       stops just below one of them (its last certificate is issued and signed by it) is completed with it.</li>
 *   <li>Length: 2 to {@value #MAX_CERTIFICATES} certificates (and at most the context limit); a chain to a simulation
 *       root has 2 to {@value #MAX_SIMULATED} (a simulated chain is "root → simulated device certificate").</li>
 *   <li>Links: each certificate names the next one as its issuer and its ECDSA signature (SHA-256, SHA-384 or
 *       SHA-512) verifies with the next one's key, a P-256 or P-384 key (checked with Bouncy Castle).</li>
 *   <li>Issuers: basic constraints CA with a path length that allows the certificates below, and keyCertSign when
 *       key usage is present.</li>
 *   <li>Device certificate: the TCG DICE TcbInfo extension with a SHA-384 FWID ({@link DiceTcbInfo}), not a CA,
 *       digitalSignature when key usage is present, and a P-384 key (it signs the SPDM response).</li>
 *   <li>No certificate has a critical extension other than key usage and basic constraints.</li>
 * </ol>
 *
 * Validity at the verification instant is checked on every use ({@link Validated#checkAt}), not here, so a validated
 * chain can be cached. Failures are CERT_CHAIN_INVALID; text that is not a clean PEM certificate list is
 * EVIDENCE_MALFORMED.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class DeviceChain {
    static final int MAX_CERTIFICATES = 8;
    static final int MAX_SIMULATED = 5;
    static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    static final String END = "-----END CERTIFICATE-----";
    private static final Set<String> HANDLED_CRITICAL = Set.of("2.5.29.15", "2.5.29.19");
    private static final Set<String> ECDSA_SIGNATURES =
            Set.of("1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4");
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_KEY_CERT_SIGN = 5;

    private DeviceChain() {}

    /** A configured simulation root with its encoding. */
    record SimulationRoot(X509Certificate certificate, byte[] der) {}

    /**
     * Certificate signatures already verified, keyed by the SHA-256 of the certificate and of the issuer's public
     * key: the links shared by every device of a product (Provisioner ICA → GH100 Identity → root) are verified once,
     * so a device seen for the first time costs the signatures of its own two certificates. Only successes are kept.
     * Instances are thread-safe.
     */
    static final class VerifiedLinks {
        private final BoundedCache<Boolean> cache;

        VerifiedLinks(int capacity) {
            this.cache = new BoundedCache<>(capacity);
        }

        boolean verifies(X509Certificate cert, X509Certificate issuer) {
            String key;
            try {
                key = Digests.sha256Hex(cert.getEncoded()) + ":" + Digests.sha256Hex(issuer.getPublicKey().getEncoded());
            } catch (CertificateEncodingException e) {
                return false;
            }
            if (cache.get(key).isPresent()) {
                return true;
            }
            boolean ok = Ecdsa.verifyCertificate(cert, issuer.getPublicKey());
            if (ok) {
                cache.put(key, Boolean.TRUE);
            }
            return ok;
        }

        int size() {
            return cache.size();
        }
    }

    /** A chain that passed every time-independent check. Instances are immutable and thread-safe. */
    static final class Validated {
        final List<X509Certificate> path;
        final ECPublicKeyParameters deviceKey;
        private final byte[] fwid;
        final boolean hardware;
        /** Lower-case hex of the device certificate's serial number (no sign byte). */
        final String deviceSerial;
        final String deviceName;
        final String rootName;
        /** The GPU architecture: the first word of the device certificate's common name, e.g. {@code GH100}. */
        final String arch;
        private final List<Instant> notBefore;
        private final List<Instant> notAfter;

        Validated(List<X509Certificate> path, ECPublicKeyParameters deviceKey, byte[] fwid, boolean hardware) {
            this.path = List.copyOf(path);
            this.deviceKey = deviceKey;
            this.fwid = fwid.clone();
            this.hardware = hardware;
            X509Certificate device = path.get(0);
            this.deviceSerial = serialHex(device.getSerialNumber());
            this.deviceName = commonName(device.getSubjectX500Principal());
            this.rootName = commonName(path.get(path.size() - 1).getSubjectX500Principal());
            this.arch = arch(deviceName);
            List<Instant> from = new ArrayList<>();
            List<Instant> to = new ArrayList<>();
            for (X509Certificate c : path) {
                from.add(c.getNotBefore().toInstant());
                to.add(c.getNotAfter().toInstant());
            }
            this.notBefore = List.copyOf(from);
            this.notAfter = List.copyOf(to);
        }

        byte[] fwid() {
            return fwid.clone();
        }

        boolean fwidEquals(byte[] other) {
            return java.security.MessageDigest.isEqual(fwid, other);
        }

        /**
         * Checks that every certificate of the path is valid at {@code at}.
         *
         * @throws AttestationVerificationException CERT_CHAIN_INVALID naming the certificate and its window
         */
        void checkAt(Instant at) throws AttestationVerificationException {
            for (int i = 0; i < path.size(); i++) {
                if (at.isBefore(notBefore.get(i)) || at.isAfter(notAfter.get(i))) {
                    throw Failures.chain("\"" + commonName(path.get(i).getSubjectX500Principal()) + "\" is valid from "
                            + notBefore.get(i) + " to " + notAfter.get(i) + ", not at the verification instant " + at);
                }
            }
        }
    }

    /**
     * Parses and validates a PEM chain.
     *
     * @param pem the attachment content
     * @param simulationRoots the configured simulation roots
     * @param maxCertificates the context's limit on chain length
     * @throws AttestationVerificationException EVIDENCE_MALFORMED for text that is not a clean list of PEM
     *     certificates; CERT_CHAIN_INVALID for every failed check above
     */
    static Validated validate(byte[] pem, List<SimulationRoot> simulationRoots, int maxCertificates,
            VerifiedLinks links) throws AttestationVerificationException {
        int limit = Math.min(MAX_CERTIFICATES, maxCertificates);
        List<X509Certificate> certs = parsePem(pem, limit);
        if (certs.size() < 2) {
            throw Failures.chain("the chain holds " + certs.size() + " certificate; it needs at least the device "
                    + "certificate and the root that issued it");
        }
        List<X509Certificate> path = new ArrayList<>(certs);
        X509Certificate last = path.get(path.size() - 1);
        byte[] lastDer = der(last);
        boolean hardware;
        if (DeviceRoot.matches(lastDer)) {
            hardware = true;
        } else if (simulationRoot(lastDer, simulationRoots) != null) {
            hardware = false;
        } else if (!isSelfIssued(last) && issuedBy(last, DeviceRoot.certificate(), links)) {
            path.add(DeviceRoot.certificate());
            hardware = true;
        } else {
            @Nullable X509Certificate simulated = null;
            for (SimulationRoot s : simulationRoots) {
                if (!isSelfIssued(last) && issuedBy(last, s.certificate(), links)) {
                    simulated = s.certificate();
                    break;
                }
            }
            if (simulated == null) {
                throw Failures.chain("the chain ends at \"" + commonName(last.getSubjectX500Principal())
                        + "\" (SHA-256 " + Digests.sha256Hex(lastDer) + "), which is neither the pinned "
                        + DeviceRoot.NAME + " (SHA-256 " + DeviceRoot.SHA256_HEX + ") nor one of the "
                        + simulationRoots.size() + " configured simulation roots, nor issued by one of them");
            }
            path.add(simulated);
            hardware = false;
        }
        if (path.size() > limit) {
            throw Failures.chain("the chain to the root has " + path.size() + " certificates; at most " + limit
                    + " are accepted");
        }
        if (!hardware && path.size() > MAX_SIMULATED) {
            throw Failures.chain("a chain to a simulation root has 2 to " + MAX_SIMULATED + " certificates, this one "
                    + path.size());
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            checkCritical(c, i);
            if (i + 1 < path.size()) {
                checkLink(c, path.get(i + 1), i, links);
            }
        }
        X509Certificate root = path.get(path.size() - 1);
        if (!hardware) {
            checkLink(root, root, path.size() - 1, links); // the pinned root was checked when it loaded
        }
        for (int i = 1; i < path.size(); i++) {
            checkIssuer(path.get(i), i - 1);
        }
        X509Certificate device = path.get(0);
        byte[] fwid = deviceFwid(device);
        checkDevice(device);
        ECPublicKeyParameters key = Ecdsa.p384(device.getPublicKey()).orElseThrow(() -> Failures.chain("the device "
                + "certificate \"" + commonName(device.getSubjectX500Principal()) + "\" does not hold a valid P-384 "
                + "key, so it cannot have signed the SPDM response"));
        return new Validated(path, key, fwid, hardware);
    }

    /**
     * Splits PEM text into certificates. Only white space and NUL bytes may surround the blocks; each block must be
     * clean base64 of exactly one DER certificate.
     */
    static List<X509Certificate> parsePem(byte[] pem, int limit) throws AttestationVerificationException {
        String text = new String(pem, StandardCharsets.ISO_8859_1);
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        int at = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, at);
            checkGap(text, at, begin < 0 ? text.length() : begin);
            if (begin < 0) {
                break;
            }
            if (out.size() == limit) {
                throw Failures.malformed("the certificate chain attachment holds more than " + limit
                        + " certificates");
            }
            int bodyStart = begin + BEGIN.length();
            int end = text.indexOf(END, bodyStart);
            if (end < 0) {
                throw Failures.malformed("PEM certificate " + out.size() + " at character " + begin
                        + " has no END line");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(strictBase64(text.substring(bodyStart, end), out.size()));
            } catch (IllegalArgumentException e) {
                throw Failures.malformed("PEM certificate " + out.size() + " at character " + begin
                        + " is not valid base64");
            }
            try {
                X509Certificate c = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
                if (c.getEncoded().length != der.length) {
                    throw Failures.malformed("PEM certificate " + out.size() + " at character " + begin
                            + " holds " + der.length + " bytes but its certificate only " + c.getEncoded().length);
                }
                out.add(c);
            } catch (CertificateException | RuntimeException e) {
                throw Failures.malformed("PEM certificate " + out.size() + " at character " + begin
                        + " is not a DER X.509 certificate", e);
            }
            at = end + END.length();
        }
        return out;
    }

    private static String strictBase64(String body, int index) throws AttestationVerificationException {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/' || c == '=' || c == '\r' || c == '\n' || c == ' ' || c == '\t';
            if (!ok) {
                throw Failures.malformed("PEM certificate " + index + " holds a character that is not base64");
            }
        }
        return body;
    }

    private static void checkGap(String text, int from, int to) throws AttestationVerificationException {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0) {
                throw Failures.malformed("the certificate chain attachment holds text outside its PEM "
                        + "certificates (at character " + i + ")");
            }
        }
    }

    private static byte[] deviceFwid(X509Certificate device) throws AttestationVerificationException {
        String name = commonName(device.getSubjectX500Principal());
        try {
            return DiceTcbInfo.fwid(device).orElseThrow(() -> Failures.chain("the first certificate \"" + name
                    + "\" has no FWID extension " + DiceTcbInfo.OID + " (TCG DICE TcbInfo): it is not a GPU device "
                    + "certificate (is the device certificate missing from the chain?)"));
        } catch (IllegalArgumentException e) {
            throw Failures.chain("the device certificate \"" + name + "\": " + e.getMessage());
        }
    }

    private static void checkDevice(X509Certificate device) throws AttestationVerificationException {
        String name = "the device certificate \"" + commonName(device.getSubjectX500Principal()) + "\"";
        if (device.getBasicConstraints() >= 0) {
            throw Failures.chain(name + " is a CA certificate");
        }
        boolean[] ku = device.getKeyUsage();
        if (ku != null && (ku.length <= KU_DIGITAL_SIGNATURE || !ku[KU_DIGITAL_SIGNATURE])) {
            throw Failures.chain(name + " may not sign (key usage lacks digitalSignature)");
        }
    }

    /** {@code issuer} sits {@code below} CA certificates above the device certificate. */
    private static void checkIssuer(X509Certificate issuer, int below) throws AttestationVerificationException {
        String name = "\"" + commonName(issuer.getSubjectX500Principal()) + "\"";
        int pathLength = issuer.getBasicConstraints();
        if (pathLength < 0) {
            throw Failures.chain(name + " issues a certificate of the chain but is not a CA (basic constraints)");
        }
        if (pathLength < below) {
            throw Failures.chain(name + " allows " + pathLength + " intermediate CA(s) below it, the chain has "
                    + below);
        }
        boolean[] ku = issuer.getKeyUsage();
        if (ku != null && (ku.length <= KU_KEY_CERT_SIGN || !ku[KU_KEY_CERT_SIGN])) {
            throw Failures.chain(name + " may not sign certificates (key usage lacks keyCertSign)");
        }
    }

    private static void checkCritical(X509Certificate c, int index) throws AttestationVerificationException {
        Set<String> critical = c.getCriticalExtensionOIDs();
        if (critical != null && !HANDLED_CRITICAL.containsAll(critical)) {
            List<String> unknown = new ArrayList<>(critical);
            unknown.removeAll(HANDLED_CRITICAL);
            throw Failures.chain("certificate " + index + " (\"" + commonName(c.getSubjectX500Principal())
                    + "\") has the unsupported critical extension(s) " + unknown);
        }
    }

    private static void checkLink(X509Certificate cert, X509Certificate issuer, int index, VerifiedLinks links)
            throws AttestationVerificationException {
        String name = "certificate " + index + " (\"" + commonName(cert.getSubjectX500Principal()) + "\")";
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw Failures.chain(name + " is issued by \"" + commonName(cert.getIssuerX500Principal())
                    + "\", but the next certificate of the chain is \""
                    + commonName(issuer.getSubjectX500Principal()) + "\"");
        }
        if (!ECDSA_SIGNATURES.contains(cert.getSigAlgOID())) {
            throw Failures.chain(name + " is signed with " + cert.getSigAlgName() + "; NVIDIA device chains use "
                    + "ECDSA with SHA-256, SHA-384 or SHA-512 by a P-256 or P-384 key");
        }
        if (!links.verifies(cert, issuer)) {
            throw Failures.chain("the signature of " + name + " does not verify with the key of \""
                    + commonName(issuer.getSubjectX500Principal()) + "\"");
        }
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate issuer, VerifiedLinks links) {
        return cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) && links.verifies(cert, issuer);
    }

    private static boolean isSelfIssued(X509Certificate c) {
        return c.getIssuerX500Principal().equals(c.getSubjectX500Principal());
    }

    private static @Nullable SimulationRoot simulationRoot(byte[] der, List<SimulationRoot> roots) {
        for (SimulationRoot s : roots) {
            if (java.security.MessageDigest.isEqual(der, s.der())) {
                return s;
            }
        }
        return null;
    }

    private static byte[] der(X509Certificate c) throws AttestationVerificationException {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw Failures.chain("a certificate of the chain cannot be re-encoded", e);
        }
    }

    /** The first CN of a name, or the whole RFC 2253 name when it has none (names are not secret). */
    static String commonName(X500Principal principal) {
        String rfc = principal.getName(X500Principal.RFC2253);
        for (String part : rfc.split("(?<!\\\\),")) {
            if (part.startsWith("CN=")) {
                return part.substring(3).replace("\\", "");
            }
        }
        return rfc;
    }

    /** The first word of the device certificate's common name when it is 1-16 letters and digits, else "unknown". */
    static String arch(String commonName) {
        int space = commonName.indexOf(' ');
        String word = space < 0 ? commonName : commonName.substring(0, space);
        return word.matches("[A-Za-z0-9]{1,16}") ? word : "unknown";
    }

    /** A serial number as lower-case hex of its DER content octets without a leading sign byte. */
    static String serialHex(BigInteger serial) {
        byte[] b = serial.toByteArray();
        int skip = b.length > 1 && b[0] == 0 ? 1 : 0;
        return HexText.encode(b, skip, b.length - skip);
    }
}
