package io.confidentialai.sdk.tee.tdx.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small, bounded scanner that finds where each member value of a top-level JSON object lies in the document's
 * bytes, without re-serializing anything. Intel signs the exact bytes of the {@code "tcbInfo"} and
 * {@code "enclaveIdentity"} values, so the signature is checked over the range this scanner reports.
 *
 * <p>The scanner checks the JSON grammar (objects, arrays, strings with escapes, numbers, literals) to a bounded
 * nesting depth, rejects duplicate top-level member names, and tolerates JSON white space only where the grammar
 * allows it. Member names may not contain escapes (Intel's never do).
 */
final class RawJson {
    static final int MAX_DEPTH = 32;

    private final byte[] b;
    private int pos;

    private RawJson(byte[] b) {
        this.b = b;
    }

    /** A value's byte range {@code [start, end)} in the document. */
    record Span(int start, int end) {
        byte[] copy(byte[] doc) {
            byte[] out = new byte[end - start];
            System.arraycopy(doc, start, out, 0, out.length);
            return out;
        }

        /** The value when it is a string without escapes, else null. */
        String simpleString(byte[] doc) {
            if (end - start < 2 || doc[start] != '"' || doc[end - 1] != '"') {
                return null;
            }
            for (int i = start + 1; i < end - 1; i++) {
                if (doc[i] == '\\') {
                    return null;
                }
            }
            return new String(doc, start + 1, end - start - 2, StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns the members of the top-level object with the byte range of each value.
     *
     * @throws IllegalArgumentException when the document is not a JSON object, is nested deeper than
     *     {@link #MAX_DEPTH}, has trailing content, or repeats a top-level member name
     */
    static Map<String, Span> members(byte[] doc) {
        RawJson s = new RawJson(doc);
        s.skipSpace();
        s.expect('{');
        Map<String, Span> out = new LinkedHashMap<>();
        s.skipSpace();
        if (s.peek() == '}') {
            s.pos++;
        } else {
            while (true) {
                s.skipSpace();
                String name = s.memberName();
                s.skipSpace();
                s.expect(':');
                s.skipSpace();
                int start = s.pos;
                s.value(1);
                if (out.put(name, new Span(start, s.pos)) != null) {
                    throw new IllegalArgumentException("duplicate member \"" + name + "\"");
                }
                s.skipSpace();
                int c = s.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw s.error("expected ',' or '}'");
                }
            }
        }
        s.skipSpace();
        if (s.pos != doc.length) {
            throw s.error("trailing content");
        }
        return out;
    }

    private String memberName() {
        expect('"');
        int start = pos;
        while (true) {
            int c = next();
            if (c == '"') {
                return new String(b, start, pos - 1 - start, StandardCharsets.UTF_8);
            }
            if (c == '\\' || c < 0x20) {
                throw error("unsupported character in a member name");
            }
        }
    }

    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        int c = peek();
        switch (c) {
            case '{':
                pos++;
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                while (true) {
                    skipSpace();
                    string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    value(depth + 1);
                    skipSpace();
                    int d = next();
                    if (d == '}') {
                        return;
                    }
                    if (d != ',') {
                        throw error("expected ',' or '}'");
                    }
                }
            case '[':
                pos++;
                skipSpace();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    skipSpace();
                    value(depth + 1);
                    skipSpace();
                    int d = next();
                    if (d == ']') {
                        return;
                    }
                    if (d != ',') {
                        throw error("expected ',' or ']'");
                    }
                }
            case '"':
                string();
                return;
            case 't':
                literal("true");
                return;
            case 'f':
                literal("false");
                return;
            case 'n':
                literal("null");
                return;
            default:
                number();
        }
    }

    private void string() {
        expect('"');
        while (true) {
            int c = next();
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c == '\\') {
                int e = next();
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(next(), 16) < 0) {
                            throw error("bad \\u escape");
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw error("bad escape");
                }
            }
        }
    }

    private void number() {
        int start = pos;
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
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
        if (pos == start) {
            throw error("unexpected character");
        }
    }

    private void digits() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("expected a digit");
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                throw error("bad literal");
            }
        }
    }

    private void skipSpace() {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
            pos++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private int peek() {
        return pos < b.length ? b[pos] & 0xff : -1;
    }

    private int next() {
        if (pos >= b.length) {
            throw error("unexpected end of document");
        }
        return b[pos++] & 0xff;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON " + what + " at byte " + Math.max(0, pos - 1));
    }
}
