package io.confidentialai.sdk.samples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.impl.internal.crypto.ReportDataBinding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark state sets up, runs every benchmark method once on small inputs, and tears down. */
class BenchmarkSmokeTest {
    @Test
    void sealBenchmarkRoundTrips() throws Exception {
        SealBenchmark b = new SealBenchmark();
        b.size = (1 << 20) + 123;   // a short last chunk too
        b.setUp();
        try {
            byte[] plain = MessageDigest.getInstance("SHA-256").digest(b.plaintext);
            assertThat(b.seal()).hasSize(32);
            assertThat(b.unseal()).isEqualTo(plain);
            assertThat(b.sha256()).isEqualTo(plain);
            assertThat(b.sha256Hot()).hasSize(32);
            b.jceAesGcm();
            b.jceAesGcm();   // a second pass: fresh nonces, no IV-reuse refusal
            b.jceAesGcmDecrypt();
            b.jceAesGcmHot();
        } finally {
            b.tearDown();
        }
        assertThat(b.plaintext).isNull();
    }

    @Test
    void grantBenchmarkSetsUpAndTearsDown() throws Exception {
        GrantBenchmark b = new GrantBenchmark();
        b.setUp();
        Path work = b.work;
        try {
            assertThat(b.reportDataCommitAndCheck()).isEqualTo(ReportDataBinding.Outcome.MATCH);
            assertThat(b.hpkeSeal().enc()).hasSize(32);
            assertThat(b.hpkeOpen()).hasSize(32);
            assertThat(b.grant()).isNotNull();
            assertThat(b.ed25519Sign()).hasSize(64);
            assertThat(b.ed25519Verify()).isTrue();
            assertThat(b.reportBodyLength()).isGreaterThan(300);
        } finally {
            b.tearDown();
        }
        assertThat(work).doesNotExist();
    }

    @Test
    void largeAssetRoundTripsAndCleansUp(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = LargeAsset.run(new String[] {"0.002", dir.toString()}, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(out).isZero();
        assertThat(out).contains("RESULT: OK", "peak used");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void convertsJmhUnits() {
        assertThat(PerformanceReport.toSeconds(250, "ms/op")).isEqualTo(0.25);
        assertThat(PerformanceReport.toSeconds(40, "us/op")).isEqualTo(40e-6);
    }
}
