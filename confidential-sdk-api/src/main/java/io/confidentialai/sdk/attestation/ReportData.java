package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.internal.Hex;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 64 bytes of caller-chosen data that a TEE signs into its evidence (TDX REPORTDATA, SEV-SNP
 * REPORT_DATA, CCA realm challenge). The SDK fills it with a commitment to the challenge and the TEE's
 * public keys (see {@code docs/key-binding.md}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ReportData {
    /** The report data length in bytes. */
    public static final int LENGTH = 64;
    private final byte[] value;

    private ReportData(byte[] value) {
        this.value = value;
    }

    /**
     * Wraps 64 bytes (copied).
     *
     * @param value 64 bytes
     * @return the report data
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if it is not 64 bytes
     */
    public static ReportData of(byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length != LENGTH) {
            throw new IllegalArgumentException("report data must be " + LENGTH + " bytes, got " + value.length);
        }
        return new ReportData(value.clone());
    }

    /**
     * Wraps up to 64 bytes, padding with zero bytes on the right (as TEEs do for shorter user data).
     *
     * @param prefix 0 to 64 bytes
     * @return the report data
     * @throws NullPointerException if {@code prefix} is null
     * @throws IllegalArgumentException if it is longer than 64 bytes
     */
    public static ReportData padded(byte[] prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.length > LENGTH) {
            throw new IllegalArgumentException("report data is at most " + LENGTH + " bytes, got " + prefix.length);
        }
        return new ReportData(Arrays.copyOf(prefix, LENGTH));
    }

    /** Returns a copy of the 64 bytes. */
    public byte[] toByteArray() {
        return value.clone();
    }

    /** Returns the value as lower-case hex. */
    public String toHex() {
        return Hex.encode(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportData && MessageDigest.isEqual(((ReportData) o).value, value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "ReportData[" + toHex() + "]";
    }
}
