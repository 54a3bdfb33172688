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
 * key, and the quote signature with the attestation key (SIGNATURE_INVALID); then the collateral and the TCB
 * evaluation ({@link TdxCollateral}, {@link TcbEvaluator}; without any collateral the TCB is NOT_EVALUATED); then,
 * when a CCEL event log is attached, its replay against RTMR0-3 ({@link CcelLog}; MEASUREMENT_MISMATCH).
 *
 * <p>The verifier keeps bounded caches of parsed collateral and verified CA certificate links, keyed by content
 * hash. Instances are thread-safe.
 */
final class TdxQuoteVerifier implements EvidenceVerifier {
    private static final Logger log = LoggerFactory.getLogger(TdxQuoteVerifier.class);
    static final String TCB_DETAIL = "no collateral: TCB not evaluated";
    static final MeasurementSlot MROWNER = MeasurementSlot.of(TeeType.INTEL_TDX, "mrowner");
    static final MeasurementSlot MROWNERCONFIG = MeasurementSlot.of(TeeType.INTEL_TDX, "mrownerconfig");
    private static final MeasurementSlot[] RTMR_SLOTS = {
        MeasurementSlot.RTMR0, MeasurementSlot.RTMR1, MeasurementSlot.RTMR2, MeasurementSlot.RTMR3};

    static final int CHAIN_CACHE_CAPACITY = 256;

    private final ProviderContext context;
    private final P256.Keys keys;
    private final PckChainValidator chains;
    private final TdxCollateral collateral;

    TdxQuoteVerifier(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.keys = new P256.Keys(CHAIN_CACHE_CAPACITY);
        this.chains = new PckChainValidator(CHAIN_CACHE_CAPACITY, keys);
        this.collateral = new TdxCollateral(context, chains);
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
        boolean hardware = chains.validate(chain, now, context.simulationRoots(), PckChainValidator.Purpose.PCK);
        X509Certificate pck = chain.get(0);

        if (!P256.verify(keys, pck.getPublicKey(), quote.qeReport, quote.qeReportSignature)) {
            throw Failures.signature("the QE report signature does not verify with the PCK certificate key");
        }
        checkQeBinding(quote);
        Optional<ECPublicKey> attestationKey = P256.publicKey(quote.attestationKey);
        if (attestationKey.isEmpty()) {
            throw Failures.signature("the attestation key is not a valid P-256 point");
        }
        if (!P256.verify(keys, attestationKey.get(), quote.signedRegion, quote.quoteSignature)) {
            throw Failures.signature("the quote signature over header and TD report does not verify with the "
                    + "attestation key");
        }
        PckExtensions.PckTcb pckTcb = PckExtensions.parse(pck);
        String fmspc = pckTcb.fmspc == null ? null : HexText.encode(pckTcb.fmspc);

        TdxCollateral.QuoteFacts facts = new TdxCollateral.QuoteFacts(quote, chain, hardware, pckTcb);
        TdxCollateral.Pool pool = collateral.gather(evidence, facts);
        TcbEvaluator.Result tcb = collateral.evaluate(pool, facts, now).orElse(null);
        CcelLog eventLog = pool.eventLog == null ? null : replay(pool.eventLog, quote);

        TeeClaims claims = claims(quote, hardware, pckTcb, fmspc, tcb, eventLog);
        if (log.isDebugEnabled()) {
            log.debug("TDX quote verified: version={} hardware={} debug={} mrtd={} fmspc={} tcb={}", quote.version,
                    hardware, quote.isDebug(), HexText.encode(quote.mrTd), fmspc,
                    tcb == null ? "NotEvaluated" : tcb.intelStatus());
        }
        return claims;
    }

    /**
     * Checks that the (already signature-checked) QE report binds the attestation key: its report data must be
     * SHA-256(attestation key || QE authentication data) followed by 32 zero bytes.
     *
     * @throws AttestationVerificationException {@code SIGNATURE_INVALID} when it does not
     */
    static void checkQeBinding(TdxQuote quote) throws AttestationVerificationException {
        byte[] expectedBinding = sha256(quote.attestationKey, quote.qeAuthData);
        byte[] qeReportData = Arrays.copyOfRange(quote.qeReport, TdxQuote.QE_REPORT_DATA_OFFSET,
                TdxQuote.QE_REPORT_LENGTH);
        if (!MessageDigest.isEqual(Arrays.copyOf(qeReportData, 32), expectedBinding)
                || !isZero(Arrays.copyOfRange(qeReportData, 32, 64))) {
            throw Failures.signature("QE report does not bind the attestation key: report data must be SHA-256("
                    + "attestation key || QE auth data) followed by 32 zero bytes");
        }
    }

