package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.ConfidentialException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Turns the GPU attestation certificate chain that NVML returns ({@code attestationCertChain}) into PEM text, leaf
 * first, as GPU evidence carries it. Two encodings are accepted, whichever the driver uses: PEM text (what current
 * drivers return, and what NVIDIA's nvtrust verifier and go-nvtrust parse) and concatenated DER certificates. The
 * order is kept as NVML gives it (leaf first); each certificate must parse as X.509, but nothing is verified here:
 * the verifier does that.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class NvmlCertChains {
    static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    static final String END = "-----END CERTIFICATE-----";
    private static final int DER_SEQUENCE = 0x30;

    private NvmlCertChains() {}

    /**
     * Converts a chain to PEM text.
     *
     * @param chain the chain as NVML returns it, PEM text or concatenated DER; trailing NUL bytes and white space
     *     are ignored
     * @param maxCertificates the most certificates accepted
     * @return one {@code CERTIFICATE} block per certificate, in the given order, base64 lines of 64 characters and
     *     {@code \n} line ends
     * @throws ConfidentialException if the chain is empty, is neither PEM nor DER, is malformed, holds more than
     *     {@code maxCertificates} certificates, or holds something that is not an X.509 certificate
     */
    static String toPem(byte[] chain, int maxCertificates) {
        List<byte[]> certificates = split(chain, maxCertificates);
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new ConfidentialException("no X.509 certificate factory in this JDK", e);
        }
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        StringBuilder pem = new StringBuilder();
        for (int i = 0; i < certificates.size(); i++) {
            byte[] der = certificates.get(i);
            try {
                factory.generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException e) {
                throw new ConfidentialException("certificate " + i + " of the GPU attestation certificate chain "
                        + "does not parse as X.509", e);
            }
            pem.append(BEGIN).append('\n').append(base64.encodeToString(der)).append('\n').append(END).append('\n');
        }
        return pem.toString();
    }

    /** Splits a chain into its DER certificates, see {@link #toPem}. */
    static List<byte[]> split(byte[] chain, int maxCertificates) {
        int start = 0;
        while (start < chain.length && isWhiteSpace(chain[start])) {
            start++;
        }
        List<byte[]> certificates;
        if (start < chain.length && chain[start] == '-') {
            int end = chain.length;
            while (end > start && (chain[end - 1] == 0 || isWhiteSpace(chain[end - 1]))) {
                end--;
            }
            certificates = splitPem(new String(chain, start, end - start, StandardCharsets.ISO_8859_1), maxCertificates);
        } else {
            // no trimming here: a DER certificate may well end in a zero byte
            certificates = splitDer(chain, maxCertificates);
        }
        if (certificates.isEmpty()) {
            throw new ConfidentialException("the GPU attestation certificate chain from NVML is empty");
        }
        return List.copyOf(certificates);
    }

    private static List<byte[]> splitPem(String text, int max) {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (true) {
            while (pos < text.length() && isWhiteSpace(text.charAt(pos))) {
                pos++;
            }
            if (pos == text.length()) {
                return out;
            }
            if (!text.startsWith(BEGIN, pos)) {
                throw malformed("PEM: expected " + BEGIN + " at character " + pos);
            }
            int bodyStart = pos + BEGIN.length();
            int bodyEnd = text.indexOf(END, bodyStart);
            if (bodyEnd < 0) {
                throw malformed("PEM: a certificate block has no " + END);
            }
            if (out.size() == max) {
                throw tooMany(max);
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(stripWhiteSpace(text.substring(bodyStart, bodyEnd)));
            } catch (IllegalArgumentException e) {
                throw malformed("PEM: certificate " + out.size() + " is not valid base64");
            }
            if (derLength(der, 0) != der.length) {
                throw malformed("PEM: certificate " + out.size() + " is not one DER SEQUENCE");
            }
            out.add(der);
            pos = bodyEnd + END.length();
        }
    }

    private static List<byte[]> splitDer(byte[] der, int max) {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (pos < der.length && !onlyPadding(der, pos)) {
            if (out.size() == max) {
                throw tooMany(max);
            }
            int length = derLength(der, pos);
            if (length < 0) {
                throw malformed("DER: certificate " + out.size() + " at byte " + pos + " is not a complete DER SEQUENCE");
            }
            out.add(Arrays.copyOfRange(der, pos, pos + length));
            pos += length;
        }
        return out;
    }

    /** True when nothing but NUL bytes and white space follows {@code pos} (a DER certificate starts with 0x30). */
    private static boolean onlyPadding(byte[] b, int pos) {
        for (int i = pos; i < b.length; i++) {
            if (b[i] != 0 && !isWhiteSpace(b[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the total length (header and content) of the DER SEQUENCE starting at {@code pos}, or -1 if there is
     * no complete SEQUENCE with a definite length there.
     */
    static int derLength(byte[] b, int pos) {
        if (pos + 2 > b.length || (b[pos] & 0xff) != DER_SEQUENCE) {
            return -1;
        }
        int first = b[pos + 1] & 0xff;
        int header = 2;
        long content;
        if (first < 0x80) {
            content = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 3 || pos + 2 + octets > b.length) {
                return -1; // indefinite length, or longer than any chain NVML can hold
            }
            content = 0;
            for (int i = 0; i < octets; i++) {
                content = (content << 8) | (b[pos + 2 + i] & 0xff);
            }
            header += octets;
        }
        long total = header + content;
        return total <= b.length - pos ? (int) total : -1;
    }

    private static boolean isWhiteSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String stripWhiteSpace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isWhiteSpace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static ConfidentialException malformed(String detail) {
        return new ConfidentialException("the GPU attestation certificate chain from NVML is malformed (" + detail + ")");
    }

    private static ConfidentialException tooMany(int max) {
        return new ConfidentialException("the GPU attestation certificate chain from NVML holds more than " + max
                + " certificates (InputLimits.maxCertificateChainLength)");
    }
}
