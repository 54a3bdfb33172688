package io.confidentialai.sdk.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code csdk verify} on real TDX quotes with Intel collateral and CCEL event logs (../shared/vectors/tdx). */
class TdxCollateralCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    static Path tdx(String file) {
        String configured = System.getProperty("csdk.vectors.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../../shared/vectors");
        assumeTrue(Files.isDirectory(dir.resolve("tdx")),
                "attestation test vectors not found at ../shared/vectors; skipping");
        return dir.resolve("tdx").resolve(file);
    }

    @Test
    void combinedCollateralFileGivesUpToDate() throws IOException {
        Run run = csdk("verify", "--evidence", tdx("dcapqvl-tdx-quote.dat").toString(), "--collateral",
                tdx("dcapqvl-tdx-quote-collateral.json").toString(), "--at", "2025-06-19T11:00:00Z", "--json");
        assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
        JsonNode o = run.json();
        assertThat(o.get("tcbStatus").asText()).isEqualTo("UP_TO_DATE");
        assertThat(o.at("/claims/tcbStatus").asText()).isEqualTo("UpToDate");
        assertThat(o.at("/claims/advisoryIds").isArray()).isTrue();
        assertThat(o.at("/claims/advisoryIds").size()).isZero();
        assertThat(o.at("/claims/fmspc").asText()).isEqualTo("b0c06f000000");
        assertThat(o.at("/claims/tdxModuleId").asText()).isEqualTo("TDX_01");
    }

    @Test
    void collateralDirectoryWorksLikeTheFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("collateral/intel-tdx"));
        Files.copy(tdx("dcapqvl-tdx-quote-collateral.json"), dir.resolve("collateral.json"));
        Run run = csdk("verify", "--tee", "tdx", "--evidence", tdx("dcapqvl-tdx-quote.dat").toString(),
                "--collateral", tmp.resolve("collateral").toString(), "--at", "2025-06-19T11:00:00Z", "--json");
        assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
        assertThat(run.json().get("tcbStatus").asText()).isEqualTo("UP_TO_DATE");
    }

    @Test
    void pcsFilesOfTheGoTdxGuestQuoteHaveNoMatchingTcbLevel() throws IOException {
        Run run = csdk("verify", "--evidence", tdx("gotdx-quote-v4-spr-e4.dat").toString(),
                "--collateral", tdx("gotdx-tcbinfo-50806f000000.json").toString(),
                "--collateral", tdx("gotdx-qe-identity.json").toString(),
                "--collateral", tdx("gotdx-pckcrl-platform.der").toString(),
                "--collateral", tdx("gotdx-rootcrl.der").toString(),
                "--at", "2023-07-01T00:00:00Z", "--json");
        assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isEqualTo(1);
        assertThat(run.json().at("/failures/0/code").asText()).isEqualTo("TCB_OUT_OF_DATE");
        assertThat(run.json().at("/failures/0/message").asText()).contains("no matching TCB level");
    }

    @Test
    void expiredCollateralIsReported() throws IOException {
        Run run = csdk("verify", "--evidence", tdx("dcapqvl-tdx-quote.dat").toString(), "--collateral",
                tdx("dcapqvl-tdx-quote-collateral.json").toString(), "--at", "2025-08-01T00:00:00Z", "--json");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.json().at("/failures/0/code").asText()).isEqualTo("COLLATERAL_EXPIRED");
    }

    @Test
    void textReportShowsTheTcbStatusAndItsReason() {
        Run run = csdk("verify", "--evidence", tdx("dcapqvl-tdx-quote.dat").toString(), "--collateral",
                tdx("dcapqvl-tdx-quote-collateral.json").toString(), "--at", "2025-06-19T11:00:00Z");
        assertThat(run.status()).as("stderr %s", run.err()).isZero();
        assertThat(run.out()).contains("tcb        UP_TO_DATE (UpToDate: platform TCB level of 2024-03-13T00:00:00Z");
    }

    @Test
    void ccelEventLogIsReplayed() throws IOException {
        Run ok = csdk("verify", "--evidence", tdx("gotdx-cos113-quote.dat").toString(), "--collateral",
                tdx("gotdx-cos113-ccel-data.dat").toString(), "--at", "2025-01-01T00:00:00Z", "--json");
        assertThat(ok.status()).as("stdout %s stderr %s", ok.out(), ok.err()).isZero();
        assertThat(ok.json().at("/claims/ccelReplay").asText()).isEqualTo("rtmr0-2 match");
        assertThat(ok.json().at("/claims/ccelEvents").size()).isEqualTo(43);

        Run bad = csdk("verify", "--evidence", tdx("trustee-tdx-quote-v4-debug.dat").toString(), "--collateral",
                tdx("trustee-ccel-data-for-quote-v4-debug.bin").toString(), "--at", "2024-01-01T00:00:00Z", "--json");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.json().at("/failures/0/code").asText()).isEqualTo("MEASUREMENT_MISMATCH");
    }

    @Test
    void realDebugTdPassesSignaturesAndTheDefaultPolicyRejectsIt() throws IOException {
        Path quote = tdx("trustee-tdx-quote-v4-debug.dat");
        Run authenticated = csdk("verify", "--evidence", quote.toString(), "--at", "2024-01-01T00:00:00Z", "--json");
        assertThat(authenticated.status()).as("stderr %s", authenticated.err()).isZero();
        assertThat(authenticated.json().get("debug").asBoolean()).isTrue();
        String mrTd = authenticated.json().at("/claims/mrTd").asText();

        Path policy = Files.writeString(tmp.resolve("policy.json"), AttestationPolicy.builder()
                .allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, mrTd)).build().toCanonicalString());
        Run rejected = csdk("verify", "--evidence", quote.toString(), "--at", "2024-01-01T00:00:00Z", "--policy",
                policy.toString(), "--json");
        assertThat(rejected.status()).isEqualTo(1);
        assertThat(rejected.json().at("/failures/0/code").asText()).isEqualTo("DEBUG_ENABLED");
    }

    @Test
    void hardwarePolicyWithoutCollateralFailsClosed() throws IOException {
        Path quote = tdx("gotdx-quote-v4-spr-e4.dat");
        Path policy = Files.writeString(tmp.resolve("policy.json"), AttestationPolicy.builder()
                .allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, "6363b8043668a3ad953278e10389574d326c6749fb7"
                        + "8aa810ecd9336923db86f22fc00b8dcd404bc10d5e119d7215cbb")).build().toCanonicalString());
        Run run = csdk("verify", "--evidence", quote.toString(), "--at", "2023-07-01T00:00:00Z", "--policy",
                policy.toString(), "--json");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.json().at("/failures/0/code").asText()).isEqualTo("COLLATERAL_UNAVAILABLE");
        assertThat(run.json().get("tcbStatus").asText()).isEqualTo("NOT_EVALUATED");
    }
}
