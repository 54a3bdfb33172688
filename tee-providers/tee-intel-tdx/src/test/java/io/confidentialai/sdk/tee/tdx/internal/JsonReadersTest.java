package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict JSON reader ({@link IntelJson}) and the raw-span scanner ({@link RawJson}). */
class JsonReadersTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsValuesInDocumentOrder() {
        Map<String, Object> o = IntelJson.object(b(" {\"b\":[1,-2,3.5,1e2,true,false,null,\"x\\u0041\\n\"],"
                + "\"a\":{},\"big\":123456789012345678901234567890} "), "doc");
        assertThat(o.keySet()).containsExactly("b", "a", "big");
        List<Object> list = List.copyOf((List<?>) o.get("b"));
        assertThat(list.get(0)).isEqualTo(1L);
        assertThat(list.get(1)).isEqualTo(-2L);
        assertThat(list.get(2)).isEqualTo(new BigDecimal("3.5"));
        assertThat(list.get(3)).isEqualTo(new BigDecimal("1e2"));
        assertThat(list.subList(4, 6)).containsExactly(Boolean.TRUE, Boolean.FALSE);
        assertThat(list.get(6)).isSameAs(IntelJson.NULL);
        assertThat(list.get(7)).isEqualTo("xA\n");
        assertThat(o.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(IntelJson.has(o, "a")).isTrue();
        assertThat(IntelJson.has(o, "zzz")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"a\":1,\"a\":2}", "{\"a\":1} x", "{\"a\":01}", "{\"a\":.5}",
        "{\"a\":1.}", "{'a':1}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\u0001\"}", "{\"a\":NaN}", "{a:1}",
        "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":\"\\u12G4\"}", "{\"a\":1111111111111111111111111111111111111}"})
    void rejectsWhatIsNotStrictJson(String doc) {
        assertThrows(IllegalArgumentException.class, () -> IntelJson.object(b(doc), "doc"));
    }

    @Test
    void rejectsInvalidUtf8AndDeepNesting() {
        assertThrows(IllegalArgumentException.class,
                () -> IntelJson.object(new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'}, "doc"));
        String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        assertThrows(IllegalArgumentException.class, () -> IntelJson.object(b(deep), "doc"));
        assertThrows(IllegalArgumentException.class, () -> RawJson.members(b(deep)));
    }

    @Test
    void typedAccessorsNameTheField() {
        Map<String, Object> o = IntelJson.object(b("{\"n\":5,\"s\":\"ab\",\"d\":\"2023-06-18T08:42:58Z\"}"), "doc");
        assertThat(IntelJson.integer(o, "n", 0, 10)).isEqualTo(5);
        assertThat(assertThrows(IllegalArgumentException.class, () -> IntelJson.integer(o, "n", 6, 10)).getMessage())
                .contains("\"n\"");
        assertThat(IntelJson.hex(o, "s", 1)).containsExactly(0xab);
        assertThrows(IllegalArgumentException.class, () -> IntelJson.hex(o, "s", 2));
        assertThat(IntelJson.date(o, "d").toString()).isEqualTo("2023-06-18T08:42:58Z");
        assertThat(assertThrows(IllegalArgumentException.class, () -> IntelJson.string(o, "missing")).getMessage())
                .contains("missing field \"missing\"");
    }

    @Test
    void rawSpansAreTheExactBytes() {
        byte[] doc = b("{ \"tcbInfo\" : {\"a\": [1, {\"b\":\"}\"}]} ,\"signature\":\"00ff\"}");
        Map<String, RawJson.Span> m = RawJson.members(doc);
        assertThat(new String(m.get("tcbInfo").copy(doc), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\": [1, {\"b\":\"}\"}]}");
        assertThat(m.get("signature").simpleString(doc)).isEqualTo("00ff");
        assertThrows(IllegalArgumentException.class, () -> RawJson.members(b("{\"a\":1,\"a\":2}")));
        assertThrows(IllegalArgumentException.class, () -> RawJson.members(b("{\"a\":1} {")));
        assertThat(RawJson.members(b("{\"a\":\"x\\\"y\"}")).get("a").simpleString(b("{\"a\":\"x\\\"y\"}"))).isNull();
    }
}
