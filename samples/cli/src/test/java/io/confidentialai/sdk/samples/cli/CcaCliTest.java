package io.confidentialai.sdk.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.tee.simulated.internal.SimulatedTeeProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code csdk verify --tee cca} on the Arm CCA tokens of ../shared/vectors/cca and on simulated tokens. */
class CcaCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO32 = "00".repeat(32);

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    static Run csdk(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    static String cca(String file) {
        String configured = System.getProperty("csdk.vectors.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../../shared/vectors");
        assumeTrue(Files.isDirectory(dir.resolve("cca")),
                "attestation test vectors not found at ../shared/vectors; skipping");
        return dir.resolve("cca").resolve(file).toString();
    }

    @ParameterizedTest(name = "--trust-anchor {0}")
    @ValueSource(strings = {"ccatoken-tfrmm-cca_platform.pub.pem", "rustcca-cpak.json", "rustcca-ta-tfa.json"})
    void aRealTokenVerifiesAgainstTheCpakInEachEncoding(String anchor) throws IOException {
        Run run = csdk("verify", "--tee", "cca", "--evidence", cca("rustcca-cca-token-01.cbor"), "--trust-anchor",
                cca(anchor), "--json");
        assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
        JsonNode o = run.json();
        assertThat(o.get("tee").asText()).isEqualTo("arm-cca");
        assertThat(o.get("verified").asBoolean()).isTrue();
        assertThat(o.get("hardware").asBoolean()).isTrue();
        assertThat(o.get("debug").asBoolean()).isFalse();
        assertThat(o.get("reportData").asText()).isEqualTo("ab".repeat(64));
        assertThat(o.at("/measurements/rim").asText()).isEqualTo(ZERO32);
        assertThat(o.at("/claims/realmInitialMeasurement").asText()).isEqualTo(ZERO32);
        assertThat(o.at("/claims/realmChallenge").asText()).isEqualTo("ab".repeat(64));
        assertThat(o.at("/claims/realmPersonalizationValue").asText()).startsWith("54686520717569636b");
        assertThat(o.at("/claims/realmExtensibleMeasurements").size()).isEqualTo(4);
        assertThat(o.at("/claims/platformChallenge").asText()).startsWith("b5973cb6");
        assertThat(o.at("/claims/implementationId").asText()).startsWith("7f454c46");
        assertThat(o.at("/claims/instanceId").asText()).startsWith("0107060504");
        assertThat(o.at("/claims/profile").asText()).isEqualTo("http://arm.com/CCA-SSD/1.0.0");
        assertThat(o.at("/claims/lifecycle").asText()).isEqualTo("secured");
        assertThat(o.at("/claims/swComponents").size()).isEqualTo(4);
    }

    @Test
    void theDraftFfmTokenIsRecognizedWithoutTee() throws IOException {
        Run run = csdk("verify", "--evidence", cca("rustcca-cca-token-draft-ffm-00.cbor"), "--json");
        // without --tee cca the anchor would be a simulation root; without any anchor the platform is unknown
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.json().get("tee").asText()).isEqualTo("arm-cca");
        assertThat(run.json().at("/failures/0/code").asText()).isEqualTo("CERT_CHAIN_INVALID");
    }

    @Test
    void negativeVectorsAreRejectedWithTheirReasons() throws IOException {
        String anchor = cca("rustcca-ta-tfa.json");
        assertThat(rejection("negative/rustcca-bug-33-repro.cbor", anchor)).isEqualTo("KEY_BINDING_MISMATCH");
        assertThat(rejection("negative/rustcca-cca-token-01-neg-lastbyte-xor01.cbor", anchor))
                .isEqualTo("SIGNATURE_INVALID");
    }

    private String rejection(String file, String anchor) throws IOException {
        Run run = csdk("verify", "--tee", "cca", "--evidence", cca(file), "--trust-anchor", anchor, "--json");
        assertThat(run.status()).as("stderr %s", run.err()).isEqualTo(1);
        return run.json().at("/failures/0/code").asText();
    }

    @Test
    void referenceValuesAndAPolicyGiveTheFullAppraisal() throws IOException {
        Path collateral = Files.createDirectories(tmp.resolve("collateral/arm-cca"));
        Files.copy(Path.of(cca("rustcca-rv.json")), collateral.resolve("reference-values.json"));
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, AttestationPolicy.builder()
                .allowMeasurement(Measurement.ofHex(MeasurementSlot.CCA_REALM_INITIAL, ZERO32))
                .requireClaim(TeeType.ARM_CCA, "lifecycle", "secured").build().toCanonicalString());
        Run run = csdk("verify", "--tee", "cca", "--evidence", cca("rustcca-cca-token-01.cbor"), "--trust-anchor",
                cca("ccatoken-tfrmm-cca_platform.pub.pem"), "--collateral", tmp.resolve("collateral").toString(),
                "--policy", policy.toString(), "--nonce", "ab".repeat(64), "--json");
        assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
        assertThat(run.json().get("tcbStatus").asText()).isEqualTo("UP_TO_DATE");

        Run noCollateral = csdk("verify", "--tee", "cca", "--evidence", cca("rustcca-cca-token-01.cbor"),
                "--trust-anchor", cca("ccatoken-tfrmm-cca_platform.pub.pem"), "--policy", policy.toString(), "--json");
        assertThat(noCollateral.status()).isEqualTo(1);
        assertThat(noCollateral.json().at("/failures/0/code").asText()).isEqualTo("COLLATERAL_UNAVAILABLE");
    }

    @Test
    void theTextReportShowsTheRealmMeasurements() {
        Run run = csdk("verify", "--tee", "cca", "--evidence", cca("rustcca-cca-token-01.cbor"), "--trust-anchor",
                cca("rustcca-cpak.json"));
        assertThat(run.status()).as("stderr %s", run.err()).isZero();
        assertThat(run.out()).contains("chain      OK (hardware root)").contains("rim        " + ZERO32)
                .contains("result     VERIFIED");
    }

    @Test
    void anUnusableAnchorIsReported() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.pem"), "not a key");
        Run run = csdk("verify", "--tee", "cca", "--evidence", cca("rustcca-cca-token-01.cbor"), "--trust-anchor",
                bad.toString(), "--json");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.json().at("/failures/0/code").asText()).isEqualTo("CERT_CHAIN_INVALID");
        assertThat(run.json().at("/failures/0/message").asText()).contains("trust anchor #1 is unusable");
    }

    @Test
    void simulatedTokensVerifyAgainstTheSimulationCpakAsASimulationRoot() throws IOException {
        Path sim = tmp.resolve("sim");
        SimulationOptions options = SimulationOptions.builder().format(TeeType.ARM_CCA).rootDirectory(sim).build();
        CollectorContext ctx = new CollectorContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public InputLimits limits() {
                return InputLimits.defaults();
            }

            @Override
            public Optional<SimulationOptions> simulation() {
                return Optional.of(options);
            }
        };
        byte[] token = new SimulatedTeeProvider().newCollector(ctx).orElseThrow()
                .collect(ReportData.padded(new byte[] {1, 2, 3})).data();
        Path file = Files.write(tmp.resolve("sim-cca.cbor"), token);

        // without --tee cca the file is a simulation root: verified, not hardware
        Run run = csdk("verify", "--evidence", file.toString(), "--trust-anchor",
                sim.resolve("simulation-cca-cpak.pem").toString(), "--json");
        assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
        assertThat(run.json().get("tee").asText()).isEqualTo("arm-cca");
        assertThat(run.json().get("hardware").asBoolean()).isFalse();
        assertThat(run.json().at("/claims/collectionTag").asLong()).isEqualTo(907);
        assertThat(run.json().get("reportData").asText()).startsWith("010203");
    }
}
