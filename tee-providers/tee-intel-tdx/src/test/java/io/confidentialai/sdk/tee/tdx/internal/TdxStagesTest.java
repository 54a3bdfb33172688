package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark seam {@link TdxStages}: every stage runs the verifier's code, and it refuses a quote that fails. */
class TdxStagesTest {
    /** Skips the whole class when the shared vectors are absent. */
    @BeforeAll
    static void requiresVectors() {
        Vectors.dir();
    }

    @Test
    void everyStageRunsOnTheDcapQvlQuote() throws Exception {
        Map<String, Callable<Object>> stages = TdxStages.of(Vectors.read(TdxCollateralTest.DCAP_QUOTE),
                Vectors.read(TdxCollateralTest.DCAP_COLLATERAL), TdxCollateralTest.DCAP_AT);
        assertThat(stages.keySet()).containsExactly("verify", "verifyWithoutCollateral", "verifyColdVerifier",
                "parseQuote", "parsePckChain", "pckChainCached", "pckChainCold", "qeReportSignature",
                "qeReportSignatureNewKey", "qeBinding", "quoteSignature", "quoteSignatureNewKey", "pckExtensions",
                "collateralLookup", "collateralChecks", "tcbEvaluation", "claims", "collateralParseCold");
        TeeClaims verified = (TeeClaims) stages.get("verify").call();
        assertThat(verified.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(stages.get("verifyColdVerifier").call()).isEqualTo(verified);
        assertThat(((TeeClaims) stages.get("verifyWithoutCollateral").call()).tcbStatus())
                .isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(stages.get("claims").call()).as("the claims stage builds what the verifier returns")
                .isEqualTo(verified);
        for (String signature : new String[] {"pckChainCached", "pckChainCold", "qeReportSignature",
            "qeReportSignatureNewKey", "qeBinding", "quoteSignature", "quoteSignatureNewKey"}) {
            assertThat(stages.get(signature).call()).as(signature).isEqualTo(Boolean.TRUE);
        }
        assertThat(((TcbEvaluator.Result) stages.get("tcbEvaluation").call()).status())
                .isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(((TcbEvaluator.Result) stages.get("collateralChecks").call()).intelStatus()).isEqualTo("UpToDate");
    }

    @Test
    void aQuoteThatDoesNotVerifyGetsNoStages() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> TdxStages.of(Vectors.read(TdxCollateralTest.DCAP_QUOTE),
                        Vectors.read(TdxCollateralTest.DCAP_COLLATERAL), Instant.parse("2025-08-01T00:00:00Z")));
        assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_EXPIRED);
        byte[] tampered = Vectors.read(TdxCollateralTest.DCAP_QUOTE);
        tampered[200] ^= 1;
        assertThat(assertThrows(AttestationVerificationException.class, () -> TdxStages.of(tampered,
                Vectors.read(TdxCollateralTest.DCAP_COLLATERAL), TdxCollateralTest.DCAP_AT)).reason())
                .isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }
}
