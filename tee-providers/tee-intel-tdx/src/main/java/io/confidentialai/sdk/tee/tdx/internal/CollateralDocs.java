package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes and parses TDX collateral files by their content, whatever they are named:
 *
 * <ul>
 *   <li>Intel PCS TCB info response {@code {"tcbInfo":{...},"signature":"<hex r||s>"}} and QE identity response
 *       {@code {"enclaveIdentity":{...},"signature":"..."}}: the signed bytes are the exact bytes of the inner value;
 *   <li>the combined JSON form of dcap-qvl ({@code QuoteCollateralV3}: {@code tcb_info} and {@code qe_identity} as
 *       strings holding the signed JSON text, {@code tcb_info_signature} / {@code qe_identity_signature} as hex, PEM
 *       {@code *_issuer_chain}s, and {@code pck_crl} / {@code root_ca_crl} as hex DER or PEM);
 *   <li>CRLs as DER, PEM ({@code X509 CRL}) or hex text of DER;
 *   <li>certificate chains as PEM (possibly URL-encoded, as in PCS's issuer-chain headers) or one DER certificate.
 * </ul>
 *
 * <p>Anything else is not TDX collateral ({@link Parsed#isEmpty()}). A recognized document that does not parse is
 * {@code EVIDENCE_MALFORMED}, except that the inner JSON of a signed document is only parsed after its signature
 * (see {@link Signed#parseError}), so that a changed byte in signed content reports {@code SIGNATURE_INVALID}.
 * Parsed documents depend only on the bytes and are immutable, so they are cached by content hash.
 */
final class CollateralDocs {
    private static final byte[] PEM_CRL = "-----BEGIN X509 CRL-----".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEM_CERT = "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNATURE_LENGTH = 64;
    /** Member names that make a JSON document collateral, even when it is broken. */
    private static final String[] MARKERS = {"\"tcbInfo\"", "\"enclaveIdentity\"", "\"tcb_info\"",
        "\"qe_identity\"", "\"pck_crl\"", "\"root_ca_crl\""};

    private CollateralDocs() {}

    enum Kind {
        TCB_INFO("TCB info"),
        QE_IDENTITY("QE identity");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** A signed Intel JSON document (TCB info or QE identity). */
    static final class Signed {
        final Kind kind;
        final String source;
        /** The exact signed bytes. */
        final byte[] body;
        final byte[] signature;
        final ContentKey bodyKey;
        /** The issuer chain supplied with the document (leaf first), possibly empty. */
        final List<X509Certificate> issuerChain;
        final @Nullable TcbInfo tcbInfo;
        final @Nullable QeIdentity qeIdentity;
        /** Why the signed JSON does not parse; reported only after the signature has been checked. */
        final @Nullable String parseError;

        Signed(Kind kind, String source, byte[] body, byte[] signature, List<X509Certificate> issuerChain) {
            this.kind = kind;
            this.source = source;
            this.body = body;
            this.signature = signature;
            this.bodyKey = ContentKey.of(body);
            this.issuerChain = List.copyOf(issuerChain);
            TcbInfo t = null;
            QeIdentity q = null;
            String error = null;
            try {
                if (kind == Kind.TCB_INFO) {
                    t = TcbInfo.parse(body);
                } else {
                    q = QeIdentity.parse(body);
                }
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
            this.tcbInfo = t;
            this.qeIdentity = q;
            this.parseError = error;
        }
    }

    /** A CRL. */
    static final class Crl {
        final X509CRL crl;
        final String source;
        final ContentKey key;

        Crl(X509CRL crl, byte[] der, String source) {
            this.crl = crl;
            this.source = source;
            this.key = ContentKey.of(der);
        }
    }

    /** A certificate chain supplied on its own (leaf first), e.g. the TCB signing chain. */
    record Chain(List<X509Certificate> certificates, String source) {}

    /** Everything recognized in one file. */
    record Parsed(List<Signed> signed, List<Crl> crls, List<Chain> chains) {
        static final Parsed EMPTY = new Parsed(List.of(), List.of(), List.of());

        boolean isEmpty() {
            return signed.isEmpty() && crls.isEmpty() && chains.isEmpty();
        }
    }

    /**
     * Recognizes and parses one file.
     *
     * @param bytes the file content
     * @param source where it came from, for messages (e.g. {@code attachment tcb-info.json})
     * @param maxCertificates the most certificates in one chain
     * @return the documents; {@link Parsed#EMPTY} when the content is not TDX collateral
     * @throws AttestationVerificationException {@code EVIDENCE_MALFORMED} for a recognized but unparsable document,
     *     {@code CERT_CHAIN_INVALID} for an unparsable certificate chain
     */
    static Parsed parse(byte[] bytes, String source, int maxCertificates) throws AttestationVerificationException {
        int start = skipSpace(bytes, 0);
        if (start == bytes.length) {
            return Parsed.EMPTY;
        }
        byte first = bytes[start];
        if (first == '{') {
            return json(bytes, source, maxCertificates);
        }
        if (startsWith(bytes, start, PEM_CRL)) {
            return new Parsed(List.of(), pemCrls(bytes, source), List.of());
        }
        if (startsWith(bytes, start, PEM_CERT)) {
            return new Parsed(List.of(), List.of(), List.of(new Chain(pemChain(bytes, source, maxCertificates),
                    source)));
        }
        String text = ascii(bytes);
        if (text != null && (text.startsWith("%2D%2D%2D%2D%2DBEGIN", start) || text.startsWith("-----BEGIN%20", start))) {
            byte[] decoded = URLDecoder.decode(text.strip(), StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII);
            return new Parsed(List.of(), List.of(), List.of(new Chain(pemChain(decoded, source, maxCertificates),
                    source)));
        }
        if (first == 0x30) {
            X509CRL crl = derCrlOrNull(bytes);
            if (crl != null) {
                return new Parsed(List.of(), List.of(new Crl(crl, bytes, source)), List.of());
            }
            X509Certificate cert = derCertificateOrNull(bytes);
            if (cert != null) {
                return new Parsed(List.of(), List.of(), List.of(new Chain(List.of(cert), source)));
            }
            return Parsed.EMPTY;
        }
        if (text != null && isHex(text)) {
            byte[] der = IntelJson.decodeHex(text.replaceAll("\\s", ""), source);
            X509CRL crl = derCrlOrNull(der);
            return crl == null ? Parsed.EMPTY : new Parsed(List.of(), List.of(new Crl(crl, der, source)), List.of());
        }
        return Parsed.EMPTY;
    }

    private static Parsed json(byte[] bytes, String source, int maxCertificates)
            throws AttestationVerificationException {
        Map<String, RawJson.Span> members;
        try {
            members = RawJson.members(bytes);
        } catch (IllegalArgumentException e) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String marker : MARKERS) {
                if (text.contains(marker)) {
                    throw Failures.collateralMalformed(source + ": " + e.getMessage());
                }
            }
            return Parsed.EMPTY; // some other JSON document: not collateral
        }
        if (members.containsKey("tcbInfo") || members.containsKey("enclaveIdentity")) {
            Kind kind = members.containsKey("tcbInfo") ? Kind.TCB_INFO : Kind.QE_IDENTITY;
            String member = kind == Kind.TCB_INFO ? "tcbInfo" : "enclaveIdentity";
            RawJson.Span body = members.get(member);
            RawJson.Span sig = members.get("signature");
            if (sig == null) {
                throw Failures.collateralMalformed(source + ": the " + kind.label + " has no \"signature\"");
            }
            if (bytes[body.start()] != '{') {
                throw Failures.collateralMalformed(source + ": \"" + member + "\" is not an object");
            }
            String sigHex = sig.simpleString(bytes);
            if (sigHex == null) {
                throw Failures.collateralMalformed(source + ": \"signature\" is not a plain string");
            }
            return new Parsed(List.of(new Signed(kind, source, body.copy(bytes), signature(sigHex, source),
                    List.of())), List.of(), List.of());
        }
        if (members.containsKey("tcb_info") || members.containsKey("qe_identity") || members.containsKey("pck_crl")
                || members.containsKey("root_ca_crl")) {
            return combined(bytes, source, maxCertificates);
        }
        return Parsed.EMPTY;
    }

    /** The combined JSON collateral of dcap-qvl ({@code QuoteCollateralV3}). */
    private static Parsed combined(byte[] bytes, String source, int maxCertificates)
            throws AttestationVerificationException {
        Map<String, Object> o;
        try {
            o = IntelJson.object(bytes, source);
        } catch (IllegalArgumentException e) {
            throw Failures.collateralMalformed(e.getMessage(), e);
        }
        List<Signed> signed = new ArrayList<>();
        List<Crl> crls = new ArrayList<>();
        try {
            if (IntelJson.has(o, "tcb_info")) {
                signed.add(new Signed(Kind.TCB_INFO, source + " tcb_info",
                        IntelJson.string(o, "tcb_info").getBytes(StandardCharsets.UTF_8),
                        signature(IntelJson.string(o, "tcb_info_signature"), source),
                        optionalChain(o, "tcb_info_issuer_chain", source, maxCertificates)));
            }
            if (IntelJson.has(o, "qe_identity")) {
                signed.add(new Signed(Kind.QE_IDENTITY, source + " qe_identity",
                        IntelJson.string(o, "qe_identity").getBytes(StandardCharsets.UTF_8),
                        signature(IntelJson.string(o, "qe_identity_signature"), source),
                        optionalChain(o, "qe_identity_issuer_chain", source, maxCertificates)));
            }
            for (String name : new String[] {"pck_crl", "root_ca_crl"}) {
                if (IntelJson.has(o, name)) {
                    crls.add(textCrl(IntelJson.string(o, name), source + " " + name));
                }
            }
        } catch (IllegalArgumentException e) {
            throw Failures.collateralMalformed(source + ": " + e.getMessage(), e);
        }
        return new Parsed(List.copyOf(signed), List.copyOf(crls), List.of());
    }

    private static List<X509Certificate> optionalChain(Map<String, Object> o, String name, String source,
            int maxCertificates) throws AttestationVerificationException {
        if (!IntelJson.has(o, name)) {
            return List.of();
        }
        return pemChain(IntelJson.string(o, name).getBytes(StandardCharsets.UTF_8), source + " " + name,
                maxCertificates);
    }

    /** A CRL given as text: hex of DER, or PEM. */
    private static Crl textCrl(String text, String source) throws AttestationVerificationException {
        byte[] ascii = text.getBytes(StandardCharsets.UTF_8);
        if (startsWith(ascii, skipSpace(ascii, 0), PEM_CRL)) {
            List<Crl> crls = pemCrls(ascii, source);
            if (crls.size() != 1) {
                throw Failures.collateralMalformed(source + " holds " + crls.size() + " CRLs; expected one");
            }
            return crls.get(0);
        }
        byte[] der;
        try {
            der = IntelJson.decodeHex(text.strip(), source);
        } catch (IllegalArgumentException e) {
            throw Failures.collateralMalformed(source + " is neither hex DER nor PEM");
        }
        X509CRL crl = derCrlOrNull(der);
        if (crl == null) {
            throw Failures.collateralMalformed(source + " is not a DER X.509 CRL");
        }
        return new Crl(crl, der, source);
    }

    private static List<Crl> pemCrls(byte[] bytes, String source) throws AttestationVerificationException {
        String text = ascii(bytes);
        if (text == null) {
            throw Failures.collateralMalformed(source + ": PEM CRL text is not ASCII");
        }
        List<Crl> out = new ArrayList<>();
        String begin = "-----BEGIN X509 CRL-----";
        String end = "-----END X509 CRL-----";
        int from = 0;
        while (true) {
            int b = text.indexOf(begin, from);
            if (b < 0) {
                break;
            }
            int e = text.indexOf(end, b);
            if (e < 0) {
                throw Failures.collateralMalformed(source + ": PEM CRL without an END line");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
            } catch (IllegalArgumentException ex) {
                throw Failures.collateralMalformed(source + ": PEM CRL is not Base64");
            }
            X509CRL crl = derCrlOrNull(der);
            if (crl == null) {
                throw Failures.collateralMalformed(source + ": PEM CRL does not hold a DER X.509 CRL");
            }
            out.add(new Crl(crl, der, source));
            from = e + end.length();
        }
        if (out.isEmpty() || !text.substring(from).strip().replace("\0", "").isEmpty()) {
            throw Failures.collateralMalformed(source + ": unexpected text around the PEM CRL");
        }
        return out;
    }

    private static List<X509Certificate> pemChain(byte[] pem, String source, int maxCertificates)
            throws AttestationVerificationException {
        try {
            return PemChain.parse(pem, maxCertificates);
        } catch (AttestationVerificationException e) {
            throw Failures.collateralChain(source + ": " + e.getMessage(), e);
        }
    }

    private static byte[] signature(String hex, String source) throws AttestationVerificationException {
        if (hex.length() != 2 * SIGNATURE_LENGTH) {
            throw Failures.collateralMalformed(source + ": the signature must be " + 2 * SIGNATURE_LENGTH
                    + " hex digits (ECDSA P-256 r||s)");
        }
        try {
            return IntelJson.decodeHex(hex, source + " signature");
        } catch (IllegalArgumentException e) {
            throw Failures.collateralMalformed(e.getMessage());
        }
    }

    private static @Nullable X509CRL derCrlOrNull(byte[] der) {
        try {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
            return crl != null && MessageDigest.isEqual(crl.getEncoded(), der) ? crl : null;
        } catch (CRLException | CertificateException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable X509Certificate derCertificateOrNull(byte[] der) {
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return c != null && MessageDigest.isEqual(c.getEncoded(), der) ? c : null;
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable String ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return null;
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static boolean isHex(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) >= 0) {
                digits++;
            } else if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return digits > 0 && digits % 2 == 0;
    }

    private static int skipSpace(byte[] b, int pos) {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
            pos++;
        }
        return pos;
    }

    private static boolean startsWith(byte[] b, int pos, byte[] prefix) {
        if (b.length - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
