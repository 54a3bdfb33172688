package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.util.Arrays;

/**
 * A bounded little-endian reader over a window of a byte array. Every read is checked against the bytes left in the
 * window before anything is allocated; a short read is {@code EVIDENCE_MALFORMED}.
 */
final class ByteCursor {
    private final byte[] data;
    private final int end;
    private int pos;

    ByteCursor(byte[] data) {
        this(data, 0, data.length);
    }

    private ByteCursor(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    int u16(String field) throws AttestationVerificationException {
        require(2, field);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    long u32(String field) throws AttestationVerificationException {
        require(4, field);
        long v = (data[pos] & 0xffL) | (data[pos + 1] & 0xffL) << 8 | (data[pos + 2] & 0xffL) << 16
                | (data[pos + 3] & 0xffL) << 24;
        pos += 4;
        return v;
    }

    byte[] bytes(long length, String field) throws AttestationVerificationException {
        require(length, field);
        byte[] out = Arrays.copyOfRange(data, pos, pos + (int) length);
        pos += (int) length;
        return out;
    }

    /** Returns a cursor over the next {@code length} bytes and advances past them. */
    ByteCursor window(long length, String field) throws AttestationVerificationException {
        require(length, field);
        ByteCursor w = new ByteCursor(data, pos, pos + (int) length);
        pos += (int) length;
        return w;
    }

    private void require(long length, String field) throws AttestationVerificationException {
        if (length < 0 || length > remaining()) {
            throw Failures.malformed(field + " needs " + length + " bytes at offset " + pos + " but only "
                    + remaining() + " are present");
        }
    }
}
