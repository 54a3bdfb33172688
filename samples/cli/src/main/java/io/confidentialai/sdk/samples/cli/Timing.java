package io.confidentialai.sdk.samples.cli;

import java.util.Arrays;
import java.util.function.LongSupplier;

/** Latency of repeated verifications in one warm JVM, for sizing a verifier. */
final class Timing {
    private final int repeat;
    private final int warmup;
    private final long medianMicros;
    private final long p99Micros;

    private Timing(int repeat, int warmup, long medianMicros, long p99Micros) {
        this.repeat = repeat;
        this.warmup = warmup;
        this.medianMicros = medianMicros;
        this.p99Micros = p99Micros;
    }

    /**
     * Runs {@code warmup} unmeasured iterations, then {@code repeat} measured ones.
     *
     * @param run one verification, returning its duration in nanoseconds
     */
    static Timing measure(LongSupplier run, int warmup, int repeat) {
        for (int i = 0; i < warmup; i++) {
            run.getAsLong();
        }
        long[] nanos = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            nanos[i] = run.getAsLong();
        }
        Arrays.sort(nanos);
        long median = repeat % 2 == 1 ? nanos[repeat / 2] : (nanos[repeat / 2 - 1] + nanos[repeat / 2]) / 2;
        // nearest-rank percentile
        long p99 = nanos[(int) Math.ceil(0.99 * repeat) - 1];
        return new Timing(repeat, warmup, median / 1000, p99 / 1000);
    }

    int repeat() {
        return repeat;
    }

    int warmup() {
        return warmup;
    }

    long medianMicros() {
        return medianMicros;
    }

    long p99Micros() {
        return p99Micros;
    }
}
