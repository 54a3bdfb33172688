package io.confidentialai.sdk.tee.nvidia.internal;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.confidentialai.sdk.ConfidentialException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link NvmlApi} over {@code libnvidia-ml} through JNA. The native library is loaded on first use, never when an
 * instance is created, so a collector can be built on a machine without an NVIDIA driver; a missing library is a
 * {@link ConfidentialException} at that first use, and the load is tried again on the next one.
 *
 * <p>The C structures are read and written as raw native memory at fixed offsets rather than as JNA
 * {@code Structure} subclasses: JNA fills a {@code Structure} by reflection on its fields, which in a named module
 * would need this package opened to {@code com.sun.jna}; raw memory needs no reflection, so the module opens nothing.
 *
 * <p>Layouts, sizes and constants follow {@code nvml.h} of NVML 12.2.140 (CUDA 12.2, driver r535), as vendored in
 * NVIDIA's go-nvml ({@code gen/nvml/nvml.h}, header line {@code NVML VERSION: 12.2.140}); NVIDIA's nvtrust local
 * verifier (through pynvml) and go-nvml read the same members. Every member is {@code unsigned int} or {@code unsigned char[]}, so the
 * structures have no padding:
 * <pre>
 * nvmlConfComputeSystemState_t            { environment; ccFeature; devToolsMode; }                  12 bytes
 * nvmlConfComputeGpuAttestationReport_t   { isCecAttestationReportPresent; attestationReportSize;
 *                                           cecAttestationReportSize; nonce[0x20];
 *                                           attestationReport[0x2000]; cecAttestationReport[0x1000]; } 12332 bytes
 * nvmlConfComputeGpuCertificate_t         { certChainSize; attestationCertChainSize;
 *                                           certChain[0x1000]; attestationCertChain[0x1400]; }          9224 bytes
 * </pre>
 *
 * <p>Instances are thread-safe.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class NvmlJna implements NvmlApi {
    /** The names tried in turn: JNA's mapping of {@code nvidia-ml}, then the driver's versioned soname. */
    static final List<String> LIBRARY_NAMES = List.of("nvidia-ml", "libnvidia-ml.so.1");

    // nvmlReturn_t values: NVML_SUCCESS and the errors that get a hint
    static final int SUCCESS = 0;
    static final int ERROR_NOT_SUPPORTED = 3;
    static final int ERROR_NO_PERMISSION = 4;
    static final int ERROR_DRIVER_NOT_LOADED = 9;
    static final int ERROR_LIB_RM_VERSION_MISMATCH = 18;

    /** sizeof(nvmlConfComputeSystemState_t): environment at 0, ccFeature at 4, devToolsMode at 8. */
    static final int STATE_SIZE = 3 * 4;

    // nvmlConfComputeGpuAttestationReport_t: isCecAttestationReportPresent at 0, attestationReportSize at 4,
    // cecAttestationReportSize at 8, nonce at 12, attestationReport at 44, cecAttestationReport at 8236
    static final int REPORT_SIZE_OFFSET = 4;
    static final int REPORT_NONCE_OFFSET = 3 * 4;
    static final int REPORT_OFFSET = REPORT_NONCE_OFFSET + NONCE_SIZE;
    /** The capacity of {@code cecAttestationReport} ({@code NVML_CC_GPU_CEC_ATTESTATION_REPORT_SIZE}). */
    static final int CEC_REPORT_CAPACITY = 0x1000;
    static final int REPORT_STRUCT_SIZE = REPORT_OFFSET + MAX_REPORT_SIZE + CEC_REPORT_CAPACITY;

    // nvmlConfComputeGpuCertificate_t: certChainSize at 0, attestationCertChainSize at 4, certChain at 8,
    // attestationCertChain at 4104
    static final int CERT_SIZE_OFFSET = 4;
    /** The capacity of {@code certChain}, the device identity chain ({@code NVML_GPU_CERT_CHAIN_SIZE}). */
    static final int CERT_CHAIN_CAPACITY = 0x1000;
    static final int CERT_OFFSET = 2 * 4 + CERT_CHAIN_CAPACITY;
    static final int CERT_STRUCT_SIZE = CERT_OFFSET + MAX_CERT_CHAIN_SIZE;

    private static final int MAX_ERROR_STRING = 200;

    /**
     * The NVML entry points, named as exported by {@code libnvidia-ml}. Every function returns an
     * {@code nvmlReturn_t}; {@code nvmlDevice_t} is an opaque pointer.
     */
    interface Binding extends Library {
        int nvmlInit_v2();

        int nvmlShutdown();

        @Nullable String nvmlErrorString(int result);

        int nvmlSystemGetConfComputeState(Pointer state);

        int nvmlDeviceGetCount_v2(IntByReference deviceCount);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetConfComputeGpuAttestationReport(Pointer device, Pointer gpuAtstReport);

        int nvmlDeviceGetConfComputeGpuCertificate(Pointer device, Pointer gpuCert);
    }

    private final Supplier<Binding> loader;
    private final ReentrantLock loadLock = new ReentrantLock();
    private volatile @Nullable Binding binding;

    private NvmlJna(Supplier<Binding> loader) {
        this.loader = loader;
    }

    /** Returns an instance that loads {@code libnvidia-ml} on first use. */
    static NvmlJna lazy() {
        return lazy(LIBRARY_NAMES);
    }

    /** Returns an instance that loads the first of {@code libraryNames} that exists, on first use. */
    static NvmlJna lazy(List<String> libraryNames) {
        List<String> names = List.copyOf(libraryNames);
        return new NvmlJna(() -> load(names));
    }

    /** Returns an instance that gets its library from {@code loader} on first use (and again after a failure). */
    static NvmlJna withLoader(Supplier<Binding> loader) {
        return new NvmlJna(Objects.requireNonNull(loader, "loader"));
    }

    /** Returns an instance over an already bound (or fake) library; for tests. */
    static NvmlJna over(Binding binding) {
        Objects.requireNonNull(binding, "binding");
        return new NvmlJna(() -> binding);
    }

    private static Binding load(List<String> names) {
        @Nullable LinkageError first = null;
        for (String name : names) {
            try {
                return Native.load(name, Binding.class);
            } catch (LinkageError e) { // UnsatisfiedLinkError, or NoClassDefFoundError when JNA's own stub is missing
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        throw new ConfidentialException("no NVIDIA driver (libnvidia-ml not found): GPU evidence can only be collected "
                + "inside a confidential VM with the NVIDIA driver installed (tried " + String.join(", ", names) + ")", first);
    }

    private Binding binding() {
        Binding b = binding;
        if (b == null) {
            loadLock.lock();
            try {
                b = binding;
                if (b == null) {
                    b = Objects.requireNonNull(loader.get(), "loaded NVML binding");
                    binding = b;
                }
            } finally {
                loadLock.unlock();
            }
        }
        return b;
    }

    @Override
    public void init() {
        Binding b = binding();
        check(b, "nvmlInit_v2", "", call("nvmlInit_v2", b::nvmlInit_v2));
    }

    @Override
    public void shutdown() {
        Binding b = binding();
        check(b, "nvmlShutdown", "", call("nvmlShutdown", b::nvmlShutdown));
    }

    @Override
    public CcState ccState() {
        Binding b = binding();
        try (Memory state = new Memory(STATE_SIZE)) {
            state.clear();
            check(b, "nvmlSystemGetConfComputeState", "",
                    call("nvmlSystemGetConfComputeState", () -> b.nvmlSystemGetConfComputeState(state)));
            return new CcState(state.getInt(0), state.getInt(4), state.getInt(8));
        }
    }

    @Override
    public int deviceCount() {
        Binding b = binding();
        IntByReference count = new IntByReference();
        check(b, "nvmlDeviceGetCount_v2", "", call("nvmlDeviceGetCount_v2", () -> b.nvmlDeviceGetCount_v2(count)));
        int n = count.getValue();
        if (n < 0) {
            throw new ConfidentialException("nvmlDeviceGetCount_v2 reported an impossible device count of "
                    + Integer.toUnsignedString(n));
        }
        return n;
    }

    @Override
    public byte[] attestationReport(int index, byte[] nonce) {
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("the GPU nonce must be " + NONCE_SIZE + " bytes, got " + nonce.length);
        }
        Binding b = binding();
        Pointer device = device(b, index);
        String function = "nvmlDeviceGetConfComputeGpuAttestationReport";
        try (Memory report = new Memory(REPORT_STRUCT_SIZE)) {
            report.clear();
            report.write(REPORT_NONCE_OFFSET, nonce, 0, NONCE_SIZE);
            check(b, function, forGpu(index), call(function, () -> b.nvmlDeviceGetConfComputeGpuAttestationReport(device, report)));
            int size = checkedSize(function, "attestationReportSize", report.getInt(REPORT_SIZE_OFFSET), MAX_REPORT_SIZE, index);
            return report.getByteArray(REPORT_OFFSET, size);
        }
    }

    @Override
    public byte[] certificateChain(int index) {
        Binding b = binding();
        Pointer device = device(b, index);
        String function = "nvmlDeviceGetConfComputeGpuCertificate";
        try (Memory cert = new Memory(CERT_STRUCT_SIZE)) {
            cert.clear();
            check(b, function, forGpu(index), call(function, () -> b.nvmlDeviceGetConfComputeGpuCertificate(device, cert)));
            int size = checkedSize(function, "attestationCertChainSize", cert.getInt(CERT_SIZE_OFFSET), MAX_CERT_CHAIN_SIZE, index);
            return cert.getByteArray(CERT_OFFSET, size);
        }
    }

    private static Pointer device(Binding b, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("device index must not be negative: " + index);
        }
        PointerByReference device = new PointerByReference();
        String function = "nvmlDeviceGetHandleByIndex_v2";
        check(b, function, forGpu(index), call(function, () -> b.nvmlDeviceGetHandleByIndex_v2(index, device)));
        Pointer handle = device.getValue();
        if (handle == null) {
            throw new ConfidentialException(function + " returned no handle" + forGpu(index));
        }
        return handle;
    }

    private static String forGpu(int index) {
        return " for GPU " + index;
    }

    /**
     * Checks a size member NVML filled in (an {@code unsigned int}) against the capacity of the array it describes,
     * so that nothing past the array is ever read.
     *
     * @return the size, 1 to {@code capacity}
     * @throws ConfidentialException if the size is 0 or larger than the capacity
     */
    static int checkedSize(String function, String member, int reported, int capacity, int index) {
        long size = Integer.toUnsignedLong(reported);
        if (size == 0 || size > capacity) {
            throw new ConfidentialException(function + forGpu(index) + " reported " + member + " = " + size
                    + ", outside 1.." + capacity + " (the capacity of the array in nvml.h)");
        }
        return (int) size;
    }

    /** Runs one NVML call, turning a symbol the loaded library lacks into a clear failure. */
    private static int call(String function, IntSupplier nativeCall) {
        try {
            return nativeCall.getAsInt();
        } catch (UnsatisfiedLinkError e) {
            throw new ConfidentialException("the installed NVIDIA driver's NVML has no " + function
                    + "; GPU confidential computing needs driver r535 or newer", e);
        }
    }

    private static void check(Binding b, String function, String subject, int result) {
        if (result != SUCCESS) {
            throw new ConfidentialException(function + " failed" + subject + ": " + describe(b, result) + hint(result));
        }
    }

    /** NVML's description of a return code ({@code nvmlErrorString}), printable ASCII only, with the code. */
    static String describe(Binding b, int result) {
        @Nullable String text;
        try {
            text = b.nvmlErrorString(result);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            text = null; // the code alone still identifies the error
        }
        StringBuilder sb = new StringBuilder();
        if (text != null) {
            for (int i = 0; i < text.length() && sb.length() < MAX_ERROR_STRING; i++) {
                char c = text.charAt(i);
                sb.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
            sb.append(' ');
        }
        return sb.append("(NVML error ").append(result).append(')').toString();
    }

    private static String hint(int result) {
        return switch (result) {
            case ERROR_NOT_SUPPORTED -> "; the GPU or driver does not support confidential computing attestation";
            case ERROR_NO_PERMISSION -> "; the process may not query the GPU (check the permissions of /dev/nvidia*)";
            case ERROR_DRIVER_NOT_LOADED -> "; the NVIDIA kernel driver is not loaded in this VM";
            case ERROR_LIB_RM_VERSION_MISMATCH -> "; libnvidia-ml and the NVIDIA kernel driver are of different versions";
            default -> "";
        };
    }
}
