package io.confidentialai.sdk.samples.benchmarks;

import io.confidentialai.sdk.AssetKey;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.DatasetSpec;
import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.SealedAsset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seals and unseals a large file through the public API ({@code datasets().encrypt} and {@code decrypt}),
 * streaming from and to disk, and shows that memory stays flat: run it with a small heap, e.g.
 *
 * <pre>
 * java -Xmx128m -cp samples/benchmarks/target/benchmarks.jar \
 *     io.confidentialai.sdk.samples.benchmarks.LargeAsset 4 /tmp/csdk-large
 * </pre>
 *
 * <p>Arguments: the plaintext size in GiB (default 4; fractions allowed) and a work directory (default: a new
 * temporary directory). Steps: write a pseudo-random plaintext file while hashing it (never held in memory);
 * copy it with a plain stream loop and delete the copy (the file-system baseline); seal it; check the sealed
 * plaintext digest; delete the plaintext (so that at most two copies are on disk); unseal to a new file; hash
 * that file independently and compare. It prints sizes, wall times, MB/s (10^6 plaintext bytes per second),
 * the calling thread's user and kernel CPU time per step, the peak heap used and GC counts, deletes every file
 * it wrote, and exits non-zero if anything differs. Times include the file system (usually the page cache) but
 * no fsync.
 */
public final class LargeAsset {
    private static final int IO_BUFFER = 1 << 20;
    private static final long GIB = 1L << 30;

    private LargeAsset() {}

