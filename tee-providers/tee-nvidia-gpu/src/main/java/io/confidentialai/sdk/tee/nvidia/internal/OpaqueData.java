package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpaqueData of NVIDIA's SPDM MEASUREMENTS response: a sequence of TLVs, each {@code type (u16 LE) ‖ length
 * (u16 LE) ‖ value}, that exactly fills the opaque data. Every TLV is bounded against the opaque data; a type that
 * appears twice is rejected; types this class does not know are kept (their bytes are signed like the rest) but not
 * interpreted. The driver version, the VBIOS version and the FWID must be present.
 *
 * <p>Decoded values follow NVIDIA's renderings (nvtrust {@code local_gpu_verifier}): strings are the bytes before
 * the first NUL (printable ASCII, NUL padding after it); the VBIOS version is {@code %02X.%02X.%02X.%02X.%02X} of
 * bytes 3, 2, 1, 0 and 4; the board id, FWID and other binary fields are lower-case hex.
 *
 * <p>Instances are immutable and thread-safe. This class is internal and is not meant to be used by applications;
 * it may change at any time.
 */
final class OpaqueData {
    static final int DRIVER_VERSION = 3;
    static final int GPU_INFO = 4;
    static final int VBIOS_VERSION = 6;
    static final int NVDEC0_STATUS = 11;
    static final int MSRSCNT = 12;
    static final int CPRINFO = 13;
    static final int BOARD_ID = 14;
    static final int CHIP_SKU = 15;
    static final int CHIP_SKU_MOD = 16;
    static final int PROJECT = 17;
    static final int PROJECT_SKU = 18;
    static final int PROJECT_SKU_MOD = 19;
    static final int FWID = 20;
    static final int PROTECTED_PCIE_STATUS = 21;
    static final int OPAQUE_DATA_VERSION = 34;
    static final int FEATURE_FLAG = 36;

    static final int FWID_LENGTH = 48;
    static final int VBIOS_VERSION_LENGTH = 8;
    /** The status byte NVIDIA uses for "enabled" and "disabled" (NVDEC0, protected PCIe). */
    static final int STATUS_ENABLED = 0xAA;
    static final int STATUS_DISABLED = 0x55;

    private final Map<Integer, byte[]> fields;

    final String driverVersion;
    final String vbiosVersion;
    final byte[] fwid;

    private OpaqueData(Map<Integer, byte[]> fields, String driverVersion, String vbiosVersion, byte[] fwid) {
        this.fields = Collections.unmodifiableMap(fields);
        this.driverVersion = driverVersion;
        this.vbiosVersion = vbiosVersion;
        this.fwid = fwid;
    }

    /**
     * Parses the opaque data at {@code data[offset, offset + length)}; offsets in messages are absolute.
     *
     * @throws AttestationVerificationException EVIDENCE_MALFORMED for a TLV that overruns the opaque data, a repeated
     *     type, a missing driver version, VBIOS version or FWID, or a field whose value has the wrong form
     */
    static OpaqueData parse(byte[] data, int offset, int length) throws AttestationVerificationException {
        Map<Integer, byte[]> fields = new TreeMap<>();
        Map<Integer, Integer> offsets = new TreeMap<>();
        int end = offset + length;
        int at = offset;
        while (at < end) {
            if (end - at < 4) {
                throw Failures.malformed("opaque data TLV header at offset " + at + " needs 4 bytes, only "
                        + (end - at) + " remain before the opaque data ends at offset " + end);
            }
            int type = u16(data, at);
            int size = u16(data, at + 2);
            if (size > end - at - 4) {
                throw Failures.malformed("opaque data TLV type " + type + " at offset " + at + " declares " + size
                        + " value bytes, only " + (end - at - 4) + " remain before the opaque data ends at offset "
                        + end);
            }
            if (fields.containsKey(type)) {
                throw Failures.malformed("opaque data TLV type " + type + " appears twice (offsets "
                        + offsets.get(type) + " and " + at + ")");
            }
            byte[] value = new byte[size];
            System.arraycopy(data, at + 4, value, 0, size);
            fields.put(type, value);
            offsets.put(type, at);
            at += 4 + size;
        }
        byte[] driver = require(fields, offsets, DRIVER_VERSION, "DRIVER_VERSION");
        String driverVersion = text(driver, "DRIVER_VERSION", offsets.get(DRIVER_VERSION));
        if (driverVersion.isEmpty()) {
            throw Failures.malformed("opaque data DRIVER_VERSION (type 3) at offset " + offsets.get(DRIVER_VERSION)
                    + " is empty");
        }
        byte[] vbios = require(fields, offsets, VBIOS_VERSION, "VBIOS_VERSION");
        if (vbios.length != VBIOS_VERSION_LENGTH) {
            throw Failures.malformed("opaque data VBIOS_VERSION (type 6) at offset " + offsets.get(VBIOS_VERSION)
                    + " must be " + VBIOS_VERSION_LENGTH + " bytes, got " + vbios.length);
        }
        byte[] fwid = require(fields, offsets, FWID, "FWID");
        if (fwid.length != FWID_LENGTH) {
            throw Failures.malformed("opaque data FWID (type 20) at offset " + offsets.get(FWID) + " must be "
                    + FWID_LENGTH + " bytes (SHA-384), got " + fwid.length);
        }
        OpaqueData o = new OpaqueData(fields, driverVersion, formatVbios(vbios), fwid.clone());
        o.validate(offsets);
        return o;
    }

