package io.confidentialai.sdk.samples.benchmarks;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of verifying one real Intel TDX quote (single thread; JMH sample mode, so the report carries the median and
 * percentiles): {@code tdx/dcapqvl-tdx-quote.dat} of the shared vectors at 2025-06-19T11:00:00Z, where its collateral
 * {@code tdx/dcapqvl-tdx-quote-collateral.json} is valid. Full verification: quote parsing, the PCK chain to the pinned
 * Intel SGX Root CA, the QE report signature, the QE binding of the attestation key, the quote signature, and with
 * collateral the TCB info and QE identity signatures and issuer chains, both CRLs, validity windows, revocation and
 * Intel's TCB evaluation (UpToDate). The verifier caches parsed collateral and verified Intel CA certificate links by
 * content hash, so after the first call each verification does three ECDSA P-256 checks (PCK leaf, QE report, quote).
 *
 * <ul>
 *   <li>{@code collateral=attached}: the combined collateral JSON travels as an evidence attachment.</li>
 *   <li>{@code collateral=source}: the same file from an in-memory {@link CollateralSource}
 *       ({@code collateral.json}).</li>
 *   <li>{@code collateral=none}: signatures and chain only; the TCB is not evaluated.</li>
 * </ul>
 *
 * {@link #verify} calls the provider's verifier directly; {@link #authenticate} goes through
 * {@code client.attestations().authenticate(..)}. Needs the vectors: system property {@code csdk.vectors.dir}, else
 * {@code ../shared/vectors} or {@code ../../../shared/vectors}. The per-stage breakdown is {@code TdxStageBenchmark}
 * in the tee-intel-tdx module's tests (docs/providers/intel-tdx.md, "Performance").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class TdxVerifyBenchmark {
    static final String VECTOR_QUOTE = "tdx/dcapqvl-tdx-quote.dat";
    static final String VECTOR_COLLATERAL = "tdx/dcapqvl-tdx-quote-collateral.json";
    static final Instant AT = Instant.parse("2025-06-19T11:00:00Z");

    /** Where the collateral comes from: {@code attached}, {@code source} or {@code none}. */
    @Param({"attached", "source", "none"})
    public String collateral;

    Evidence evidence;
    EvidenceVerifier verifier;
    ConfidentialClient client;

    @Setup
    public void setUp() throws IOException {
        Path vectors = vectors();
        byte[] quote = Files.readAllBytes(vectors.resolve(VECTOR_QUOTE));
        byte[] json = Files.readAllBytes(vectors.resolve(VECTOR_COLLATERAL));
        CollateralSource source = CollateralSource.none();
        Evidence.Builder b = Evidence.builder().teeType(TeeType.INTEL_TDX).data(quote);
        switch (collateral) {
            case "attached":
                b.attachment("collateral.json", json);
                break;
            case "source":
                source = (teeType, name, maxBytes) -> TeeType.INTEL_TDX.equals(teeType) && "collateral.json".equals(name)
                        ? Optional.of(json.clone()) : Optional.empty();
                break;
            case "none":
                break;
            default:
                throw new IllegalArgumentException("collateral must be attached, source or none, got " + collateral);
        }
        evidence = b.build();
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        verifier = provider().newVerifier(context(clock, source)).orElseThrow();
        client = ConfidentialClient.builder().clock(clock).collateral(source).build();
        TcbStatus expected = "none".equals(collateral) ? TcbStatus.NOT_EVALUATED : TcbStatus.UP_TO_DATE;
        try {
            TcbStatus status = verify().tcbStatus();
            if (status != expected || authenticate().tcbStatus() != expected) {
                throw new IllegalStateException("expected TCB status " + expected + ", got " + status);
            }
        } catch (AttestationVerificationException e) {
            throw new IllegalStateException("the TDX quote does not verify: " + e.getMessage(), e);
        }
    }

    @TearDown
    public void tearDown() {
        if (client != null) {
            client.close();
        }
    }

    /** The provider's verifier. */
    @Benchmark
    public TeeClaims verify() throws AttestationVerificationException {
        return verifier.verify(evidence);
    }

    /** The same through the public API. */
    @Benchmark
    public TeeClaims authenticate() throws AttestationVerificationException {
        return client.attestations().authenticate(evidence);
    }

    private static TeeProvider provider() {
        for (TeeProvider p : ServiceLoader.load(TeeProvider.class)) {
            if (p.teeType().equals(TeeType.INTEL_TDX)) {
                return p;
            }
        }
        throw new IllegalStateException("no Intel TDX provider on the class path: add io.confidentialai:tee-intel-tdx");
    }

    static Path vectors() {
        String configured = System.getProperty("csdk.vectors.dir");
        for (String candidate : configured != null ? List.of(configured)
                : List.of("../shared/vectors", "../../../shared/vectors", "../../shared/vectors")) {
            Path dir = Path.of(candidate);
            if (Files.isRegularFile(dir.resolve(VECTOR_QUOTE))) {
                return dir;
            }
        }
        throw new UncheckedIOException(new IOException("attestation test vectors not found (set -Dcsdk.vectors.dir)"));
    }

    private static ProviderContext context(Clock clock, CollateralSource source) {
        return new ProviderContext() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public InputLimits limits() {
                return InputLimits.defaults();
            }

            @Override
            public CollateralSource collateral() {
                return source;
            }

            @Override
            public List<X509Certificate> simulationRoots() {
                return List.of();
            }
        };
    }
}
