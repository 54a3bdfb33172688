package io.confidentialai.sdk.samples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.attestation.TeeType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The CCA benchmark state sets up, verifies once per benchmark method, and tears down. */
class CcaVerifyBenchmarkTest {
    @Test
    void simulatedTokenBenchmarkRuns() throws Exception {
        CcaVerifyBenchmark b = new CcaVerifyBenchmark();
        b.token = "simulated";
        b.setUp();
        Path work = b.work;
        try {
            assertThat(b.verify().teeType()).isEqualTo(TeeType.ARM_CCA);
            assertThat(b.verify().isHardware()).isFalse();
            assertThat(b.authenticate().isHardware()).isFalse();
        } finally {
            b.tearDown();
        }
        assertThat(work).doesNotExist();
    }

    @Test
    void tfRmmVectorBenchmarkRuns() throws Exception {
        String configured = System.getProperty("csdk.vectors.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../../shared/vectors");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("cca")),
                "attestation test vectors not found at ../shared/vectors; skipping");
        CcaVerifyBenchmark b = new CcaVerifyBenchmark();
        b.token = "tf-rmm";
        b.setUp();
        try {
            assertThat(b.verify().isHardware()).isTrue();
            assertThat(b.authenticate().isHardware()).isTrue();
        } finally {
            b.tearDown();
        }
    }
}
