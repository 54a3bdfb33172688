package io.confidentialai.sdk.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaGpuEvidenceTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsTheListIntoOneEvidencePerGpuInOrder() {
        String json = "[{\"arch\":\"HOPPER\",\"nonce\":\"00\",\"certificate\":\"" + b64("chain-0") + "\",\"evidence\":\""
                + b64("report-0") + "\"},\n {\"certificate\":\"" + b64("chain-1") + "\",\"evidence\":\""
                + b64("report-1").replaceAll("(.{4})", "$1\\\\n") + "\"}]";
        assertThat(NvidiaGpuEvidence.isEvidenceList(utf8("  \n" + json))).isTrue();
        List<Evidence> gpus = NvidiaGpuEvidence.parseEvidenceList(utf8(json), 1 << 16);
        assertThat(gpus).hasSize(2);
        assertThat(gpus.get(0).teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
        assertThat(new String(gpus.get(0).data(), StandardCharsets.US_ASCII)).isEqualTo("report-0");
        assertThat(new String(gpus.get(1).data(), StandardCharsets.US_ASCII)).isEqualTo("report-1");
        assertThat(gpus.get(1).attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT).map(b -> new String(b, StandardCharsets.US_ASCII)))
                .contains("chain-1");
    }

    @Test
    void rejectsEverythingElseWithAClearMessage() {
        assertThat(NvidiaGpuEvidence.isEvidenceList(utf8("{\"a\":1}"))).isFalse();
        assertThat(NvidiaGpuEvidence.isEvidenceList(new byte[] {0x11, (byte) 0xE0})).isFalse();
        String ok = "{\"certificate\":\"" + b64("c") + "\",\"evidence\":\"" + b64("r") + "\"}";
        assertThrows(IllegalArgumentException.class, () -> NvidiaGpuEvidence.parseEvidenceList(utf8("[]"), 1 << 16));
        assertThrows(IllegalArgumentException.class, () -> NvidiaGpuEvidence.parseEvidenceList(utf8("{}"), 1 << 16));
        assertThrows(IllegalArgumentException.class, () -> NvidiaGpuEvidence.parseEvidenceList(utf8("[1]"), 1 << 16));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> NvidiaGpuEvidence.parseEvidenceList(utf8("[" + ok + ",{\"evidence\":\"" + b64("r") + "\"}]"), 1 << 16));
        assertThat(missing.getMessage()).startsWith("GPU evidence list entry 1:");
        assertThrows(IllegalArgumentException.class, () -> NvidiaGpuEvidence.parseEvidenceList(
                utf8("[{\"certificate\":\"" + b64("c") + "\",\"evidence\":\"!!!!\"}]"), 1 << 16));
        assertThrows(IllegalArgumentException.class, () -> NvidiaGpuEvidence.parseEvidenceList(
                utf8("[{\"certificate\":\"" + b64("c") + "\",\"evidence\":\"" + b64("r") + "\",\"extra\":1}]"), 1 << 16));
        assertThrows(IllegalArgumentException.class, () -> NvidiaGpuEvidence.parseEvidenceList(utf8("[" + ok + "]"), 10));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= Evidence.MAX_ACCELERATORS; i++) {
            many.append(i == 0 ? "" : ",").append(ok);
        }
        assertThrows(IllegalArgumentException.class,
                () -> NvidiaGpuEvidence.parseEvidenceList(utf8(many.append("]").toString()), 1 << 16));
    }
}
