package io.confidentialai.sdk.tee.cca.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HexFormat;

/**
 * Strict, bounded JSON reading for configuration documents (trust anchors, reference values): duplicate keys are
 * rejected and nesting, string and document sizes are limited. The class is thread-safe.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxStringLength(1 << 16)
                    .maxNumberLength(32)
                    .maxNameLength(256)
                    .maxDocumentLength(16L << 20)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build());

    private Json() {}

    /**
     * Parses one JSON document.
     *
     * @throws IllegalArgumentException if it is not well-formed JSON within the limits, or has trailing content
     */
    static JsonNode parse(byte[] json) {
        try (JsonParser p = MAPPER.createParser(json)) {
            JsonNode node = MAPPER.readTree(p);
            if (node == null || p.nextToken() != null) {
                throw new IllegalArgumentException("not exactly one JSON value");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not well-formed JSON: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException
                            ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage()
                            : e.getClass().getSimpleName()), e);
        }
    }

    /** Returns a required text member. */
    static String text(JsonNode object, String name) {
        JsonNode v = object.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' must be a JSON string");
        }
        return v.textValue();
    }

    /** Returns a required hex member of one of the given lengths (upper or lower case). */
    static byte[] hex(JsonNode object, String name, int... lengths) {
        String text = text(object, name);
        byte[] b;
        try {
            b = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not hex", e);
        }
        if (lengths.length == 0) {
            return b;
        }
        for (int l : lengths) {
            if (b.length == l) {
                return b;
            }
        }
        throw new IllegalArgumentException("'" + name + "' must be " + lengths[0] + " bytes, got " + b.length);
    }
}
