package io.confidentialai.sdk.samples.cli;

import java.util.HexFormat;
import java.util.Locale;

/** Hex arguments of the command line. */
final class Hex {
    private Hex() {}

    /**
     * Parses a hex option value: an optional {@code 0x} prefix, then an even number of hex digits.
     *
     * @param option the option's name, for the error message
     * @param text the value
     * @param maxBytes the largest accepted length in bytes
     * @throws UsageException if the value is not hex or too long
     */
    static byte[] parse(String option, String text, int maxBytes) {
        String s = text.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " must be an even number of hex digits: " + abbreviate(text));
        }
        if (bytes.length == 0) {
            throw new UsageException(option + " is empty");
        }
        if (bytes.length > maxBytes) {
            throw new UsageException(option + " is at most " + maxBytes + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    static String encode(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
