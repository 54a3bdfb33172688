package io.confidentialai.sdk.samples.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo with every SDK artifact on the module path (the demo itself stays on the class path), so the
 * module descriptors' requires, exports, uses and provides are exercised: the API must find the engine, and
 * the engine the TEE providers, through JPMS service binding.
 */
class JpmsSmokeTest {
    @TempDir
    Path work;

    @Test
    void demoRunsWithEveryProviderOnTheModulePath() throws IOException, InterruptedException {
        List<String> modulePath = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = entry.replace('\\', '/');
            if (name.contains("/samples/confidential-inference/target/classes")) {
                classPath.add(entry);
            } else if (name.contains("confidential-sdk-") || name.contains("/tee-") || name.contains("bouncycastle")
                    || name.contains("/bcprov") || name.contains("/bcpkix") || name.contains("/bcutil")
                    || name.contains("slf4j") || name.contains("/jackson") || name.contains("/jna/")) {
                modulePath.add(entry);
            }
        }
        assertThat(modulePath).as("module path").hasSizeGreaterThanOrEqualTo(6);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "io.confidentialai.sdk,io.confidentialai.sdk.impl,io.confidentialai.sdk.tee.tdx,"
                        + "io.confidentialai.sdk.tee.simulated,io.confidentialai.sdk.tee.sevsnp,io.confidentialai.sdk.tee.cca,"
                        + "io.confidentialai.sdk.tee.nvidia,org.slf4j.simple",
                "-cp", String.join(File.pathSeparator, classPath),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "io.confidentialai.sdk.samples.inference.ConfidentialInference", work.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("RESULT: OK");
    }
}
