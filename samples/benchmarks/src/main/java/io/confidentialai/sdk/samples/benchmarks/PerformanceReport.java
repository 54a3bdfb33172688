package io.confidentialai.sdk.samples.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SealBenchmark} and {@link GrantBenchmark} with JMH and {@code openssl speed -evp aes-256-gcm}
 * (16 KiB blocks) before and after, in one session, then prints MB/s, the ratios to OpenSSL and the grant
 * latencies as Markdown tables (the tables of {@code docs/performance.md}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.confidentialai.sdk.samples.benchmarks.PerformanceReport
 * [JMH options, e.g. -f 1 -wi 3 -w 2s -i 5 -r 2s] [benchmark regexps]}. Without a regexp both classes run.
 * Set {@code -Dcsdk.bench.openssl=false} to skip OpenSSL.
 */
public final class PerformanceReport {
    private static final Pattern OPENSSL_LINE = Pattern.compile("^(aes-256-gcm|sha256)\\s+([0-9.]+)k\\s*$", Pattern.CASE_INSENSITIVE);

    private PerformanceReport() {}

    /**
     * Runs the benchmarks and prints the report.
     *
     * @param args JMH command-line options and benchmark regexps
     * @throws CommandLineOptionException if the JMH options do not parse
     * @throws RunnerException if JMH fails
     * @throws IOException if OpenSSL cannot be run
     * @throws InterruptedException if interrupted while OpenSSL runs
     */
    public static void main(String[] args) throws CommandLineOptionException, RunnerException, IOException, InterruptedException {
        PrintStream out = System.out;
        CommandLineOptions cmd = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd);
        if (cmd.getIncludes().isEmpty()) {
            options.include(SealBenchmark.class.getSimpleName()).include(GrantBenchmark.class.getSimpleName());
        }
        boolean openssl = Boolean.parseBoolean(System.getProperty("csdk.bench.openssl", "true"));

        String machine = machine();
        OptionalDouble before = openssl ? opensslSpeed(out, "aes-256-gcm") : OptionalDouble.empty();
        Collection<RunResult> results = new Runner(options.build()).run();
        OptionalDouble after = openssl ? opensslSpeed(out, "aes-256-gcm") : OptionalDouble.empty();
        OptionalDouble opensslSha = openssl ? opensslSpeed(out, "sha256") : OptionalDouble.empty();

        out.println();
        out.println("## Report");
        out.println();
        out.println(machine);
        out.println("load average after the run: " + loadAverage());
        out.println();
        double reference = Double.NaN;
        if (before.isPresent() && after.isPresent()) {
            reference = (before.getAsDouble() + after.getAsDouble()) / 2;
            out.printf(Locale.ROOT, "openssl speed -evp aes-256-gcm -bytes 16384: %.0f MB/s before, %.0f MB/s after,"
                    + " reference (mean) %.0f MB/s%n", before.getAsDouble(), after.getAsDouble(), reference);
        }
        if (opensslSha.isPresent()) {
            out.printf(Locale.ROOT, "openssl speed -evp sha256 -bytes 16384: %.0f MB/s (for comparison with the JDK's SHA-256)%n",
                    opensslSha.getAsDouble());
        }
        out.println();

