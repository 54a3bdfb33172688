package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.internal.Hex;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The value of one measurement register. Measurements are not secret.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Measurement {
    private static final int MAX_LENGTH = 128;
    private final MeasurementSlot slot;
    private final byte[] value;

    private Measurement(MeasurementSlot slot, byte[] value) {
        this.slot = slot;
        this.value = value;
    }

    /**
     * Creates a measurement from bytes (copied).
     *
     * @param slot the register
     * @param value 1 to 128 bytes
     * @return the measurement
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the length is out of range
     */
    public static Measurement of(MeasurementSlot slot, byte[] value) {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(value, "value");
        if (value.length == 0 || value.length > MAX_LENGTH) {
            throw new IllegalArgumentException("measurement must be 1 to " + MAX_LENGTH + " bytes, got " + value.length);
        }
        return new Measurement(slot, value.clone());
    }

    /**
     * Creates a measurement from hex text.
     *
     * @param slot the register
     * @param hex the value in hex
     * @return the measurement
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the text is not hex or the length is out of range
     */
    public static Measurement ofHex(MeasurementSlot slot, String hex) {
        Objects.requireNonNull(hex, "hex");
        return of(slot, Hex.decode(hex));
    }

    /** Returns the register. */
    public MeasurementSlot slot() {
        return slot;
    }

    /** Returns a copy of the value. */
    public byte[] toByteArray() {
        return value.clone();
    }

    /** Returns the value as lower-case hex. */
    public String toHex() {
        return Hex.encode(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Measurement && ((Measurement) o).slot.equals(slot)
                && MessageDigest.isEqual(((Measurement) o).value, value);
    }

    @Override
    public int hashCode() {
        return 31 * slot.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return slot + "=" + toHex();
    }
}