    /** Replays the CCEL event log and requires RTMR0-2 (and RTMR3 when the log extends it) to match the quote. */
    private static CcelLog replay(byte[] data, TdxQuote quote) throws AttestationVerificationException {
        CcelLog log = CcelLog.replay(data);
        for (int i = 0; i < 4; i++) {
            if (i == 3 && !log.extended[3]) {
                continue;
            }
            if (!MessageDigest.isEqual(log.rtmrs[i], quote.rtmrs[i])) {
                throw Failures.eventLogMismatch("RTMR" + i + " replayed from " + log.events.size()
                        + " events is " + HexText.encode(log.rtmrs[i]) + " but the quote holds "
                        + HexText.encode(quote.rtmrs[i]));
            }
        }
        return log;
    }

    /** Builds the claims; {@code fmspc} is null when the PCK certificate carries no FMSPC, {@code tcb} when no
     *  collateral was found, {@code eventLog} when none was attached. */
    static TeeClaims claims(TdxQuote q, boolean hardware, PckExtensions.PckTcb pck, @Nullable String fmspc,
            TcbEvaluator.@Nullable Result tcb, @Nullable CcelLog eventLog) {
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
                .addMeasurement(Measurement.of(MROWNERCONFIG, q.mrOwnerConfig));
        if (tcb == null) {
            b.tcbStatus(TcbStatus.NOT_EVALUATED, TCB_DETAIL);
        } else {
            b.tcbStatus(tcb.status(), tcb.detail());
            if (tcb.outOfDateSince() != null) {
                b.outOfDateSince(tcb.outOfDateSince());
            }
            tcb.advisoryIds().forEach(b::addAdvisoryId);
        }
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
        if (pck.pceId != null) {
            b.detail("pceId", HexText.encode(pck.pceId));
        }
        if (pck.sgxComponents != null) {
            byte[] components = new byte[pck.sgxComponents.length];
            for (int i = 0; i < components.length; i++) {
                components[i] = (byte) pck.sgxComponents[i];
            }
            b.detail("sgxTcbComponents", HexText.encode(components)).detail("pceSvn", (long) pck.pceSvn);
        }
        TcbEvaluator.QeReport qe = TcbEvaluator.QeReport.of(q.qeReport);
        b.detail("qeMrEnclave", HexText.encode(qe.mrEnclave()))
                .detail("qeMrSigner", HexText.encode(qe.mrSigner()))
                .detail("qeIsvProdId", (long) qe.isvProdId())
                .detail("qeIsvSvn", (long) qe.isvSvn());
        if (tcb == null) {
            b.detail("tcbStatus", "NotEvaluated").detail("advisoryIds", List.of());
        } else {
            b.detail("tcbStatus", tcb.intelStatus())
                    .detail("advisoryIds", tcb.advisoryIds())
                    .detail("tcbDate", tcb.tcbDate().toString())
                    .detail("tcbEvaluationDataNumber", tcb.tcbEvaluationDataNumber())
                    .detail("qeTcbStatus", tcb.qeStatus());
            if (tcb.moduleId() != null) {
                b.detail("tdxModuleId", tcb.moduleId()).detail("tdxModuleTcbStatus", tcb.moduleStatus());
            }
            if (tcb.outOfDateSince() != null) {
                b.detail("outOfDateSince", tcb.outOfDateSince().toString());
            }
        }
        if (eventLog != null) {
            List<String> events = new java.util.ArrayList<>(eventLog.events.size());
            for (CcelLog.Event e : eventLog.events) {
                events.add(e.describe());
            }
            b.detail("ccelEvents", events)
                    .detail("ccelReplay", eventLog.extended[3] ? "rtmr0-3 match" : "rtmr0-2 match");
        }
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
