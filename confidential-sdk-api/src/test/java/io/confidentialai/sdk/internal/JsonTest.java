package io.confidentialai.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void writesCanonicallyAndReadsBack() {
        Map<String, Object> v = Map.of("b", List.of(1L, "x\n\"\u0001"), "a", true, "c", Map.of());
        String text = Json.write(v);
        assertThat(text).isEqualTo("{\"a\":true,\"b\":[1,\"x\\n\\\"\\u0001\"],\"c\":{}}");
        assertThat(Json.parse(text, 1000)).isEqualTo(v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{\"a\":1,\"a\":2}", "1.5", "1e3",
        "01", "null", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "{} x", "tru", "-", "1234567890123456789",
        "\"ctl \u0001\"", "{1:2}"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> Json.parse(text, 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boundsDepthAndLength() {
        assertThatThrownBy(() -> Json.parse("[".repeat(40) + "]".repeat(40), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nesting");
        assertThat(Json.parse("[".repeat(30) + "]".repeat(30), 1000)).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse("\"" + "a".repeat(100) + "\"", 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        Random r = new Random(1);
        char[] alphabet = "{}[]\",:0123456789-truefalsn \\u\n".toCharArray();
        for (int i = 0; i < 20000; i++) {
            char[] c = new char[r.nextInt(24)];
            for (int j = 0; j < c.length; j++) {
                c[j] = alphabet[r.nextInt(alphabet.length)];
            }
            try {
                Json.parse(new String(c), 1000);
            } catch (IllegalArgumentException expected) {
                // the only acceptable failure
            }
        }
    }
}
