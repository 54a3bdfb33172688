package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/**
 * Minimal, bounded DER reading of the Intel SGX PCK certificate extension (OID 1.2.840.113741.1.13.1), enough to
 * take out the FMSPC (sub-OID .4, a 6-byte OCTET STRING).
 */
final class PckExtensions {
    static final String SGX_EXTENSION_OID = "1.2.840.113741.1.13.1";
    /** DER content of OID 1.2.840.113741.1.13.1.4 (FMSPC). */
    private static final byte[] FMSPC_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf8, 0x4d, 0x01, 0x0d, 0x01,
        0x04};
    static final int FMSPC_LENGTH = 6;
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;

    private PckExtensions() {}

    /**
     * Returns the FMSPC from the PCK leaf certificate, or empty when the SGX extension or its FMSPC entry is absent.
     *
     * @throws AttestationVerificationException {@code CERT_CHAIN_INVALID} when the extension is not valid DER
     */
    static Optional<byte[]> fmspc(X509Certificate pck) throws AttestationVerificationException {
        byte[] ext = pck.getExtensionValue(SGX_EXTENSION_OID);
        if (ext == null) {
            return Optional.empty();
        }
        Tlv wrapper = Tlv.read(ext, 0, ext.length);
        if (wrapper.tag != OCTET_STRING || wrapper.end != ext.length) {
            throw malformed();
        }
        Tlv seq = Tlv.read(ext, wrapper.start, wrapper.end);
        if (seq.tag != SEQUENCE || seq.end != wrapper.end) {
            throw malformed();
        }
        int pos = seq.start;
        while (pos < seq.end) {
            Tlv entry = Tlv.read(ext, pos, seq.end);
            if (entry.tag != SEQUENCE) {
                throw malformed();
            }
            Tlv oid = Tlv.read(ext, entry.start, entry.end);
            if (oid.tag != OID) {
                throw malformed();
            }
            if (Arrays.equals(ext, oid.start, oid.end, FMSPC_OID, 0, FMSPC_OID.length)) {
                Tlv value = Tlv.read(ext, oid.end, entry.end);
                if (value.tag != OCTET_STRING || value.end - value.start != FMSPC_LENGTH || value.end != entry.end) {
                    throw malformed();
                }
                return Optional.of(Arrays.copyOfRange(ext, value.start, value.end));
            }
            pos = entry.end;
        }
        return Optional.empty();
    }

    private static AttestationVerificationException malformed() {
        return Failures.chain("the PCK certificate's SGX extension (" + SGX_EXTENSION_OID + ") is not valid DER");
    }

    /** One DER tag-length-value: {@code start..end} is the value. */
    private static final class Tlv {
        final int tag;
        final int start;
        final int end;

        private Tlv(int tag, int start, int end) {
            this.tag = tag;
            this.start = start;
            this.end = end;
        }

        static Tlv read(byte[] b, int pos, int limit) throws AttestationVerificationException {
            if (limit - pos < 2) {
                throw malformed();
            }
            int tag = b[pos] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw malformed();
            }
            int first = b[pos + 1] & 0xff;
            int p = pos + 2;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int n = first & 0x7f;
                if (n == 0 || n > 3 || limit - p < n) {
                    throw malformed();
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (b[p++] & 0xff);
                }
            }
            if (length > limit - p) {
                throw malformed();
            }
            return new Tlv(tag, p, p + (int) length);
        }
    }
}
