package io.confidentialai.sdk.tee.nvidia.internal;

import java.util.Optional;

/**
 * Lower-case hex encoding, and decoding of evidence supplied as ASCII hex text (NVIDIA's tools and samples print the
 * SPDM evidence as one hex line; white space anywhere is tolerated).
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class HexText {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexText() {}

    static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    static String encode(byte[] bytes, int offset, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i];
            out[2 * i] = DIGITS[(b >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[b & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes {@code data} when it consists only of ASCII hex digits and white space. Raw SPDM evidence starts with
     * the version byte 0x11, which is neither, so the two forms cannot be confused.
     *
     * @return the decoded bytes, or empty when the input is not hex text (then it is raw bytes)
     * @throws IllegalArgumentException when the text holds an odd number of hex digits
     */
    static Optional<byte[]> decodeIfHexText(byte[] data) {
        int digits = 0;
        for (byte b : data) {
            if (digit(b) >= 0) {
                digits++;
            } else if (!isSpace(b)) {
                return Optional.empty();
            }
        }
        if (digits == 0) {
            return Optional.empty();
        }
        if ((digits & 1) != 0) {
            throw new IllegalArgumentException("hex text holds an odd number of hex digits (" + digits + ")");
        }
        byte[] out = new byte[digits / 2];
        int n = 0;
        int high = -1;
        for (byte b : data) {
            int d = digit(b);
            if (d < 0) {
                continue;
            }
            if (high < 0) {
                high = d;
            } else {
                out[n++] = (byte) ((high << 4) | d);
                high = -1;
            }
        }
        return Optional.of(out);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static int digit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
