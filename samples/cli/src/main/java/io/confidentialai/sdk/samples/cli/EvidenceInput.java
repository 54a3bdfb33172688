package io.confidentialai.sdk.samples.cli;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads evidence files: raw binary, hex text, or the SDK's JSON evidence envelope; and recognizes the
 * vendor format of raw evidence by its first bytes.
 */
final class EvidenceInput {
    /** The largest file the tool reads (hex text and envelopes take about twice the evidence size). */
    static final int MAX_FILE_BYTES = 8 << 20;

    private static final int TDX_TEE_TYPE = 0x81;
    private static final int SNP_REPORT_LENGTH = 1184;
    private static final int SPDM_VERSION_1_1 = 0x11;
    private static final int SPDM_GET_MEASUREMENTS = 0xe0;

    /** One evidence file as it will be verified. */
    record Loaded(String name, Evidence evidence, String encoding) {}

    private EvidenceInput() {}

    /**
     * Expands {@code --evidence} arguments: a file stays itself; a directory becomes its regular files,
     * sorted by name. The result keeps argument order.
     */
    static List<Path> expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        for (Path p : arguments) {
            if (Files.isDirectory(p)) {
                List<Path> inDir = new ArrayList<>();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(p)) {
                    for (Path f : dir) {
                        if (Files.isRegularFile(f)) {
                            inDir.add(f);
                        }
                    }
                } catch (IOException e) {
                    throw new UsageException("cannot list evidence directory " + p + ": " + describe(e));
                }
                if (inDir.isEmpty()) {
                    throw new UsageException("evidence directory " + p + " holds no regular files");
                }
                inDir.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
                files.addAll(inDir);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UsageException("evidence file not found: " + p);
            }
        }
        return files;
    }

    /**
     * Loads one evidence file.
     *
     * @param file the file
     * @param tee the {@code --tee} choice
     * @param attachments attachments to add ({@code --cert}, {@code --collateral} files)
     * @throws UsageException if the file cannot be read or its format cannot be recognized
     */
    static List<Loaded> load(Path file, TeeOption tee, Map<String, byte[]> attachments) {
        String name = file.toString();
        byte[] bytes = readFile(file, MAX_FILE_BYTES, "evidence file");
        if (bytes.length == 0) {
            throw new UsageException(name + ": the evidence file is empty");
        }
        if (NvidiaGpuEvidence.isEvidenceList(bytes)) {
            return loadGpuList(name, bytes, tee, attachments);
        }
        return List.of(loadOne(name, bytes, tee, attachments));
    }

    /** NVIDIA's multi-GPU JSON list: each GPU is verified and reported on its own, as FILE#0, FILE#1, ... */
    private static List<Loaded> loadGpuList(String name, byte[] bytes, TeeOption tee, Map<String, byte[]> attachments) {
        if (tee != TeeOption.AUTO && tee != TeeOption.NVIDIA) {
            throw new UsageException(name + ": a JSON evidence list holds NVIDIA GPU evidence, not " + tee.label());
        }
        List<Evidence> gpus;
        try {
            gpus = NvidiaGpuEvidence.parseEvidenceList(bytes, MAX_FILE_BYTES);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": not an NVIDIA GPU evidence list (" + describe(e) + ")");
        }
        List<Loaded> out = new ArrayList<>();
        for (int i = 0; i < gpus.size(); i++) {
            out.add(new Loaded(name + "#" + i, withAttachments(name, gpus.get(i), attachments), "nvidia-list"));
        }
        return out;
    }

    private static Evidence withAttachments(String name, Evidence evidence, Map<String, byte[]> attachments) {
        if (attachments.isEmpty()) {
            return evidence;
        }
        Evidence.Builder b = evidence.toBuilder();
        try {
            attachments.forEach(b::attachment);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
        return b.build();
    }

    private static Loaded loadOne(String name, byte[] bytes, TeeOption tee, Map<String, byte[]> attachments) {
        Evidence evidence;
        String encoding;
        if (firstNonBlank(bytes) == '{') {
            try {
                evidence = Evidence.decode(bytes, MAX_FILE_BYTES);
            } catch (RuntimeException e) {
                throw new UsageException(name + ": not an SDK evidence envelope (" + describe(e) + ")");
            }
            Optional<TeeType> wanted = tee.teeType();
            if (wanted.isPresent() && tee != TeeOption.SIMULATED && !wanted.get().equals(evidence.teeType())) {
                throw new UsageException(name + ": the envelope holds " + evidence.teeType() + " evidence, not "
                        + tee.label());
            }
            encoding = "envelope";
        } else {
            byte[] data = bytes;
            encoding = "binary";
            if (isHexText(bytes)) {
                data = decodeHex(bytes);
                encoding = "hex";
                if (data.length == 0) {
                    throw new UsageException(name + ": the evidence file is empty");
                }
            }
            Optional<TeeType> type = tee == TeeOption.AUTO ? sniff(data) : tee.teeType();
            if (type.isEmpty()) {
                throw new UsageException(name + ": cannot detect the evidence format; pass --tee");
            }
            evidence = Evidence.of(type.get(), data);
        }
        return new Loaded(name, withAttachments(name, evidence, attachments), encoding);
    }

    /**
     * Recognizes raw vendor evidence by its first bytes.
     *
     * @return the TEE type, or empty if the format is not recognized
     */
    static Optional<TeeType> sniff(byte[] d) {
        if (d.length >= 8) {
            int version = u16(d, 0);
            if ((version == 4 || version == 5) && u32(d, 4) == TDX_TEE_TYPE) {
                return Optional.of(TeeType.INTEL_TDX);
            }
        }
        if (d.length == SNP_REPORT_LENGTH) {
            long version = u32(d, 0);
            if (version >= 2 && version <= 5) {
                return Optional.of(TeeType.AMD_SEV_SNP);
            }
        }
        if (d.length >= 3 && (d[0] & 0xff) == 0xd9 && (d[1] & 0xff) == 0x01 && (d[2] & 0xff) == 0x8f) {
            return Optional.of(TeeType.ARM_CCA); // CBOR tag 399: CCA attestation token collection
        }
        if (d.length >= 3 && (d[0] & 0xff) == 0xd9 && (d[1] & 0xff) == 0x03 && (d[2] & 0xff) == 0x8b) {
            return Optional.of(TeeType.ARM_CCA); // CBOR tag 907: CCA token collection of CMW records
        }
        if (d.length >= 1 && (d[0] & 0xff) == 0xd2) {
            return Optional.of(TeeType.ARM_CCA); // CBOR tag 18: COSE_Sign1
        }
        if (d.length >= 2 && (d[0] & 0xff) == SPDM_VERSION_1_1 && (d[1] & 0xff) == SPDM_GET_MEASUREMENTS) {
            return Optional.of(TeeType.NVIDIA_GPU_CC);
        }
        return Optional.empty();
    }

    /** True if the content is only ASCII hex digits and white space, with an even number of digits. */
    static boolean isHexText(byte[] bytes) {
        int digits = 0;
        for (byte b : bytes) {
            if (Character.digit(b, 16) >= 0 && b < 0x80) {
                digits++;
            } else if (!(b == ' ' || b == '\t' || b == '\r' || b == '\n')) {
                return false;
            }
        }
        return digits > 0 && digits % 2 == 0;
    }

    /** Decodes hex text, ignoring white space (call {@link #isHexText} first). */
    static byte[] decodeHex(byte[] text) {
        byte[] out = new byte[text.length / 2];
        int n = 0;
        int high = -1;
        for (byte b : text) {
            int v = b < 0x80 ? Character.digit(b, 16) : -1;
            if (v < 0) {
                continue;
            }
            if (high < 0) {
                high = v;
            } else {
                out[n++] = (byte) (high << 4 | v);
                high = -1;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Reads a whole file of at most {@code maxBytes}.
     *
     * @throws UsageException if it is missing, unreadable or too large
     */
    static byte[] readFile(Path file, int maxBytes, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(what + " not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new UsageException(what + " " + file + " is larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UsageException("cannot read " + what + " " + file + ": " + describe(e));
        }
    }

    /**
     * An attachment name from a file name: lower case, characters outside {@code [a-z0-9._-]} replaced by
     * {@code -}, starting with a letter or digit, at most 64 characters.
     */
    static String attachmentName(Path file) {
        Path fileName = file.getFileName();
        String raw = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (char c : raw.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (ok || sb.length() > 0) {
                sb.append(ok ? c : '-');
            }
        }
        while (sb.length() > 0 && !Character.isLetterOrDigit(sb.charAt(0))) {
            sb.deleteCharAt(0);
        }
        if (sb.length() > 64) {
            sb.setLength(64);
        }
        if (sb.length() == 0) {
            throw new UsageException("cannot derive an attachment name from " + file);
        }
        return sb.toString();
    }

    static String describe(Exception e) {
        String m = e.getMessage();
        String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static int firstNonBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!(b == ' ' || b == '\t' || b == '\r' || b == '\n')) {
                return b & 0xff;
            }
        }
        return -1;
    }

    private static int u16(byte[] d, int off) {
        return (d[off] & 0xff) | (d[off + 1] & 0xff) << 8;
    }

    private static long u32(byte[] d, int off) {
        return ((d[off] & 0xffL) | (d[off + 1] & 0xffL) << 8 | (d[off + 2] & 0xffL) << 16 | (d[off + 3] & 0xffL) << 24);
    }
}
