package io.confidentialai.sdk.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code csdk verify --tee sev-snp|auto} on the AMD SEV-SNP reports of ../shared/vectors/snp. */
class SnpCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MILAN_AT = "2024-01-01T00:00:00Z";

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

    static String vector(String file) {
        String configured = System.getProperty("csdk.vectors.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../../shared/vectors");
        assumeTrue(Files.isDirectory(dir.resolve("snp")),
                "attestation test vectors not found at ../shared/vectors; skipping");
        return dir.resolve(file).toString();
    }

    @Test
    void hexReportWithItsVcekVerifiesWithTcbObjects() throws IOException {
        Run run = csdk("verify", "--evidence", vector("snp/virtee-milan-report.hex"), "--tee", "sev-snp",
                "--cert", vector("snp/virtee-milan-vcek.der"), "--at", MILAN_AT, "--json");
        assertThat(run.status()).as(run.err() + run.out()).isZero();
        JsonNode j = run.json();
        assertThat(j.get("tee").asText()).isEqualTo("amd-sev-snp");
        assertThat(j.get("verified").asBoolean()).isTrue();
        assertThat(j.get("hardware").asBoolean()).isTrue();
        assertThat(j.get("debug").asBoolean()).isFalse();
        assertThat(j.get("tcbStatus").asText()).isEqualTo("NOT_EVALUATED");
        assertThat(j.get("measurements").get("measurement").asText()).startsWith("7a1e5c266c0108db");
        JsonNode c = j.get("claims");
        assertThat(c.get("reportVersion").asLong()).isEqualTo(2);
        assertThat(c.get("product").asText()).isEqualTo("Milan");
        assertThat(c.get("signingKey").asText()).isEqualTo("vcek");
        assertThat(c.get("vmpl").asLong()).isZero();
        JsonNode tcb = c.get("reportedTcb");
        assertThat(tcb.isObject()).isTrue();
        assertThat(tcb.get("bootloader").asLong()).isEqualTo(3);
        assertThat(tcb.get("tee").asLong()).isZero();
        assertThat(tcb.get("snp").asLong()).isEqualTo(8);
        assertThat(tcb.get("microcode").asLong()).isEqualTo(115);
        assertThat(tcb.has("fmc")).isFalse();
        assertThat(tcb.get("value").asText()).isEqualTo("0x7308000000000003");
        for (String name : new String[] {"currentTcb", "committedTcb", "launchTcb", "policy", "platformInfo"}) {
            assertThat(c.get(name).isObject()).as(name).isTrue();
        }
        assertThat(c.get("policy").get("debug").asBoolean()).isFalse();
        assertThat(c.get("policy").get("smt").asBoolean()).isTrue();
        assertThat(c.get("chipId").asText()).startsWith("d49554ec").endsWith("1eb6");
    }

    @Test
    void binaryReportIsDetectedAutomaticallyAndAPemBundleIsAccepted() throws IOException {
        Path bundle = tmp.resolve("VCEK+chain.pem");
        byte[] vcek = Files.readAllBytes(Path.of(vector("snp/trustee-test-vcek.der")));
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(vcek)
                + "\n-----END CERTIFICATE-----\n"
                + Files.readString(Path.of(vector("roots/amd-gosev-ask_ark_milan.pem")));
        Files.writeString(bundle, pem, StandardCharsets.US_ASCII);
        Run run = csdk("verify", "--evidence", vector("snp/trustee-test-report.bin"), "--cert", bundle.toString(),
                "--at", MILAN_AT);
        assertThat(run.status()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("amd-sev-snp").contains("OK (hardware root)").contains("VERIFIED");
    }

    @Test
    void vlekReportVerifiesThroughTheAsvk() throws IOException {
        Run run = csdk("verify", "--evidence", vector("snp/trustee-test-vlek-report.bin"), "--cert",
                vector("snp/trustee-test-vlek.der"), "--at", "2025-06-01T00:00:00Z", "--json");
        assertThat(run.status()).as(run.err() + run.out()).isZero();
        assertThat(run.json().get("claims").get("signingKey").asText()).isEqualTo("vlek");
        assertThat(run.json().get("claims").get("cpuid").get("family").asLong()).isEqualTo(0x19);
    }

    @Test
    void debugReportIsRejectedByAPolicyWithDebugEnabled() throws IOException {
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, AttestationPolicy.builder().insecureAnyMeasurement(TeeType.AMD_SEV_SNP).build()
                .toCanonicalString());
        Run run = csdk("verify", "--evidence", vector("snp/gosev-milan-report.bin"), "--cert",
                vector("snp/gosev-milan-vcek.der"), "--at", MILAN_AT, "--policy", policy.toString(), "--json");
        assertThat(run.status()).isEqualTo(1);
        JsonNode j = run.json();
        assertThat(j.get("failures").get(0).get("code").asText()).isEqualTo("DEBUG_ENABLED");
        assertThat(j.get("debug").asBoolean()).isTrue();
        assertThat(j.get("claims").get("policy").get("debug").asBoolean()).isTrue();
    }

    @Test
    void negativeVectorsAreRejectedWithTheirCodes() throws IOException {
        Run sig = csdk("verify", "--evidence", vector("snp/negative/trustee-report-neg-byte42-plus1.bin"), "--cert",
                vector("snp/trustee-test-vcek.der"), "--at", MILAN_AT, "--json");
        assertThat(sig.status()).isEqualTo(1);
        assertThat(sig.json().get("failures").get(0).get("code").asText()).isEqualTo("SIGNATURE_INVALID");
        Run chain = csdk("verify", "--evidence", vector("snp/trustee-test-report.bin"), "--cert",
                vector("snp/negative/trustee-vcek-neg-byte42-plus1.der"), "--at", MILAN_AT, "--json");
        assertThat(chain.json().get("failures").get(0).get("code").asText()).isEqualTo("CERT_CHAIN_INVALID");
    }

    @Test
    void reportWithoutVcekNamesTheMissingCollateral() throws IOException {
        Run run = csdk("verify", "--evidence", vector("snp/trustee-test-report.bin"), "--at", MILAN_AT, "--json");
        assertThat(run.status()).isEqualTo(1);
        JsonNode f = run.json().get("failures").get(0);
        assertThat(f.get("code").asText()).isEqualTo("COLLATERAL_UNAVAILABLE");
        assertThat(f.get("message").asText()).contains("vcek.der");
    }

    @Test
    void vcekFromACollateralDirectoryIsUsed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("collateral/amd-sev-snp"));
        Files.copy(Path.of(vector("snp/trustee-test-vcek.der")), dir.resolve("vcek.der"));
        Run run = csdk("verify", "--evidence", vector("snp/trustee-test-report.bin"), "--collateral",
                tmp.resolve("collateral").toString(), "--at", MILAN_AT, "--json");
        assertThat(run.status()).as(run.err() + run.out()).isZero();
    }
}