    /**
     * Runs the check.
     *
     * @param args [size in GiB] [work directory]
     */
    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args, System.out);
        } catch (IOException | DecryptionException | RuntimeException e) {
            System.out.println("FAILED: " + e + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : ""));
            rc = 1;
        }
        System.exit(rc);
    }

    static int run(String[] args, PrintStream out) throws IOException, DecryptionException {
        double gib = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        if (!(gib > 0)) {
            throw new IllegalArgumentException("size must be a positive number of GiB");
        }
        long size = (long) (gib * GIB);
        boolean ownDir = args.length < 2;
        Path dir = ownDir ? Files.createTempDirectory("csdk-large-asset") : Files.createDirectories(Path.of(args[1]));
        Path plain = dir.resolve("large-plaintext.bin");
        Path sealedFile = dir.resolve("large.sealed");
        Path back = dir.resolve("large-unsealed.bin");
        Path copyFile = dir.resolve("large-copy.bin");

        HeapSampler heap = new HeapSampler();
        heap.start();
        AssetKey key = AssetKey.generate();
        try (ConfidentialClient client = ConfidentialClient.builder().build()) {
            out.printf(Locale.ROOT, "LargeAsset: %s plaintext (%d bytes) in %s%n", human(size), size, dir.toAbsolutePath());
            out.printf(Locale.ROOT, "JVM: %s %s, max heap %s, %d CPUs%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.runtime.version"), human(Runtime.getRuntime().maxMemory()),
                    Runtime.getRuntime().availableProcessors());
            long usable = Files.getFileStore(dir).getUsableSpace();
            // plaintext and sealed copy, then sealed and unsealed copy (the plaintext is deleted in between)
            long needed = 2 * size + size / 100 + (64L << 20);
            out.printf(Locale.ROOT, "disk: %s usable, %s needed at most%n", human(usable), human(needed));
            if (usable < needed) {
                out.println("FAILED: not enough disk space");
                return 2;
            }

            Phase phase = new Phase();
            byte[] expected = writePlaintext(plain, size);
            phase.end(out, "generate", human(size), size);
            out.println("          sha256:" + hex(expected) + " (includes generating and hashing)");

            copy(plain, copyFile);
            double copyMbps = phase.end(out, "copy", human(size) + " -> " + human(Files.size(copyFile)), size);
            out.println("          plain stream copy with a 64 KiB buffer, as the SDK streams: the file-system baseline");
            Files.delete(copyFile);

            phase = new Phase();
            SealedAsset asset = client.datasets().encrypt(DatasetSpec.builder().name("large-asset").source(plain).build(),
                    key, sealedFile);
            double sealMbps = phase.end(out, "seal", human(asset.plaintextSize()) + " -> " + human(asset.sealedSize()), size);
            out.println("          sealed " + asset.digest());
            boolean ok = asset.plaintextSize() == size && asset.sealedSize() == Files.size(sealedFile)
                    && asset.plaintextDigest().equals(Digest.ofSha256(expected));
            out.println("          manifest plaintext digest " + (ok ? "matches" : "DIFFERS from") + " the generated file");
            Files.delete(plain);

            phase = new Phase();
            Digest returned = client.datasets().decrypt(sealedFile, key, back, (done, total) -> { });
            double unsealMbps = phase.end(out, "unseal", human(asset.sealedSize()) + " -> " + human(Files.size(back)), size);
            out.println("          decrypt() returned " + returned + (returned.equals(Digest.ofSha256(expected))
                    ? " (the plaintext digest)" : returned.equals(asset.digest()) ? " (the sealed digest)" : ""));

            byte[] actual = hashFile(back);
            boolean same = Files.size(back) == size && MessageDigest.isEqual(actual, expected);
            phase.end(out, "verify", human(size), size);
            out.println("          sha256 of the unsealed file " + (same ? "equals" : "DIFFERS from") + " the original");
            ok &= same;

            heap.stop();
            out.printf(Locale.ROOT, "heap: peak used %s (sampled every 10 ms), sum of pool peaks %s, max %s%n",
                    human(heap.peak()), human(poolPeaks()), human(Runtime.getRuntime().maxMemory()));
            out.println("gc:   " + gcSummary());
            out.printf(Locale.ROOT, "totals: seal %.0f MB/s, unseal %.0f MB/s, plain copy %.0f MB/s"
                    + " (MB = 10^6 plaintext bytes; through the page cache, no fsync)%n", sealMbps, unsealMbps, copyMbps);
            out.println(ok ? "RESULT: OK" : "RESULT: FAILED");
            return ok ? 0 : 1;
        } finally {
            heap.stop();
            key.destroy();
            Files.deleteIfExists(plain);
            Files.deleteIfExists(sealedFile);
            Files.deleteIfExists(back);
            Files.deleteIfExists(copyFile);
            if (ownDir) {
                Files.deleteIfExists(dir);
            }
        }
    }

    /** Writes {@code size} pseudo-random bytes in 1 MiB blocks and returns their SHA-256. */
    static byte[] writePlaintext(Path file, long size) throws IOException {
        MessageDigest md = sha256();
        SplittableRandom prng = new SplittableRandom(0x5eed);
        byte[] buf = new byte[IO_BUFFER];
        try (OutputStream o = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(buf.length, left);
                fill(prng, buf, n);
                o.write(buf, 0, n);
                md.update(buf, 0, n);
                left -= n;
            }
        }
        return md.digest();
    }

    /** Fills {@code b[0..n)} with the next pseudo-random bytes of {@code prng}. */
    static void fill(SplittableRandom prng, byte[] b, int n) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            bb.putLong(i, prng.nextLong());
        }
        for (long v = prng.nextLong(); i < n; i++, v >>>= 8) {
            b[i] = (byte) v;
        }
    }

    /** Copies a file through streams with a 64 KiB buffer, as the SDK's sealing loop reads and writes. */
    static void copy(Path from, Path to) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(from); OutputStream o = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                o.write(buf, 0, n);
            }
        }
    }

    static byte[] hashFile(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[IO_BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static long poolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String gcSummary() {
        List<String> parts = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            parts.add(String.format(Locale.ROOT, "%s %d collections %d ms", gc.getName(), gc.getCollectionCount(),
                    gc.getCollectionTime()));
        }
        return String.join(", ", parts);
    }

    /**
     * Wall time and the calling thread's CPU time (user and kernel) since the last mark. Every step runs on the
     * calling thread, so kernel time shows what the file system and the page cache cost.
     */
    private static final class Phase {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long wall;
        private long cpu;
        private long user;

        Phase() {
            mark();
        }

        private void mark() {
            wall = System.nanoTime();
            cpu = threads.getCurrentThreadCpuTime();
            user = threads.getCurrentThreadUserTime();
        }

        /** Prints the step and returns its MB/s; starts the next step. */
        double end(PrintStream out, String step, String what, long bytes) {
            double seconds = (System.nanoTime() - wall) / 1e9;
            double userSeconds = (threads.getCurrentThreadUserTime() - user) / 1e9;
            double kernelSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9 - userSeconds;
            double mbps = bytes / 1e6 / seconds;
            out.printf(Locale.ROOT, "%-9s %s in %6.2f s (%4.0f MB/s); thread CPU user %5.2f s, kernel %5.2f s%n", step, what,
                    seconds, mbps, userSeconds, Math.max(0, kernelSeconds));
            mark();
            return mbps;
        }
    }

    static String human(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) GIB);
        }
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
        }
        return bytes + " B";
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    /** Polls the used heap (MemoryMXBean) on a daemon thread and keeps the maximum. */
    private static final class HeapSampler implements Runnable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(this, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
            if (thread != null) {
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sample();
        }

        long peak() {
            return peak.get();
        }

        private void sample() {
            long used = memory.getHeapMemoryUsage().getUsed();
            peak.accumulateAndGet(used, Math::max);
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
