package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Minimal, bounded DER reading of the Intel SGX PCK certificate extension (OID 1.2.840.113741.1.13.1): the TCB
 * (sub-OID .2: SGX TCB components .2.1-.2.16, PCESVN .2.17, CPUSVN .2.18), PCEID (.3) and FMSPC (.4). Other entries
 * (PPID, SGX type, platform instance, configuration) are skipped.
 */
final class PckExtensions {
    static final String SGX_EXTENSION_OID = "1.2.840.113741.1.13.1";
    /** DER content of OID 1.2.840.113741.1.13.1 (the SGX extension arc). */
    private static final byte[] SGX_ARC = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf8, 0x4d, 0x01, 0x0d, 0x01};
    private static final int ARC_TCB = 2;
    private static final int ARC_PCEID = 3;
    private static final int ARC_FMSPC = 4;
    private static final int TCB_PCESVN = 17;
    private static final int TCB_CPUSVN = 18;
    static final int FMSPC_LENGTH = 6;
    static final int PCEID_LENGTH = 2;
    static final int COMPONENTS = 16;
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int INTEGER = 0x02;
    private static final int OID = 0x06;

    private PckExtensions() {}

    /**
     * The decoded SGX extension. Arrays are owned by this object.
     *
     * <p>{@code fmspc}, {@code pceId} and {@code sgxComponents} are null when the extension lacks them (simulated
     * PCK certificates carry only an FMSPC); {@code pceSvn} is -1 then.
     */
    static final class PckTcb {
        final byte @Nullable [] fmspc;
        final byte @Nullable [] pceId;
        final int @Nullable [] sgxComponents;
        final int pceSvn;

        PckTcb(byte @Nullable [] fmspc, byte @Nullable [] pceId, int @Nullable [] sgxComponents, int pceSvn) {
            this.fmspc = fmspc;
            this.pceId = pceId;
            this.sgxComponents = sgxComponents;
            this.pceSvn = pceSvn;
        }

        /** Whether the extension holds everything TCB evaluation needs. */
        boolean isComplete() {
            return fmspc != null && pceId != null && sgxComponents != null && pceSvn >= 0;
        }

        static final PckTcb EMPTY = new PckTcb(null, null, null, -1);
    }

    /**
     * Decodes the SGX extension of the PCK leaf certificate.
     *
     * @return the decoded values; {@link PckTcb#EMPTY} when the certificate has no SGX extension
     * @throws AttestationVerificationException {@code CERT_CHAIN_INVALID} when the extension is not valid DER or an
     *     entry has the wrong type or size
     */
    static PckTcb parse(X509Certificate pck) throws AttestationVerificationException {
        byte[] ext = pck.getExtensionValue(SGX_EXTENSION_OID);
        if (ext == null) {
            return PckTcb.EMPTY;
        }
        Tlv wrapper = Tlv.read(ext, 0, ext.length);
        if (wrapper.tag != OCTET_STRING || wrapper.end != ext.length) {
            throw malformed();
        }
        Tlv seq = Tlv.read(ext, wrapper.start, wrapper.end);
        if (seq.tag != SEQUENCE || seq.end != wrapper.end) {
            throw malformed();
        }
        byte[] fmspc = null;
        byte[] pceId = null;
        int[] components = null;
        int pceSvn = -1;
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
            Tlv value = Tlv.read(ext, oid.end, entry.end);
            if (value.end != entry.end) {
                throw malformed();
            }
            int arc = subArc(ext, oid);
            if (arc == ARC_FMSPC) {
                fmspc = octets(ext, value, FMSPC_LENGTH);
            } else if (arc == ARC_PCEID) {
                pceId = octets(ext, value, PCEID_LENGTH);
            } else if (arc == ARC_TCB) {
                if (value.tag != SEQUENCE) {
                    throw malformed();
                }
                components = new int[COMPONENTS];
                boolean[] seen = new boolean[TCB_CPUSVN + 1];
                int p = value.start;
                while (p < value.end) {
                    Tlv item = Tlv.read(ext, p, value.end);
                    if (item.tag != SEQUENCE) {
                        throw malformed();
                    }
                    Tlv itemOid = Tlv.read(ext, item.start, item.end);
                    Tlv itemValue = Tlv.read(ext, itemOid.end, item.end);
                    if (itemOid.tag != OID || itemValue.end != item.end) {
                        throw malformed();
                    }
                    int n = tcbArc(ext, itemOid);
                    if (n >= 1 && n <= TCB_CPUSVN) {
                        if (seen[n]) {
                            throw malformed();
                        }
                        seen[n] = true;
                    }
                    if (n >= 1 && n <= COMPONENTS) {
                        components[n - 1] = integer(ext, itemValue, 0xff);
                    } else if (n == TCB_PCESVN) {
                        pceSvn = integer(ext, itemValue, 0xffff);
                    }
                    p = item.end;
                }
                for (int n = 1; n <= TCB_PCESVN; n++) {
                    if (!seen[n]) {
                        throw Failures.chain("the PCK certificate's SGX TCB extension lacks entry ."
                                + ARC_TCB + "." + n);
                    }
                }
            }
            pos = entry.end;
        }
        return new PckTcb(fmspc, pceId, components, pceSvn);
    }

    /** The arc after 1.2.840.113741.1.13.1 when the OID is exactly one level below it, else -1. */
    private static int subArc(byte[] b, Tlv oid) {
        int len = oid.end - oid.start;
        if (len != SGX_ARC.length + 1 || !Arrays.equals(b, oid.start, oid.start + SGX_ARC.length, SGX_ARC, 0,
                SGX_ARC.length)) {
            return -1;
        }
        int arc = b[oid.end - 1] & 0xff;
        return arc < 0x80 ? arc : -1;
    }

    /** N for OID 1.2.840.113741.1.13.1.2.N, else -1. */
    private static int tcbArc(byte[] b, Tlv oid) {
        int len = oid.end - oid.start;
        if (len != SGX_ARC.length + 2 || !Arrays.equals(b, oid.start, oid.start + SGX_ARC.length, SGX_ARC, 0,
                SGX_ARC.length) || b[oid.start + SGX_ARC.length] != ARC_TCB) {
            return -1;
        }
        int arc = b[oid.end - 1] & 0xff;
        return arc < 0x80 ? arc : -1;
    }

    private static byte[] octets(byte[] b, Tlv value, int length) throws AttestationVerificationException {
        if (value.tag != OCTET_STRING || value.end - value.start != length) {
            throw malformed();
        }
        return Arrays.copyOfRange(b, value.start, value.end);
    }

    /** A non-negative DER INTEGER no larger than {@code max}. */
    private static int integer(byte[] b, Tlv value, int max) throws AttestationVerificationException {
        int len = value.end - value.start;
        if (value.tag != INTEGER || len < 1 || len > 3 || (b[value.start] & 0x80) != 0) {
            throw malformed();
        }
        if (len > 1 && b[value.start] == 0 && (b[value.start + 1] & 0x80) == 0) {
            throw malformed(); // not minimal DER
        }
        int v = 0;
        for (int i = value.start; i < value.end; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        if (v > max) {
            throw malformed();
        }
        return v;
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
