package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Strict parser for the PEM certificate chain in certification data type 5.
 *
 * <p>Only {@code CERTIFICATE} blocks, CR/LF between lines and NUL terminators at the very end are accepted. The
 * Base64 text must be canonical (re-encoding the decoded bytes gives the same text) and each certificate must be
 * exactly one DER structure, so that every change to the PEM bytes changes a certificate or fails to parse.
 */
final class PemChain {
    private static final byte[] BEGIN = "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII);

    private PemChain() {}

    /**
     * Parses the chain, leaf first.
     *
     * @throws AttestationVerificationException {@code CERT_CHAIN_INVALID} when the text or a certificate does not
     *     parse, or when there are more certificates than {@code maxCertificates}
     */
    static List<X509Certificate> parse(byte[] pem, int maxCertificates) throws AttestationVerificationException {
        int end = pem.length;
        while (end > 0 && pem[end - 1] == 0) {
            end--;
        }
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        int pos = skipNewlines(pem, 0, end);
        while (pos < end) {
            if (certs.size() == maxCertificates) {
                throw Failures.chain("more than " + maxCertificates + " certificates in the PCK chain");
            }
            if (!startsWith(pem, pos, end, BEGIN)) {
                throw Failures.chain("PEM text at offset " + pos + " of the chain is not a BEGIN CERTIFICATE line");
            }
            pos += BEGIN.length;
            StringBuilder base64 = new StringBuilder();
            while (true) {
                pos = skipNewlines(pem, pos, end);
                if (pos >= end) {
                    throw Failures.chain("PEM certificate " + certs.size() + " has no END CERTIFICATE line");
                }
                if (startsWith(pem, pos, end, END)) {
                    pos += END.length;
                    break;
                }
                byte b = pem[pos++];
                if (!isBase64(b)) {
                    throw Failures.chain("PEM certificate " + certs.size() + " holds a character that is not Base64");
                }
                base64.append((char) b);
            }
            certs.add(decode(factory, base64.toString(), certs.size()));
            int next = skipNewlines(pem, pos, end);
            if (next == pos && pos < end) {
                throw Failures.chain("PEM certificate " + (certs.size() - 1) + " is not followed by a line break");
            }
            pos = next;
        }
        if (certs.isEmpty()) {
            throw Failures.chain("the PCK certificate chain holds no certificate");
        }
        return certs;
    }

    private static X509Certificate decode(CertificateFactory factory, String base64, int index)
            throws AttestationVerificationException {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw Failures.chain("PEM certificate " + index + " is not valid Base64", e);
        }
        if (!Base64.getEncoder().encodeToString(der).equals(base64)) {
            throw Failures.chain("PEM certificate " + index + " is not canonical Base64");
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            if (!MessageDigest.isEqual(cert.getEncoded(), der)) {
                throw Failures.chain("PEM certificate " + index + " is not a single DER certificate");
            }
        } catch (CertificateException | RuntimeException e) {
            throw Failures.chain("PEM certificate " + index + " does not parse as an X.509 certificate", e);
        }
        return cert;
    }

    private static int skipNewlines(byte[] b, int pos, int end) {
        while (pos < end && (b[pos] == '\n' || b[pos] == '\r')) {
            pos++;
        }
        return pos;
    }

    private static boolean startsWith(byte[] b, int pos, int end, byte[] prefix) {
        if (end - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/'
                || b == '=';
    }
}
