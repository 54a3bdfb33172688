package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TD's CCEL event log (ACPI "CCEL" table data: a TCG2 crypto-agile event log) and its replay into RTMR0-3.
 *
 * <p>Layout (little-endian): a first event in the SHA-1 format (MR index, type EV_NO_ACTION, 20 zero bytes, size,
 * {@code TCG_EfiSpecIDEvent} with the signature {@code "Spec ID Event03"} and the digest sizes per algorithm), then
 * {@code TCG_PCR_EVENT2} records: MR index (u32), event type (u32), digest count (u32), {algorithm (u16), digest}...,
 * event size (u32), event data. The log ends at the end of the data, at an MR index 0xFFFFFFFF (0xFF padding) or at
 * an all-zero record header (zero padding). Replay: EV_NO_ACTION events are skipped; CC MR index 1..4 extends RTMR
 * 0..3 with {@code RTMR = SHA-384(RTMR || SHA-384 digest)}, starting from zeros. Index 0 (MRTD) cannot be extended
 * and makes the log malformed.
 */
final class CcelLog {
    static final int MAX_EVENTS = 8192;
    private static final int EV_NO_ACTION = 0x3;
    private static final int ALG_SHA384 = 0x000c;
    private static final int SHA384_LENGTH = 48;
    private static final byte[] SPEC_ID = "Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII);
    private static final int FIRST_EVENT_HEADER = 32; // index, type, SHA-1 digest, size
    private static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(0x1, "EV_POST_CODE"), Map.entry(0x4, "EV_SEPARATOR"), Map.entry(0x5, "EV_ACTION"),
            Map.entry(0x6, "EV_EVENT_TAG"), Map.entry(0x7, "EV_S_CRTM_CONTENTS"), Map.entry(0x8, "EV_S_CRTM_VERSION"),
            Map.entry(0x9, "EV_CPU_MICROCODE"), Map.entry(0xa, "EV_PLATFORM_CONFIG_FLAGS"),
            Map.entry(0xb, "EV_TABLE_OF_DEVICES"), Map.entry(0xc, "EV_COMPACT_HASH"), Map.entry(0xd, "EV_IPL"),
            Map.entry(0xe, "EV_IPL_PARTITION_DATA"), Map.entry(0xf, "EV_NONHOST_CODE"),
            Map.entry(0x10, "EV_NONHOST_CONFIG"), Map.entry(0x11, "EV_NONHOST_INFO"),
            Map.entry(0x12, "EV_OMIT_BOOT_DEVICE_EVENTS"),
            Map.entry(0x80000001, "EV_EFI_VARIABLE_DRIVER_CONFIG"), Map.entry(0x80000002, "EV_EFI_VARIABLE_BOOT"),
            Map.entry(0x80000003, "EV_EFI_BOOT_SERVICES_APPLICATION"),
            Map.entry(0x80000004, "EV_EFI_BOOT_SERVICES_DRIVER"),
            Map.entry(0x80000005, "EV_EFI_RUNTIME_SERVICES_DRIVER"), Map.entry(0x80000006, "EV_EFI_GPT_EVENT"),
            Map.entry(0x80000007, "EV_EFI_ACTION"), Map.entry(0x80000008, "EV_EFI_PLATFORM_FIRMWARE_BLOB"),
            Map.entry(0x80000009, "EV_EFI_HANDOFF_TABLES"), Map.entry(0x8000000a, "EV_EFI_PLATFORM_FIRMWARE_BLOB2"),
            Map.entry(0x8000000b, "EV_EFI_HANDOFF_TABLES2"), Map.entry(0x8000000c, "EV_EFI_VARIABLE_BOOT2"),
            Map.entry(0x80000010, "EV_EFI_HCRTM_EVENT"), Map.entry(0x800000e0, "EV_EFI_VARIABLE_AUTHORITY"),
            Map.entry(0x800000e1, "EV_EFI_SPDM_FIRMWARE_BLOB"), Map.entry(0x800000e2, "EV_EFI_SPDM_FIRMWARE_CONFIG"));

    /** One measured (non EV_NO_ACTION) event. */
    record Event(int rtmr, int type, byte[] sha384) {
        /** {@code rtmr<N>:<type name or 0x...>:<sha384 hex>}. */
        String describe() {
            String name = TYPES.getOrDefault(type, String.format(Locale.ROOT, "0x%08x", type));
            return "rtmr" + rtmr + ":" + name + ":" + HexText.encode(sha384);
        }
    }

    final List<Event> events;
    final byte[][] rtmrs;
    /** Which RTMRs at least one event extends. */
    final boolean[] extended;

    private CcelLog(List<Event> events, byte[][] rtmrs, boolean[] extended) {
        this.events = events;
        this.rtmrs = rtmrs;
        this.extended = extended;
    }

    /** Whether the data starts like a TCG2 event log (the Spec ID event). */
    static boolean looksLikeEventLog(byte[] d) {
        return d.length >= FIRST_EVENT_HEADER + SPEC_ID.length && u32(d, 4) == EV_NO_ACTION
                && allZero(d, 8, 28) && Arrays.equals(d, FIRST_EVENT_HEADER, FIRST_EVENT_HEADER + SPEC_ID.length,
                        SPEC_ID, 0, SPEC_ID.length);
    }

    /**
     * Parses and replays the log.
     *
     * @throws AttestationVerificationException {@code EVIDENCE_MALFORMED} when the log is not a well-formed TCG2
     *     crypto-agile log with SHA-384 digests
     */
    static CcelLog replay(byte[] d) throws AttestationVerificationException {
        if (!looksLikeEventLog(d)) {
            throw Failures.eventLogMalformed("no Spec ID Event03 header");
        }
        long specSize = u32(d, 28);
        int spec = FIRST_EVENT_HEADER;
        if (specSize < SPEC_ID.length + 12 || specSize > d.length - spec) {
            throw Failures.eventLogMalformed("Spec ID event size " + specSize + " is out of bounds");
        }
        int specEnd = spec + (int) specSize;
        long algorithms = u32(d, spec + 24);
        if (algorithms < 1 || algorithms > 16 || spec + 28 + 4 * algorithms + 1 > specEnd) {
            throw Failures.eventLogMalformed("Spec ID event lists " + algorithms + " digest algorithms");
        }
        int[] algIds = new int[(int) algorithms];
        int[] algSizes = new int[(int) algorithms];
        for (int i = 0; i < algorithms; i++) {
            algIds[i] = u16(d, spec + 28 + 4 * i);
            algSizes[i] = u16(d, spec + 30 + 4 * i);
            if (algSizes[i] == 0 || algSizes[i] > 64) {
                throw Failures.eventLogMalformed("digest size " + algSizes[i] + " for algorithm 0x"
                        + Integer.toHexString(algIds[i]));
            }
        }
        if (digestSize(algIds, algSizes, ALG_SHA384) != SHA384_LENGTH) {
            throw Failures.eventLogMalformed("the log has no SHA-384 digests");
        }
        MessageDigest sha384 = sha384();
        byte[][] rtmrs = new byte[4][SHA384_LENGTH];
        boolean[] extended = new boolean[4];
        List<Event> events = new ArrayList<>();
        int pos = specEnd;
        while (d.length - pos >= 8) {
            long index = u32(d, pos);
            long type = u32(d, pos + 4);
            if (index == 0xffffffffL || (index == 0 && type == 0)) {
                break;
            }
            int p = pos + 8;
            require(d, p, 4, pos);
            long count = u32(d, p);
            p += 4;
            if (count < 1 || count > algorithms) {
                throw Failures.eventLogMalformed("event at offset " + pos + " has " + count + " digests");
            }
            byte[] digest = null;
            for (int i = 0; i < count; i++) {
                require(d, p, 2, pos);
                int alg = u16(d, p);
                p += 2;
                int size = digestSize(algIds, algSizes, alg);
                if (size < 0) {
                    throw Failures.eventLogMalformed("event at offset " + pos + " uses undeclared algorithm 0x"
                            + Integer.toHexString(alg));
                }
                require(d, p, size, pos);
                if (alg == ALG_SHA384) {
                    digest = Arrays.copyOfRange(d, p, p + size);
                }
                p += size;
            }
            require(d, p, 4, pos);
            long size = u32(d, p);
            p += 4;
            if (size > d.length - p) {
                throw Failures.eventLogMalformed("event at offset " + pos + " declares " + size + " bytes of data but "
                        + (d.length - p) + " remain");
            }
            p += (int) size;
            if (type != EV_NO_ACTION) {
                if (digest == null) {
                    throw Failures.eventLogMalformed("event at offset " + pos + " has no SHA-384 digest");
                }
                if (index < 1 || index > 4) {
                    throw Failures.eventLogMalformed("event at offset " + pos + " extends CC MR index " + index
                            + "; only 1..4 (RTMR0..3) can be extended");
                }
                int r = (int) index - 1;
                sha384.update(rtmrs[r]);
                sha384.update(digest);
                rtmrs[r] = sha384.digest();
                extended[r] = true;
                if (events.size() == MAX_EVENTS) {
                    throw Failures.eventLogMalformed("more than " + MAX_EVENTS + " events");
                }
                events.add(new Event(r, (int) type, digest));
            }
            pos = p;
        }
        return new CcelLog(List.copyOf(events), rtmrs, extended);
    }

    private static int digestSize(int[] ids, int[] sizes, int alg) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == alg) {
                return sizes[i];
            }
        }
        return -1;
    }

    private static void require(byte[] d, int p, int n, int event) throws AttestationVerificationException {
        if (n > d.length - p) {
            throw Failures.eventLogMalformed("event at offset " + event + " is truncated");
        }
    }

    private static boolean allZero(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            if (d[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] d, int off) {
        return (d[off] & 0xff) | (d[off + 1] & 0xff) << 8;
    }

    private static long u32(byte[] d, int off) {
        return (d[off] & 0xffL) | (d[off + 1] & 0xffL) << 8 | (d[off + 2] & 0xffL) << 16 | (d[off + 3] & 0xffL) << 24;
    }

    private static MessageDigest sha384() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-384", e);
        }
    }
}
