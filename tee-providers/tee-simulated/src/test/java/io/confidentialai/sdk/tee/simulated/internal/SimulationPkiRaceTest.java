package io.confidentialai.sdk.tee.simulated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs creating the simulation PKI in one directory at once end up with one root. */
class SimulationPkiRaceTest {

    /** Entry point of the competing JVMs: creates or loads the PKI and prints the root's SHA-256. */
    public static void main(String[] args) throws Exception {
        SimulationPki pki = SimulationPki.loadOrCreate(Path.of(args[0]));
        System.out.println(fingerprint(pki.root().getEncoded()));
    }

    @Test
    void jvmsRacingOnOneDirectoryShareOneRoot(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", SimulationPkiRaceTest.class.getName(),
                    dir.toString()).redirectErrorStream(true).start());
        }
        String own = fingerprint(SimulationPki.loadOrCreate(dir).root().getEncoded());
        for (Process p : processes) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).isEqualTo(own);
        }
        assertThat(fingerprint(pemToDer(dir.resolve("simulation-root.pem")))).isEqualTo(own);
    }

    private static byte[] pemToDer(Path pem) throws IOException {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return java.util.Base64.getDecoder().decode(text);
    }

    private static String fingerprint(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}
