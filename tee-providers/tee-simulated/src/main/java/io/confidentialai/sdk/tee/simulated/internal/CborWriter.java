package io.confidentialai.sdk.tee.simulated.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal CBOR encoder (RFC 8949) for simulated Arm CCA tokens: definite lengths, shortest heads, integer and text
 * map keys, in the order written. It only writes; verifiers read tokens with a real CBOR parser. Instances are not
 * thread-safe.
 */
final class CborWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] toByteArray() {
        return out.toByteArray();
    }

    CborWriter integer(long v) {
        return v >= 0 ? head(0, v) : head(1, -1 - v);
    }

    CborWriter bytes(byte[] b) {
        head(2, b.length);
        out.writeBytes(b);
        return this;
    }

    CborWriter text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        head(3, b.length);
        out.writeBytes(b);
        return this;
    }

    /** Starts an array of {@code n} items; write the items next. */
    CborWriter array(int n) {
        return head(4, n);
    }

    /** Starts a map of {@code n} pairs; write key, value, key, value... next. */
    CborWriter map(int n) {
        return head(5, n);
    }

    /** Writes a tag; write the tagged item next. */
    CborWriter tag(long tag) {
        return head(6, tag);
    }

    private CborWriter head(int major, long length) {
        int m = major << 5;
        if (length < 24) {
            out.write(m | (int) length);
        } else if (length < 0x100) {
            out.write(m | 24);
            out.write((int) length);
        } else if (length < 0x10000) {
            out.write(m | 25);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else if (length < 0x100000000L) {
            out.write(m | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        } else {
            out.write(m | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
        return this;
    }
}
