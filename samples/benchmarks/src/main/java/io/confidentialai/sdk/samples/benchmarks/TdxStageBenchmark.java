package io.confidentialai.sdk.samples.benchmarks;

import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of verifying one real Intel TDX quote goes: each stage of {@link TdxVerifyBenchmark}'s full
 * verification on its own (single thread; sample mode, so the report carries the median), on the same quote
 * {@code tdx/dcapqvl-tdx-quote.dat} with its combined collateral at 2025-06-19T11:00:00Z.
 *
 * <p>The stages are the provider's own code. The provider module exports nothing, so they come from its internal
 * benchmark seam {@code io.confidentialai.sdk.tee.tdx.internal.TdxStages}, reached reflectively once in
 * {@link #setUp()} (this jar runs on the class path); each benchmark then calls one stage through
 * {@link Callable#call()}. The warm path of a verification is the sum of {@link #parseQuote}, {@link #parsePckChain},
 * {@link #pckChainCached}, {@link #qeReportSignature}, {@link #qeBinding}, {@link #quoteSignature},
 * {@link #pckExtensions}, {@link #collateralLookup}, {@link #collateralChecks} and {@link #claims}
 * ({@link #tcbEvaluation} is part of {@link #collateralChecks}); docs/performance.md compares that sum with
 * {@link #verify}. Needs the vectors: system property {@code csdk.vectors.dir}, else {@code ../shared/vectors} or
 * {@code ../../../shared/vectors}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class TdxStageBenchmark {
    static final String STAGES = "io.confidentialai.sdk.tee.tdx.internal.TdxStages";

    Callable<Object> verify;
    Callable<Object> verifyColdVerifier;
    Callable<Object> parseQuote;
    Callable<Object> parsePckChain;
    Callable<Object> pckChainCached;
    Callable<Object> pckChainCold;
    Callable<Object> qeReportSignature;
    Callable<Object> qeReportSignatureNewKey;
    Callable<Object> qeBinding;
    Callable<Object> quoteSignature;
    Callable<Object> quoteSignatureNewKey;
    Callable<Object> pckExtensions;
    Callable<Object> collateralLookup;
    Callable<Object> collateralChecks;
    Callable<Object> tcbEvaluation;
    Callable<Object> claims;
    Callable<Object> collateralParseCold;

    @Setup
    public void setUp() throws Exception {
        Path vectors = TdxVerifyBenchmark.vectors();
        Map<String, Callable<Object>> stages = stages(Files.readAllBytes(vectors.resolve(TdxVerifyBenchmark.VECTOR_QUOTE)),
                Files.readAllBytes(vectors.resolve(TdxVerifyBenchmark.VECTOR_COLLATERAL)), TdxVerifyBenchmark.AT);
        verify = stage(stages, "verify");
        verifyColdVerifier = stage(stages, "verifyColdVerifier");
        parseQuote = stage(stages, "parseQuote");
        parsePckChain = stage(stages, "parsePckChain");
        pckChainCached = stage(stages, "pckChainCached");
        pckChainCold = stage(stages, "pckChainCold");
        qeReportSignature = stage(stages, "qeReportSignature");
        qeReportSignatureNewKey = stage(stages, "qeReportSignatureNewKey");
        qeBinding = stage(stages, "qeBinding");
        quoteSignature = stage(stages, "quoteSignature");
        quoteSignatureNewKey = stage(stages, "quoteSignatureNewKey");
        pckExtensions = stage(stages, "pckExtensions");
        collateralLookup = stage(stages, "collateralLookup");
        collateralChecks = stage(stages, "collateralChecks");
        tcbEvaluation = stage(stages, "tcbEvaluation");
        claims = stage(stages, "claims");
        collateralParseCold = stage(stages, "collateralParseCold");
        Object verified = verify.call();
        if (!(verified instanceof TeeClaims) || ((TeeClaims) verified).tcbStatus() != TcbStatus.UP_TO_DATE) {
            throw new IllegalStateException("the benchmark quote does not verify as UP_TO_DATE");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Callable<Object>> stages(byte[] quote, byte[] collateral, Instant at)
            throws IOException {
        try {
            return (Map<String, Callable<Object>>) Class.forName(STAGES)
                    .getMethod("of", byte[].class, byte[].class, Instant.class).invoke(null, quote, collateral, at);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the TDX stages cannot be prepared: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no TDX benchmark seam " + STAGES + " on the class path: add "
                    + "io.confidentialai:tee-intel-tdx", e);
        }
    }

    private static Callable<Object> stage(Map<String, Callable<Object>> stages, String name) {
        Callable<Object> c = stages.get(name);
        if (c == null) {
            throw new IllegalStateException("the TDX benchmark seam has no stage " + name + "; it has " + stages.keySet());
        }
        return c;
    }

    /** The whole verification, collateral attached, verifier warm: the sum of the stages below plus glue. */
    @Benchmark
    public Object verify() throws Exception {
        return verify.call();
    }

    /** A new verifier's first verification: every signature, the collateral parse and every key's precomputation. */
    @Benchmark
    public Object verifyColdVerifier() throws Exception {
        return verifyColdVerifier.call();
    }

    /** Hex-text check and the bounded parse of header, body and signature data. */
    @Benchmark
    public Object parseQuote() throws Exception {
        return parseQuote.call();
    }

    /** Strict PEM/Base64 and X.509 parse of the three PCK chain certificates. */
    @Benchmark
    public Object parsePckChain() throws Exception {
        return parsePckChain.call();
    }

    /** PCK chain validation with the Intel CA links cached: validity, names, extensions, the PCK leaf signature. */
    @Benchmark
    public Object pckChainCached() throws Exception {
        return pckChainCached.call();
    }

    /** PCK chain validation with all three signatures checked and no key seen before. */
    @Benchmark
    public Object pckChainCold() throws Exception {
        return pckChainCold.call();
    }

    /** The QE report signature (ECDSA P-256 with the PCK key), the key's precomputation cached. */
    @Benchmark
    public Object qeReportSignature() throws Exception {
        return qeReportSignature.call();
    }

    /** The QE report signature with a PCK key never seen before (a new platform). */
    @Benchmark
    public Object qeReportSignatureNewKey() throws Exception {
        return qeReportSignatureNewKey.call();
    }

    /** The QE report's binding of the attestation key: SHA-256(attestation key || QE auth data). */
    @Benchmark
    public Object qeBinding() throws Exception {
        return qeBinding.call();
    }

    /** The quote signature over header and TD report, building the key from x||y; the key cached. */
    @Benchmark
    public Object quoteSignature() throws Exception {
        return quoteSignature.call();
    }

    /** The quote signature with an attestation key never seen before (a new QE key). */
    @Benchmark
    public Object quoteSignatureNewKey() throws Exception {
        return quoteSignatureNewKey.call();
    }

    /** The PCK certificate's SGX extension (FMSPC, PCEID, TCB components). */
    @Benchmark
    public Object pckExtensions() throws Exception {
        return pckExtensions.call();
    }

    /** Gathering the attached collateral: content hash of the 16 KB JSON, cached parse, selection. */
    @Benchmark
    public Object collateralLookup() throws Exception {
        return collateralLookup.call();
    }

    /** Collateral checks with signatures cached (chains, windows, completeness, revocation) and the TCB evaluation. */
    @Benchmark
    public Object collateralChecks() throws Exception {
        return collateralChecks.call();
    }

    /** Intel's TCB evaluation alone, on parsed TCB info and QE identity. */
    @Benchmark
    public Object tcbEvaluation() throws Exception {
        return tcbEvaluation.call();
    }

    /** Building the TeeClaims (measurements, hex claims). */
    @Benchmark
    public Object claims() throws Exception {
        return claims.call();
    }

    /** Parsing the combined collateral JSON from scratch (cached by content hash on the warm path). */
    @Benchmark
    public Object collateralParseCold() throws Exception {
        return collateralParseCold.call();
    }
}
