package io.confidentialai.sdk.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code csdk verify --tee nvidia} on the H100 evidence and RIMs of ../shared/vectors/nvidia. */
class NvidiaCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONCE = "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb";
    private static Path dir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void vectors() {
        String configured = System.getProperty("csdk.vectors.dir");
        Path root = configured != null ? Path.of(configured) : Path.of("../../../shared/vectors");
        assumeTrue(Files.isDirectory(root.resolve("nvidia")), "attestation test vectors not found at ../shared/vectors; skipping");
        dir = root.resolve("nvidia");
    }

    private static String v(String file) {
        return dir.resolve(file).toString();
    }

    record Run(int status, String out, String err) {
        List<JsonNode> lines() throws IOException {
            List<JsonNode> out = new ArrayList<>();
            for (String line : out().split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        }
    }

    private static Run csdk(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void theH100ReportVerifiesWithTheIssuesClaimNames() throws IOException {
        Run run = csdk("verify", "--tee", "nvidia", "--evidence", v("nvtrust-hopper-attestation-report.hex.txt"),
                "--cert", v("nvtrust-hopper-cert-chain.pem.txt"), "--nonce", NONCE, "--json");
        assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
        JsonNode o = run.lines().get(0);
        assertThat(o.get("tee").asText()).isEqualTo("nvidia-gpu-cc");
        assertThat(o.get("hardware").asBoolean()).isTrue();
        JsonNode c = o.get("claims");
        assertThat(c.get("nonce").asText()).isEqualTo(NONCE);
        assertThat(c.get("driverVersion").asText()).isEqualTo("550.90.07");
        assertThat(c.get("vbiosVersion").asText()).isEqualTo("96.00.9F.00.01");
        assertThat(c.get("fwid").asText()).isEqualTo("f5c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275"
                + "494ba94bb5cdfdb3055ee051762b1f75d");
        assertThat(c.get("boardId").asText()).isEqualTo("b1030000");
        assertThat(c.get("chipSku").asText()).isEqualTo("882");
        assertThat(c.get("project").asText()).isEqualTo("1010");
        assertThat(c.get("projectSku").asText()).isEqualTo("0200");
        assertThat(c.get("measurements").size()).isEqualTo(64);
        assertThat(c.at("/measurements/1").asText()).isEqualTo("00".repeat(48));
        assertThat(c.at("/measurements/2").asText()).startsWith("8048dfd18fe229bf");
        assertThat(c.get("rimStatus").asText()).isEqualTo("not-evaluated");
        assertThat(c.has("rimMatch")).isFalse();
    }

    @Test
    void aWrongNonceIsRejected() throws IOException {
        Run run = csdk("verify", "--tee", "nvidia", "--evidence", v("nvtrust-hopper-attestation-report.hex.txt"),
                "--cert", v("nvtrust-hopper-cert-chain.pem.txt"), "--nonce", "00".repeat(32), "--json");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines().get(0).at("/failures/0/code").asText()).isEqualTo("NONCE_MISMATCH");
    }

    @Test
    void rimsFromAnotherFirmwareReportTheMismatchingBlocksAndAPolicyRejects() throws IOException {
        String[] common = {"verify", "--tee", "nvidia", "--evidence", v("nvtrust-hopper-attestation-report.hex.txt"),
            "--cert", v("nvtrust-hopper-cert-chain.pem.txt"), "--collateral", v("nvtrust-driver-rim-test_no_gpu.swidtag"),
            "--collateral", v("nvtrust-vbios-rim-96005E0001-PROD.swidtag"), "--at", "2024-06-01T00:00:00Z", "--json"};
        Run run = csdk(common);
        assertThat(run.status()).as(run.err()).isZero(); // authentication only: RIM results are reported
        JsonNode c = run.lines().get(0).get("claims");
        assertThat(c.get("rimStatus").asText()).isEqualTo("mismatch");
        List<String> mismatches = new ArrayList<>();
        c.get("rimMismatches").forEach(n -> mismatches.add(n.asText()));
        assertThat(mismatches).containsExactly("2", "3", "8", "10", "12", "22", "23", "26", "27", "28", "30", "31", "32",
                "33", "35", "37", "38", "40", "41");
        assertThat(c.at("/rimMatch/2").asBoolean(true)).isFalse();
        assertThat(c.at("/rimMatch/41").asBoolean(true)).isFalse();
        assertThat(c.at("/rimMatch/1").asBoolean(false)).isTrue(); // matched blocks: 1, 4-7, 9, 11, 13, 24, 25, ...
        assertThat(c.at("/rimMatch/36").isMissingNode()).isTrue(); // NVDEC0 is off: block 36 is not compared
        assertThat(c.get("rimMatch").size()).isEqualTo(32);
        assertThat(c.at("/rimMatch/42").isMissingNode()).isTrue(); // no active RIM entry

        Path policy = Files.writeString(tmp.resolve("policy.json"), io.confidentialai.sdk.attestation.AttestationPolicy
                .builder().insecureAnyMeasurement(io.confidentialai.sdk.attestation.TeeType.NVIDIA_GPU_CC).build()
                .toCanonicalString());
        List<String> withPolicy = new ArrayList<>(List.of(common));
        withPolicy.addAll(List.of("--policy", policy.toString(), "--nonce", NONCE));
        Run appraised = csdk(withPolicy.toArray(new String[0]));
        assertThat(appraised.status()).isEqualTo(1);
        JsonNode f = appraised.lines().get(0).at("/failures/0");
        assertThat(f.get("code").asText()).isEqualTo("MEASUREMENT_MISMATCH");
        assertThat(f.get("message").asText()).contains("[2, 3, 8,");

        // after the RIM signer expired, the RIMs themselves are refused
        List<String> later = new ArrayList<>(List.of(common));
        later.set(later.indexOf("2024-06-01T00:00:00Z"), "2026-11-21T00:00:00Z");
        Run expired = csdk(later.toArray(new String[0]));
        assertThat(expired.status()).isEqualTo(1);
        assertThat(expired.lines().get(0).at("/failures/0/code").asText()).isEqualTo("CERT_CHAIN_INVALID");
    }

    @Test
    void nvidiasJsonEvidenceListIsSplitAndEachGpuReportedOnItsOwn() throws IOException {
        byte[] report = HexFormat.of().parseHex(Files.readString(dir.resolve("nvtrust-hopper-attestation-report.hex.txt"))
                .replaceAll("\\s", ""));
        byte[] flipped = report.clone();
        flipped[107] ^= 1; // first byte of measurement block 2
        String chain = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("nvtrust-hopper-cert-chain.pem.txt")));
        String list = "[" + entry(chain, report) + "," + entry(chain, flipped) + "]";
        Path file = Files.writeString(tmp.resolve("evidence-list.json"), list, StandardCharsets.UTF_8);

        Run run = csdk("verify", "--evidence", file.toString(), "--json");
        assertThat(run.status()).isEqualTo(1);
        List<JsonNode> lines = run.lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("evidence").asText()).endsWith("evidence-list.json#0");
        assertThat(lines.get(0).get("verified").asBoolean()).isTrue();
        assertThat(lines.get(0).at("/claims/driverVersion").asText()).isEqualTo("550.90.07");
        assertThat(lines.get(1).get("evidence").asText()).endsWith("evidence-list.json#1");
        assertThat(lines.get(1).at("/failures/0/code").asText()).isEqualTo("SIGNATURE_INVALID");

        Run wrongTee = csdk("verify", "--tee", "tdx", "--evidence", file.toString());
        assertThat(wrongTee.status()).isEqualTo(2);
        assertThat(wrongTee.err()).contains("NVIDIA GPU evidence");
    }

    private static String entry(String chain, byte[] report) {
        return "{\"arch\":\"HOPPER\",\"nonce\":\"" + NONCE + "\",\"certificate\":\"" + chain + "\",\"evidence\":\""
                + Base64.getEncoder().encodeToString(report) + "\"}";
    }
}
