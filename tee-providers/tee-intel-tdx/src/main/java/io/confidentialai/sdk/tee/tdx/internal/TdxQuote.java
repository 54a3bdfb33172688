package io.confidentialai.sdk.tee.tdx.internal;

import org.jspecify.annotations.Nullable;

/**
 * A structurally valid TDX quote, split into its fields (nothing here is authenticated yet). Arrays are owned by
 * this object and never handed to callers outside the package.
 */
final class TdxQuote {
    static final int HEADER_LENGTH = 48;
    static final int QE_REPORT_LENGTH = 384;
    static final int QE_REPORT_DATA_OFFSET = 320;

    final int version;
    /** The bytes covered by the quote signature: header, the v5 body descriptor and the TD report body. */
    final byte[] signedRegion;
    final byte[] teeTcbSvn;
    final byte[] mrSeam;
    final byte[] mrSignerSeam;
    final byte[] seamAttributes;
    final byte[] tdAttributes;
    final byte[] xfam;
    final byte[] mrTd;
    final byte[] mrConfigId;
    final byte[] mrOwner;
    final byte[] mrOwnerConfig;
    final byte[][] rtmrs;
    final byte[] reportData;
    /** TEE_TCB_SVN2; null unless the body is a TDX 1.5 body. */
    final byte @Nullable [] teeTcbSvn2;
    /** MRSERVICETD; null unless the body is a TDX 1.5 body. */
    final byte @Nullable [] mrServiceTd;
    final byte[] quoteSignature;
    final byte[] attestationKey;
    final byte[] qeReport;
    final byte[] qeReportSignature;
    final byte[] qeAuthData;
    final byte[] pckChainPem;

    TdxQuote(int version, byte[] signedRegion, byte[] body, boolean tdx15, byte[] quoteSignature, byte[] attestationKey,
            byte[] qeReport, byte[] qeReportSignature, byte[] qeAuthData, byte[] pckChainPem) {
        this.version = version;
        this.signedRegion = signedRegion;
        this.teeTcbSvn = slice(body, 0, 16);
        this.mrSeam = slice(body, 16, 48);
        this.mrSignerSeam = slice(body, 64, 48);
        this.seamAttributes = slice(body, 112, 8);
        this.tdAttributes = slice(body, 120, 8);
        this.xfam = slice(body, 128, 8);
        this.mrTd = slice(body, 136, 48);
        this.mrConfigId = slice(body, 184, 48);
        this.mrOwner = slice(body, 232, 48);
        this.mrOwnerConfig = slice(body, 280, 48);
        this.rtmrs = new byte[][] {slice(body, 328, 48), slice(body, 376, 48), slice(body, 424, 48), slice(body, 472, 48)};
        this.reportData = slice(body, 520, 64);
        this.teeTcbSvn2 = tdx15 ? slice(body, 584, 16) : null;
        this.mrServiceTd = tdx15 ? slice(body, 600, 48) : null;
        this.quoteSignature = quoteSignature;
        this.attestationKey = attestationKey;
        this.qeReport = qeReport;
        this.qeReportSignature = qeReportSignature;
        this.qeAuthData = qeAuthData;
        this.pckChainPem = pckChainPem;
    }

    /** TDATTRIBUTES bit 0 (little-endian u64): the TD is debuggable. */
    boolean isDebug() {
        return (tdAttributes[0] & 1) != 0;
    }

    private static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }
}
