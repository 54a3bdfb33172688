package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-stage cost of verifying the real dcap-qvl TDX quote with its combined collateral at 2025-06-19T11:00:00Z, in
 * microseconds per operation on one thread. Not run by the build; run it with the commands in
 * docs/providers/intel-tdx.md ("Performance"). {@code samples/benchmarks}' {@code TdxVerifyBenchmark} measures the
 * whole verification through the SPI and the client API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class TdxStageBenchmark {
    static final Instant AT = Instant.parse("2025-06-19T11:00:00Z");

    byte[] quoteBytes;
    byte[] collateralJson;
    ProviderContext context;
    EvidenceVerifier verifier;
    Evidence withCollateral;
    Evidence withoutCollateral;
    TdxQuote quote;
    List<X509Certificate> chain;
    PckChainValidator warmChains;
    ECPublicKey pckKey;
    PckExtensions.PckTcb pck;
    TdxCollateral collateral;
    TdxCollateral.QuoteFacts facts;
    TcbInfo tcbInfo;
    QeIdentity qeIdentity;
    P256.Keys keys;

    @Setup
    public void setUp() throws Exception {
        quoteBytes = Vectors.read(TdxCollateralTest.DCAP_QUOTE);
        collateralJson = Vectors.read(TdxCollateralTest.DCAP_COLLATERAL);
        context = Vectors.context(AT, CollateralSource.none());
        verifier = new IntelTdxProvider().newVerifier(context).orElseThrow();
        withCollateral = Evidence.builder().teeType(TeeType.INTEL_TDX).data(quoteBytes)
                .attachment("collateral.json", collateralJson).build();
        withoutCollateral = Evidence.of(TeeType.INTEL_TDX, quoteBytes);
        quote = TdxQuoteParser.parse(quoteBytes, InputLimits.defaults());
        chain = PemChain.parse(quote.pckChainPem, 8);
        warmChains = new PckChainValidator(256);
        warmChains.validate(chain, AT, List.of(), PckChainValidator.Purpose.PCK);
        pckKey = (ECPublicKey) chain.get(0).getPublicKey();
        keys = new P256.Keys(16);
        pck = PckExtensions.parse(chain.get(0));
        collateral = new TdxCollateral(Vectors.context(AT, Vectors.memory(Map.of("collateral.json", collateralJson))),
                warmChains);
        facts = new TdxCollateral.QuoteFacts(quote, chain, true, pck);
        CollateralDocs.Parsed parsed = CollateralDocs.parse(collateralJson, "bench", 8);
        tcbInfo = parsed.signed().get(0).tcbInfo;
        qeIdentity = parsed.signed().get(1).qeIdentity;
        if (verify().tcbStatus() != io.confidentialai.sdk.attestation.TcbStatus.UP_TO_DATE) {
            throw new IllegalStateException("the benchmark quote does not verify as UpToDate");
        }
    }

    /** The whole verification with the collateral attached (parsed collateral and CA links cached). */
    @Benchmark
    public TeeClaims verify() throws AttestationVerificationException {
        return verifier.verify(withCollateral);
    }

    /**
     * The first verification of a new verifier: nothing cached (collateral parsing, every certificate, collateral and
     * CRL signature, every key's precomputation). This is what a verifier without caches pays for every quote.
     */
    @Benchmark
    public TeeClaims verifyColdVerifier() throws AttestationVerificationException {
        return new IntelTdxProvider().newVerifier(context).orElseThrow().verify(withCollateral);
    }

    /** The whole verification without collateral (TCB not evaluated). */
    @Benchmark
    public TeeClaims verifyWithoutCollateral() throws AttestationVerificationException {
        return verifier.verify(withoutCollateral);
    }

    /** Quote structure: bounded parse of header, body and signature data. */
    @Benchmark
    public TdxQuote parseQuote() throws AttestationVerificationException {
        return TdxQuoteParser.parse(quoteBytes, InputLimits.defaults());
    }

    /** PEM chain: strict PEM/Base64 and X.509 parsing of the three certificates. */
    @Benchmark
    public List<X509Certificate> parsePckChain() throws AttestationVerificationException {
        return PemChain.parse(quote.pckChainPem, 8);
    }

    /** PCK chain validation with the Intel CA links cached: validity, names, extensions, the PCK leaf signature. */
    @Benchmark
    public boolean pckChainWarm() throws AttestationVerificationException {
        return warmChains.validate(chain, AT, List.of(), PckChainValidator.Purpose.PCK);
    }

    /** PCK chain validation with every signature checked (root, PCK CA, leaf) and no key seen before. */
    @Benchmark
    public boolean pckChainCold() throws AttestationVerificationException {
        return new PckChainValidator(4).validate(chain, AT, List.of(), PckChainValidator.Purpose.PCK);
    }

    /** The QE report signature (ECDSA P-256 with the PCK key), the key seen before (its table cached). */
    @Benchmark
    public boolean qeReportSignature() {
        return P256.verify(keys, pckKey, quote.qeReport, quote.qeReportSignature);
    }

    /** The QE report signature with a PCK key never seen before (a new platform). */
    @Benchmark
    public boolean qeReportSignatureNewKey() {
        return P256.verify(null, pckKey, quote.qeReport, quote.qeReportSignature);
    }

    /** The quote signature, including building the attestation key from x||y; the key seen before. */
    @Benchmark
    public boolean quoteSignature() {
        return P256.verify(keys, P256.publicKey(quote.attestationKey).orElseThrow(), quote.signedRegion,
                quote.quoteSignature);
    }

    /** The quote signature with an attestation key never seen before (a new QE instance). */
    @Benchmark
    public boolean quoteSignatureNewKey() {
        return P256.verify(null, P256.publicKey(quote.attestationKey).orElseThrow(), quote.signedRegion,
                quote.quoteSignature);
    }

    /** ECDSA P-256 through the JDK's SunEC provider, for comparison with {@link #qeReportSignatureNewKey}. */
    @Benchmark
    public boolean qeReportSignatureSunEc() throws java.security.GeneralSecurityException {
        java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
        sig.initVerify(pckKey);
        sig.update(quote.qeReport);
        return sig.verify(P256.derSignature(new java.math.BigInteger(1, java.util.Arrays.copyOf(
                quote.qeReportSignature, 32)), new java.math.BigInteger(1, java.util.Arrays.copyOfRange(
                quote.qeReportSignature, 32, 64))));
    }

    /** The PCK certificate's SGX extension (FMSPC, PCEID, TCB components). */
    @Benchmark
    public PckExtensions.PckTcb pckExtensions() throws AttestationVerificationException {
        return PckExtensions.parse(chain.get(0));
    }

    /** Collateral lookup and checks with everything cached: hashing, windows, CRL look-ups, TCB evaluation. */
    @Benchmark
    public Object collateralWarm() throws AttestationVerificationException {
        TdxCollateral.Pool pool = collateral.gather(withoutCollateral, facts);
        return collateral.evaluate(pool, facts, AT).orElseThrow();
    }

    /** The TCB evaluation alone (Intel's algorithm on parsed TCB info and QE identity). */
    @Benchmark
    public TcbEvaluator.Result tcbEvaluation() throws AttestationVerificationException {
        return TcbEvaluator.evaluate(tcbInfo, qeIdentity, quote, pck, TcbEvaluator.QeReport.of(quote.qeReport));
    }

    /** Cold collateral parse: the combined JSON, two signed JSON documents, two CRLs, two PEM chains. */
    @Benchmark
    public CollateralDocs.Parsed parseCollateralCold() throws AttestationVerificationException {
        return CollateralDocs.parse(collateralJson, "bench", 8);
    }
}
