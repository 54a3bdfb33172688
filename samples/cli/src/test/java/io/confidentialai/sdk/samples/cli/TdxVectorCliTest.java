package io.confidentialai.sdk.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code csdk verify} on every TDX vector of ../shared/vectors/INDEX.md: each positive with {@code --tee tdx} and with
 * {@code --tee auto}, the JSON claim names of the issue, each negative's reason code, and the real debug TD through
 * the engine with a default policy.
 */
class TdxVectorCliTest {
    /** The JSON claim names the issue lists for every TDX quote; TDX 1.5 bodies add {@link #TDX15_CLAIMS}. */
    static final List<String> CLAIMS = List.of("quoteVersion", "teeTcbSvn", "mrSeam", "mrSignerSeam", "seamAttributes",
            "tdAttributes", "debug", "xfam", "mrTd", "mrConfigId", "mrOwner", "mrOwnerConfig", "rtmr0", "rtmr1", "rtmr2",
            "rtmr3", "reportData", "fmspc", "tcbStatus", "advisoryIds");
    static final List<String> TDX15_CLAIMS = List.of("teeTcbSvn2", "mrServiceTd");

    @TempDir
    Path tmp;

    /** Skips the whole class when the shared vectors are absent. */
    @BeforeAll
    static void requiresVectors() {
        TdxCollateralCliTest.tdx(".");
    }

    static TdxCollateralCliTest.Run csdk(String... args) {
        return TdxCollateralCliTest.csdk(args);
    }

    static Path tdx(String file) {
        return TdxCollateralCliTest.tdx(file);
    }

    /** file, instant, version, debug, MRTD prefix, REPORTDATA prefix, FMSPC (INDEX.md). */
    static Stream<Arguments> positives() {
        return Stream.of(
                Arguments.of("gotdx-quote-v4-spr-e4.dat", "2023-07-01T00:00:00Z", 4, false, "6363b8043668a3ad",
                        "6c62dec1", "50806f000000"),
                Arguments.of("gotdx-quote-v5-sample.dat", "2026-02-03T00:00:00Z", 5, false, "7348651a34b2d2d3",
                        "945eaacf", "90c06f000000"),
                Arguments.of("gotdx-cos113-quote.dat", "2025-01-01T00:00:00Z", 4, false, "dae67181d3d65e07",
                        "00000000", "00806f050000"),
                Arguments.of("trustee-tdx-quote-v4-debug.dat", "2024-01-01T00:00:00Z", 4, true, "705ee9381b8633a9",
                        "7c71fe2c", "50806f000000"),
                Arguments.of("dcapqvl-tdx-quote.dat", "2025-06-19T11:00:00Z", 4, false, "91eb2b44d141d4ec",
                        "9a9d48e7", "b0c06f000000"),
                Arguments.of("dcapqvl-tdx-quote-outdated.dat", "2026-03-01T00:00:00Z", 5, false, "273828c46252fcbd",
                        "d2142b64", "90c06f000000"));
    }

    static Stream<Arguments> positivesWithTee() {
        return positives().flatMap(a -> Stream.of("tdx", "auto").map(tee -> {
            List<Object> args = new ArrayList<>(List.of(a.get()));
            args.add(0, tee);
            return Arguments.of(args.toArray());
        }));
    }

    @ParameterizedTest(name = "--tee {0} {1}")
    @MethodSource("positivesWithTee")
    void everyPositiveVectorVerifiesWithoutCollateral(String tee, String file, String at, int version, boolean debug,
            String mrTd, String reportData, String fmspc) throws IOException {
        TdxCollateralCliTest.Run run = csdk("verify", "--tee", tee, "--evidence", tdx(file).toString(), "--at", at,
                "--json");
        assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
        JsonNode o = run.json();
        assertThat(o.get("verified").asBoolean()).isTrue();
        assertThat(o.get("hardware").asBoolean()).isTrue();
        assertThat(o.get("tee").asText()).isEqualTo("intel-tdx");
        assertThat(o.get("debug").asBoolean()).isEqualTo(debug);
        assertThat(o.get("tcbStatus").asText()).isEqualTo("NOT_EVALUATED");
        JsonNode c = o.get("claims");
        assertThat(c.get("quoteVersion").asInt()).isEqualTo(version);
        assertThat(c.get("debug").asBoolean()).isEqualTo(debug);
        assertThat(c.get("mrTd").asText()).startsWith(mrTd).hasSize(96);
        assertThat(c.get("reportData").asText()).startsWith(reportData).hasSize(128);
        assertThat(c.get("fmspc").asText()).isEqualTo(fmspc);
        assertThat(c.get("tcbStatus").asText()).isEqualTo("NotEvaluated");
        assertThat(c.get("advisoryIds").isArray()).isTrue();
        assertThat(c.get("advisoryIds").size()).isZero();
    }

