package io.confidentialai.sdk.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MRTD = "11".repeat(16) + "22".repeat(16) + "33".repeat(16);
    private static final String REPORT_DATA = "c0ffee00" + "ab".repeat(28);

    @TempDir
    Path tmp;

    /** What one run of the tool produced. */
    record Run(int status, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }

        List<JsonNode> jsonLines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        }
    }

    static Run csdk(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static void assertUsageError(Run run, String messagePart) {
        assertThat(run.status()).as("exit status; stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).contains(messagePart);
        assertThat(run.err().strip()).as("one line on stderr").doesNotContain("\n");
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(run.out()).isEmpty();
    }

    // ---------------------------------------------------------------- usage errors (no provider needed)

    @Nested
    class UsageErrors {
        @Test
        void noCommand() {
            assertUsageError(csdk(), "missing command");
        }

        @Test
        void unknownOption() {
            assertUsageError(csdk("verify", "--evidence", "x", "--frobnicate"), "--frobnicate");
        }

        @Test
        void missingEvidenceOption() {
            assertUsageError(csdk("verify"), "--evidence");
        }

        @Test
        void missingEvidenceFile() {
            assertUsageError(csdk("verify", "--evidence", tmp.resolve("absent.dat").toString()), "not found");
        }

        @Test
        void emptyFile() throws IOException {
            Path f = Files.write(tmp.resolve("empty.dat"), new byte[0]);
            assertUsageError(csdk("verify", "--evidence", f.toString()), "empty");
        }

        @Test
        void undetectableFormat() throws IOException {
            Path f = Files.write(tmp.resolve("junk.bin"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
            assertUsageError(csdk("verify", "--evidence", f.toString()),
                    "cannot detect the evidence format; pass --tee");
        }

        @Test
        void unknownTee() throws IOException {
            Path f = Files.write(tmp.resolve("q.dat"), tdxHeader());
            assertUsageError(csdk("verify", "--evidence", f.toString(), "--tee", "sgx"), "unknown TEE 'sgx'");
        }

        @Test
        void badNonce() throws IOException {
            Path f = Files.write(tmp.resolve("q.dat"), tdxHeader());
            assertUsageError(csdk("verify", "--evidence", f.toString(), "--nonce", "xyz"), "--nonce");
            assertUsageError(csdk("verify", "--evidence", f.toString(), "--nonce", "00".repeat(65)), "at most 64");
        }

        @Test
        void badInstant() throws IOException {
            Path f = Files.write(tmp.resolve("q.dat"), tdxHeader());
            assertUsageError(csdk("verify", "--evidence", f.toString(), "--at", "yesterday"), "--at");
        }

        @Test
        void badRepeat() throws IOException {
            Path f = Files.write(tmp.resolve("q.dat"), tdxHeader());
            assertUsageError(csdk("verify", "--evidence", f.toString(), "--repeat", "0"), "--repeat");
        }

        @Test
        void badPolicy() throws IOException {
            Path f = Files.write(tmp.resolve("q.dat"), tdxHeader());
            Path p = Files.writeString(tmp.resolve("policy.json"), "{\"version\": 7}");
            assertUsageError(csdk("verify", "--evidence", f.toString(), "--policy", p.toString()), "invalid policy");
        }

        @Test
        void notAnEnvelope() throws IOException {
            Path f = Files.writeString(tmp.resolve("e.json"), "{\"format\": \"something-else\"}");
            assertUsageError(csdk("verify", "--evidence", f.toString()), "not an SDK evidence envelope");
        }

        @Test
        void simulatedWithoutRoot() throws IOException {
            Path f = Files.write(tmp.resolve("q.dat"), tdxHeader());
            assertUsageError(csdk("verify", "--evidence", f.toString(), "--tee", "simulated", "--sim-dir",
                    tmp.resolve("no-sim").toString()), "no simulation root");
        }

        @Test
        void trustAnchorNotACertificate() throws IOException {
            Path f = Files.write(tmp.resolve("q.dat"), tdxHeader());
            Path a = Files.writeString(tmp.resolve("root.pem"), "not a certificate");
            assertUsageError(csdk("verify", "--evidence", f.toString(), "--trust-anchor", a.toString()),
                    "trust anchor");
        }

        @Test
        void emptyEvidenceDirectory() throws IOException {
            Path d = Files.createDirectory(tmp.resolve("none"));
            assertUsageError(csdk("verify", "--evidence", d.toString()), "no regular files");
        }

        @Test
        void simulateOtherTee() {
            assertUsageError(csdk("simulate", "--tee", "sev-snp", "--out", tmp.resolve("x").toString(), "--sim-dir",
                    tmp.toString()), "only tdx");
        }

        @Test
        void simulateShortMrtd() {
            assertUsageError(csdk("simulate", "--mrtd", "abcd", "--out", tmp.resolve("x").toString(), "--sim-dir",
                    tmp.toString()), "48 bytes");
        }

        @Test
        void helpIsNotAnError() {
            Run run = csdk("verify", "--help");
            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("--evidence").contains("--repeat");
        }
    }

    // ---------------------------------------------------------------- input recognition (no provider needed)

    @Nested
    class Recognition {
        @Test
        void sniffsVendorFormats() {
            assertThat(EvidenceInput.sniff(tdxHeader())).contains(TeeType.INTEL_TDX);
            byte[] v5 = tdxHeader();
            v5[0] = 5;
            assertThat(EvidenceInput.sniff(v5)).contains(TeeType.INTEL_TDX);
            byte[] sgx = tdxHeader();
            sgx[4] = 0; // SGX tee type
            assertThat(EvidenceInput.sniff(sgx)).isEmpty();

            byte[] snp = new byte[1184];
            snp[0] = 2;
            assertThat(EvidenceInput.sniff(snp)).contains(TeeType.AMD_SEV_SNP);
            snp[0] = 9;
            assertThat(EvidenceInput.sniff(snp)).isEmpty();

            assertThat(EvidenceInput.sniff(new byte[] {(byte) 0xd9, 0x01, (byte) 0x8f, (byte) 0xa2}))
                    .contains(TeeType.ARM_CCA);
            assertThat(EvidenceInput.sniff(new byte[] {(byte) 0xd2, (byte) 0x84})).contains(TeeType.ARM_CCA);
            assertThat(EvidenceInput.sniff(new byte[] {0x11, (byte) 0xe0, 0x01, (byte) 0xff}))
                    .contains(TeeType.NVIDIA_GPU_CC);
            assertThat(EvidenceInput.sniff(new byte[] {0x11, 0x60})).isEmpty();
        }

        @Test
        void hexText() {
            assertThat(EvidenceInput.isHexText("04 00\n02 00\r\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
            assertThat(EvidenceInput.decodeHex("04 00\n0A ff\n".getBytes(StandardCharsets.US_ASCII)))
                    .containsExactly(4, 0, 10, 0xff);
            assertThat(EvidenceInput.isHexText("abc".getBytes(StandardCharsets.US_ASCII))).isFalse();
            assertThat(EvidenceInput.isHexText("0x04".getBytes(StandardCharsets.US_ASCII))).isFalse();
            assertThat(EvidenceInput.isHexText(tdxHeader())).isFalse();
            assertThat(EvidenceInput.isHexText(" \n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        }

        @Test
        void attachmentNames() {
            assertThat(EvidenceInput.attachmentName(Path.of("/x/VCEK.der"))).isEqualTo("vcek.der");
            assertThat(EvidenceInput.attachmentName(Path.of("My Chain (1).PEM"))).isEqualTo("my-chain--1-.pem");
            assertThat(EvidenceInput.attachmentName(Path.of(".hidden_cert.pem"))).isEqualTo("hidden_cert.pem");
            assertThat(EvidenceInput.attachmentName(Path.of("x".repeat(100)))).hasSize(64);
        }

        @Test
        void hexEvidenceIsDecoded() throws IOException {
            Path f = Files.writeString(tmp.resolve("q.hex"), "0400 0200 8100 0000\n" + "00".repeat(40) + "\n");
            EvidenceInput.Loaded loaded = EvidenceInput.load(f, TeeOption.AUTO, java.util.Map.of()).get(0);
            assertThat(loaded.encoding()).isEqualTo("hex");
            assertThat(loaded.evidence().teeType()).isEqualTo(TeeType.INTEL_TDX);
            assertThat(loaded.evidence().dataLength()).isEqualTo(48);
        }

        @Test
        void explicitTeeOverridesSniffing() throws IOException {
            Path f = Files.write(tmp.resolve("r.bin"), new byte[] {1, 2, 3});
            assertThat(EvidenceInput.load(f, TeeOption.SEV_SNP, java.util.Map.of()).get(0).evidence().teeType())
                    .isEqualTo(TeeType.AMD_SEV_SNP);
            assertThat(EvidenceInput.load(f, TeeOption.SIMULATED, java.util.Map.of()).get(0).evidence().teeType())
                    .isEqualTo(TeeType.INTEL_TDX);
        }

        @Test
        void certificatesBecomeAttachments() throws IOException {
            Path f = Files.write(tmp.resolve("q.dat"), tdxHeader());
            EvidenceInput.Loaded loaded = EvidenceInput.load(f, TeeOption.AUTO,
                    java.util.Map.of("vcek.der", new byte[] {1, 2})).get(0);
            assertThat(loaded.evidence().attachmentNames()).containsExactly("vcek.der");
        }

        @Test
        void directoriesExpandSortedByName() throws IOException {
            Path d = Files.createDirectory(tmp.resolve("bulk"));
            Files.write(d.resolve("b.dat"), new byte[] {1});
            Files.write(d.resolve("a.dat"), new byte[] {1});
            Files.createDirectory(d.resolve("sub"));
            Path single = Files.write(tmp.resolve("z.dat"), new byte[] {1});
            assertThat(EvidenceInput.expand(List.of(single, d)))
                    .containsExactly(single, d.resolve("a.dat"), d.resolve("b.dat"));
        }
    }

    // ---------------------------------------------------------------- simulated round trips (engine + providers)

    @Nested
    class Simulated {
        Path simDir() {
            return tmp.resolve("sim");
        }

        Path simulate(String name, String... extra) {
            Path out = tmp.resolve(name);
            List<String> args = new ArrayList<>(List.of("simulate", "--tee", "tdx", "--mrtd", MRTD, "--report-data",
                    REPORT_DATA, "--out", out.toString(), "--sim-dir", simDir().toString()));
            args.addAll(List.of(extra));
            Run run = csdk(args.toArray(new String[0]));
            assertThat(run.status()).as("simulate; stderr: %s", run.err()).isZero();
            assertThat(run.out()).contains("simulation root: " + simDir().resolve("simulation-root.pem"));
            assertThat(simDir().resolve("simulation-root.pem")).isRegularFile();
            return out;
        }

        Run verifySimulated(Path evidence, String... extra) {
            List<String> args = new ArrayList<>(List.of("verify", "--evidence", evidence.toString(), "--tee",
                    "simulated", "--sim-dir", simDir().toString(), "--json"));
            args.addAll(List.of(extra));
            return csdk(args.toArray(new String[0]));
        }

        @Test
        void roundTrip() throws IOException {
            Path quote = simulate("quote.dat");
            Run run = verifySimulated(quote);
            assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
            assertThat(run.out().strip()).as("one JSON object").doesNotContain("\n");
            JsonNode o = run.json();
            assertThat(o.get("verified").asBoolean()).isTrue();
            assertThat(o.get("hardware").asBoolean()).isFalse();
            assertThat(o.get("tee").asText()).isEqualTo("intel-tdx");
            assertThat(o.get("failures")).isEmpty();
            assertThat(o.at("/claims/mrTd").asText()).isEqualTo(MRTD);
            assertThat(o.get("reportData").asText()).isEqualTo(REPORT_DATA + "00".repeat(32));
            assertThat(o.at("/timing/verifyMillis").isNumber()).isTrue();
        }

        @Test
        void trustAnchorOptionWorksLikeSimulated() {
            Path quote = simulate("quote.dat");
            Run run = csdk("verify", "--evidence", quote.toString(), "--trust-anchor",
                    simDir().resolve("simulation-root.pem").toString());
            assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
            assertThat(run.out()).contains("signatures OK").contains("(simulation root: NOT hardware)")
                    .contains("mrtd       " + MRTD).contains("result     VERIFIED");
        }

        @Test
        void simulatedEvidenceIsNotTrustedWithoutTheSimulationRoot() throws IOException {
            Path quote = simulate("quote.dat");
            Run run = csdk("verify", "--evidence", quote.toString(), "--json");
            assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isEqualTo(1);
            assertThat(run.json().get("verified").asBoolean()).isFalse();
            assertThat(run.json().at("/failures/0/code").asText()).isNotEmpty();
        }

        @Test
        void flippedByteIsRejected() throws IOException {
            Path quote = simulate("quote.dat");
            byte[] bytes = Files.readAllBytes(quote);
            bytes[48 + 200] ^= 0x01; // inside the signed TD report body
            Path flipped = Files.write(tmp.resolve("flipped.dat"), bytes);
            Run run = verifySimulated(flipped);
            assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isEqualTo(1);
            JsonNode o = run.json();
            assertThat(o.get("verified").asBoolean()).isFalse();
            assertThat(o.at("/failures/0/code").asText()).matches("[A-Z_]+");
            assertThat(o.at("/failures/0/message").asText()).isNotEmpty();
        }

        @Test
        void nonce() throws IOException {
            Path quote = simulate("quote.dat");
            Run match = verifySimulated(quote, "--nonce", REPORT_DATA);
            assertThat(match.status()).as("stderr %s", match.err()).isZero();

            Run mismatch = verifySimulated(quote, "--nonce", "c0ffee01");
            assertThat(mismatch.status()).isEqualTo(1);
            assertThat(mismatch.json().at("/failures/0/code").asText()).isEqualTo("NONCE_MISMATCH");
            assertThat(mismatch.json().at("/claims/mrTd").asText()).isEqualTo(MRTD);

            Run text = csdk("verify", "--evidence", quote.toString(), "--tee", "simulated", "--sim-dir",
                    simDir().toString(), "--nonce", "c0ffee01");
            assertThat(text.status()).isEqualTo(1);
            assertThat(text.out()).contains("nonce      MISMATCH").contains("result     REJECTED NONCE_MISMATCH");
        }

        @Test
        void bulkDirectoryPrintsJsonLinesInOrder() throws IOException {
            Path dir = Files.createDirectory(tmp.resolve("bulk"));
            Path b = simulate("bulk/b.dat");
            simulate("bulk/a.dat");
            byte[] bytes = Files.readAllBytes(b);
            bytes[48 + 100] ^= 0x40;
            Files.write(dir.resolve("c.dat"), bytes);

            Run run = verifySimulated(dir);
            assertThat(run.status()).as("stderr %s", run.err()).isEqualTo(1);
            List<JsonNode> lines = run.jsonLines();
            assertThat(lines).hasSize(3);
            assertThat(lines).extracting(o -> Path.of(o.get("evidence").asText()).getFileName().toString())
                    .containsExactly("a.dat", "b.dat", "c.dat");
            assertThat(lines).extracting(o -> o.get("verified").asBoolean()).containsExactly(true, true, false);

            Files.delete(dir.resolve("c.dat"));
            Run allGood = verifySimulated(dir, "--evidence", b.toString());
            assertThat(allGood.status()).isZero();
            assertThat(allGood.jsonLines()).hasSize(3);
        }

        @Test
        void hexAndEnvelopeOutputsVerify() {
            Path hex = simulate("quote.hex", "--format", "hex");
            Run h = verifySimulated(hex);
            assertThat(h.status()).as("stderr %s", h.err()).isZero();

            Path envelope = simulate("quote.json", "--format", "envelope");
            Run e = verifySimulated(envelope);
            assertThat(e.status()).as("stderr %s", e.err()).isZero();
        }

        @Test
        void debugQuoteReportsDebug() throws IOException {
            Path quote = simulate("debug.dat", "--debug");
            Run run = verifySimulated(quote);
            assertThat(run.status()).as("stderr %s", run.err()).isZero(); // authentication only: no policy
            assertThat(run.json().get("debug").asBoolean()).isTrue();
        }

        @Test
        void policyAppraisal() throws IOException {
            Path quote = simulate("quote.dat");
            Path dev = Files.writeString(tmp.resolve("dev-policy.json"), AttestationPolicy.insecureDevelopmentPolicy()
                    .allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, MRTD)).build().toCanonicalString());
            Run ok = verifySimulated(quote, "--policy", dev.toString());
            assertThat(ok.status()).as("stdout %s stderr %s", ok.out(), ok.err()).isZero();
            assertThat(ok.json().get("policy").asText()).startsWith("sha256:");

            Path hardware = Files.writeString(tmp.resolve("hw-policy.json"), AttestationPolicy.builder()
                    .allowMeasurement(Measurement.ofHex(MeasurementSlot.MRTD, MRTD)).build().toCanonicalString());
            Run rejected = verifySimulated(quote, "--policy", hardware.toString());
            assertThat(rejected.status()).isEqualTo(1);
            assertThat(rejected.json().at("/failures/0/code").asText()).isEqualTo("NON_HARDWARE_EVIDENCE");
            assertThat(rejected.json().at("/claims/mrTd").asText()).isEqualTo(MRTD);

            Run wrongNonce = verifySimulated(quote, "--policy", dev.toString(), "--nonce", "00");
            assertThat(wrongNonce.status()).isEqualTo(1);
            assertThat(wrongNonce.json().at("/failures/0/code").asText()).isEqualTo("NONCE_MISMATCH");
        }

        @Test
        void repeatReportsLatency() throws IOException {
            Path quote = simulate("quote.dat");
            Run run = verifySimulated(quote, "--repeat", "7", "--warmup", "2");
            assertThat(run.status()).as("stderr %s", run.err()).isZero();
            JsonNode t = run.json().get("timing");
            assertThat(t.get("repeat").asInt()).isEqualTo(7);
            assertThat(t.get("medianMicros").asLong()).isPositive();
            assertThat(t.get("p99Micros").asLong()).isGreaterThanOrEqualTo(t.get("medianMicros").asLong());
        }
    }

    // ---------------------------------------------------------------- real vectors (engine + TDX provider)

    @Nested
    class Vectors {
        Path vectors() {
            String configured = System.getProperty("csdk.vectors.dir");
            Path dir = configured != null ? Path.of(configured) : Path.of("../../../shared/vectors");
            assumeTrue(Files.isDirectory(dir.resolve("tdx")),
                    "attestation test vectors not found at " + dir.toAbsolutePath().normalize() + "; skipping");
            return dir;
        }

        @Test
        void tdxQuoteV4Verifies() throws IOException {
            Path quote = vectors().resolve("tdx/gotdx-quote-v4-spr-e4.dat");
            Run run = csdk("verify", "--evidence", quote.toString(), "--at", "2023-07-01T00:00:00Z", "--json");
            assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
            JsonNode o = run.json();
            assertThat(o.get("verified").asBoolean()).isTrue();
            assertThat(o.get("hardware").asBoolean()).isTrue();
            assertThat(o.get("tee").asText()).isEqualTo("intel-tdx");
            assertThat(o.at("/claims/mrTd").asText()).startsWith("6363b8043668a3ad");
        }

        @Test
        void tdxQuoteV4TextReport() {
            Path quote = vectors().resolve("tdx/gotdx-quote-v4-spr-e4.dat");
            Run run = csdk("verify", "--evidence", quote.toString(), "--at", "2023-07-01T00:00:00Z");
            assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isZero();
            assertThat(run.out()).contains("evidence   " + quote + " (4974 bytes, intel-tdx)")
                    .contains("chain      OK (hardware root)").contains("mrtd       6363b8043668a3ad")
                    .contains("result     VERIFIED");
        }

        @Test
        void tamperedHeaderIsSignatureInvalid() throws IOException {
            Path quote = vectors().resolve("tdx/negative/gotdx-spr-e4-neg-header-0x1E-set0x32.dat");
            Run run = csdk("verify", "--evidence", quote.toString(), "--at", "2023-07-01T00:00:00Z", "--json");
            assertThat(run.status()).as("stdout %s stderr %s", run.out(), run.err()).isEqualTo(1);
            assertThat(run.json().get("verified").asBoolean()).isFalse();
            assertThat(run.json().at("/failures/0/code").asText()).isEqualTo("SIGNATURE_INVALID");
        }
    }

    /** The first 48 bytes of a TDX v4 quote header (version 4, ECDSA-256 key, tee type 0x81). */
    private static byte[] tdxHeader() {
        byte[] h = new byte[48];
        h[0] = 4;
        h[2] = 2;
        h[4] = (byte) 0x81;
        return h;
    }
}
