package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.ConfidentialException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * A scripted {@link NvmlApi} that records every call, standing in for NVML in collector tests (mockito-core is not
 * a test dependency of this module). By default it has GPUs in production CC mode whose reports echo the nonce in an
 * SPDM GET_MEASUREMENTS request, as NVIDIA's do. It fails a test that overlaps two NVML sessions.
 */
final class NvmlFake implements NvmlApi {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<byte[]> nonces = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inits = new AtomicInteger();
    final AtomicInteger shutdowns = new AtomicInteger();
    private final AtomicBoolean active = new AtomicBoolean();
    final Map<String, RuntimeException> failures = new HashMap<>();

    int count;
    CcState state = new CcState(2, 1, 0);
    BiFunction<Integer, byte[], byte[]> reports = NvmlFake::spdmReport;
    IntFunction<byte[]> chains;

    NvmlFake(int count, IntFunction<byte[]> chains) {
        this.count = count;
        this.chains = chains;
    }

    /** Makes the named operation ({@code "init"}, {@code "report 1"}, ...) throw. */
    NvmlFake failing(String operation, RuntimeException failure) {
        failures.put(operation, failure);
        return this;
    }

    /** A report as NVIDIA's begin: an SPDM 1.1 GET_MEASUREMENTS request holding the nonce, then a fake response. */
    static byte[] spdmReport(int index, byte[] nonce) {
        byte[] report = new byte[37 + 64 + index];
        report[0] = 0x11;
        report[1] = (byte) 0xE0;
        report[2] = 0x01;
        report[3] = (byte) 0xFF;
        System.arraycopy(nonce, 0, report, 4, 32);
        Arrays.fill(report, 37, report.length, (byte) (0x40 + index));
        return report;
    }

    private void record(String operation) {
        calls.add(operation);
        RuntimeException failure = failures.get(operation);
        if (failure != null) {
            throw failure;
        }
    }

    private void requireActive(String operation) {
        if (!active.get()) {
            throw new AssertionError(operation + " called outside an NVML session");
        }
    }

    @Override
    public void init() {
        record("init");
        if (!active.compareAndSet(false, true)) {
            throw new AssertionError("two NVML sessions overlap");
        }
        inits.incrementAndGet();
    }

    @Override
    public void shutdown() {
        requireActive("shutdown");
        shutdowns.incrementAndGet();
        active.set(false);
        record("shutdown");
    }

    @Override
    public CcState ccState() {
        requireActive("ccState");
        record("ccState");
        return state;
    }

    @Override
    public int deviceCount() {
        requireActive("deviceCount");
        record("deviceCount");
        return count;
    }

    @Override
    public byte[] attestationReport(int index, byte[] nonce) {
        requireActive("report");
        nonces.add(nonce.clone());
        record("report " + index);
        return reports.apply(index, nonce);
    }

    @Override
    public byte[] certificateChain(int index) {
        requireActive("chain");
        record("chain " + index);
        return chains.apply(index);
    }

    static ConfidentialException nvmlError(String message) {
        return new ConfidentialException(message);
    }
}
