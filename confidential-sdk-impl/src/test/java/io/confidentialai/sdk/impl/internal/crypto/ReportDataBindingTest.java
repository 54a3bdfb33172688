package io.confidentialai.sdk.impl.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.impl.internal.crypto.ReportDataBinding.Outcome;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The fixed vectors here are also published in docs/key-binding.md; change both or neither. */
class ReportDataBindingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] BYTES_00_1F = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final TeePublicKeys KEYS = TeePublicKeys.of(filled(0x11), filled(0x22));
    private static final Challenge NONCE = Challenge.nonce(Nonce.of(BYTES_00_1F));
    private static final Challenge ORDER = Challenge.order(Digest.ofSha256(BYTES_00_1F), Instant.EPOCH);

    private static final String NONCE_REPORT_DATA = "28607b03b87289df1326f227eb1864000b5d03429077fb1acf4d9d8f9e65954e"
            + "0780244f8e20f1cd9512d9bf18602738ec7248b3f7ee48cb5d4d8a4dc5c095cd";
    private static final String ORDER_REPORT_DATA = "c9f215a929815cfe24f17777eb237f736896f09f1269c4ccea1f3ae761aa0bc1"
            + "079c2a7c89d84308b46adcaf6a73f36c881049a1e756799009d86da4ce10ef66";
    private static final String NONCE_GPU_NONCE = "454d9621b88bfada07a53fb9a9243fdcd6160698d211836958eb5711e07c1428";
    private static final String ORDER_GPU_NONCE = "e85efd980d6ecf7ded5f48d8e6b0e2528855d0642a9d3f4dce87d4aa0cdd6396";

    private static byte[] filled(int b) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) b);
        return out;
    }

    @Test
    void nonceVector() {
        ReportData rd = ReportDataBinding.commit(NONCE, KEYS);
        assertThat(rd.toHex()).isEqualTo(NONCE_REPORT_DATA);
        assertThat(HEX.formatHex(ReportDataBinding.gpuNonce(rd))).isEqualTo(NONCE_GPU_NONCE);
    }

    @Test
    void orderVector() {
        ReportData rd = ReportDataBinding.commit(ORDER, KEYS);
        assertThat(rd.toHex()).isEqualTo(ORDER_REPORT_DATA);
        assertThat(HEX.formatHex(ReportDataBinding.gpuNonce(rd))).isEqualTo(ORDER_GPU_NONCE);
    }

    @Test
    void firstHalfHashesTheDocumentedPreimage() throws Exception {
        byte[] preimage = HEX.parseHex("6373646b2d62696e64696e672d76312f6368616c6c656e6765" // "csdk-binding-v1/challenge"
                + "00" + "01" + "0020" + HEX.formatHex(BYTES_00_1F));
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(preimage);
        assertThat(ReportDataBinding.challengeHalf(NONCE)).isEqualTo(expected);
        assertThat(NONCE_REPORT_DATA).startsWith(HEX.formatHex(expected));
    }

    @Test
    void matchingEvidenceMatches() {
        assertThat(ReportDataBinding.check(ReportData.of(HEX.parseHex(NONCE_REPORT_DATA)), NONCE, KEYS))
                .isEqualTo(Outcome.MATCH);
        assertThat(ReportDataBinding.check(ReportData.of(HEX.parseHex(ORDER_REPORT_DATA)), ORDER, KEYS))
                .isEqualTo(Outcome.MATCH);
    }

    @Test
    void anotherChallengeIsAChallengeMismatch() {
        ReportData rd = ReportDataBinding.commit(NONCE, KEYS);
        byte[] other = BYTES_00_1F.clone();
        other[31] ^= 1;
        assertThat(ReportDataBinding.check(rd, Challenge.nonce(Nonce.of(other)), KEYS)).isEqualTo(Outcome.CHALLENGE_MISMATCH);
        // same 32 bytes, other kind: domain-separated
        assertThat(ReportDataBinding.check(rd, ORDER, KEYS)).isEqualTo(Outcome.CHALLENGE_MISMATCH);
        assertThat(ReportDataBinding.check(ReportDataBinding.commit(ORDER, KEYS), NONCE, KEYS))
                .isEqualTo(Outcome.CHALLENGE_MISMATCH);
        // a challenge mismatch wins even when the keys differ too
        assertThat(ReportDataBinding.check(rd, ORDER, TeePublicKeys.of(filled(0x33), filled(0x44))))
                .isEqualTo(Outcome.CHALLENGE_MISMATCH);
        // evidence with unrelated report data (e.g. all zeros)
        assertThat(ReportDataBinding.check(ReportData.of(new byte[64]), NONCE, KEYS)).isEqualTo(Outcome.CHALLENGE_MISMATCH);
    }

    @Test
    void otherKeysAreAKeyMismatch() {
        ReportData rd = ReportDataBinding.commit(NONCE, KEYS);
        assertThat(ReportDataBinding.check(rd, NONCE, TeePublicKeys.of(filled(0x33), filled(0x22)))).isEqualTo(Outcome.KEY_MISMATCH);
        assertThat(ReportDataBinding.check(rd, NONCE, TeePublicKeys.of(filled(0x11), filled(0x33)))).isEqualTo(Outcome.KEY_MISMATCH);
        assertThat(ReportDataBinding.check(rd, NONCE, TeePublicKeys.of(filled(0x22), filled(0x11)))).isEqualTo(Outcome.KEY_MISMATCH);
    }

    @Test
    void everyFlippedByteIsClassifiedByItsHalf() {
        byte[] good = ReportDataBinding.commit(ORDER, KEYS).toByteArray();
        for (int i = 0; i < ReportData.LENGTH; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertThat(ReportDataBinding.check(ReportData.of(bad), ORDER, KEYS))
                    .as("byte %d", i)
                    .isEqualTo(i < 32 ? Outcome.CHALLENGE_MISMATCH : Outcome.KEY_MISMATCH);
        }
    }

    @Test
    void theGpuNonceDependsOnTheWholeReportData() {
        byte[] rd = ReportDataBinding.commit(NONCE, KEYS).toByteArray();
        rd[63] ^= 1;
        assertThat(ReportDataBinding.gpuNonce(ReportData.of(rd))).hasSize(32)
                .isNotEqualTo(HEX.parseHex(NONCE_GPU_NONCE));
    }

    @Test
    void reportDataChallengesBindNoKeys() {
        Challenge exact = Challenge.reportData(ReportData.of(new byte[64]), Instant.EPOCH);
        assertThatThrownBy(() -> ReportDataBinding.commit(exact, KEYS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportDataBinding.check(ReportData.of(new byte[64]), exact, KEYS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
