package io.confidentialai.sdk.tee.nvidia.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the NVIDIA vectors of ../shared/vectors in place (never copied into the repository) and decodes the H100
 * sample report's measurement blocks. Callers assume {@link #dir()} at class level before reading anything.
 */
final class RimVectors {
    static final String SKIP = "attestation test vectors not found at ../shared/vectors; skipping";

    static final String DRIVER = "nvidia/nvtrust-driver-rim-test_no_gpu.swidtag";
    static final String VBIOS_PROD = "nvidia/nvtrust-vbios-rim-96005E0001-PROD.swidtag";
    static final String VBIOS_TEST = "nvidia/nvtrust-vbios-rim-96005E0001-test_no_gpu.swidtag";
    static final String REPORT = "nvidia/nvtrust-hopper-attestation-report.hex.txt";
    static final String ROOT = "roots/nvidia-rim-root-ca.pem";

    /** Inside every certificate's validity (the L4 signers expire 2025-06-22 and 2025-06-26). */
    static final Instant VALID = Instant.parse("2024-06-01T00:00:00Z");
    /** The day these vectors were collected: the L4 signers (and the L3 CA, 2026-11-11) have expired. */
    static final Instant EXPIRED = Instant.parse("2026-11-21T00:00:00Z");

    static final int MAX_BYTES = 1 << 20;

    private RimVectors() {}

    static Path dir() {
        String prop = System.getProperty("csdk.vectors.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../../shared/vectors");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("nvidia")), SKIP);
        return dir;
    }

    static byte[] read(String relative) {
        Path file = dir().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), SKIP);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String relative) {
        return new String(read(relative), StandardCharsets.US_ASCII);
    }

    /**
     * The 64 measurement blocks of the sample report, keyed by SPDM index: request (37 B), response header
     * 11 60 p1 p2 ‖ NumberOfBlocks ‖ MeasurementRecordLength (3 B LE), then per block index ‖ spec ‖ size (2 B LE) ‖
     * DMTF value type ‖ value size (2 B LE) ‖ value.
     */
    static Map<Integer, byte[]> reportBlocks() {
        byte[] report = HexFormat.of().parseHex(text(REPORT).strip());
        int p = 37;
        if (report[p] != 0x11 || report[p + 1] != 0x60) {
            throw new IllegalStateException("not an SPDM 1.1 MEASUREMENTS response");
        }
        int count = report[p + 4] & 0xff;
        int recordLength = u16(report, p + 5) | (report[p + 7] & 0xff) << 16;
        p += 8;
        int end = p + recordLength;
        Map<Integer, byte[]> blocks = new TreeMap<>();
        while (p < end) {
            int index = report[p] & 0xff;
            int size = u16(report, p + 2);
            int valueSize = u16(report, p + 5);
            if (size != valueSize + 3 || p + 4 + size > end) {
                throw new IllegalStateException("block " + index + " is inconsistent");
            }
            blocks.put(index, Arrays.copyOfRange(report, p + 7, p + 7 + valueSize));
            p += 4 + size;
        }
        if (blocks.size() != count) {
            throw new IllegalStateException(blocks.size() + " blocks, header says " + count);
        }
        return blocks;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
