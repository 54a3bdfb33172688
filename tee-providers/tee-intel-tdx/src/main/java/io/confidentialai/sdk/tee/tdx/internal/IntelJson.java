package io.confidentialai.sdk.tee.tdx.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for Intel collateral (RFC 8259): strict UTF-8, duplicate member names, trailing content,
 * leading zeros and non-standard syntax are errors; nesting is bounded to {@link RawJson#MAX_DEPTH} and numbers to 32
 * characters. Objects become unmodifiable {@code Map<String, Object>} (document order), arrays {@code List<Object>},
 * strings {@code String}, integers {@code Long} or {@code BigInteger}, other numbers {@code BigDecimal}, literals
 * {@code Boolean} or {@link #NULL}. Field accessors check types and ranges and throw {@link IllegalArgumentException}
 * naming the field; callers turn that into {@code EVIDENCE_MALFORMED}.
 *
 * <p>Written for this provider so that it needs no JSON library at run time (and works unchanged on the module path).
 */
final class IntelJson {
    /** The JSON {@code null} literal. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private static final int MAX_NUMBER = 32;

    private final String s;
    private int pos;

    private IntelJson(String s) {
        this.s = s;
    }

    /** Parses a JSON document whose top level is an object. */
    static Map<String, Object> object(byte[] json, String what) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not UTF-8", e);
        }
        IntelJson p = new IntelJson(text);
        Object v;
        try {
            p.space();
            v = p.value(1);
            p.space();
            if (p.pos != text.length()) {
                throw p.error("trailing content");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    private Object value(int depth) {
        if (depth > RawJson.MAX_DEPTH) {
            throw error("nested deeper than " + RawJson.MAX_DEPTH);
        }
        char c = peek();
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return NULL;
            default:
                return number();
        }
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> m = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(m);
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = string();
            space();
            expect(':');
            space();
            if (m.put(name, value(depth + 1)) != null) {
                throw error("duplicate member \"" + name + "\"");
            }
            space();
            char d = next();
            if (d == '}') {
                return Collections.unmodifiableMap(m);
            }
            if (d != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> a = new ArrayList<>();
        space();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(a);
        }
        while (true) {
            space();
            a.add(value(depth + 1));
            space();
            char d = next();
            if (d == ']') {
                return Collections.unmodifiableList(a);
            }
            if (d != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    sb.append(e);
                    break;
                case 'b':
                    sb.append('\b');
                    break;
                case 'f':
                    sb.append('\f');
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case 'u':
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(next(), 16);
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        v = v << 4 | d;
                    }
                    sb.append((char) v);
                    break;
                default:
                    throw error("bad escape");
            }
        }
    }

    private Object number() {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (peek() == '.') {
            pos++;
            digits();
            integral = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
            integral = false;
        }
        if (pos - start > MAX_NUMBER) {
            throw error("number longer than " + MAX_NUMBER + " characters");
        }
        String text = s.substring(start, pos);
        if (!integral) {
            return new BigDecimal(text);
        }
        BigInteger b = new BigInteger(text);
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private void digits() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("unexpected character");
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw error("bad literal");
        }
        pos += word.length();
    }

    private void space() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= s.length()) {
            throw error("unexpected end of document");
        }
        return s.charAt(pos++);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + Math.max(0, pos - 1));
    }

    // ---------------------------------------------------------------- typed field access

    static boolean has(Map<String, Object> o, String name) {
        Object v = o.get(name);
        return v != null && v != NULL;
    }

    static Object field(Map<String, Object> o, String name) {
        Object v = o.get(name);
        if (v == null || v == NULL) {
            throw new IllegalArgumentException("missing field \"" + name + "\"");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> o, String name) {
        Object v = field(o, name);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object v, String what) {
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(what + " is not an object");
        }
        return (Map<String, Object>) v;
    }

    static String string(Map<String, Object> o, String name) {
        Object v = field(o, name);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("field \"" + name + "\" is not a string");
        }
        return (String) v;
    }

    static long integer(Map<String, Object> o, String name, long min, long max) {
        Object v = field(o, name);
        if (!(v instanceof Long) || (Long) v < min || (Long) v > max) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an integer in [" + min + ", " + max + "]");
        }
        return (Long) v;
    }

    /** A hex string of exactly {@code length} bytes (either case). */
    static byte[] hex(Map<String, Object> o, String name, int length) {
        String s = string(o, name);
        if (s.length() != 2 * length) {
            throw new IllegalArgumentException("field \"" + name + "\" must be " + 2 * length + " hex digits");
        }
        return decodeHex(s, "field \"" + name + "\"");
    }

    static byte[] decodeHex(String s, String name) {
        if ((s.length() & 1) != 0) {
            throw new IllegalArgumentException(name + " has an odd number of hex digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            char a = s.charAt(2 * i);
            char b = s.charAt(2 * i + 1);
            int hi = a < 0x80 ? Character.digit(a, 16) : -1;
            int lo = b < 0x80 ? Character.digit(b, 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException(name + " is not hex");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    static Instant date(Map<String, Object> o, String name) {
        String s = string(o, name);
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an ISO-8601 date-time", e);
        }
    }

    /** A non-empty array of at most {@code maxSize} entries. */
    static List<Object> array(Map<String, Object> o, String name, int maxSize) {
        Object v = field(o, name);
        if (!(v instanceof List) || ((List<?>) v).isEmpty() || ((List<?>) v).size() > maxSize) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an array of 1 to " + maxSize + " entries");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) v;
        return list;
    }

    /** An optional array of strings (advisory IDs); empty when absent. */
    static List<String> strings(Map<String, Object> o, String name, int maxSize) {
        if (!has(o, name)) {
            return List.of();
        }
        Object v = o.get(name);
        if (!(v instanceof List) || ((List<?>) v).size() > maxSize) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an array of at most " + maxSize
                    + " strings");
        }
        List<String> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
            if (!(e instanceof String) || ((String) e).length() > 64) {
                throw new IllegalArgumentException("field \"" + name + "\" holds a non-string or overlong entry");
            }
            out.add((String) e);
        }
        return List.copyOf(out);
    }
}
