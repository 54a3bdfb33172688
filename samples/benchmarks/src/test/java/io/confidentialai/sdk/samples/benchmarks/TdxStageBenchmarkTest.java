package io.confidentialai.sdk.samples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/** Every stage of the TDX breakdown benchmark sets up through the seam and runs once. */
class TdxStageBenchmarkTest {
    @Test
    void everyStageRuns() throws Exception {
        String configured = System.getProperty("csdk.vectors.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../../shared/vectors");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("tdx")),
                "attestation test vectors not found at ../shared/vectors; skipping");
        TdxStageBenchmark b = new TdxStageBenchmark();
        b.setUp();
        int stages = 0;
        for (Method m : TdxStageBenchmark.class.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                assertThat(m.invoke(b)).as(m.getName()).isNotNull();
                stages++;
            }
        }
        assertThat(stages).isGreaterThanOrEqualTo(15);
        Object full = b.verify();
        assertThat(full).isInstanceOf(TeeClaims.class);
        assertThat(((TeeClaims) full).tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    }
}
