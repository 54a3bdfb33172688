package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RimMatch semantics on small simulated RIMs: alternatives, inactive and extra entries, missing blocks, conflicts. */
class RimMatchTest {
    static final Instant AT = Instant.parse("2026-11-21T00:00:00Z");
    static final HexFormat HEX = HexFormat.of();
    static final String A = "a1".repeat(48);
    static final String B = "b2".repeat(48);
    static final String C = "c3".repeat(48);
    static final String D = "d4".repeat(48);
    static RimTestPki pki;
    static RimDocument driver;
    static RimDocument vbios;

    @BeforeAll
    static void rims() throws Exception {
        pki = RimTestPki.create();
        // driver: SPDM 1 = A, SPDM 3 inactive (D); VBIOS: SPDM 2 = B or C, SPDM 5 = A
        driver = rim("550.90.07", RimTestSigner.resource(0, true, A), RimTestSigner.resource(2, false, D));
        vbios = rim("96.00.9F.00.01", RimTestSigner.resource(1, true, B, C), RimTestSigner.resource(4, true, A));
    }

    static RimDocument rim(String version, String... resources) throws AttestationVerificationException {
        RimTestSigner s = new RimTestSigner().version(version).resources(resources);
        s.tagId = "CSDK-MATCH-" + version;
        return RimDocument.parseAndVerify(s.sign(pki), AT, List.of(pki.root), 1 << 20);
    }

    static Map<Integer, byte[]> blocks(Object... indexAndHex) {
        Map<Integer, byte[]> m = new HashMap<>();
        for (int i = 0; i < indexAndHex.length; i += 2) {
            m.put((Integer) indexAndHex[i], HEX.parseHex((String) indexAndHex[i + 1]));
        }
        return m;
    }

    @Test
    void everyActiveEntryMatchedIsAMatchAndOtherBlocksAreIgnored() throws Exception {
        RimMatch m = RimMatch.compare(List.of(driver, vbios), blocks(1, A, 2, C, 3, A, 5, A, 64, B));
        assertThat(m.matches()).isTrue();
        assertThat(m.matched()).containsExactly(1, 2, 5);
        assertThat(m.mismatches()).isEmpty();
        assertThat(m.missing()).isEmpty();
    }

    @Test
    void mismatchAndMissingAreReportedByIndex() throws Exception {
        RimMatch m = RimMatch.compare(List.of(driver, vbios), blocks(1, B, 2, B));
        assertThat(m.matches()).isFalse();
        assertThat(m.mismatches()).containsExactly(1);
        assertThat(m.missing()).containsExactly(5);
        assertThat(m.matched()).containsExactly(2);
    }

    @Test
    void valueOfAnotherLengthIsAMismatch() throws Exception {
        RimMatch m = RimMatch.compare(List.of(driver), Map.of(1, HEX.parseHex(A.substring(0, 64))));
        assertThat(m.mismatches()).containsExactly(1);
    }

    @Test
    void skippedIndicesAreLeftOutButNothingComparedIsNoMatch() throws Exception {
        assertThat(RimMatch.compare(List.of(driver, vbios), blocks(1, A, 2, B, 5, D), Set.of(5)).matches()).isTrue();
        RimMatch nothing = RimMatch.compare(List.of(driver), Map.of(), Set.of(1));
        assertThat(nothing.matched()).isEmpty();
        assertThat(nothing.matches()).isFalse();
    }

    @Test
    void twoRimsWithTheSameActiveIndexAreAmbiguous() throws Exception {
        RimDocument other = rim("551.00", RimTestSigner.resource(4, true, A));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> RimMatch.compare(List.of(vbios, other), blocks(5, A)));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("measurement block 5", "551.00", "96.00.9F.00.01");
        assertThat(assertThrows(AttestationVerificationException.class,
                () -> RimMatch.compare(List.of(driver, driver), blocks(1, A))).reason())
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void inactiveEntryOfOneRimDoesNotConflictWithAnActiveOne() throws Exception {
        RimDocument third = rim("552.00", RimTestSigner.resource(2, true, C)); // SPDM 3, inactive in the driver RIM
        RimMatch m = RimMatch.compare(List.of(driver, third), blocks(1, A, 3, C));
        assertThat(m.matches()).isTrue();
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> RimMatch.compare(List.of(), Map.of()));
        assertThrows(NullPointerException.class, () -> RimMatch.compare(null, Map.of()));
        assertThrows(NullPointerException.class, () -> RimMatch.compare(List.of(driver), null));
    }

    @Test
    void resultListsAreImmutable() throws Exception {
        RimMatch m = RimMatch.compare(List.of(driver), blocks(1, B));
        assertThrows(UnsupportedOperationException.class, () -> m.mismatches().add(2));
        assertThat(m.toString()).contains("mismatches=[1]");
    }
}
