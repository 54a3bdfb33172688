package io.confidentialai.sdk.samples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SEV-SNP benchmark state sets up and verifies once per benchmark method, for every report. */
class SnpVerifyBenchmarkTest {
    @ParameterizedTest
    @ValueSource(strings = {"milan", "genoa", "vlek"})
    void benchmarkRuns(String report) throws Exception {
        String configured = System.getProperty("csdk.vectors.dir");
        Assumptions.assumeTrue(configured != null && Files.isDirectory(Path.of(configured).resolve("snp")),
                "attestation test vectors not found at ../shared/vectors; skipping");
        SnpVerifyBenchmark b = new SnpVerifyBenchmark();
        b.report = report;
        b.setUp();
        try {
            assertThat(b.verifyCachedChain().isHardware()).isTrue();
            assertThat(b.verifyFreshVerifier().isHardware()).isTrue();
            assertThat(b.verifyCachedChain().details()).containsKey("reportedTcb.snp");
        } finally {
            b.tearDown();
        }
    }
}
