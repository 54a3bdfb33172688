package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real H100 attestation report and its attestation certificate chain (NVIDIA nvtrust samples, in
 * {@code ../shared/vectors/nvidia}) pass through the collector unchanged, as NVML would hand them over.
 * Skipped as a whole when the vectors are absent.
 */
class NvmlVectorTest {
    private static byte[] report;
    private static byte[] pemChain;

    @BeforeAll
    static void vectors() throws IOException {
        String prop = System.getProperty("csdk.vectors.dir");
        Path dir = (prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../../shared/vectors")).resolve("nvidia");
        Path reportFile = dir.resolve("nvtrust-hopper-attestation-report.hex.txt");
        Path chainFile = dir.resolve("nvtrust-hopper-cert-chain.pem.txt");
        Assumptions.assumeTrue(Files.isRegularFile(reportFile) && Files.isRegularFile(chainFile),
                "NVIDIA test vectors not found at ../shared/vectors/nvidia; skipping");
        report = HexFormat.of().parseHex(Files.readString(reportFile, StandardCharsets.US_ASCII).strip());
        pemChain = Files.readAllBytes(chainFile);
    }

    private static List<byte[]> certificates(byte[] pem) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            out.add(c.getEncoded());
        }
        return out;
    }

    @Test
    void aRealHopperReportAndChainPassThrough() throws Exception {
        byte[] nonce = Arrays.copyOfRange(report, 4, 36); // the nonce the sample report was made over
        byte[] rd = Arrays.copyOf(nonce, 64);
        Arrays.fill(rd, 32, 64, (byte) 0xAB); // the second half never reaches the GPU
        List<byte[]> chainDer = certificates(pemChain);
        byte[] derConcatenation = chainDer.stream().reduce(new byte[0], (a, b) -> {
            byte[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        });

        for (byte[] asNvmlGivesIt : List.of(pemChain, derConcatenation)) {
            NvmlFake nvml = new NvmlFake(1, i -> asNvmlGivesIt);
            nvml.reports = (i, n) -> report.clone();
            Evidence e = new NvmlGpuCollector(nvml, NvmlGpuCollectorTest.context(InputLimits.defaults()))
                    .collect(ReportData.of(rd));

            assertThat(nvml.nonces).containsExactly(nonce);
            assertThat(e.teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
            assertThat(e.data()).isEqualTo(report);
            assertThat(certificates(e.attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT).orElseThrow()))
                    .containsExactlyElementsOf(chainDer);
        }
        assertThat(chainDer).hasSize(5);
    }
}
