package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The NVML collector over a scripted NVML: no GPU and no libnvidia-ml needed. */
class NvmlGpuCollectorTest {
    private static final NvmlTestCerts GPU0 = NvmlTestCerts.generate("Test GPU 0 AK");
    private static final NvmlTestCerts GPU1 = NvmlTestCerts.generate("Test GPU 1 AK");

    static CollectorContext context(InputLimits limits) {
        return new CollectorContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public InputLimits limits() {
                return limits;
            }

            @Override
            public Optional<SimulationOptions> simulation() {
                return Optional.empty();
            }
        };
    }

    private static NvmlFake twoGpus() {
        return new NvmlFake(2, i -> (i == 0 ? GPU0 : GPU1).der());
    }

    private static EvidenceCollector collector(NvmlApi nvml) {
        return new NvmlGpuCollector(nvml, context(InputLimits.defaults()));
    }

    private static ReportData reportData() {
        byte[] b = new byte[64];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return ReportData.of(b);
    }

    private static List<byte[]> pemCertificates(byte[] pem) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            out.add(c.getEncoded());
        }
        return out;
    }

    @Test
    void twoGpusGiveOneEvidenceEachInDeviceOrder() throws Exception {
        NvmlFake nvml = twoGpus();
        ReportData rd = reportData();
        byte[] nonce = Arrays.copyOf(rd.toByteArray(), 32);

        List<Evidence> all = collector(nvml).collectAll(rd);

        assertThat(all).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Evidence e = all.get(i);
            assertThat(e.teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
            assertThat(e.data()).isEqualTo(NvmlFake.spdmReport(i, nonce));
            assertThat(e.attachmentNames()).containsExactly(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT);
            byte[] pem = e.attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT).orElseThrow();
            assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----\n")
                    .endsWith("-----END CERTIFICATE-----\n");
            NvmlTestCerts certs = i == 0 ? GPU0 : GPU1;
            assertThat(pemCertificates(pem)).containsExactly(certs.leaf, certs.root); // leaf first, as NVML gave it
        }
        assertThat(nvml.calls).containsExactly("init", "deviceCount", "ccState", "report 0", "chain 0", "report 1",
                "chain 1", "shutdown");
    }

    @Test
    void theNonceIsExactlyTheFirst32BytesOfTheReportData() {
        NvmlFake nvml = twoGpus();
        ReportData rd = reportData();

        collector(nvml).collectAll(rd);

        assertThat(nvml.nonces).hasSize(2).allSatisfy(n -> assertThat(n).isEqualTo(Arrays.copyOf(rd.toByteArray(), 32)));
    }

    @Test
    void collectServesASingleGpu() {
        NvmlFake nvml = new NvmlFake(1, i -> GPU0.der());
        Evidence e = collector(nvml).collect(reportData());
        assertThat(e.data()).isEqualTo(NvmlFake.spdmReport(0, Arrays.copyOf(reportData().toByteArray(), 32)));
        assertThat(nvml.shutdowns).hasValue(1);
    }

    @Test
    void collectWithTwoGpusRefusesAndPointsToCollectAll() {
        NvmlFake nvml = twoGpus();
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collect(reportData()));
        assertThat(e.getMessage()).contains("exactly one GPU").contains("2").contains("collectAll");
        assertThat(nvml.calls).containsExactly("init", "deviceCount", "shutdown");
    }

    @Test
    void noGpuIsAClearFailure() {
        NvmlFake nvml = new NvmlFake(0, i -> GPU0.der());
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e.getMessage()).contains("no NVIDIA GPU");
        assertThat(nvml.shutdowns).hasValue(1);
    }

    @Test
    void moreGpusThanCompositeEvidenceCarriesAreRefused() {
        NvmlFake nvml = new NvmlFake(Evidence.MAX_ACCELERATORS + 1, i -> GPU0.der());
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e.getMessage()).contains("at most " + Evidence.MAX_ACCELERATORS);
        assertThat(nvml.calls).doesNotContain("report 0");
    }

    @Test
    void confidentialComputingOffIsRefusedWithTheStateValues() {
        NvmlFake nvml = twoGpus();
        nvml.state = new NvmlApi.CcState(0, 0, 0);
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e.getMessage()).contains("GPU confidential computing is off")
                .contains("environment=0 (unavailable), ccFeature=0 (disabled), devToolsMode=0 (off)");
        assertThat(nvml.calls).containsExactly("init", "deviceCount", "ccState", "shutdown");
    }

    @Test
    void devToolsModeStillCollects() {
        NvmlFake nvml = twoGpus();
        nvml.state = new NvmlApi.CcState(2, 1, 1);
        assertThat(collector(nvml).collectAll(reportData())).hasSize(2);
    }

    @Test
    void noDriverFailsAndNothingIsShutDown() {
        NvmlFake nvml = twoGpus().failing("init",
                new ConfidentialException("no NVIDIA driver (libnvidia-ml not found): install the driver"));
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e.getMessage()).startsWith("no NVIDIA driver (libnvidia-ml not found)");
        assertThat(nvml.calls).containsExactly("init");
        assertThat(nvml.shutdowns).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deviceCount", "ccState", "report 0", "chain 0", "report 1", "chain 1"})
    void everyNvmlFailureIsReportedAndNvmlIsAlwaysShutDown(String operation) {
        ConfidentialException failure = NvmlFake.nvmlError(operation + " failed: Not Supported (NVML error 3)");
        NvmlFake nvml = twoGpus().failing(operation, failure);
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e).isSameAs(failure);
        assertThat(nvml.inits).hasValue(1);
        assertThat(nvml.shutdowns).hasValue(1);
        assertThat(nvml.calls).endsWith(operation, "shutdown");
    }

    @Test
    void aShutdownFailureAfterAFailureIsSuppressedNotLost() {
        ConfidentialException failure = NvmlFake.nvmlError("report failed");
        ConfidentialException shutdownFailure = NvmlFake.nvmlError("nvmlShutdown failed");
        NvmlFake nvml = twoGpus().failing("report 1", failure).failing("shutdown", shutdownFailure);
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e).isSameAs(failure);
        assertThat(e.getSuppressed()).containsExactly(shutdownFailure);
    }

    @Test
    void aShutdownFailureAfterSuccessKeepsTheEvidence() {
        NvmlFake nvml = twoGpus().failing("shutdown", NvmlFake.nvmlError("nvmlShutdown failed"));
        assertThat(collector(nvml).collectAll(reportData())).hasSize(2);
        assertThat(nvml.shutdowns).hasValue(1);
    }

    @Test
    void aReportOverAnotherNonceIsRefused() {
        NvmlFake nvml = twoGpus();
        nvml.reports = (i, nonce) -> NvmlFake.spdmReport(i, new byte[32]);
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e.getMessage()).contains("GPU 0").contains("another nonce");
        assertThat(nvml.shutdowns).hasValue(1);
    }

    @Test
    void aReportLargerThanNvmlsArrayIsRefused() {
        NvmlFake nvml = twoGpus();
        nvml.reports = (i, nonce) -> Arrays.copyOf(NvmlFake.spdmReport(i, nonce), NvmlApi.MAX_REPORT_SIZE + 1);
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e.getMessage()).contains("8193-byte attestation report for GPU 0").contains("1 to 8192");
        assertThat(nvml.shutdowns).hasValue(1);
    }

    @Test
    void anEmptyReportIsRefused() {
        NvmlFake nvml = twoGpus();
        nvml.reports = (i, nonce) -> new byte[0];
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e.getMessage()).contains("0-byte attestation report");
    }

    @Test
    void theEvidenceLimitBoundsTheReport() {
        NvmlFake nvml = twoGpus();
        EvidenceCollector c = new NvmlGpuCollector(nvml, context(new InputLimits(64, 64 << 10, 8, 1 << 20)));
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> c.collectAll(reportData()));
        assertThat(e.getMessage()).contains("101-byte attestation report").contains("1 to 64 bytes");
    }

    @Test
    void aChainLargerThanNvmlsArrayIsRefused() {
        NvmlFake nvml = new NvmlFake(1, i -> new byte[NvmlApi.MAX_CERT_CHAIN_SIZE + 1]);
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e.getMessage()).contains("5121-byte certificate chain");
    }

    @Test
    void theChainLimitsBoundTheChain() {
        EvidenceCollector fewCertificates = new NvmlGpuCollector(new NvmlFake(1, i -> GPU0.der()),
                context(new InputLimits(1 << 20, 64 << 10, 1, 1 << 20)));
        assertThat(assertThrows(ConfidentialException.class, () -> fewCertificates.collectAll(reportData())).getMessage())
                .contains("GPU 0").contains("more than 1 certificates");

        int derLength = GPU0.der().length;
        EvidenceCollector fewBytes = new NvmlGpuCollector(new NvmlFake(1, i -> GPU0.der()),
                context(new InputLimits(1 << 20, derLength, 8, 1 << 20)));
        assertThat(assertThrows(ConfidentialException.class, () -> fewBytes.collectAll(reportData())).getMessage())
                .contains("-byte PEM certificate chain for GPU 0").contains("1 to " + derLength + " bytes");
    }

    @Test
    void aChainThatIsNotCertificatesIsRefused() {
        NvmlFake nvml = new NvmlFake(1, i -> "not a certificate".getBytes(StandardCharsets.US_ASCII));
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(nvml).collectAll(reportData()));
        assertThat(e.getMessage()).startsWith("GPU 0: ").contains("malformed");
        assertThat(nvml.shutdowns).hasValue(1);
    }

    @Test
    void concurrentCollectionsRunOneAtATime() throws Exception {
        NvmlFake nvml = twoGpus(); // fails on overlapping NVML sessions
        EvidenceCollector c = collector(nvml);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Evidence>>> tasks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                tasks.add(() -> c.collectAll(reportData()));
            }
            for (Future<List<Evidence>> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(nvml.inits).hasValue(32);
        assertThat(nvml.shutdowns).hasValue(32);
    }

    @Test
    void theProviderCreatesTheCollectorWithoutLoadingNvml() {
        // creating it must work anywhere: the library is loaded on the first collection only
        assertThat(new NvidiaGpuProvider().newCollector(context(InputLimits.defaults()))).get()
                .isInstanceOf(NvmlGpuCollector.class);
    }

    @Test
    void withoutLibnvidiaMlCollectionFailsClearly() {
        EvidenceCollector c = new NvmlGpuCollector(NvmlJna.lazy(List.of("csdk-test-no-such-nvml")),
                context(InputLimits.defaults()));
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> c.collectAll(reportData()));
        assertThat(e.getMessage()).startsWith("no NVIDIA driver (libnvidia-ml not found)");
        assertThat(e.getCause()).isInstanceOf(UnsatisfiedLinkError.class);
    }
}
