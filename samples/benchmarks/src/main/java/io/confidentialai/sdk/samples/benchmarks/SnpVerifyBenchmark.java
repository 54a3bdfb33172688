package io.confidentialai.sdk.samples.benchmarks;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full verification of a real AMD SEV-SNP attestation report through the public API
 * ({@code client.attestations().authenticate(evidence)}): report parsing, the VCEK binding (TCB, chip id), the ECDSA
 * P-384 report signature, and the validity of the VCEK → ASK → ARK chain at the verification instant; the chain's
 * RSASSA-PSS signatures are validated on first use and then cached by the provider (keyed by the SHA-256 of the
 * attached certificates), so {@link #verifyCachedChain} is the steady state. {@link #verifyFreshVerifier} builds a
 * new client each time, so it includes the chain validation (and the client's start-up).
 *
 * <p>Sample time mode: JMH prints the median (p0.50) and the tail. Reports are read in place from the shared test
 * vectors: {@code -Dcsdk.vectors.dir=...} (default {@code ../shared/vectors}, relative to the working directory).
 *
 * <p>Usage: {@code java -jar target/benchmarks.jar SnpVerifyBenchmark -Dcsdk.vectors.dir=/path/to/shared/vectors}
 * (pass the property with {@code -jvmArgsAppend} when forking).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class SnpVerifyBenchmark {
    /** {@code milan}: trustee Milan v2 report (VCEK); {@code genoa}: Oak Genoa v5 report; {@code vlek}: AWS Milan v3. */
    @Param({"milan", "genoa", "vlek"})
    public String report;

    private Evidence evidence;
    private Clock clock;
    private ConfidentialClient client;

    @Setup(Level.Trial)
    public void setUp() throws AttestationVerificationException {
        String prop = System.getProperty("csdk.vectors.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../shared/vectors");
        String reportFile;
        String vcekFile;
        Instant at;
        switch (report) {
            case "genoa":
                reportFile = "snp/oak-genoa-report-extracted.bin";
                vcekFile = "snp/oak-genoa-vcek-extracted.der";
                at = Instant.parse("2026-01-01T00:00:00Z");
                break;
            case "vlek":
                reportFile = "snp/trustee-test-vlek-report.bin";
                vcekFile = "snp/trustee-test-vlek.der";
                at = Instant.parse("2025-06-01T00:00:00Z");
                break;
            default:
                reportFile = "snp/trustee-test-report.bin";
                vcekFile = "snp/trustee-test-vcek.der";
                at = Instant.parse("2024-01-01T00:00:00Z");
                break;
        }
        evidence = Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(read(dir.resolve(reportFile)))
                .attachment("vcek.der", read(dir.resolve(vcekFile))).build();
        clock = Clock.fixed(at, ZoneOffset.UTC);
        client = ConfidentialClient.builder().clock(clock).build();
        TeeClaims first = client.attestations().authenticate(evidence);
        if (!first.isHardware()) {
            throw new IllegalStateException("the report did not verify to a pinned AMD ARK");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
    }

    /** Steady state: the chain was validated in the setup and is cached. */
    @Benchmark
    public TeeClaims verifyCachedChain() throws AttestationVerificationException {
        return client.attestations().authenticate(evidence);
    }

    /** A new client per verification: engine start-up, provider discovery and the full chain validation. */
    @Benchmark
    public TeeClaims verifyFreshVerifier() throws AttestationVerificationException {
        try (ConfidentialClient fresh = ConfidentialClient.builder().clock(clock).build()) {
            return fresh.attestations().authenticate(evidence);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("SEV-SNP test vector not found: " + file
                    + " (set -Dcsdk.vectors.dir to the shared vectors directory)", e);
        }
    }
}
