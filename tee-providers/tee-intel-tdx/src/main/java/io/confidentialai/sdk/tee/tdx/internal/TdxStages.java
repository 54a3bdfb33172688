package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * Benchmark seam: the stages of verifying one TDX quote with its collateral, each runnable on its own, for the
 * per-stage JMH breakdown ({@code samples/benchmarks}, {@code TdxStageBenchmark}). The provider module exports
 * nothing, so the benchmark, which runs on the class path, finds this class reflectively; the provider itself never
 * uses it.
 *
 * <p>Each stage is the code the verifier runs ({@link TdxQuoteVerifier}), on state prepared the way the verifier
 * prepares it, with the verifier's caches warm unless the stage name says {@code Cold} or {@code NewKey}. Nothing
 * here weakens verification: {@link #of} first verifies the quote in full and fails when it does not verify, and
 * the results are the provider's internal values or {@code TeeClaims}, never a verdict of the SDK.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change at any time.
 */
public final class TdxStages {
    private TdxStages() {}

    /**
     * Prepares the stages of verifying {@code quote} with the combined collateral JSON {@code collateralJson} at the
     * instant {@code at}, keyed by name in verification order:
     *
     * <table>
     *   <caption>stages</caption>
     *   <tr><td>{@code verify}</td><td>the whole verification, collateral attached, verifier warm</td></tr>
     *   <tr><td>{@code verifyWithoutCollateral}</td><td>the whole verification without collateral</td></tr>
     *   <tr><td>{@code verifyColdVerifier}</td><td>a new verifier's first verification (nothing cached)</td></tr>
     *   <tr><td>{@code parseQuote}</td><td>hex-text check and the bounded quote parse</td></tr>
     *   <tr><td>{@code parsePckChain}</td><td>the strict PEM and X.509 parse of the PCK chain</td></tr>
     *   <tr><td>{@code pckChainCached}, {@code pckChainCold}</td><td>PCK chain validation with the Intel CA links
     *       cached (only the leaf signature checked), and with every signature checked and no key seen before</td></tr>
     *   <tr><td>{@code qeReportSignature}, {@code qeReportSignatureNewKey}</td><td>the QE report signature with the
     *       PCK key's precomputation cached, and for a key never seen</td></tr>
     *   <tr><td>{@code qeBinding}</td><td>the QE report's binding of the attestation key (SHA-256)</td></tr>
     *   <tr><td>{@code quoteSignature}, {@code quoteSignatureNewKey}</td><td>building the attestation key from
     *       {@code x||y} and the quote signature, key cached or never seen</td></tr>
     *   <tr><td>{@code pckExtensions}</td><td>the PCK certificate's SGX extension</td></tr>
     *   <tr><td>{@code collateralLookup}</td><td>gathering the attached collateral (content hash, cached parse,
     *       selection)</td></tr>
     *   <tr><td>{@code collateralChecks}</td><td>collateral checks with signatures cached (issuer chains, windows,
     *       completeness, revocation) and the TCB evaluation</td></tr>
     *   <tr><td>{@code tcbEvaluation}</td><td>Intel's TCB evaluation alone</td></tr>
     *   <tr><td>{@code claims}</td><td>building the {@code TeeClaims}</td></tr>
     *   <tr><td>{@code collateralParseCold}</td><td>parsing the combined collateral JSON (not on the warm path)</td></tr>
     * </table>
     *
     * @param quote the quote bytes (copied)
     * @param collateralJson the combined collateral JSON (copied)
     * @param at the verification instant
     * @return the stages; each returns a non-null result and throws what the verifier would throw
     * @throws AttestationVerificationException when the quote does not verify with this collateral at {@code at}
     * @throws NullPointerException when an argument is null
     */
    public static Map<String, Callable<Object>> of(byte[] quote, byte[] collateralJson, Instant at)
            throws AttestationVerificationException {
        byte[] bytes = Objects.requireNonNull(quote, "quote").clone();
        byte[] json = Objects.requireNonNull(collateralJson, "collateralJson").clone();
        Objects.requireNonNull(at, "at");
        ProviderContext context = new Context(Clock.fixed(at, ZoneOffset.UTC));
        InputLimits limits = context.limits();
        int maxCerts = limits.maxCertificateChainLength();
        Evidence withCollateral = Evidence.builder().teeType(TeeType.INTEL_TDX).data(bytes)
                .attachment(TdxCollateral.COMBINED, json).build();
        Evidence withoutCollateral = Evidence.of(TeeType.INTEL_TDX, bytes);
        TdxQuoteVerifier verifier = new TdxQuoteVerifier(context);
        verifier.verify(withCollateral);

        TdxQuote parsed = TdxQuoteParser.parse(bytes, limits);
        List<X509Certificate> chain = PemChain.parse(parsed.pckChainPem, maxCerts);
        P256.Keys keys = new P256.Keys(TdxQuoteVerifier.CHAIN_CACHE_CAPACITY);
        PckChainValidator chains = new PckChainValidator(TdxQuoteVerifier.CHAIN_CACHE_CAPACITY, keys);
        boolean hardware = chains.validate(chain, at, List.of(), PckChainValidator.Purpose.PCK);
        PublicKey pckKey = chain.get(0).getPublicKey();
        PckExtensions.PckTcb pck = PckExtensions.parse(chain.get(0));
        @Nullable String fmspc = pck.fmspc == null ? null : HexText.encode(pck.fmspc);
        TdxCollateral collateral = new TdxCollateral(context, chains);
        TdxCollateral.QuoteFacts facts = new TdxCollateral.QuoteFacts(parsed, chain, hardware, pck);
        TdxCollateral.Pool pool = collateral.gather(withCollateral, facts);
        TcbEvaluator.Result tcb = collateral.evaluate(pool, facts, at)
                .orElseThrow(() -> new IllegalStateException("the collateral was not found in the evidence"));
        @Nullable TcbInfo tcbInfo = null;
        @Nullable QeIdentity qeIdentity = null;
        for (CollateralDocs.Signed d : CollateralDocs.parse(json, "collateral", maxCerts).signed()) {
            tcbInfo = d.tcbInfo != null ? d.tcbInfo : tcbInfo;
            qeIdentity = d.qeIdentity != null ? d.qeIdentity : qeIdentity;
        }
        if (tcbInfo == null || qeIdentity == null) {
            throw new IllegalStateException("the collateral holds no TCB info or no QE identity");
        }
        TcbInfo info = tcbInfo;
        QeIdentity qe = qeIdentity;

        Map<String, Callable<Object>> s = new LinkedHashMap<>();
        s.put("verify", () -> verifier.verify(withCollateral));
        s.put("verifyWithoutCollateral", () -> verifier.verify(withoutCollateral));
        s.put("verifyColdVerifier", () -> new TdxQuoteVerifier(context).verify(withCollateral));
        s.put("parseQuote", () -> TdxQuoteParser.parse(HexText.decodeIfHexText(bytes).orElse(bytes), limits));
        s.put("parsePckChain", () -> PemChain.parse(parsed.pckChainPem, maxCerts));
        s.put("pckChainCached", () -> chains.validate(chain, at, List.of(), PckChainValidator.Purpose.PCK));
        s.put("pckChainCold", () -> new PckChainValidator(TdxQuoteVerifier.CHAIN_CACHE_CAPACITY)
                .validate(chain, at, List.of(), PckChainValidator.Purpose.PCK));
        s.put("qeReportSignature", () -> P256.verify(keys, pckKey, parsed.qeReport, parsed.qeReportSignature));
        s.put("qeReportSignatureNewKey", () -> P256.verify(null, pckKey, parsed.qeReport,
                parsed.qeReportSignature));
        s.put("qeBinding", () -> {
            TdxQuoteVerifier.checkQeBinding(parsed);
            return Boolean.TRUE;
        });
        s.put("quoteSignature", () -> P256.verify(keys, P256.publicKey(parsed.attestationKey).orElseThrow(),
                parsed.signedRegion, parsed.quoteSignature));
        s.put("quoteSignatureNewKey", () -> P256.verify(null, P256.publicKey(parsed.attestationKey).orElseThrow(),
                parsed.signedRegion, parsed.quoteSignature));
        s.put("pckExtensions", () -> PckExtensions.parse(chain.get(0)));
        s.put("collateralLookup", () -> collateral.gather(withCollateral, facts));
        s.put("collateralChecks", () -> collateral.evaluate(pool, facts, at).orElseThrow());
        s.put("tcbEvaluation", () -> TcbEvaluator.evaluate(info, qe, parsed, pck,
                TcbEvaluator.QeReport.of(parsed.qeReport)));
        s.put("claims", () -> TdxQuoteVerifier.claims(parsed, hardware, pck, fmspc, tcb, null));
        s.put("collateralParseCold", () -> CollateralDocs.parse(json, "collateral", maxCerts));

        for (Map.Entry<String, Callable<Object>> e : s.entrySet()) {
            Object result;
            try {
                result = e.getValue().call();
            } catch (Exception ex) {
                throw new IllegalStateException("stage " + e.getKey() + " fails on a quote that verifies", ex);
            }
            if (Boolean.FALSE.equals(result)) {
                throw new IllegalStateException("stage " + e.getKey() + " rejects a quote that verifies");
            }
        }
        return Collections.unmodifiableMap(s);
    }

    /** A fixed clock, default limits, no collateral source and no simulation roots. */
    private record Context(Clock clock) implements ProviderContext {
        @Override
        public InputLimits limits() {
            return InputLimits.defaults();
        }

        @Override
        public CollateralSource collateral() {
            return CollateralSource.none();
        }

        @Override
        public List<X509Certificate> simulationRoots() {
            return List.of();
        }
    }
}
