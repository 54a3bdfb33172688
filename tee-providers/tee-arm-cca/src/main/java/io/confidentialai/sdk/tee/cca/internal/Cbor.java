package io.confidentialai.sdk.tee.cca.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.confidentialai.sdk.AttestationVerificationException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes exactly one CBOR data item into a small tree, using Jackson's streaming CBOR parser under strict limits.
 * This is not a CBOR parser of its own: Jackson reads the bytes; this class only assembles the tokens and adds the
 * checks that Jackson leaves to the caller.
 *
 * <p>Tree shapes: {@code Long} or {@code BigInteger} (integers), {@code byte[]} (byte strings, the contents as
 * received), {@code String}, {@code Boolean}, {@code Double}, {@link #NULL} (null and undefined), {@code List}
 * (arrays), {@link CborMap} (maps keyed by {@code Long} for integer keys and {@code String} for text keys), and
 * {@link Tagged} for any tagged item.
 *
 * <p>Rejected as malformed: anything Jackson rejects, more than one top-level item or trailing bytes, nesting
 * deeper than {@link #MAX_DEPTH}, duplicate map keys, map keys that are neither integers nor text strings, and more
 * than {@link #MAX_TOKENS} tokens. Instances are not created; the class is thread-safe.
 */
final class Cbor {
    /** The deepest nesting of arrays and maps accepted (CCA tokens need 3). */
    static final int MAX_DEPTH = 16;
    /** The most tokens one item may have (a real token has a few hundred). */
    static final int MAX_TOKENS = 1 << 16;
    /** Marker tag for an item that carries more than one tag. */
    static final long SEVERAL_TAGS = -1;
    /** CBOR null or undefined. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final CBORFactory FACTORY = CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(64L << 20)
                    .maxTokenCount(MAX_TOKENS)
                    .maxStringLength(1 << 20)
                    .maxNameLength(1 << 10)
                    .maxNumberLength(64)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private Cbor() {}

    /** A tagged item; {@code tag} is {@link #SEVERAL_TAGS} when the item carries more than one tag. */
    record Tagged(long tag, Object value) {}

    /** A decoded map, in encoded order, with integer keys as {@code Long} and text keys as {@code String}. */
    static final class CborMap {
        private final Map<Object, Object> entries;

        CborMap(Map<Object, Object> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        /** Returns the value under an integer key. */
        Optional<Object> get(long key) {
            return Optional.ofNullable(entries.get(key));
        }

        Map<Object, Object> entries() {
            return entries;
        }

        int size() {
            return entries.size();
        }
    }

    /**
     * Decodes {@code data} as exactly one CBOR data item.
     *
     * @param what names the item in failure messages, e.g. "platform token payload"
     * @throws AttestationVerificationException EVIDENCE_MALFORMED for anything that is not one well-formed item
     *     within the limits
     */
    static Object decode(byte[] data, String what) throws AttestationVerificationException {
        if (data.length == 0) {
            throw Failures.malformed(what + " is empty");
        }
        try (CBORParser p = FACTORY.createParser(data)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw Failures.malformed(what + " holds no CBOR item");
            }
            Object item = item(p, first, data, what);
            if (p.nextToken() != null) {
                throw Failures.malformed(what + " has bytes after its CBOR item");
            }
            return item;
        } catch (JsonProcessingException e) {
            throw Failures.malformed(what + " is not well-formed CBOR: " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw Failures.malformed(what + " is not well-formed CBOR: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Returns the contents of an untagged byte string. */
    static byte[] bytes(Object v, String name) throws AttestationVerificationException {
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        throw typeMismatch(v, name, "a byte string");
    }

    /** Returns an untagged text string. */
    static String text(Object v, String name) throws AttestationVerificationException {
        if (v instanceof String) {
            return (String) v;
        }
        throw typeMismatch(v, name, "a text string");
    }

    /** Returns an untagged integer that fits a {@code long}. */
    static long integer(Object v, String name) throws AttestationVerificationException {
        if (v instanceof Long) {
            return (Long) v;
        }
        throw typeMismatch(v, name, "an integer of at most 64 bits");
    }

    /** Returns an untagged array. */
    @SuppressWarnings("unchecked")
    static List<Object> array(Object v, String name) throws AttestationVerificationException {
        if (v instanceof List) {
            return (List<Object>) v;
        }
        throw typeMismatch(v, name, "an array");
    }

    /** Returns an untagged map. */
    static CborMap map(Object v, String name) throws AttestationVerificationException {
        if (v instanceof CborMap) {
            return (CborMap) v;
        }
        throw typeMismatch(v, name, "a map");
    }

    private static AttestationVerificationException typeMismatch(Object v, String name, String expected) {
        return Failures.malformed(name + " must be " + expected + ", got " + describe(v));
    }

    /** Names the shape of an item for messages, never its content. */
    static String describe(Object v) {
        if (v instanceof Tagged) {
            Tagged t = (Tagged) v;
            return (t.tag() == SEVERAL_TAGS ? "an item with several tags" : "an item with tag " + t.tag());
        }
        if (v instanceof byte[]) {
            return "a byte string";
        }
        if (v instanceof String) {
            return "a text string";
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return "an integer";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof CborMap) {
            return "a map";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Double) {
            return "a floating-point number";
        }
        return "null";
    }

    private static Object item(CBORParser p, JsonToken t, byte[] data, String what)
            throws IOException, AttestationVerificationException {
        // capture the tags now: the parser's tag list moves on with the children
        int tagCount = p.getCurrentTags().size();
        long tag = tagCount == 1 ? p.getCurrentTag() : SEVERAL_TAGS;
        Object value;
        switch (t) {
            case START_OBJECT:
                value = map(p, data, what);
                break;
            case START_ARRAY:
                value = array(p, data, what);
                break;
            case VALUE_EMBEDDED_OBJECT:
                Object embedded = p.getEmbeddedObject();
                if (!(embedded instanceof byte[])) {
                    throw Failures.malformed(what + " holds an unsupported CBOR simple value");
                }
                value = embedded;
                break;
            case VALUE_STRING:
                value = p.getText();
                break;
            case VALUE_NUMBER_INT:
                value = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue() : (Object) p.getLongValue();
                break;
            case VALUE_NUMBER_FLOAT:
                value = p.getDoubleValue();
                break;
            case VALUE_TRUE:
                value = Boolean.TRUE;
                break;
            case VALUE_FALSE:
                value = Boolean.FALSE;
                break;
            case VALUE_NULL:
                value = NULL;
                break;
            default:
                throw Failures.malformed(what + " holds an unexpected CBOR token " + t);
        }
        return tagCount == 0 ? value : new Tagged(tag, value);
    }

    private static List<Object> array(CBORParser p, byte[] data, String what)
            throws IOException, AttestationVerificationException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw Failures.malformed(what + " ends inside an array");
            }
            list.add(item(p, t, data, what));
        }
        return Collections.unmodifiableList(list);
    }

    private static CborMap map(CBORParser p, byte[] data, String what)
            throws IOException, AttestationVerificationException {
        Map<Object, Object> entries = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            Object key = key(p, data, what);
            if (entries.containsKey(key)) {
                throw Failures.malformed(what + " has the map key " + key + " twice");
            }
            JsonToken valueToken = p.nextToken();
            if (valueToken == null) {
                throw Failures.malformed(what + " ends inside a map");
            }
            entries.put(key, item(p, valueToken, data, what));
        }
        if (t != JsonToken.END_OBJECT) {
            throw Failures.malformed(what + " ends inside a map");
        }
        return new CborMap(entries);
    }

    /**
     * Jackson reports every map key as a name; the major type of the key's first byte tells integer keys (0, 1) from
     * text keys (3), so that a text key "10" is never taken for the integer claim key 10.
     */
    private static Object key(CBORParser p, byte[] data, String what)
            throws IOException, AttestationVerificationException {
        long offset = p.currentTokenLocation().getByteOffset();
        if (offset < 0 || offset >= data.length) {
            throw Failures.malformed(what + ": cannot locate a map key");
        }
        int major = (data[(int) offset] & 0xff) >>> 5;
        String name = p.currentName();
        if (major == 3) {
            return name;
        }
        if (major != 0 && major != 1) {
            throw Failures.malformed(what + " has a map key of CBOR major type " + major
                    + "; only integer and text keys are allowed");
        }
        try {
            return Long.parseLong(name);
        } catch (NumberFormatException e) {
            return new BigInteger(name);
        }
    }
}
