package io.confidentialai.sdk.spi;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a TEE attestation report through the Linux configfs-tsm interface
 * ({@code /sys/kernel/config/tsm/report}), shared by the TDX ({@code tdx_guest}), SEV-SNP ({@code sev_guest}) and
 * Arm CCA ({@code arm_cca_guest}) collectors.
 *
 * <p>Protocol: create an entry directory, write the 64-byte {@code inblob}, read {@code generation}, then
 * {@code outblob} (and {@code auxblob} when present), {@code provider}, and {@code generation} again; if the
 * generation moved, another writer used the entry concurrently and the report is discarded. The entry is
 * removed afterwards. Every file read is bounded.
 *
 * <p>For tests and tooling, {@link #at(Path)} accepts any directory: a fake tree is a directory whose entry
 * subdirectory (named with {@link #withEntryName(String)}) already holds {@code outblob}, {@code provider} and
 * {@code generation} files; the {@code inblob} written there can then be inspected.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ConfigfsTsm {
    /** The kernel's configfs-tsm report directory. */
    public static final Path DEFAULT_BASE = Path.of("/sys/kernel/config/tsm/report");
    private static final int MAX_SMALL_FILE = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path base;
    private final String fixedEntryName;

    private ConfigfsTsm(Path base, String fixedEntryName) {
        this.base = base;
        this.fixedEntryName = fixedEntryName;
    }

    /**
     * Returns an interface rooted at {@code base}.
     *
     * @param base the configfs-tsm report directory, normally {@link #DEFAULT_BASE}
     * @return the interface
     * @throws NullPointerException if {@code base} is null
     */
    public static ConfigfsTsm at(Path base) {
        return new ConfigfsTsm(Objects.requireNonNull(base, "base"), null);
    }

    /**
     * Returns a copy that uses a fixed entry name and keeps an existing entry (for fake trees in tests).
     *
     * @param entryName the entry directory's name: {@code [a-z0-9-]}, 1 to 64 characters
     * @return the interface
     * @throws IllegalArgumentException if the name is not of that form
     */
    public ConfigfsTsm withEntryName(String entryName) {
        Objects.requireNonNull(entryName, "entryName");
        if (!entryName.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("entry name must match [a-z0-9-]{1,64}: " + entryName);
        }
        return new ConfigfsTsm(base, entryName);
    }

    /** Returns the base directory. */
    public Path base() {
        return base;
    }

    /**
     * One report read through configfs-tsm.
     *
     * @param outblob the report (vendor format)
     * @param auxblob auxiliary data such as an SEV-SNP certificate table, when the provider supplies it
     * @param provider the kernel provider's name, e.g. {@code tdx_guest}
     * @param generation the entry's write generation the report belongs to
     */
    public record Report(byte[] outblob, Optional<byte[]> auxblob, String provider, long generation) {
        /**
         * Validates and copies the fields.
         *
         * @throws NullPointerException if a field is null
         */
        public Report {
            outblob = Objects.requireNonNull(outblob, "outblob").clone();
            Objects.requireNonNull(auxblob, "auxblob");
            auxblob = auxblob.map(byte[]::clone);
            Objects.requireNonNull(provider, "provider");
        }

        /** Returns a copy of the report bytes. */
        @Override
        public byte[] outblob() {
            return outblob.clone();
        }

        /** Returns a copy of the auxiliary data, when present. */
        @Override
        public Optional<byte[]> auxblob() {
            return auxblob.map(byte[]::clone);
        }
    }

    /**
     * Produces a report binding {@code inblob}.
     *
     * @param inblob the report data, at most 64 bytes
     * @param expectedProvider the provider this collector speaks for, e.g. {@code tdx_guest}
     * @param maxOutblob the largest report accepted (also bounds {@code auxblob})
     * @return the report
     * @throws ConfidentialException if configfs-tsm is not available (not inside a confidential VM, or the kernel
     *     lacks TSM reports), the provider is another TEE's, or a concurrent writer changed the entry
     * @throws TransportException if reading or writing the entry fails
     * @throws IllegalArgumentException if {@code inblob} is longer than 64 bytes
     */
    public Report report(byte[] inblob, String expectedProvider, int maxOutblob) {
        Objects.requireNonNull(inblob, "inblob");
        Objects.requireNonNull(expectedProvider, "expectedProvider");
        if (inblob.length > 64) {
            throw new IllegalArgumentException("inblob is at most 64 bytes, got " + inblob.length);
        }
        if (!Files.isDirectory(base)) {
            throw new ConfidentialException("configfs-tsm is not available at " + base + ": not running inside a "
                    + "confidential VM, or the kernel has no TSM report support (CONFIG_TSM_REPORTS) or configfs is not mounted");
        }
        Path entry = base.resolve(fixedEntryName != null ? fixedEntryName
                : "csdk-" + HexFormat.of().formatHex(randomBytes()));
        boolean created = false;
        try {
            try {
                Files.createDirectory(entry);
                created = true;
            } catch (FileAlreadyExistsException e) {
                if (fixedEntryName == null) {
                    throw new ConfidentialException("configfs-tsm entry name collision at " + entry, e);
                }
            }
            Files.write(entry.resolve("inblob"), inblob);
            long before = generation(entry);
            byte[] out = readBounded(entry.resolve("outblob"), maxOutblob);
            Optional<byte[]> aux = Files.exists(entry.resolve("auxblob"))
                    ? Optional.of(readBounded(entry.resolve("auxblob"), maxOutblob)) : Optional.empty();
            String provider = new String(readBounded(entry.resolve("provider"), MAX_SMALL_FILE), StandardCharsets.US_ASCII).trim();
            long after = generation(entry);
            if (before != after) {
                throw new ConfidentialException("configfs-tsm entry " + entry.getFileName() + " was rewritten concurrently "
                        + "(generation " + before + " -> " + after + "); retry");
            }
            if (!provider.equals(expectedProvider)) {
                throw new ConfidentialException("configfs-tsm provider is '" + provider + "', expected '" + expectedProvider
                        + "': this is not the TEE this collector serves");
            }
            if (out.length == 0) {
                throw new ConfidentialException("configfs-tsm returned an empty report");
            }
            return new Report(out, aux, provider, after);
        } catch (NoSuchFileException e) {
            throw new ConfidentialException("configfs-tsm entry is missing " + e.getFile() + ": the kernel did not produce a report", e);
        } catch (IOException e) {
            throw new TransportException("configfs-tsm I/O failed at " + entry, e, true);
        } finally {
            if (created && fixedEntryName == null) {
                try {
                    Files.deleteIfExists(entry);
                } catch (IOException e) {
                    // configfs removes the entry's attributes with it; a leftover entry is harmless
                }
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    private static long generation(Path entry) throws IOException {
        String text = new String(readBounded(entry.resolve("generation"), MAX_SMALL_FILE), StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("configfs-tsm generation is not a number", e);
        }
    }

    private static byte[] readBounded(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new IOException(file.getFileName() + " exceeds " + max + " bytes");
            }
            return b;
        }
    }
}
