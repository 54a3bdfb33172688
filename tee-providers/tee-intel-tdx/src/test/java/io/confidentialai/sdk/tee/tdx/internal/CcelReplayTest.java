package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.TeeClaims;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CCEL event-log replay (INDEX.md "CCEL event logs"). */
class CcelReplayTest {
    /** Skips the whole class when the shared vectors are absent (reads inside assertThrows would fail instead). */
    @org.junit.jupiter.api.BeforeAll
    static void requiresVectors() {
        Vectors.dir();
    }

    static final String COS113_QUOTE = "tdx/gotdx-cos113-quote.dat";
    static final String COS113_CCEL = "tdx/gotdx-cos113-ccel-data.dat";
    static final Instant COS113_AT = Instant.parse("2025-01-01T00:00:00Z");
    static final String TRUSTEE_QUOTE = "tdx/trustee-tdx-quote-v4-debug.dat";
    static final String TRUSTEE_CCEL = "tdx/trustee-ccel-data-for-quote-v4-debug.bin";

    static TeeClaims verify(String quote, Instant at, byte[] log) throws AttestationVerificationException {
        return TdxCollateralTest.verify(quote, at, Map.of("ccel.bin", log), CollateralSource.none());
    }

    @Test
    void cos113ReplayMatchesRtmr0To2() throws Exception {
        TeeClaims c = verify(COS113_QUOTE, COS113_AT, Vectors.read(COS113_CCEL));
        assertThat(c.details()).containsEntry("ccelReplay", "rtmr0-2 match");
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) c.details().get("ccelEvents");
        assertThat(events).hasSize(43); // INDEX.md: 43 events after the Spec ID event
        assertThat(events).allMatch(e -> e.matches("rtmr[0-3]:[A-Za-z0-9_]+:[0-9a-f]{96}"));
        assertThat(events).anyMatch(e -> e.startsWith("rtmr1:EV_EFI_BOOT_SERVICES_APPLICATION:"));
    }

    @Test
    void cos113ReplayValuesAreTheQuotesRtmrs() throws Exception {
        CcelLog log = CcelLog.replay(Vectors.read(COS113_CCEL));
        assertThat(HexText.encode(log.rtmrs[0])).startsWith("3fa2f61f395b7f5f");
        assertThat(HexText.encode(log.rtmrs[1])).startsWith("f62dbc072bd5d3f3");
        assertThat(HexText.encode(log.rtmrs[2])).startsWith("4969684dc87381fc");
        assertThat(log.extended).containsExactly(true, true, true, false);
    }

    @Test
    void trusteeLogDoesNotMatchItsQuote() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(TRUSTEE_QUOTE, Instant.parse("2024-01-01T00:00:00Z"), Vectors.read(TRUSTEE_CCEL)));
        assertThat(e.reason()).isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
        assertThat(e.getMessage()).contains("RTMR0").contains("2dc71230").contains("e940da7c");
    }

    @Test
    void logOfAnotherTdIsAMismatch() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify("tdx/gotdx-quote-v4-spr-e4.dat", Instant.parse("2023-07-01T00:00:00Z"),
                        Vectors.read(COS113_CCEL)));
        assertThat(e.reason()).isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
    }

    @Test
    void changedDigestInTheLogIsAMismatch() {
        byte[] log = Vectors.read(COS113_CCEL);
        // first measured event after the Spec ID event: header 8 + count 4 + alg 2, then the SHA-384 digest
        int specEnd = 32 + (log[28] & 0xff | (log[29] & 0xff) << 8);
        log[specEnd + 14] ^= 0x01;
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(COS113_QUOTE, COS113_AT, log));
        assertThat(e.reason()).isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
    }

    @Test
    void truncatedLogIsMalformed() {
        byte[] log = Vectors.read(COS113_CCEL);
        byte[] cut = Arrays.copyOf(log, 5000);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(COS113_QUOTE, COS113_AT, cut));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void everyTruncationIsMalformedOrAMismatch() {
        byte[] log = Vectors.read(COS113_CCEL);
        for (int len = 60; len < 18101; len += 397) {
            byte[] cut = Arrays.copyOf(log, len);
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> verifyOrThrow(cut));
            assertThat(e.reason()).as("length %d", len).isIn(ReasonCode.EVIDENCE_MALFORMED,
                    ReasonCode.MEASUREMENT_MISMATCH);
        }
    }

    private static TeeClaims verifyOrThrow(byte[] log) throws AttestationVerificationException {
        return verify(COS113_QUOTE, COS113_AT, log);
    }

    @Test
    void aLogWithoutSha384IsMalformed() {
        byte[] log = Vectors.read(COS113_CCEL);
        log[32 + 28] = 0x0b; // the only algorithm becomes SHA-256 (0x000b)
        assertThat(assertThrows(AttestationVerificationException.class, () -> CcelLog.replay(log)).reason())
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void twoLogsAreMalformed() {
        byte[] log = Vectors.read(COS113_CCEL);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> TdxCollateralTest.verify(COS113_QUOTE, COS113_AT, Map.of("a.bin", log, "b.bin", log),
                        CollateralSource.none()));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }
}
