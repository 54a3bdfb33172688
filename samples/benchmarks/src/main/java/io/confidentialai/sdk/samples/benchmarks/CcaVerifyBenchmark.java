package io.confidentialai.sdk.samples.benchmarks;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Latency of verifying one Arm CCA attestation token (single thread; JMH sample mode, so the report carries the
 * median and percentiles): CBOR decoding of the collection, both COSE_Sign1 envelopes and both claims sets, the
 * platform signature with the CPAK, the realm signature with the RAK, the platform-realm binding hash and the claim
 * mapping. Both tokens have two ECDSA P-384/SHA-384 signatures.
 *
 * <ul>
 *   <li>{@code token=tf-rmm}: {@code cca/rustcca-cca-token-01.cbor} of the shared vectors (TF-RMM output, tag 399,
 *       raw SEC1 RAK), against the published test CPAK as a trust anchor. Needs the vectors: system property
 *       {@code csdk.vectors.dir}, else {@code ../shared/vectors} or {@code ../../../shared/vectors}.</li>
 *   <li>{@code token=simulated}: a token from {@code tee-simulated} (tag 907 CMW, COSE_Key RAK), against the
 *       simulated CPAK as a simulation root.</li>
 * </ul>
 *
 * {@link #verify} calls the provider's verifier directly; {@link #authenticate} goes through
 * {@code client.attestations().authenticate(..)} (adds the engine's size check and provider dispatch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class CcaVerifyBenchmark {
    static final String VECTOR_TOKEN = "cca/rustcca-cca-token-01.cbor";
    static final String VECTOR_CPAK = "cca/ccatoken-tfrmm-cca_platform.pub.pem";

    /** Which token to verify: {@code tf-rmm} (the real TF-RMM vector) or {@code simulated}. */
    @Param({"tf-rmm", "simulated"})
    public String token;

    Evidence evidence;
    EvidenceVerifier verifier;
    ConfidentialClient client;
    Path work;

    @Setup
    public void setUp() throws IOException, GeneralSecurityException {
        ProviderContext context;
        ConfidentialClient.Builder builder = ConfidentialClient.builder();
        if ("simulated".equals(token)) {
            work = Files.createTempDirectory("csdk-cca-bench");
            SimulationOptions options = SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(work).build();
            evidence = provider(TeeType.SIMULATED).newCollector(collectorContext(options)).orElseThrow()
                    .collect(ReportData.padded(new byte[] {1}));
            Path cpak = work.resolve("simulation-cca-cpak.pem");
            X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cpak)));
            context = context(List.of(root), List.of());
            builder.insecureTrustSimulationRoot(root);
        } else if ("tf-rmm".equals(token)) {
            Path vectors = vectors();
            evidence = Evidence.of(TeeType.ARM_CCA, Files.readAllBytes(vectors.resolve(VECTOR_TOKEN)));
            TrustAnchor cpak = TrustAnchor.of(TeeType.ARM_CCA, Files.readAllBytes(vectors.resolve(VECTOR_CPAK)));
            context = context(List.of(), List.of(cpak));
            builder.trustAnchor(cpak);
        } else {
            throw new IllegalArgumentException("token must be tf-rmm or simulated, got " + token);
        }
        verifier = provider(TeeType.ARM_CCA).newVerifier(context).orElseThrow();
        client = builder.build();
        try {
            verify(); // fail fast: a benchmark of a rejection would be meaningless
        } catch (AttestationVerificationException e) {
            throw new IllegalStateException("the " + token + " token does not verify: " + e.getMessage(), e);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The provider's verifier: decode, two ECDSA P-384 signatures, binding, claims. */
    @Benchmark
    public TeeClaims verify() throws AttestationVerificationException {
        return verifier.verify(evidence);
    }

    /** The same through the public API. */
    @Benchmark
    public TeeClaims authenticate() throws AttestationVerificationException {
        return client.attestations().authenticate(evidence);
    }

    private static TeeProvider provider(TeeType type) {
        for (TeeProvider p : ServiceLoader.load(TeeProvider.class)) {
            if (p.teeType().equals(type)) {
                return p;
            }
        }
        throw new IllegalStateException("no " + type + " provider on the class path: add io.confidentialai:"
                + type.artifactId());
    }

    static Path vectors() {
        String configured = System.getProperty("csdk.vectors.dir");
        for (String candidate : configured != null ? List.of(configured)
                : List.of("../shared/vectors", "../../../shared/vectors", "../../shared/vectors")) {
            Path dir = Path.of(candidate);
            if (Files.isRegularFile(dir.resolve(VECTOR_TOKEN))) {
                return dir;
            }
        }
        throw new UncheckedIOException(new IOException("attestation test vectors not found (set -Dcsdk.vectors.dir, "
                + "or run with -p token=simulated)"));
    }

    private static ProviderContext context(List<X509Certificate> simulationRoots, List<TrustAnchor> anchors) {
        return new ProviderContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
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
                return simulationRoots;
            }

            @Override
            public List<TrustAnchor> trustAnchors(TeeType teeType) {
                return TeeType.ARM_CCA.equals(teeType) ? anchors : List.of();
            }
        };
    }

    private static CollectorContext collectorContext(SimulationOptions options) {
        return new CollectorContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public InputLimits limits() {
                return InputLimits.defaults();
            }

            @Override
            public Optional<SimulationOptions> simulation() {
                return Optional.of(options);
            }
        };
    }
}