    @Test
    void jsonClaimNamesAreTheIssuesListWithTdx15NamesOnlyForTdx15Bodies() throws IOException {
        JsonNode v4 = csdk("verify", "--evidence", tdx("gotdx-quote-v4-spr-e4.dat").toString(), "--at",
                "2023-07-01T00:00:00Z", "--json").json().get("claims");
        assertThat(names(v4)).containsAll(CLAIMS).doesNotContainAnyElementsOf(TDX15_CLAIMS);
        JsonNode v5 = csdk("verify", "--evidence", tdx("gotdx-quote-v5-sample.dat").toString(), "--at",
                "2026-02-03T00:00:00Z", "--json").json().get("claims");
        assertThat(names(v5)).containsAll(CLAIMS).containsAll(TDX15_CLAIMS);
        assertThat(v5.get("teeTcbSvn2").asText()).startsWith("0d010400").hasSize(32);
        assertThat(v5.get("mrServiceTd").asText()).hasSize(96);
        for (JsonNode c : List.of(v4, v5)) {
            assertThat(c.get("quoteVersion").isIntegralNumber()).isTrue();
            assertThat(c.get("debug").isBoolean()).isTrue();
            assertThat(c.get("advisoryIds").isArray()).isTrue();
            for (String hex : List.of("teeTcbSvn", "mrSeam", "mrSignerSeam", "seamAttributes", "tdAttributes", "xfam",
                    "mrTd", "mrConfigId", "mrOwner", "mrOwnerConfig", "rtmr0", "rtmr1", "rtmr2", "rtmr3", "reportData",
                    "fmspc")) {
                assertThat(c.get(hex).asText()).as(hex).matches("[0-9a-f]+");
            }
        }
    }

    @Test
    void combinedCollateralWithTeeTdxGivesTheTcbStatusAndAdvisoryIds() throws IOException {
        TdxCollateralCliTest.Run run = csdk("verify", "--tee", "tdx", "--evidence", tdx("dcapqvl-tdx-quote.dat").toString(),
                "--collateral", tdx("dcapqvl-tdx-quote-collateral.json").toString(), "--at", "2025-06-19T11:00:00Z",
                "--json");
        assertThat(run.status()).as("stderr %s", run.err()).isZero();
        JsonNode c = run.json().get("claims");
        assertThat(names(c)).containsAll(CLAIMS);
        assertThat(c.get("tcbStatus").asText()).isEqualTo("UpToDate");
        assertThat(c.get("advisoryIds").size()).isZero();
    }

    @Test
    void hexTextQuoteVerifiesLikeTheBinary() throws IOException {
        byte[] quote = Files.readAllBytes(tdx("gotdx-quote-v4-spr-e4.dat"));
        Path hex = Files.writeString(tmp.resolve("quote.hex"), HexFormat.of().formatHex(quote) + "\n",
                StandardCharsets.US_ASCII);
        TdxCollateralCliTest.Run run = csdk("verify", "--evidence", hex.toString(), "--at", "2023-07-01T00:00:00Z",
                "--json");
        assertThat(run.status()).as("stderr %s", run.err()).isZero();
        assertThat(run.json().at("/claims/mrTd").asText()).startsWith("6363b8043668a3ad");
    }

