package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The NVIDIA sample RIMs against the H100 sample report's 64 measurement blocks. INDEX.md says the RIMs are for other
 * firmware (driver 545.00 / VBIOS 96.00.5E.00.01 against a report from driver 550.90.07 / VBIOS 96.00.9F.00.01), so
 * only some active entries match; the exact lists below were cross-checked once with an independent Python decoding
 * of the same files (xml.etree + bytes.fromhex).
 */
class RimMatchVectorTest {
    /** Skips the whole class when the shared vectors are absent (reads inside assertThrows would fail instead). */
    @BeforeAll
    static void requiresVectors() {
        RimVectors.dir();
    }

    private static final List<Integer> DRIVER_MISMATCHES =
            List.of(8, 22, 23, 26, 27, 28, 30, 31, 32, 33, 35, 37, 38, 40, 41);
    private static final List<Integer> DRIVER_MATCHES = List.of(24, 25, 29, 34, 36, 39);

    static RimDocument rim(String file) throws AttestationVerificationException {
        return RimDocument.parseAndVerify(RimVectors.read(file), RimVectors.VALID, List.of(), RimVectors.MAX_BYTES);
    }

    @Test
    void reportHasSixtyFourBlocksOfSha384() {
        Map<Integer, byte[]> blocks = RimVectors.reportBlocks();
        assertThat(blocks).hasSize(64);
        assertThat(blocks.keySet()).startsWith(1, 2, 3).endsWith(64);
        assertThat(blocks.values()).allSatisfy(v -> assertThat(v).hasSize(48));
    }

    @Test
    void driverAndProductionVbiosRims() throws Exception {
        RimMatch match = RimMatch.compare(List.of(rim(RimVectors.DRIVER), rim(RimVectors.VBIOS_PROD)),
                RimVectors.reportBlocks());

        assertThat(match.matches()).isFalse();
        assertThat(match.mismatches()).containsExactly(2, 3, 8, 10, 12, 22, 23, 26, 27, 28, 30, 31, 32, 33, 35, 37,
                38, 40, 41);
        assertThat(match.missing()).isEmpty();
        assertThat(match.matched()).containsExactly(1, 4, 5, 6, 7, 9, 11, 13, 24, 25, 29, 34, 36, 39);
    }

    @Test
    void driverAndTestVbiosRims() throws Exception {
        RimMatch match = RimMatch.compare(List.of(rim(RimVectors.DRIVER), rim(RimVectors.VBIOS_TEST)),
                RimVectors.reportBlocks());

        assertThat(match.matches()).isFalse();
        assertThat(match.mismatches()).containsExactly(2, 3, 4, 8, 10, 12, 22, 23, 26, 27, 28, 30, 31, 32, 33, 35,
                37, 38, 40, 41);
        assertThat(match.missing()).isEmpty();
        assertThat(match.matched()).containsExactly(1, 5, 6, 7, 9, 11, 13, 24, 25, 29, 34, 36, 39);
    }

    @Test
    void driverRimAlone() throws Exception {
        RimMatch match = RimMatch.compare(List.of(rim(RimVectors.DRIVER)), RimVectors.reportBlocks());
        assertThat(match.mismatches()).isEqualTo(DRIVER_MISMATCHES);
        assertThat(match.matched()).isEqualTo(DRIVER_MATCHES);
    }

    @Test
    void missingBlocksAreReportedAndExtraBlocksIgnored() throws Exception {
        Map<Integer, byte[]> blocks = new TreeMap<>(RimVectors.reportBlocks());
        blocks.remove(24);
        blocks.remove(8);
        blocks.keySet().removeIf(i -> i > 41); // blocks 42-64 have no active entry anyway
        RimMatch match = RimMatch.compare(List.of(rim(RimVectors.DRIVER)), blocks);
        assertThat(match.missing()).containsExactly(8, 24);
        assertThat(match.mismatches()).doesNotContain(8, 24).hasSize(DRIVER_MISMATCHES.size() - 1);
        assertThat(match.matches()).isFalse();
    }

    @Test
    void reportPatchedWithReferenceValuesMatches() throws Exception {
        RimDocument driver = rim(RimVectors.DRIVER);
        RimDocument vbios = rim(RimVectors.VBIOS_PROD);
        Map<Integer, byte[]> blocks = new TreeMap<>(RimVectors.reportBlocks());
        for (RimDocument rim : List.of(driver, vbios)) {
            rim.activeDigests().forEach((index, values) -> blocks.put(index, values.get(values.size() - 1)));
        }
        RimMatch match = RimMatch.compare(List.of(driver, vbios), blocks);
        assertThat(match.matches()).isTrue();
        assertThat(match.matched()).hasSize(33);
    }

    @Test
    void nvdecSkipLeavesBlock36Out() throws Exception {
        RimMatch match = RimMatch.compare(List.of(rim(RimVectors.DRIVER)), RimVectors.reportBlocks(), Set.of(36));
        assertThat(match.matched()).doesNotContain(36).hasSize(DRIVER_MATCHES.size() - 1);
    }

    @Test
    void twoVbiosRimsAreAmbiguous() throws Exception {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> RimMatch.compare(List.of(rim(RimVectors.VBIOS_PROD), rim(RimVectors.VBIOS_TEST)),
                        RimVectors.reportBlocks()));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("measurement block 1", "96.00.5E.00.01");
    }
}
