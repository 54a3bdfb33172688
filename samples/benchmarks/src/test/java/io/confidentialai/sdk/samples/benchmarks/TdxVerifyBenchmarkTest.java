package io.confidentialai.sdk.samples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.attestation.TcbStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TDX benchmark state sets up and verifies once per benchmark method, for every collateral mode. */
class TdxVerifyBenchmarkTest {
    @ParameterizedTest
    @ValueSource(strings = {"attached", "source", "none"})
    void benchmarkRuns(String collateral) throws Exception {
        String configured = System.getProperty("csdk.vectors.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../../shared/vectors");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("tdx")),
                "attestation test vectors not found at ../shared/vectors; skipping");
        TdxVerifyBenchmark b = new TdxVerifyBenchmark();
        b.collateral = collateral;
        b.setUp();
        try {
            TcbStatus expected = collateral.equals("none") ? TcbStatus.NOT_EVALUATED : TcbStatus.UP_TO_DATE;
            assertThat(b.verify().tcbStatus()).isEqualTo(expected);
            assertThat(b.authenticate().tcbStatus()).isEqualTo(expected);
            assertThat(b.verify().isHardware()).isTrue();
        } finally {
            b.tearDown();
        }
    }
}
