package io.confidentialai.sdk.tee.cca.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A tiny CBOR encoder for building test tokens (definite lengths, shortest heads); never used to read. */
final class CborOut {
    private CborOut() {}

    /** One encoded data item. */
    record Item(byte[] bytes) {}

    static Item integer(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (v >= 0) {
            CoseSign1.head(out, 0, v);
        } else {
            CoseSign1.head(out, 1, -1 - v);
        }
        return new Item(out.toByteArray());
    }

    static Item bytes(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CoseSign1.head(out, 2, b.length);
        out.writeBytes(b);
        return new Item(out.toByteArray());
    }

    static Item text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CoseSign1.head(out, 3, b.length);
        out.writeBytes(b);
        return new Item(out.toByteArray());
    }

    static Item array(Item... items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CoseSign1.head(out, 4, items.length);
        for (Item i : items) {
            out.writeBytes(i.bytes());
        }
        return new Item(out.toByteArray());
    }

    /** A map from alternating keys (Long/Integer: integer key; String: text key; Item: as is) and value items. */
    static Item map(Object... keysAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CoseSign1.head(out, 5, keysAndValues.length / 2);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.writeBytes(key(keysAndValues[i]).bytes());
            out.writeBytes(((Item) keysAndValues[i + 1]).bytes());
        }
        return new Item(out.toByteArray());
    }

    static Item key(Object k) {
        if (k instanceof Item) {
            return (Item) k;
        }
        if (k instanceof String) {
            return text((String) k);
        }
        return integer(((Number) k).longValue());
    }

    static Item tag(long tag, Item item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CoseSign1.head(out, 6, tag);
        out.writeBytes(item.bytes());
        return new Item(out.toByteArray());
    }

    static Item nul() {
        return new Item(new byte[] {(byte) 0xf6});
    }

    static Item raw(byte[] encoded) {
        return new Item(encoded.clone());
    }
}
