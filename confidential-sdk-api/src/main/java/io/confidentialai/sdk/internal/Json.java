package io.confidentialai.sdk.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A small, strict JSON reader and canonical writer for the SDK's own documents (policies, orders,
 * reports, evidence envelopes), so that the API module needs nothing but the JDK. This class is internal
 * and is not meant to be used by applications; it may change at any time.
 *
 * <p>Values are {@code Map<String,Object>} (objects), {@code List<Object>}, {@code String}, {@code Long}
 * (integers only) and {@code Boolean}. The writer sorts object keys by UTF-16 code unit order, emits no
 * insignificant whitespace and escapes only what JSON requires, so equal values have equal bytes. The reader
 * rejects duplicate keys, fractions, exponents, {@code null}, nesting deeper than 32 and text longer than
 * the given limit.
 */
public final class Json {
    private static final int MAX_DEPTH = 32;

    private Json() {}

    /** Writes a value canonically. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value) {
        if (value instanceof Map) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                sorted.put((String) e.getKey(), Objects.requireNonNull(e.getValue(), "JSON value"));
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeString(sb, e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object o : (List<?>) value) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, Objects.requireNonNull(o, "JSON value"));
            }
            sb.append(']');
        } else if (value instanceof String) {
            writeString(sb, (String) value);
        } else if (value instanceof Long || value instanceof Integer) {
            sb.append(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            sb.append(value);
        } else {
            throw new IllegalArgumentException("unsupported JSON value type " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /**
     * Parses JSON text.
     *
     * @param text the text
     * @param maxLength the largest accepted text length
     * @return the value
     * @throws IllegalArgumentException if the text is not acceptable JSON; the message gives the offset only
     */
    public static Object parse(String text, int maxLength) {
        Objects.requireNonNull(text, "text");
        if (text.length() > maxLength) {
            throw new IllegalArgumentException("JSON text of " + text.length() + " characters exceeds the limit of " + maxLength);
        }
        Parser p = new Parser(text);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    /** Parses JSON text whose top level must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, int maxLength) {
        Object v = parse(text, maxLength);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("JSON document must be an object");
        }
        return (Map<String, Object>) v;
    }

    // --- typed accessors for strict document readers ---

    /** Returns a required string member. */
    public static String string(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string");
        }
        return (String) v;
    }

    /** Returns a required integer member. */
    public static long integer(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Long)) {
            throw new IllegalArgumentException("\"" + key + "\" must be an integer");
        }
        return (Long) v;
    }

    /** Returns a required boolean member. */
    public static boolean bool(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a boolean");
        }
        return (Boolean) v;
    }

    /** Returns a required object member. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("\"" + key + "\" must be an object");
        }
        return (Map<String, Object>) v;
    }

    /** Returns a required array member whose elements are all strings. */
    public static List<String> strings(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("\"" + key + "\" must be an array");
        }
        List<String> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
            if (!(e instanceof String)) {
                throw new IllegalArgumentException("\"" + key + "\" must contain strings only");
            }
            out.add((String) e);
        }
        return out;
    }

    /** Returns a required array member. */
    public static List<Object> array(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("\"" + key + "\" must be an array");
        }
        return Collections.unmodifiableList((List<?>) v).stream().map(x -> (Object) x).collect(java.util.stream.Collectors.toList());
    }

    /** Rejects members other than the allowed ones. */
    public static void requireOnly(Map<String, Object> o, String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : o.keySet()) {
            if (!ok.contains(k)) {
                throw new IllegalArgumentException("unknown member \"" + k + "\"");
            }
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed JSON at offset " + pos + ": " + what);
        }

        void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': return object(depth);
                case '[': return array(depth);
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character");
            }
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected literal");
            }
            pos += word.length();
            return v;
        }

        Long number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            int digits = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digits || pos - digits > 18) {
                throw error("integer expected (at most 18 digits)");
            }
            if (s.charAt(digits) == '0' && pos - digits > 1) {
                throw error("leading zero");
            }
            if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                throw error("only integers are accepted");
            }
            return Long.parseLong(s.substring(start, pos));
        }

        String string() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        if (pos + 4 > s.length()) {
                            throw error("short unicode escape");
                        }
                        int cp = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(s.charAt(pos++), 16);
                            if (d < 0) {
                                throw error("bad unicode escape");
                            }
                            cp = (cp << 4) | d;
                        }
                        sb.append((char) cp);
                        break;
                    default:
                        throw error("bad escape");
                }
            }
        }

        Map<String, Object> object(int depth) {
            pos++;
            Map<String, Object> out = new LinkedHashMap<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return out;
            }
            while (true) {
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw error("object key expected");
                }
                String key = string();
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != ':') {
                    throw error("':' expected");
                }
                pos++;
                skipWs();
                Object v = value(depth + 1);
                if (out.put(key, v) != null) {
                    throw error("duplicate key");
                }
                skipWs();
                if (pos >= s.length()) {
                    throw error("unterminated object");
                }
                char c = s.charAt(pos++);
                if (c == '}') {
                    return out;
                }
                if (c != ',') {
                    throw error("',' or '}' expected");
                }
            }
        }

        List<Object> array(int depth) {
            pos++;
            List<Object> out = new ArrayList<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return out;
            }
            while (true) {
                skipWs();
                out.add(value(depth + 1));
                skipWs();
                if (pos >= s.length()) {
                    throw error("unterminated array");
                }
                char c = s.charAt(pos++);
                if (c == ']') {
                    return out;
                }
                if (c != ',') {
                    throw error("',' or ']' expected");
                }
            }
        }
    }
}
