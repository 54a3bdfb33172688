package io.confidentialai.sdk.samples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.attestation.TeeType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The GPU benchmark state sets up on the H100 sample and every benchmark method verifies it as hardware. */
class GpuVerifyBenchmarkTest {
    @Test
    void h100BenchmarkRuns() throws Exception {
        String configured = System.getProperty("csdk.vectors.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../../shared/vectors");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("nvidia")),
                "attestation test vectors not found at ../shared/vectors; skipping");
        String before = System.getProperty("csdk.vectors.dir");
        System.setProperty("csdk.vectors.dir", dir.toString());
        GpuVerifyBenchmark b = new GpuVerifyBenchmark();
        try {
            b.setUp();
            assertThat(b.verifyCachedChain().teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
            assertThat(b.verifyCachedChain().isHardware()).isTrue();
            assertThat(b.authenticate().details()).containsEntry("driverVersion", "550.90.07");
            assertThat(b.verifyFreshVerifier().isHardware()).isTrue();
        } finally {
            b.tearDown();
            if (before == null) {
                System.clearProperty("csdk.vectors.dir");
            } else {
                System.setProperty("csdk.vectors.dir", before);
            }
        }
    }
}
