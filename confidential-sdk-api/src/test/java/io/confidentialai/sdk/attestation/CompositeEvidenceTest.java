package io.confidentialai.sdk.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Composite evidence: a CPU TEE's evidence carrying its accelerators' evidence in the portable envelope. */
class CompositeEvidenceTest {
    private static final TeePublicKeys KEYS = TeePublicKeys.of(filled(32, 1), filled(32, 2));

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static Evidence gpu(int v) {
        return Evidence.builder().teeType(TeeType.NVIDIA_GPU_CC).data(filled(40, v))
                .attachment("gpu-cert-chain.pem", "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII)).build();
    }

    @Test
    void acceleratorsRoundTripThroughTheEnvelopeInOrderAndChangeTheDigest() {
        Evidence cpu = Evidence.builder().teeType(TeeType.INTEL_TDX).data(filled(10, 9)).keys(KEYS).build();
        Evidence composite = cpu.toBuilder().addAccelerator(gpu(1)).addAccelerator(gpu(2)).build();

        Evidence back = Evidence.decode(composite.encode(), 1 << 20);
        assertThat(back).isEqualTo(composite);
        assertThat(back.accelerators()).hasSize(2);
        assertThat(back.accelerators().get(0).data()).isEqualTo(filled(40, 1));
        assertThat(back.accelerators().get(1).data()).isEqualTo(filled(40, 2));
        assertThat(back.accelerators().get(1).attachmentNames()).containsExactly("gpu-cert-chain.pem");
        assertThat(back.keys()).contains(KEYS);
        assertThat(composite.digest()).isNotEqualTo(cpu.digest());
        Evidence swapped = cpu.toBuilder().addAccelerator(gpu(2)).addAccelerator(gpu(1)).build();
        assertThat(swapped.digest()).isNotEqualTo(composite.digest());
        assertThat(new String(cpu.encode(), StandardCharsets.UTF_8)).doesNotContain("accelerators");
        assertThat(composite.toString()).contains("accelerators=");
    }

    @Test
    void acceleratorsCarryNoKeysNoNestingAndAreBounded() {
        Evidence.Builder b = Evidence.builder().teeType(TeeType.INTEL_TDX).data(filled(10, 9));
        Evidence withKeys = gpu(1).toBuilder().keys(KEYS).build();
        assertThrows(IllegalArgumentException.class, () -> b.addAccelerator(withKeys));
        Evidence nested = gpu(1).toBuilder().addAccelerator(gpu(2)).build();
        assertThrows(IllegalArgumentException.class, () -> b.addAccelerator(nested));
        for (int i = 0; i < Evidence.MAX_ACCELERATORS; i++) {
            b.addAccelerator(gpu(i));
        }
        assertThrows(IllegalArgumentException.class, () -> b.addAccelerator(gpu(99)));
    }

    @Test
    void decodeRejectsMalformedAcceleratorEntries() {
        String base = "{\"format\":\"csdk-evidence\",\"version\":1,\"tee\":\"intel-tdx\",\"data\":\"AQ==\",";
        byte[] notObject = (base + "\"accelerators\":[1]}").getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> Evidence.decode(notObject, 1 << 16));
        byte[] withKeys = (base + "\"accelerators\":[{\"tee\":\"nvidia-gpu-cc\",\"data\":\"AQ==\",\"keys\":{}}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> Evidence.decode(withKeys, 1 << 16));
        StringBuilder many = new StringBuilder(base).append("\"accelerators\":[");
        for (int i = 0; i <= Evidence.MAX_ACCELERATORS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"tee\":\"nvidia-gpu-cc\",\"data\":\"AQ==\"}");
        }
        byte[] tooMany = many.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> Evidence.decode(tooMany, 1 << 16));
    }
}
