package io.confidentialai.sdk.attestation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named measurement register of a TEE, such as TDX {@link #MRTD} or the SEV-SNP launch
 * {@link #SNP_MEASUREMENT}. Each slot belongs to one {@link TeeType}. An open set: use
 * {@link #of(TeeType, String)} for registers not listed here.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class MeasurementSlot {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** TDX: measurement of the initial TD contents (48 bytes). */
    public static final MeasurementSlot MRTD = new MeasurementSlot(TeeType.INTEL_TDX, "mrtd");
    /** TDX: runtime measurement register 0 (firmware). */
    public static final MeasurementSlot RTMR0 = new MeasurementSlot(TeeType.INTEL_TDX, "rtmr0");
    /** TDX: runtime measurement register 1 (boot loader, kernel). */
    public static final MeasurementSlot RTMR1 = new MeasurementSlot(TeeType.INTEL_TDX, "rtmr1");
    /** TDX: runtime measurement register 2 (OS, command line). */
    public static final MeasurementSlot RTMR2 = new MeasurementSlot(TeeType.INTEL_TDX, "rtmr2");
    /** TDX: runtime measurement register 3 (application). */
    public static final MeasurementSlot RTMR3 = new MeasurementSlot(TeeType.INTEL_TDX, "rtmr3");
    /** TDX: measurement of the TDX module. */
    public static final MeasurementSlot MRSEAM = new MeasurementSlot(TeeType.INTEL_TDX, "mrseam");
    /** TDX: software-defined configuration identifier. */
    public static final MeasurementSlot MRCONFIGID = new MeasurementSlot(TeeType.INTEL_TDX, "mrconfigid");
    /** SEV-SNP: launch measurement (48 bytes). */
    public static final MeasurementSlot SNP_MEASUREMENT = new MeasurementSlot(TeeType.AMD_SEV_SNP, "measurement");
    /** SEV-SNP: host-provided data. */
    public static final MeasurementSlot SNP_HOST_DATA = new MeasurementSlot(TeeType.AMD_SEV_SNP, "host_data");
    /** Arm CCA: realm initial measurement. */
    public static final MeasurementSlot CCA_REALM_INITIAL = new MeasurementSlot(TeeType.ARM_CCA, "rim");

    private static final List<MeasurementSlot> KNOWN = List.of(MRTD, RTMR0, RTMR1, RTMR2, RTMR3, MRSEAM, MRCONFIGID,
            SNP_MEASUREMENT, SNP_HOST_DATA, CCA_REALM_INITIAL);

    private final TeeType teeType;
    private final String name;

    private MeasurementSlot(TeeType teeType, String name) {
        this.teeType = teeType;
        this.name = name;
    }

    /**
     * Returns the slot with this TEE type and name.
     *
     * @param teeType the TEE the register belongs to
     * @param name lower-case register name, e.g. {@code "rtmr2"}
     * @return the slot
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is not valid
     */
    public static MeasurementSlot of(TeeType teeType, String name) {
        Objects.requireNonNull(teeType, "teeType");
        Objects.requireNonNull(name, "name");
        String lower = name.toLowerCase(Locale.ROOT);
        for (MeasurementSlot s : KNOWN) {
            if (s.teeType.equals(teeType) && s.name.equals(lower)) {
                return s;
            }
        }
        if (!NAME.matcher(lower).matches()) {
            throw new IllegalArgumentException("measurement slot name must match " + NAME + ": " + name);
        }
        return new MeasurementSlot(teeType, lower);
    }

    /**
     * Parses the {@link #toString()} form, {@code <tee-type>/<name>}.
     *
     * @param text e.g. {@code "intel-tdx/mrtd"}
     * @return the slot
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if it is not of that form
     */
    public static MeasurementSlot parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("measurement slot must be <tee-type>/<name>: " + text);
        }
        return of(TeeType.of(text.substring(0, slash)), text.substring(slash + 1));
    }

    /** Returns the TEE type this register belongs to. */
    public TeeType teeType() {
        return teeType;
    }

    /** Returns the register name, e.g. {@code "mrtd"}. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeasurementSlot && ((MeasurementSlot) o).teeType.equals(teeType)
                && ((MeasurementSlot) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * teeType.hashCode() + name.hashCode();
    }

    /** Returns {@code <tee-type>/<name>}, e.g. {@code intel-tdx/mrtd}. */
    @Override
    public String toString() {
        return teeType.id() + "/" + name;
    }
}
