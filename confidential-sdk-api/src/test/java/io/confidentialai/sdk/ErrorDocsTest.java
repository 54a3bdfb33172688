package io.confidentialai.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every reason code the SDK defines is documented in docs/errors.md under its anchor. */
class ErrorDocsTest {
    @Test
    void everyReasonCodeHasAnAnchor() throws Exception {
        String docs = Files.readString(Path.of("../docs/errors.md"), StandardCharsets.UTF_8);
        List<ReasonCode> codes = new ArrayList<>();
        for (Field f : ReasonCode.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ReasonCode.class) {
                codes.add((ReasonCode) f.get(null));
            }
        }
        codes.add(DecryptionException.DECRYPTION_FAILED);
        assertThat(codes).hasSizeGreaterThan(20);
        for (ReasonCode c : codes) {
            String anchor = c.documentation().substring(c.documentation().indexOf('#') + 1);
            assertThat(docs).as("docs/errors.md documents %s", c).contains("\n### " + anchor + "\n");
            assertThat(docs).contains("`" + c.code() + "`");
        }
    }
}
