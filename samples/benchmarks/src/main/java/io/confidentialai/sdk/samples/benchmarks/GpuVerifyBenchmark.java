package io.confidentialai.sdk.samples.benchmarks;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of verifying NVIDIA's H100 sample evidence (4117 bytes: SPDM 1.1 GET_MEASUREMENTS request and response, 64
 * SHA-384 blocks, opaque data, ECDSA P-384 signature) with its five-certificate P-384 device chain, single thread,
 * JMH sample mode (the report carries the median and percentiles).
 *
 * <ul>
 *   <li>{@link #verifyCachedChain}: the provider's verifier in steady state: structural SPDM parse, SHA-256 of the
 *       chain attachment and a cache hit, validity of the five certificates at the verification instant, SHA-384
 *       and one ECDSA P-384 verification (Bouncy Castle), FWID binding, claims. No RIM is attached or in the
 *       collateral, so {@code rimStatus} is {@code not-evaluated}.</li>
 *   <li>{@link #authenticate}: the same through {@code client.attestations().authenticate(..)} (engine size check
 *       and provider dispatch).</li>
 *   <li>{@link #verifyFreshVerifier}: a new verifier per call, so its chain and signature caches are empty: the PEM
 *       chain is decoded and checked and its four certificate signatures are verified every time, and the SPDM
 *       signature is verified without Bouncy Castle's per-key precomputation. This is the cold cost of the first
 *       device a verifier sees (a warm verifier has the shared intermediates' signatures cached, so a new device
 *       then costs two certificate signatures less). The JDK's certificate factory returns cached certificate
 *       objects for identical DER, which saves only the DER parsing.</li>
 * </ul>
 *
 * <p>The evidence is read in place from the shared test vectors: {@code -Dcsdk.vectors.dir=...} (default
 * {@code ../shared/vectors}); pass it with {@code -jvmArgsAppend} when forking. The NVIDIA provider
 * ({@code io.confidentialai:tee-nvidia-gpu}) must be on the class path.
 *
 * <p>Usage: {@code java -jar target/benchmarks.jar GpuVerifyBenchmark -jvmArgsAppend
 * -Dcsdk.vectors.dir=/path/to/shared/vectors}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class GpuVerifyBenchmark {
    static final String REPORT = "nvidia/nvtrust-hopper-attestation-report.hex.txt";
    static final String CHAIN = "nvidia/nvtrust-hopper-cert-chain.pem.txt";
    /** The device chain is valid until 9999-12-31; any instant after 2022-03-01 works. */
    static final Instant AT = Instant.parse("2026-11-21T00:00:00Z");

    private Evidence evidence;
    private ProviderContext context;
    private TeeProvider provider;
    private EvidenceVerifier verifier;
    private ConfidentialClient client;

    @Setup(Level.Trial)
    public void setUp() throws AttestationVerificationException {
        String prop = System.getProperty("csdk.vectors.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../shared/vectors");
        byte[] report = HexFormat.of().parseHex(new String(read(dir.resolve(REPORT)), StandardCharsets.US_ASCII)
                .strip());
        evidence = Evidence.builder().teeType(TeeType.NVIDIA_GPU_CC).data(report)
                .attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT, read(dir.resolve(CHAIN))).build();
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        context = context(clock);
        provider = provider();
        verifier = provider.newVerifier(context).orElseThrow();
        client = ConfidentialClient.builder().clock(clock).build();
        TeeClaims first = verifier.verify(evidence); // fail fast, and fill the chain cache
        if (!first.isHardware()) {
            throw new IllegalStateException("the H100 report did not verify to the pinned NVIDIA Device Identity CA");
        }
        client.attestations().authenticate(evidence);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
    }

    /** Steady state: the chain was validated in the setup and is cached. */
    @Benchmark
    public TeeClaims verifyCachedChain() throws AttestationVerificationException {
        return verifier.verify(evidence);
    }

    /** The same through the public API. */
    @Benchmark
    public TeeClaims authenticate() throws AttestationVerificationException {
        return client.attestations().authenticate(evidence);
    }

    /** A new verifier per call: the chain is parsed and validated every time. */
    @Benchmark
    public TeeClaims verifyFreshVerifier() throws AttestationVerificationException {
        return provider.newVerifier(context).orElseThrow().verify(evidence);
    }

    private static TeeProvider provider() {
        for (TeeProvider p : ServiceLoader.load(TeeProvider.class)) {
            if (p.teeType().equals(TeeType.NVIDIA_GPU_CC)) {
                return p;
            }
        }
        throw new IllegalStateException("no " + TeeType.NVIDIA_GPU_CC + " provider on the class path: add "
                + "io.confidentialai:" + TeeType.NVIDIA_GPU_CC.artifactId());
    }

    private static ProviderContext context(Clock clock) {
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
                return CollateralSource.none();
            }

            @Override
            public List<X509Certificate> simulationRoots() {
                return List.of();
            }
        };
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("NVIDIA test vector not found: " + file
                    + " (set -Dcsdk.vectors.dir to the shared vectors directory)", e);
        }
    }
}