    /** Checks the form of every optional field this class decodes, so that decoding later cannot fail. */
    private void validate(Map<Integer, Integer> offsets) throws AttestationVerificationException {
        for (int type : new int[] {CHIP_SKU, CHIP_SKU_MOD, PROJECT, PROJECT_SKU, OPAQUE_DATA_VERSION}) {
            byte[] v = fields.get(type);
            if (v != null) {
                text(v, "type " + type, offsets.get(type));
            }
        }
        for (int type : new int[] {NVDEC0_STATUS, PROTECTED_PCIE_STATUS}) {
            byte[] v = fields.get(type);
            if (v != null && v.length != 1) {
                throw Failures.malformed("opaque data TLV type " + type + " at offset " + offsets.get(type)
                        + " must be 1 byte, got " + v.length);
            }
        }
        byte[] counts = fields.get(MSRSCNT);
        if (counts != null && counts.length % 4 != 0) {
            throw Failures.malformed("opaque data MSRSCNT (type 12) at offset " + offsets.get(MSRSCNT) + " holds "
                    + counts.length + " bytes, not a whole number of 4-byte counts");
        }
        byte[] flags = fields.get(FEATURE_FLAG);
        if (flags != null && (flags.length == 0 || flags.length > 8)) {
            throw Failures.malformed("opaque data FEATURE_FLAG (type 36) at offset " + offsets.get(FEATURE_FLAG)
                    + " must be 1 to 8 bytes, got " + flags.length);
        }
    }

    private static byte[] require(Map<Integer, byte[]> fields, Map<Integer, Integer> offsets, int type, String name)
            throws AttestationVerificationException {
        byte[] v = fields.get(type);
        if (v == null) {
            throw Failures.malformed("opaque data has no " + name + " (type " + type + "); it holds types "
                    + offsets.keySet());
        }
        return v;
    }

    /**
     * The bytes before the first NUL as printable ASCII; every byte after it must be NUL padding.
     */
    private static String text(byte[] value, String name, int offset) throws AttestationVerificationException {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            int c = value[end] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                throw Failures.malformed("opaque data " + name + " at offset " + offset + " holds the non-printable "
                        + "byte " + String.format(Locale.ROOT, "0x%02x", c) + " at value position " + end);
            }
            end++;
        }
        for (int i = end; i < value.length; i++) {
            if (value[i] != 0) {
                throw Failures.malformed("opaque data " + name + " at offset " + offset
                        + " continues after its NUL terminator (value position " + i + ")");
            }
        }
        return new String(value, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** NVIDIA's rendering: bytes 3, 2, 1, 0 and 4 as upper-case hex pairs, e.g. {@code 96.00.9F.00.01}. */
    static String formatVbios(byte[] v) {
        return String.format(Locale.ROOT, "%02X.%02X.%02X.%02X.%02X", v[3] & 0xff, v[2] & 0xff, v[1] & 0xff,
                v[0] & 0xff, v[4] & 0xff);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    /** The TLV types present, ascending. */
    List<Integer> types() {
        return List.copyOf(fields.keySet());
    }

    private Optional<byte[]> raw(int type) {
        return Optional.ofNullable(fields.get(type));
    }

    /** A NUL-terminated string field (validated at parse time), when present. */
    Optional<String> string(int type) {
        return raw(type).map(v -> {
            int end = 0;
            while (end < v.length && v[end] != 0) {
                end++;
            }
            return new String(v, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
        });
    }

    /** A binary field as lower-case hex, when present. */
    Optional<String> hex(int type) {
        return raw(type).map(HexText::encode);
    }

    /**
     * A status byte (NVDEC0, protected PCIe): {@code true} for 0xAA (enabled), {@code false} for 0x55 (disabled),
     * otherwise the byte as {@code 0x..} text; empty when absent.
     */
    Optional<Object> status(int type) {
        return raw(type).map(v -> {
            int b = v[0] & 0xff;
            if (b == STATUS_ENABLED) {
                return Boolean.TRUE;
            }
            if (b == STATUS_DISABLED) {
                return Boolean.FALSE;
            }
            return String.format(Locale.ROOT, "0x%02x", b);
        });
    }

    /** The per-block measurement counts of MSRSCNT (block 1 first), when present. */
    Optional<List<Long>> measurementCounts() {
        return raw(MSRSCNT).map(v -> {
            List<Long> out = new ArrayList<>(v.length / 4);
            for (int i = 0; i + 4 <= v.length; i += 4) {
                out.add((v[i] & 0xffL) | (v[i + 1] & 0xffL) << 8 | (v[i + 2] & 0xffL) << 16
                        | (v[i + 3] & 0xffL) << 24);
            }
            return List.copyOf(out);
        });
    }

    /**
     * The feature flag as NVIDIA's tools name it: the little-endian value 0 {@code SPT} (single GPU passthrough),
     * 1 {@code MPT} (multi-GPU passthrough), 2 {@code PPCIE} (protected PCIe); other values as {@code 0x..} text.
     */
    Optional<String> featureFlags() {
        return raw(FEATURE_FLAG).map(v -> {
            long value = 0;
            for (int i = v.length - 1; i >= 0; i--) {
                value = value << 8 | (v[i] & 0xff);
            }
            if (value == 0) {
                return "SPT";
            }
            if (value == 1) {
                return "MPT";
            }
            if (value == 2) {
                return "PPCIE";
            }
            return "0x" + Long.toHexString(value);
        });
    }
}
