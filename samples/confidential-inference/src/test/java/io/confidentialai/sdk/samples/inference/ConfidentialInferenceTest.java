package io.confidentialai.sdk.samples.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfidentialInferenceTest {
    @TempDir
    Path work;

    @Test
    void demoRunsTheWholeFlowAndEveryRefusal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = ConfidentialInference.run(new String[] {work.toString()}, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("report verified").contains("decrypted predictions.csv: 2000 predictions")
                .contains("MEASUREMENT_MISMATCH").contains("DEBUG_ENABLED").contains("NONCE_MISMATCH")
                .contains("verified GPU 0").contains("(match)").contains("ACCELERATOR_MISSING")
                .contains("GPU evidence taken from another attestation")
                .contains("INPUT_DIGEST_MISMATCH").contains("MODEL_DIGEST_MISMATCH").endsWith("RESULT: OK" + System.lineSeparator());
        assertThat(out).doesNotContain("<-- expected");
        assertThat(work.resolve("data-owner/predictions.csv")).exists();
    }

    @Test
    void modelRoundTripsThroughItsSerializedForm() throws IOException {
        SyntheticClinic.Cohort c = SyntheticClinic.cohort(500, 3);
        LogisticModel m = LogisticModel.train(c.x(), c.y(), 200, 0.5, 1e-3);
        LogisticModel back = LogisticModel.read(new java.io.ByteArrayInputStream(m.serialize()));
        for (double[] x : c.x()) {
            assertThat(back.probability(x)).isEqualTo(m.probability(x));
        }
    }

    /** docs/getting-started.md shows the sample's tagged regions verbatim, so its code always compiles. */
    @Test
    void gettingStartedShowsTheSampleCode() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/confidentialai/sdk/samples/inference/ConfidentialInference.java"));
        String doc = Files.readString(Path.of("../../docs/getting-started.md"));
        Matcher m = Pattern.compile("// tag::([a-z-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL).matcher(source);
        List<String> tags = new ArrayList<>();
        while (m.find()) {
            tags.add(m.group(1));
            assertThat(doc).as("region %s", m.group(1)).contains(dedent(m.group(2)));
        }
        assertThat(tags).contains("model-owner", "data-owner", "policy", "node", "verify-and-grant", "execute", "results");
    }

    static String dedent(String block) {
        String[] lines = block.split("\n");
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
