package io.confidentialai.sdk.internal;

import java.util.Objects;

/**
 * Lower-case hexadecimal encoding. This class is internal and is not meant to be used by applications;
 * it may change at any time.
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** Encodes bytes as lower-case hex. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes hex text (either case, no separators).
     *
     * @throws IllegalArgumentException if the text is not an even-length hex string
     */
    public static byte[] decode(CharSequence hex) {
        Objects.requireNonNull(hex, "hex");
        int n = hex.length();
        if ((n & 1) != 0) {
            throw new IllegalArgumentException("hex text has odd length " + n);
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex digit at position " + (hi < 0 ? 2 * i : 2 * i + 1));
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
