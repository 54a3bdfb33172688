package io.confidentialai.sdk.tee.simulated.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The firmware of a simulated NVIDIA H100 (GH100): versions, identifiers and the 64 SPDM measurement blocks, shared by
 * the simulated evidence ({@link SimulatedGpuCollector}) and the simulated reference integrity manifests
 * ({@link SimulatedGpuRims}) so that the two always agree.
 *
 * <pre>
 * driver version      550.99.99                 RIM id NV_GPU_DRIVER_GH100_550.99.99
 * VBIOS version       96.00.99.00.99            RIM id NV_GPU_VBIOS_1010_0200_882_9600990099
 * project / SKU       1010 / 0200, chip SKU 882 (the H100 SXM5 values of NVIDIA's sample)
 * blocks              SHA-384("CSDK simulated GH100 measurement block " + n) for block n (1-based), except the
 *                     blocks that are zero in NVIDIA's sample: 1, 9, 11, 13-21, 24, 25, 29, 42-64
 * VBIOS RIM           active for RIM indices 0-6 and 8-12 (RIM index = block - 1), like NVIDIA's VBIOS RIMs
 * driver RIM          active for RIM indices 7 and 21-40, like NVIDIA's driver RIMs
 * FWID                SHA-384("CSDK simulated GH100 GSP FMC firmware, device " + index), one per simulated GPU
 * </pre>
 *
 * The 99s mark the versions as simulated where a real format leaves no room for a word. Stateless and thread-safe.
 */
final class SimulatedGpuFirmware {
    static final int BLOCKS = 64;
    static final int DIGEST_LENGTH = 48;
    static final String DRIVER_VERSION = "550.99.99";
    /** VBIOS_VERSION opaque field: printed as %02X.%02X.%02X.%02X.%02X of bytes [3], [2], [1], [0], [4]. */
    static final byte[] VBIOS_VERSION_FIELD = {(byte) 0x00, (byte) 0x99, 0x00, (byte) 0x96, (byte) 0x99, 0, 0, 0};
    static final String VBIOS_VERSION = "96.00.99.00.99";
    static final String PROJECT = "1010";
    static final String PROJECT_SKU = "0200";
    static final String CHIP_SKU = "882";
    static final String DRIVER_RIM_ID = "NV_GPU_DRIVER_GH100_" + DRIVER_VERSION;
    static final String VBIOS_RIM_ID = "NV_GPU_VBIOS_" + PROJECT + "_" + PROJECT_SKU + "_" + CHIP_SKU + "_"
            + VBIOS_VERSION.replace(".", "").toUpperCase(Locale.ROOT);

    /** The 1-based blocks that are all zero (the zero blocks of NVIDIA's H100 sample report). */
    static final Set<Integer> ZERO_BLOCKS = blocks(IntStream.concat(IntStream.of(1, 9, 11, 24, 25, 29),
            IntStream.concat(IntStream.rangeClosed(13, 21), IntStream.rangeClosed(42, 64))));
    /** The 0-based RIM indices the VBIOS RIM holds active. */
    static final Set<Integer> VBIOS_ACTIVE = blocks(IntStream.concat(IntStream.rangeClosed(0, 6),
            IntStream.rangeClosed(8, 12)));
    /** The 0-based RIM indices the driver RIM holds active. */
    static final Set<Integer> DRIVER_ACTIVE = blocks(IntStream.concat(IntStream.of(7), IntStream.rangeClosed(21, 40)));

    private SimulatedGpuFirmware() {}

    /** The value of measurement block {@code block} (1..64), 48 bytes. */
    static byte[] block(int block) {
        if (block < 1 || block > BLOCKS) {
            throw new IllegalArgumentException("measurement block must be 1.." + BLOCKS + ": " + block);
        }
        return ZERO_BLOCKS.contains(block) ? new byte[DIGEST_LENGTH]
                : sha384("CSDK simulated GH100 measurement block " + block);
    }

    /** The FWID of simulated GPU {@code index}, carried in its device certificate and in its opaque data. */
    static byte[] fwid(int index) {
        return sha384("CSDK simulated GH100 GSP FMC firmware, device " + index);
    }

    /** The collateral file name of a RIM: its id lower-cased, with the extension {@code .swidtag}. */
    static String rimFileName(String rimId) {
        return rimId.toLowerCase(Locale.ROOT) + ".swidtag";
    }

    static byte[] sha384(String label) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-384", e);
        }
    }

    private static Set<Integer> blocks(IntStream s) {
        return s.boxed().collect(Collectors.toUnmodifiableSet());
    }
}