    static Stream<Arguments> negatives() {
        return Stream.of(
                Arguments.of("gotdx-spr-e4-neg-version-0x00-set3.dat", "UNSUPPORTED_EVIDENCE_FORMAT"),
                Arguments.of("gotdx-spr-e4-neg-sigdatasize-0x278-set0x10.dat", "EVIDENCE_MALFORMED"),
                Arguments.of("gotdx-spr-e4-neg-pemchain-0x1343-set0x32.dat", "CERT_CHAIN_INVALID"),
                Arguments.of("gotdx-spr-e4-neg-rootcert-0x1329-set0x32.dat", "CERT_CHAIN_INVALID"),
                Arguments.of("gotdx-spr-e4-neg-intermediate-0xF5F-set0x32.dat", "CERT_CHAIN_INVALID"),
                Arguments.of("gotdx-spr-e4-neg-pckcert-0xB77-set0x32.dat", "CERT_CHAIN_INVALID"),
                Arguments.of("gotdx-spr-e4-neg-header-0x1E-set0x32.dat", "SIGNATURE_INVALID"),
                Arguments.of("gotdx-spr-e4-neg-body-0x3C-set0x32.dat", "SIGNATURE_INVALID"),
                Arguments.of("trustee-sgx-quote-v3-occlum.dat", "UNSUPPORTED_EVIDENCE_FORMAT"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("negatives")
    void everyNegativeVectorIsRejectedWithItsReasonCode(String file, String code) throws IOException {
        Path quote = tdx("negative/" + file);
        TdxCollateralCliTest.Run run = csdk("verify", "--tee", "tdx", "--evidence", quote.toString(), "--at",
                "2023-07-01T00:00:00Z", "--json");
        assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isEqualTo(1);
        assertThat(run.json().get("verified").asBoolean()).isFalse();
        assertThat(run.json().at("/failures/0/code").asText()).isEqualTo(code);

        // --tee auto recognizes only TDX v4/v5 headers: the v3 and SGX quotes are not detected as TDX at all
        TdxCollateralCliTest.Run auto = csdk("verify", "--evidence", quote.toString(), "--at", "2023-07-01T00:00:00Z",
                "--json");
        if (Set.of("gotdx-spr-e4-neg-version-0x00-set3.dat", "trustee-sgx-quote-v3-occlum.dat").contains(file)) {
            assertThat(auto.status()).isEqualTo(Main.EXIT_USAGE);
            assertThat(auto.err()).contains("cannot detect the evidence format; pass --tee");
        } else {
            assertThat(auto.status()).isEqualTo(1);
            assertThat(auto.json().at("/failures/0/code").asText()).isEqualTo(code);
        }
    }

    /** The real debug TD through the public API: authentic hardware evidence, rejected by a default policy. */
    @Test
    void realDebugTdIsAuthenticButADefaultPolicyRejectsItWithDebugEnabled() throws Exception {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        Evidence evidence = Evidence.of(TeeType.INTEL_TDX,
                Files.readAllBytes(tdx("trustee-tdx-quote-v4-debug.dat")));
        try (ConfidentialClient client = ConfidentialClient.builder().clock(Clock.fixed(at, ZoneOffset.UTC)).build()) {
            TeeClaims claims = client.attestations().authenticate(evidence);
            assertThat(claims.isHardware()).isTrue();
            assertThat(claims.isDebug()).isTrue();
            assertThat(claims.details()).containsEntry("tdAttributes", "0100001000000000");
            // a default policy: only the MRTD pinned (a hardware policy must pin a measurement), every default kept
            AttestationPolicy policy = AttestationPolicy.builder()
                    .allowMeasurement(claims.measurement(MeasurementSlot.MRTD).orElseThrow()).build();
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> client.attestations().verify(evidence, policy, Challenge.reportData(claims.reportData(), at)));
            assertThat(e.reason()).isEqualTo(ReasonCode.DEBUG_ENABLED);
        }
    }

    /** Without collateral the TCB is not evaluated, and a policy that requires a TCB status rejects. */
    @Test
    void withoutCollateralATcbPolicyRejectsAndWithCollateralItAccepts() throws Exception {
        Instant at = Instant.parse("2025-06-19T11:00:00Z");
        byte[] quote = Files.readAllBytes(tdx("dcapqvl-tdx-quote.dat"));
        try (ConfidentialClient client = ConfidentialClient.builder().clock(Clock.fixed(at, ZoneOffset.UTC)).build()) {
            Evidence bare = Evidence.of(TeeType.INTEL_TDX, quote);
            TeeClaims claims = client.attestations().authenticate(bare);
            assertThat(claims.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
            Measurement mrTd = claims.measurement(MeasurementSlot.MRTD).orElseThrow();
            AttestationPolicy policy = AttestationPolicy.builder().allowMeasurement(mrTd).build();
            Challenge challenge = Challenge.reportData(claims.reportData(), at);
            assertThat(assertThrows(AttestationVerificationException.class,
                    () -> client.attestations().verify(bare, policy, challenge)).reason())
                    .isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);

            Evidence withCollateral = Evidence.builder().teeType(TeeType.INTEL_TDX).data(quote)
                    .attachment("collateral.json", Files.readAllBytes(tdx("dcapqvl-tdx-quote-collateral.json")))
                    .build();
            assertThat(client.attestations().verify(withCollateral, policy, challenge).claims().tcbStatus())
                    .isEqualTo(TcbStatus.UP_TO_DATE);
        }
    }

    private static List<String> names(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