        Map<String, double[]> throughput = new LinkedHashMap<>();   // method -> {MB/s, +-MB/s}
        List<String[]> latency = new ArrayList<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Result<?> primary = r.getPrimaryResult();
            double secondsPerOp = toSeconds(primary.getScore(), primary.getScoreUnit());
            if (benchmark.contains(SealBenchmark.class.getSimpleName())) {
                double bytes = Double.parseDouble(r.getParams().getParam("size"));
                double mbps = bytes / 1e6 / secondsPerOp;
                double errorSeconds = toSeconds(primary.getScoreError(), primary.getScoreUnit());
                // first-order propagation of the time error to MB/s
                double error = Double.isNaN(errorSeconds) ? Double.NaN : mbps * errorSeconds / secondsPerOp;
                throughput.put(method, new double[] {mbps, error, bytes});
            } else {
                double us = secondsPerOp * 1e6;
                double errUs = toSeconds(primary.getScoreError(), primary.getScoreUnit()) * 1e6;
                latency.add(new String[] {method, String.format(Locale.ROOT, "%.1f", us),
                        Double.isNaN(errUs) ? "" : String.format(Locale.ROOT, "± %.1f", errUs)});
            }
        }

        if (!throughput.isEmpty()) {
            out.println("| operation (" + human(throughput.values().iterator().next()[2]) + " in memory, 1 thread) "
                    + "| MB/s | ± (99.9 %) | vs OpenSSL |");
            out.println("|---|---:|---:|---:|");
            if (!Double.isNaN(reference)) {
                out.printf(Locale.ROOT, "| openssl speed -evp aes-256-gcm (16 KiB) | %.0f | | 1.00 |%n", reference);
            }
            for (Map.Entry<String, double[]> e : throughput.entrySet()) {
                double[] v = e.getValue();
                out.printf(Locale.ROOT, "| %s | %.0f | %s | %s |%n", e.getKey(), v[0],
                        Double.isNaN(v[1]) ? "" : String.format(Locale.ROOT, "%.0f", v[1]),
                        Double.isNaN(reference) ? "" : String.format(Locale.ROOT, "%.2f", v[0] / reference));
            }
            out.println();
            double[] sha = throughput.containsKey("sha256Hot") ? throughput.get("sha256Hot") : throughput.get("sha256");
            double[] enc = throughput.get("jceAesGcm");
            double[] dec = throughput.get("jceAesGcmDecrypt");
            if (sha != null && enc != null) {
                // seal = AES-GCM encrypt + SHA-256(plaintext) + SHA-256(sealed bytes), all on one core
                double model = 1 / (1 / enc[0] + 2 / sha[0]);
                out.printf(Locale.ROOT, "model: seal   = 1 / (1/AES-GCM + 2/SHA-256 hot) = %.0f MB/s", model);
                printMeasured(out, throughput.get("seal"));
            }
            if (sha != null && dec != null) {
                double model = 1 / (1 / dec[0] + 1 / sha[0]);
                out.printf(Locale.ROOT, "model: unseal = 1 / (1/AES-GCM dec + 1/SHA-256 hot) = %.0f MB/s", model);
                printMeasured(out, throughput.get("unseal"));
            }
            out.println();
        }
        if (!latency.isEmpty()) {
            out.println("| grant step (1 thread) | µs/op | ± (99.9 %) |");
            out.println("|---|---:|---:|");
            for (String[] row : latency) {
                out.printf("| %s | %s | %s |%n", row[0], row[1], row[2]);
            }
        }
    }

    private static void printMeasured(PrintStream out, double[] measured) {
        out.println(measured == null ? "" : String.format(Locale.ROOT, " (measured %.0f MB/s)", measured[0]));
    }

    /** Converts a JMH average-time score such as 123.4 "ms/op" to seconds per operation. */
    static double toSeconds(double score, String unit) {
        String u = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : unit;
        TimeUnit tu;
        switch (u) {
            case "s":
                tu = TimeUnit.SECONDS;
                break;
            case "ms":
                tu = TimeUnit.MILLISECONDS;
                break;
            case "us":
            case "\u00b5s":
                tu = TimeUnit.MICROSECONDS;
                break;
            case "ns":
                tu = TimeUnit.NANOSECONDS;
                break;
            default:
                throw new IllegalArgumentException("run the benchmarks in average-time mode (-bm avgt), not " + unit);
        }
        return score * tu.toNanos(1) / 1e9;
    }

    private static String human(double bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (long) (bytes / (1 << 20)) + " MiB" : (long) bytes + " bytes";
    }

    /** Runs {@code openssl speed -evp ALGORITHM -bytes 16384 -seconds 3} and returns MB/s (10^6 bytes). */
    static OptionalDouble opensslSpeed(PrintStream out, String algorithm) throws IOException, InterruptedException {
        List<String> command = List.of("openssl", "speed", "-evp", algorithm, "-bytes", "16384", "-seconds", "3");
        out.println("# " + String.join(" ", command));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            out.println("# openssl not found: " + e.getMessage());
            return OptionalDouble.empty();
        }
        OptionalDouble result = OptionalDouble.empty();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = OPENSSL_LINE.matcher(line.trim());
                if (m.matches()) {
                    // OpenSSL prints 1000s of bytes per second
                    result = OptionalDouble.of(Double.parseDouble(m.group(2)) / 1000);
                    out.println("# " + line.trim());
                }
            }
        }
        p.waitFor();
        return result;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it unknown
        }
        return String.format(Locale.ROOT, "machine: %d CPUs (%s), %s %s (%s), %s %s", Runtime.getRuntime().availableProcessors(),
                cpu, System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
