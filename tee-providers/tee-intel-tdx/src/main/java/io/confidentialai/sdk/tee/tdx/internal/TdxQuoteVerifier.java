package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Intel TDX DCAP quotes (v4, v5) and normalizes them into {@link TeeClaims}.
 *
 * <p>Order of checks: structure (EVIDENCE_MALFORMED / UNSUPPORTED_EVIDENCE_FORMAT), then the PCK certificate chain
 * (CERT_CHAIN_INVALID), then the QE report signature with the PCK key, the QE report's binding of the attestation
 * key, and the quote signature with the attestation key (SIGNATURE_INVALID). TCB status is not evaluated (no
 * collateral is consulted yet). Instances are immutable and thread-safe.
 */
final class TdxQuoteVerifier implements EvidenceVerifier {
    private static final Logger log = LoggerFactory.getLogger(TdxQuoteVerifier.class);
    static final String TCB_DETAIL = "no collateral: TCB not evaluated";
    static final MeasurementSlot MROWNER = MeasurementSlot.of(TeeType.INTEL_TDX, "mrowner");
    static final MeasurementSlot MROWNERCONFIG = MeasurementSlot.of(TeeType.INTEL_TDX, "mrownerconfig");
    private static final MeasurementSlot[] RTMR_SLOTS = {
        MeasurementSlot.RTMR0, MeasurementSlot.RTMR1, MeasurementSlot.RTMR2, MeasurementSlot.RTMR3};

    private final ProviderContext context;

    TdxQuoteVerifier(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public TeeClaims verify(Evidence evidence) throws AttestationVerificationException {
        Objects.requireNonNull(evidence, "evidence");
        try {
            return verifyQuote(evidence);
        } catch (AttestationVerificationException e) {
            log.debug("TDX quote rejected: code={}", e.reason());
            throw e;
        }
    }

    private TeeClaims verifyQuote(Evidence evidence) throws AttestationVerificationException {
        if (!TeeType.INTEL_TDX.equals(evidence.teeType())) {
            throw Failures.unsupported("evidence is labelled " + evidence.teeType() + ", expected " + TeeType.INTEL_TDX);
        }
        InputLimits limits = context.limits();
        if (evidence.dataLength() > limits.maxEvidenceBytes()) {
            throw Failures.malformed("evidence of " + evidence.dataLength() + " bytes exceeds the limit of "
                    + limits.maxEvidenceBytes());
        }
        byte[] bytes = evidence.data();
        try {
            bytes = HexText.decodeIfHexText(bytes).orElse(bytes);
        } catch (IllegalArgumentException e) {
            throw Failures.malformed("hex text: " + e.getMessage());
        }
        TdxQuote quote = TdxQuoteParser.parse(bytes, limits);

        Instant now = context.clock().instant();
        List<X509Certificate> chain = PemChain.parse(quote.pckChainPem, limits.maxCertificateChainLength());
        boolean hardware = PckChainValidator.validate(chain, now, context.simulationRoots());
        X509Certificate pck = chain.get(0);

        if (!P256.verify(pck.getPublicKey(), quote.qeReport, quote.qeReportSignature)) {
            throw Failures.signature("the QE report signature does not verify with the PCK certificate key");
        }
        byte[] expectedBinding = sha256(quote.attestationKey, quote.qeAuthData);
        byte[] qeReportData = Arrays.copyOfRange(quote.qeReport, TdxQuote.QE_REPORT_DATA_OFFSET,
                TdxQuote.QE_REPORT_LENGTH);
        if (!MessageDigest.isEqual(Arrays.copyOf(qeReportData, 32), expectedBinding)
                || !isZero(Arrays.copyOfRange(qeReportData, 32, 64))) {
            throw Failures.signature("QE report does not bind the attestation key: report data must be SHA-256("
                    + "attestation key || QE auth data) followed by 32 zero bytes");
        }
        Optional<ECPublicKey> attestationKey = P256.publicKey(quote.attestationKey);
        if (attestationKey.isEmpty()) {
            throw Failures.signature("the attestation key is not a valid P-256 point");
        }
        if (!P256.verify(attestationKey.get(), quote.signedRegion, quote.quoteSignature)) {
            throw Failures.signature("the quote signature over header and TD report does not verify with the "
                    + "attestation key");
        }
        String fmspc = PckExtensions.fmspc(pck).map(HexText::encode).orElse(null);

        TeeClaims claims = claims(quote, hardware, fmspc);
        log.debug("TDX quote verified: version={} hardware={} debug={} mrtd={} fmspc={}", quote.version, hardware,
                quote.isDebug(), HexText.encode(quote.mrTd), fmspc);
        return claims;
    }

    /** Builds the claims; {@code fmspc} is null when the PCK certificate carries no FMSPC. */
    private static TeeClaims claims(TdxQuote q, boolean hardware, @Nullable String fmspc) {
        TeeClaims.Builder b = TeeClaims.builder()
                .teeType(TeeType.INTEL_TDX)
                .hardware(hardware)
                .debug(q.isDebug())
                .reportData(ReportData.of(q.reportData))
                .addMeasurement(Measurement.of(MeasurementSlot.MRTD, q.mrTd));
        for (int i = 0; i < RTMR_SLOTS.length; i++) {
            b.addMeasurement(Measurement.of(RTMR_SLOTS[i], q.rtmrs[i]));
        }
        b.addMeasurement(Measurement.of(MeasurementSlot.MRSEAM, q.mrSeam))
                .addMeasurement(Measurement.of(MeasurementSlot.MRCONFIGID, q.mrConfigId))
                .addMeasurement(Measurement.of(MROWNER, q.mrOwner))
                .addMeasurement(Measurement.of(MROWNERCONFIG, q.mrOwnerConfig))
                .tcbStatus(TcbStatus.NOT_EVALUATED, TCB_DETAIL);
        if (fmspc != null) {
            b.platformId(fmspc);
        }

        b.detail("quoteVersion", (long) q.version)
                .detail("teeTcbSvn", HexText.encode(q.teeTcbSvn));
        if (q.teeTcbSvn2 != null) {
            b.detail("teeTcbSvn2", HexText.encode(q.teeTcbSvn2));
        }
        b.detail("mrSeam", HexText.encode(q.mrSeam))
                .detail("mrSignerSeam", HexText.encode(q.mrSignerSeam))
                .detail("seamAttributes", HexText.encode(q.seamAttributes))
                .detail("tdAttributes", HexText.encode(q.tdAttributes))
                .detail("debug", q.isDebug())
                .detail("xfam", HexText.encode(q.xfam))
                .detail("mrTd", HexText.encode(q.mrTd))
                .detail("mrConfigId", HexText.encode(q.mrConfigId))
                .detail("mrOwner", HexText.encode(q.mrOwner))
                .detail("mrOwnerConfig", HexText.encode(q.mrOwnerConfig));
        for (int i = 0; i < q.rtmrs.length; i++) {
            b.detail("rtmr" + i, HexText.encode(q.rtmrs[i]));
        }
        b.detail("reportData", HexText.encode(q.reportData));
        if (q.mrServiceTd != null) {
            b.detail("mrServiceTd", HexText.encode(q.mrServiceTd));
        }
        if (fmspc != null) {
            b.detail("fmspc", fmspc);
        }
        b.detail("tcbStatus", "NotEvaluated");
        return b.build();
    }

    private static byte[] sha256(byte[] a, byte[] b) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(a);
            md.update(b);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static boolean isZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }
}
