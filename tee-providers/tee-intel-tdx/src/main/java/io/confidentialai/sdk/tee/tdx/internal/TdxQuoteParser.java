package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import java.util.Arrays;

/**
 * Strict, bounded parser for Intel TDX DCAP quotes, versions 4 and 5 (ECDSA-P256 attestation key, certification data
 * type 6 wrapping a QE report and a type 5 PEM chain).
 *
 * <p>Every length field is checked against the bytes present, and the chain size against the limits, before any
 * allocation. Bytes after the declared end of the quote are tolerated (real quotes are padded), but the nested sizes
 * must agree with each other exactly.
 */
final class TdxQuoteParser {
    static final int TEE_TYPE_SGX = 0x00;
    static final int TEE_TYPE_TDX = 0x81;
    static final int ATT_KEY_ECDSA_P256 = 2;
    static final int BODY_TDX10 = 2;
    static final int BODY_TDX15 = 3;
    static final int BODY_TDX10_LENGTH = 584;
    static final int BODY_TDX15_LENGTH = 648;
    static final int CERT_DATA_PCK_CHAIN = 5;
    static final int CERT_DATA_QE_REPORT = 6;
    private static final int SIGNATURE_LENGTH = 64;
    private static final int KEY_LENGTH = 64;

    private TdxQuoteParser() {}

    static TdxQuote parse(byte[] quote, InputLimits limits) throws AttestationVerificationException {
        ByteCursor in = new ByteCursor(quote);
        if (quote.length < TdxQuote.HEADER_LENGTH) {
            throw Failures.malformed("quote of " + quote.length + " bytes is shorter than the "
                    + TdxQuote.HEADER_LENGTH + "-byte header");
        }
        int version = in.u16("header.version");
        int attKeyType = in.u16("header.att_key_type");
        long teeType = in.u32("header.tee_type");
        if (teeType != TEE_TYPE_TDX && teeType != TEE_TYPE_SGX) {
            throw Failures.malformed("not an Intel DCAP quote: unknown TEE type 0x" + Long.toHexString(teeType));
        }
        if (teeType == TEE_TYPE_SGX) {
            throw Failures.unsupported("SGX enclave quote (TEE type 0x00, version " + version
                    + "); expected a TDX quote (TEE type 0x81)");
        }
        if (version != 4 && version != 5) {
            throw Failures.unsupported("quote version " + version + " is not supported (expected 4 or 5)");
        }
        if (attKeyType != ATT_KEY_ECDSA_P256) {
            throw Failures.unsupported("attestation key type " + attKeyType
                    + " is not supported (expected 2, ECDSA-256-with-P-256)");
        }
        in.window(TdxQuote.HEADER_LENGTH - 8, "header");

        boolean tdx15 = false;
        int bodyLength = BODY_TDX10_LENGTH;
        if (version == 5) {
            int bodyType = in.u16("body descriptor type");
            long bodySize = in.u32("body descriptor size");
            if (bodyType == BODY_TDX10) {
                bodyLength = BODY_TDX10_LENGTH;
            } else if (bodyType == BODY_TDX15) {
                bodyLength = BODY_TDX15_LENGTH;
                tdx15 = true;
            } else {
                throw Failures.unsupported("v5 body type " + bodyType
                        + " is not supported (expected 2 = TDX 1.0 or 3 = TDX 1.5)");
            }
            if (bodySize != bodyLength) {
                throw Failures.malformed("v5 body type " + bodyType + " declares " + bodySize + " bytes; expected "
                        + bodyLength);
            }
        }
        byte[] body = in.bytes(bodyLength, "TD report body");
        byte[] signedRegion = Arrays.copyOf(quote, in.position());

        long sigDataLength = in.u32("signature data length");
        ByteCursor sig = in.window(sigDataLength, "signature data");
        byte[] quoteSignature = sig.bytes(SIGNATURE_LENGTH, "quote signature");
        byte[] attestationKey = sig.bytes(KEY_LENGTH, "attestation key");
        int certType = sig.u16("certification data type");
        long certSize = sig.u32("certification data size");
        if (certType != CERT_DATA_QE_REPORT) {
            throw Failures.unsupported("certification data type " + certType
                    + " is not supported (expected 6, QE report certification data)");
        }
        if (certSize != sig.remaining()) {
            throw Failures.malformed("certification data size is " + certSize + " but the signature data length "
                    + sigDataLength + " leaves " + sig.remaining() + " bytes for it");
        }
        ByteCursor cert = sig.window(certSize, "certification data");
        byte[] qeReport = cert.bytes(TdxQuote.QE_REPORT_LENGTH, "QE report");
        byte[] qeReportSignature = cert.bytes(SIGNATURE_LENGTH, "QE report signature");
        int authLength = cert.u16("QE authentication data length");
        byte[] qeAuthData = cert.bytes(authLength, "QE authentication data");
        int innerType = cert.u16("PCK certification data type");
        long innerSize = cert.u32("PCK certification data size");
        if (innerType != CERT_DATA_PCK_CHAIN) {
            throw Failures.unsupported("nested certification data type " + innerType
                    + " is not supported (expected 5, PCK certificate chain)");
        }
        if (innerSize != cert.remaining()) {
            throw Failures.malformed("PCK certificate chain size is " + innerSize + " but the certification data leaves "
                    + cert.remaining() + " bytes for it");
        }
        if (innerSize > limits.maxCertificateChainBytes()) {
            throw Failures.malformed("PCK certificate chain of " + innerSize + " bytes exceeds the limit of "
                    + limits.maxCertificateChainBytes());
        }
        byte[] pem = cert.bytes(innerSize, "PCK certificate chain");
        return new TdxQuote(version, signedRegion, body, tdx15, quoteSignature, attestationKey, qeReport,
                qeReportSignature, qeAuthData, pem);
    }
}
