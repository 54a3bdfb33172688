package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import java.io.ByteArrayInputStream;
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

/**
 * Certificates and CRLs read from evidence attachments or collateral documents: each document is one DER
 * certificate, one DER CRL, or PEM text holding {@code CERTIFICATE} and {@code X509 CRL} blocks separated by white
 * space only. Base64 must be canonical and each block exactly one DER structure. Sizes are bounded by
 * {@link InputLimits#maxCertificateChainBytes()} per document and the number of certificates by
 * {@link InputLimits#maxCertificateChainLength()}.
 */
final class EndorsementDocuments {
    private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_CRLS = 8;

    /** One named document. */
    record Document(String name, byte[] content) {}

    final List<X509Certificate> certificates;
    final List<X509CRL> crls;

    private EndorsementDocuments(List<X509Certificate> certificates, List<X509CRL> crls) {
        this.certificates = List.copyOf(certificates);
        this.crls = List.copyOf(crls);
    }

    /**
     * Parses the documents.
     *
     * @throws AttestationVerificationException EVIDENCE_MALFORMED when a document exceeds the size limit;
     *     CERT_CHAIN_INVALID when a document is neither a certificate nor a CRL, or holds too many certificates
     */
    static EndorsementDocuments parse(List<Document> documents, InputLimits limits)
            throws AttestationVerificationException {
        return parse(documents, limits.maxCertificateChainBytes(), limits.maxCertificateChainLength());
    }

    /**
     * Parses the documents with explicit bounds.
     *
     * @throws AttestationVerificationException as {@link #parse(List, InputLimits)}
     */
    static EndorsementDocuments parse(List<Document> documents, int maxDocumentBytes, int maxCertificates)
            throws AttestationVerificationException {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        for (Document d : documents) {
            byte[] b = d.content();
            if (b.length > maxDocumentBytes) {
                throw Failures.malformed(d.name() + " has " + b.length + " bytes, over the limit of "
                        + maxDocumentBytes);
            }
            int start = skipSpace(b, 0);
            if (startsWith(b, start, BEGIN)) {
                parsePem(factory, d.name(), b, certs, crls);
            } else {
                parseDer(factory, d.name(), b, certs, crls);
            }
            if (certs.size() > maxCertificates) {
                throw Failures.chain("more than " + maxCertificates + " certificates attached");
            }
            if (crls.size() > MAX_CRLS) {
                throw Failures.chain("more than " + MAX_CRLS + " CRLs attached");
            }
        }
        return new EndorsementDocuments(certs, crls);
    }

    private static void parseDer(CertificateFactory factory, String name, byte[] der, List<X509Certificate> certs,
            List<X509CRL> crls) throws AttestationVerificationException {
        try {
            certs.add(certificate(factory, der));
            return;
        } catch (CertificateException | RuntimeException e) {
            // not a certificate: try a CRL
        }
        try {
            crls.add(crl(factory, der));
        } catch (CRLException | RuntimeException e) {
            throw Failures.chain(name + " is neither a DER or PEM X.509 certificate nor a CRL", e);
        }
    }

    private static void parsePem(CertificateFactory factory, String name, byte[] b, List<X509Certificate> certs,
            List<X509CRL> crls) throws AttestationVerificationException {
        int pos = skipSpace(b, 0);
        int block = 0;
        while (pos < b.length) {
            if (!startsWith(b, pos, BEGIN)) {
                throw Failures.chain(name + ": text at offset " + pos + " is not a PEM BEGIN line");
            }
            int labelStart = pos + BEGIN.length;
            int labelEnd = indexOf(b, labelStart, DASHES);
            if (labelEnd < 0 || labelEnd - labelStart > 32) {
                throw Failures.chain(name + ": PEM block " + block + " has no valid BEGIN line");
            }
            String label = new String(b, labelStart, labelEnd - labelStart, StandardCharsets.US_ASCII);
            pos = labelEnd + DASHES.length;
            StringBuilder base64 = new StringBuilder();
            while (true) {
                while (pos < b.length && (b[pos] == '\r' || b[pos] == '\n')) {
                    pos++;
                }
                if (pos >= b.length) {
                    throw Failures.chain(name + ": PEM block " + block + " has no END line");
                }
                if (startsWith(b, pos, END)) {
                    break;
                }
                byte c = b[pos++];
                if (!isBase64(c)) {
                    throw Failures.chain(name + ": PEM block " + block + " holds a non-Base64 byte");
                }
                base64.append((char) c);
            }
            byte[] endLine = ("-----END " + label + "-----").getBytes(StandardCharsets.US_ASCII);
            if (!startsWith(b, pos, endLine)) {
                throw Failures.chain(name + ": PEM block " + block + " ends with another label");
            }
            pos += endLine.length;
            byte[] der = decodeCanonical(name, block, base64.toString());
            try {
                if (label.equals("CERTIFICATE")) {
                    certs.add(certificate(factory, der));
                } else if (label.equals("X509 CRL")) {
                    crls.add(crl(factory, der));
                } else {
                    throw Failures.chain(name + ": PEM block " + block + " is a " + label
                            + ", not a CERTIFICATE or X509 CRL");
                }
            } catch (CertificateException | CRLException | RuntimeException e) {
                throw Failures.chain(name + ": PEM block " + block + " does not parse as a "
                        + label, e);
            }
            int next = skipSpace(b, pos);
            if (next == pos && pos < b.length) {
                throw Failures.chain(name + ": PEM block " + block + " is not followed by a line break");
            }
            pos = next;
            block++;
        }
    }

    private static byte[] decodeCanonical(String name, int block, String base64)
            throws AttestationVerificationException {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw Failures.chain(name + ": PEM block " + block + " is not valid Base64", e);
        }
        if (!Base64.getEncoder().encodeToString(der).equals(base64)) {
            throw Failures.chain(name + ": PEM block " + block + " is not canonical Base64");
        }
        return der;
    }

    private static X509Certificate certificate(CertificateFactory factory, byte[] der) throws CertificateException {
        X509Certificate cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        if (!MessageDigest.isEqual(cert.getEncoded(), der)) {
            throw new CertificateException("not exactly one DER certificate");
        }
        return cert;
    }

    private static X509CRL crl(CertificateFactory factory, byte[] der) throws CRLException {
        X509CRL crl = (X509CRL) factory.generateCRL(new ByteArrayInputStream(der));
        if (!MessageDigest.isEqual(crl.getEncoded(), der)) {
            throw new CRLException("not exactly one DER CRL");
        }
        return crl;
    }

    private static int skipSpace(byte[] b, int pos) {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r' || b[pos] == '\n')) {
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

    private static int indexOf(byte[] b, int from, byte[] needle) {
        for (int i = from; i + needle.length <= b.length && i - from <= 40; i++) {
            if (startsWith(b, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBase64(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/'
                || b == '=';
    }
}
