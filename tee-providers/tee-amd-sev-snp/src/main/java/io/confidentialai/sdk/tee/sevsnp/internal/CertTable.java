package io.confidentialai.sdk.tee.sevsnp.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SEV-SNP extended-report certificate table (GHCB specification, "SNP Extended Guest Request"; configfs-tsm
 * {@code auxblob} of the {@code sev_guest} provider): entries of a 16-byte GUID, a u32 offset and a u32 length
 * (little-endian), ended by an all-zero entry; offsets count from the start of the table. Parsing is bounded: every
 * entry must lie inside the table after the headers, and at most {@value #MAX_ENTRIES} entries are read.
 */
final class CertTable {
    static final int MAX_ENTRIES = 32;
    private static final int ENTRY_LENGTH = 24;

    /** The GUIDs the GHCB specification assigns, with the attachment name each certificate gets. */
    enum Kind {
        ARK("c0b406a4-a803-4952-9743-3fb6014cd0ae", "ark.der"),
        ASK("4ab7b379-bbac-4fe4-a02f-05aef327c782", "ask.der"),
        VCEK("63da758d-e664-4564-adc5-f4b93be8accd", "vcek.der"),
        VLEK("a8074bc2-a25a-483e-aae6-39c045a0b8a1", "vlek.der"),
        CRL("92f81bc3-5811-4d3d-97ff-d19f88dc67ea", "crl.der");

        final String guid;
        final String attachmentName;
        private final byte[] textOrder;
        private final byte[] mixedEndian;

        Kind(String guid, String attachmentName) {
            this.guid = guid;
            this.attachmentName = attachmentName;
            this.textOrder = HexFormat.of().parseHex(guid.replace("-", ""));
            byte[] m = textOrder.clone();
            reverse(m, 0, 4);
            reverse(m, 4, 2);
            reverse(m, 6, 2);
            this.mixedEndian = m;
        }

        /** Matches the GUID in RFC 4122 byte order (as Linux and the KVM tools write it) or in EFI mixed-endian order. */
        boolean matches(byte[] b, int off) {
            return equalAt(b, off, textOrder) || equalAt(b, off, mixedEndian);
        }

        private static void reverse(byte[] b, int off, int len) {
            for (int i = 0; i < len / 2; i++) {
                byte t = b[off + i];
                b[off + i] = b[off + len - 1 - i];
                b[off + len - 1 - i] = t;
            }
        }

        private static boolean equalAt(byte[] b, int off, byte[] want) {
            for (int i = 0; i < want.length; i++) {
                if (b[off + i] != want[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One certificate of the table: its kind (empty for an unknown GUID), GUID text and bytes. */
    record Entry(Optional<Kind> kind, String guid, byte[] content) {}

    private CertTable() {}

    /**
     * Parses a certificate table.
     *
     * @throws IllegalArgumentException when the table is truncated, unterminated, or an entry lies outside it
     */
    static List<Entry> parse(byte[] table) {
        List<long[]> spans = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (table.length - pos < ENTRY_LENGTH) {
                throw new IllegalArgumentException("certificate table is not terminated by an all-zero entry");
            }
            if (isZero(table, pos, ENTRY_LENGTH)) {
                break;
            }
            if (spans.size() == MAX_ENTRIES) {
                throw new IllegalArgumentException("certificate table has more than " + MAX_ENTRIES + " entries");
            }
            spans.add(new long[] {pos, SnpReport.u32(table, pos + 16), SnpReport.u32(table, pos + 20)});
            pos += ENTRY_LENGTH;
        }
        long headersEnd = pos + ENTRY_LENGTH;
        List<Entry> out = new ArrayList<>();
        for (long[] span : spans) {
            int header = (int) span[0];
            long offset = span[1];
            long length = span[2];
            if (offset < headersEnd || offset > table.length || length > table.length - offset) {
                throw new IllegalArgumentException("certificate table entry " + out.size() + " (offset " + offset
                        + ", length " + length + ") lies outside the data after the headers of the "
                        + table.length + "-byte table");
            }
            Optional<Kind> kind = Optional.empty();
            for (Kind k : Kind.values()) {
                if (k.matches(table, header)) {
                    kind = Optional.of(k);
                }
            }
            String guid = HexFormat.of().formatHex(table, header, header + 16).toLowerCase(Locale.ROOT);
            byte[] content = new byte[(int) length];
            System.arraycopy(table, (int) offset, content, 0, (int) length);
            out.add(new Entry(kind, guid, content));
        }
        return out;
    }

    private static boolean isZero(byte[] b, int off, int len) {
        int acc = 0;
        for (int i = off; i < off + len; i++) {
            acc |= b[i];
        }
        return acc == 0;
    }
}
