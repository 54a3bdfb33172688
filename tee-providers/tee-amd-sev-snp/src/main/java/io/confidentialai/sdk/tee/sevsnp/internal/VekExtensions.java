package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The AMD extensions of a VCEK or VLEK certificate (AMD "Versioned Chip Endorsement Key (VCEK) Certificate and KDS
 * Interface Specification", OID arc 1.3.6.1.4.1.3704.1), read with a minimal, bounded DER reader.
 *
 * <pre>
 * .1      structVersion   INTEGER
 * .2      productName     IA5String, e.g. "Milan-B0", "Genoa", "Turin"
 * .3.1    blSPL           INTEGER 0..255   (DER: values of 128 and more take two bytes, 02 02 00 xx)
 * .3.2    teeSPL          INTEGER
 * .3.3    snpSPL          INTEGER
 * .3.8    ucodeSPL        INTEGER
 * .3.9    fmcSPL          INTEGER (Turin)
 * .4      hwID            64 raw bytes (older VCEKs), OCTET STRING of 64 bytes (newer), or 8 bytes (Turin)
 * .5      csp_id          IA5String (VLEK only: the cloud provider the VLEK was issued to)
 * </pre>
 */
final class VekExtensions {
    static final String ARC = "1.3.6.1.4.1.3704.1.";
    static final String PRODUCT_NAME = ARC + "2";
    static final String BL_SPL = ARC + "3.1";
    static final String TEE_SPL = ARC + "3.2";
    static final String SNP_SPL = ARC + "3.3";
    static final String UCODE_SPL = ARC + "3.8";
    static final String FMC_SPL = ARC + "3.9";
    static final String HW_ID = ARC + "4";
    static final String CSP_ID = ARC + "5";
    static final int CHIP_ID_LENGTH = 64;
    static final int TURIN_HW_ID_LENGTH = 8;
    private static final int MAX_STRING = 256;

    final int bootloader;
    final int tee;
    final int snp;
    final int microcode;
    /** -1 when the certificate has no fmcSPL extension. */
    final int fmc;
    final byte @Nullable [] hwId;
    final @Nullable String productName;
    final @Nullable String cspId;

    private VekExtensions(int bootloader, int tee, int snp, int microcode, int fmc, byte @Nullable [] hwId,
            @Nullable String productName, @Nullable String cspId) {
        this.bootloader = bootloader;
        this.tee = tee;
        this.snp = snp;
        this.microcode = microcode;
        this.fmc = fmc;
        this.hwId = hwId;
        this.productName = productName;
        this.cspId = cspId;
    }

    /**
     * Reads the extensions.
     *
     * @throws AttestationVerificationException CERT_CHAIN_INVALID when a TCB extension is missing or any of them is
     *     not the expected DER
     */
    static VekExtensions parse(X509Certificate cert) throws AttestationVerificationException {
        int bl = spl(cert, BL_SPL, "blSPL", true);
        int tee = spl(cert, TEE_SPL, "teeSPL", true);
        int snp = spl(cert, SNP_SPL, "snpSPL", true);
        int ucode = spl(cert, UCODE_SPL, "ucodeSPL", true);
        int fmc = spl(cert, FMC_SPL, "fmcSPL", false);
        byte[] hwId = null;
        byte[] hw = content(cert, HW_ID, "hwID");
        if (hw != null) {
            hwId = hwId(hw);
        }
        return new VekExtensions(bl, tee, snp, ucode, fmc, hwId, string(cert, PRODUCT_NAME, "productName"),
                string(cert, CSP_ID, "csp_id"));
    }

    /** The hwID: 64 or 8 raw bytes, or an OCTET STRING holding 64 or 8 bytes. */
    private static byte[] hwId(byte[] v) throws AttestationVerificationException {
        if (v.length == CHIP_ID_LENGTH || v.length == TURIN_HW_ID_LENGTH) {
            return v;
        }
        if (v.length == CHIP_ID_LENGTH + 2 || v.length == TURIN_HW_ID_LENGTH + 2) {
            if (v[0] == 0x04 && (v[1] & 0xff) == v.length - 2) {
                return Arrays.copyOfRange(v, 2, v.length);
            }
        }
        throw malformed("hwID", "is " + v.length + " bytes; expected 64 or 8 bytes, raw or as an OCTET STRING");
    }

    /** An SPL: DER INTEGER 0..255, minimally encoded; -1 when absent and not required. */
    private static int spl(X509Certificate cert, String oid, String name, boolean required)
            throws AttestationVerificationException {
        byte[] v = content(cert, oid, name);
        if (v == null) {
            if (required) {
                throw Failures.chain("the VCEK/VLEK lacks the " + name + " extension (" + oid + ")");
            }
            return -1;
        }
        if (v.length == 3 && v[0] == 0x02 && v[1] == 1 && v[2] >= 0) {
            return v[2];
        }
        if (v.length == 4 && v[0] == 0x02 && v[1] == 2 && v[2] == 0 && v[3] < 0) {
            return v[3] & 0xff;
        }
        throw malformed(name, "is not a minimally encoded DER INTEGER from 0 to 255");
    }

    private static @Nullable String string(X509Certificate cert, String oid, String name)
            throws AttestationVerificationException {
        byte[] v = content(cert, oid, name);
        if (v == null) {
            return null;
        }
        int tag = v.length > 0 ? v[0] & 0xff : -1;
        if (tag != 0x16 && tag != 0x0c && tag != 0x13) {
            throw malformed(name, "is not an IA5String, UTF8String or PrintableString");
        }
        byte[] body = tlvBody(v, name);
        if (body.length > MAX_STRING) {
            throw malformed(name, "is longer than " + MAX_STRING + " bytes");
        }
        for (byte b : body) {
            if (b < 0x20 || b > 0x7e) {
                throw malformed(name, "holds a non-printable or non-ASCII character");
            }
        }
        return new String(body, StandardCharsets.US_ASCII);
    }

    /** The extnValue content (inside the OCTET STRING wrapper the JDK returns), or null when absent. */
    private static byte @Nullable [] content(X509Certificate cert, String oid, String name)
            throws AttestationVerificationException {
        byte[] wrapped = cert.getExtensionValue(oid);
        if (wrapped == null) {
            return null;
        }
        if (wrapped.length < 2 || wrapped[0] != 0x04) {
            throw malformed(name, "is not wrapped in an OCTET STRING");
        }
        return tlvBody(wrapped, name);
    }

    /** The value of a single DER TLV that spans all of {@code tlv} (short or long definite length). */
    private static byte[] tlvBody(byte[] tlv, String name) throws AttestationVerificationException {
        if (tlv.length < 2) {
            throw malformed(name, "is truncated");
        }
        int first = tlv[1] & 0xff;
        int pos = 2;
        int length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x81 && tlv.length >= 3 && (tlv[2] & 0xff) >= 0x80) {
            length = tlv[2] & 0xff;
            pos = 3;
        } else if (first == 0x82 && tlv.length >= 4 && (tlv[2] & 0xff) != 0) {
            length = (tlv[2] & 0xff) << 8 | (tlv[3] & 0xff);
            pos = 4;
        } else {
            throw malformed(name, "has an unsupported or non-minimal DER length");
        }
        if (pos + length != tlv.length) {
            throw malformed(name, "length " + length + " does not match the " + (tlv.length - pos) + " bytes present");
        }
        return Arrays.copyOfRange(tlv, pos, tlv.length);
    }

    private static AttestationVerificationException malformed(String name, String problem) {
        return Failures.chain("the VCEK/VLEK " + name + " extension " + problem);
    }
}
