package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.confidentialai.sdk.ConfidentialException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JNA binding's memory layouts, size checks and error mapping, over a Java stand-in for libnvidia-ml that reads
 * and writes the C structures where {@code nvml.h} puts them. Needs JNA's own stub (inside the JNA jar), not NVML.
 */
class NvmlJnaTest {
    private static final long HANDLE_BASE = 0x1000;

    /** A libnvidia-ml stand-in with {@code count} GPUs; every function succeeds unless told otherwise. */
    static class FakeLibrary implements NvmlJna.Binding {
        int count = 2;
        int initResult;
        int reportResult;
        Integer reportSize; // null: the report's length
        Integer chainSize;
        byte[] report = {1, 2, 3, 4, 5};
        byte[] chain = {0x30, 0x03, 0x02, 0x01, 0x07};
        byte[] nonceSeen;
        String errorString = "Not Supported";
        RuntimeException errorStringFailure;
        boolean missingConfComputeState;

        @Override
        public int nvmlInit_v2() {
            return initResult;
        }

        @Override
        public int nvmlShutdown() {
            return 0;
        }

        @Override
        public String nvmlErrorString(int result) {
            if (errorStringFailure != null) {
                throw errorStringFailure;
            }
            return errorString;
        }

        @Override
        public int nvmlSystemGetConfComputeState(Pointer state) {
            if (missingConfComputeState) {
                throw new UnsatisfiedLinkError("Error looking up function 'nvmlSystemGetConfComputeState'");
            }
            state.setInt(0, 2);
            state.setInt(4, 1);
            state.setInt(8, 0);
            return 0;
        }

        @Override
        public int nvmlDeviceGetCount_v2(IntByReference deviceCount) {
            deviceCount.setValue(count);
            return 0;
        }

        @Override
        public int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device) {
            if (index >= count) {
                return 2; // NVML_ERROR_INVALID_ARGUMENT
            }
            device.setValue(new Pointer(HANDLE_BASE + index));
            return 0;
        }

        @Override
        public int nvmlDeviceGetConfComputeGpuAttestationReport(Pointer device, Pointer r) {
            int index = (int) (Pointer.nativeValue(device) - HANDLE_BASE);
            nonceSeen = r.getByteArray(12, 32);
            if (reportResult != 0) {
                return reportResult;
            }
            r.setInt(0, 0); // isCecAttestationReportPresent
            r.setInt(4, reportSize == null ? report.length : reportSize);
            r.setInt(8, 4); // cecAttestationReportSize
            r.write(44, report, 0, report.length);
            r.setByte(44 + report.length, (byte) 0xEE); // past the reported size: never returned
            r.setByte(44 + 8192, (byte) (0xC0 + index)); // cecAttestationReport: never returned
            return 0;
        }

        @Override
        public int nvmlDeviceGetConfComputeGpuCertificate(Pointer device, Pointer c) {
            c.setInt(0, 3); // certChainSize: the device identity chain, not the one wanted
            c.setInt(4, chainSize == null ? chain.length : chainSize);
            c.write(8, new byte[] {9, 9, 9}, 0, 3);
            c.write(8 + 4096, chain, 0, chain.length);
            c.setByte(8 + 4096 + chain.length, (byte) 0xEE);
            return 0;
        }
    }

    @Test
    void theStructuresHaveTheSizesOfNvmlH() {
        assertThat(NvmlJna.REPORT_STRUCT_SIZE).isEqualTo(12332);
        assertThat(NvmlJna.CERT_STRUCT_SIZE).isEqualTo(9224);
        assertThat(NvmlJna.REPORT_OFFSET).isEqualTo(44);
        assertThat(NvmlJna.CERT_OFFSET).isEqualTo(4104);
    }

    @Test
    void readsTheConfidentialComputingState() {
        NvmlApi.CcState state = NvmlJna.over(new FakeLibrary()).ccState();
        assertThat(state).isEqualTo(new NvmlApi.CcState(2, 1, 0));
        assertThat(state.isEnabled()).isTrue();
        assertThat(state.toString()).isEqualTo("environment=2 (production), ccFeature=1 (enabled), devToolsMode=0 (off)");
    }

    @Test
    void countsDevices() {
        FakeLibrary lib = new FakeLibrary();
        lib.count = 3;
        assertThat(NvmlJna.over(lib).deviceCount()).isEqualTo(3);
        lib.count = -1;
        assertThat(assertThrows(ConfidentialException.class, () -> NvmlJna.over(lib).deviceCount()).getMessage())
                .contains("impossible device count of 4294967295");
    }

    @Test
    void writesTheNonceAndReturnsTheReportTrimmedToItsSize() {
        FakeLibrary lib = new FakeLibrary();
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) 0x5A);
        nonce[31] = 1;

        byte[] report = NvmlJna.over(lib).attestationReport(1, nonce);

        assertThat(lib.nonceSeen).isEqualTo(nonce);
        assertThat(report).isEqualTo(lib.report);
    }

    @Test
    void returnsTheAttestationCertChainTrimmedToItsSize() {
        FakeLibrary lib = new FakeLibrary();
        assertThat(NvmlJna.over(lib).certificateChain(0)).isEqualTo(lib.chain);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8193, -1 /* 0xffffffff */})
    void aReportSizeOutsideTheArrayIsRefused(int size) {
        FakeLibrary lib = new FakeLibrary();
        lib.reportSize = size;
        ConfidentialException e = assertThrows(ConfidentialException.class,
                () -> NvmlJna.over(lib).attestationReport(0, new byte[32]));
        assertThat(e.getMessage()).contains("nvmlDeviceGetConfComputeGpuAttestationReport for GPU 0 reported "
                + "attestationReportSize = " + Integer.toUnsignedString(size)).contains("outside 1..8192");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5121, Integer.MIN_VALUE})
    void aChainSizeOutsideTheArrayIsRefused(int size) {
        FakeLibrary lib = new FakeLibrary();
        lib.chainSize = size;
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> NvmlJna.over(lib).certificateChain(1));
        assertThat(e.getMessage()).contains("attestationCertChainSize = " + Integer.toUnsignedString(size))
                .contains("outside 1..5120");
    }

    @Test
    void theFullCapacityIsAccepted() {
        FakeLibrary lib = new FakeLibrary();
        lib.report = new byte[8192];
        assertThat(NvmlJna.over(lib).attestationReport(0, new byte[32])).hasSize(8192);
    }

    @Test
    void nvmlErrorsCarryNvmlsDescriptionAndCode() {
        FakeLibrary lib = new FakeLibrary();
        lib.reportResult = 3;
        ConfidentialException e = assertThrows(ConfidentialException.class,
                () -> NvmlJna.over(lib).attestationReport(1, new byte[32]));
        assertThat(e.getMessage()).isEqualTo("nvmlDeviceGetConfComputeGpuAttestationReport failed for GPU 1: "
                + "Not Supported (NVML error 3); the GPU or driver does not support confidential computing attestation");

        lib.initResult = 9;
        lib.errorString = "Driver Not Loaded";
        assertThat(assertThrows(ConfidentialException.class, () -> NvmlJna.over(lib).init()).getMessage())
                .isEqualTo("nvmlInit_v2 failed: Driver Not Loaded (NVML error 9); the NVIDIA kernel driver is not "
                        + "loaded in this VM");
    }

    @Test
    void anInvalidDeviceIndexIsAnNvmlError() {
        FakeLibrary lib = new FakeLibrary();
        lib.errorString = "Invalid Argument";
        assertThat(assertThrows(ConfidentialException.class, () -> NvmlJna.over(lib).certificateChain(5)).getMessage())
                .isEqualTo("nvmlDeviceGetHandleByIndex_v2 failed for GPU 5: Invalid Argument (NVML error 2)");
    }

    @Test
    void errorStringsAreSanitizedAndOptional() {
        FakeLibrary lib = new FakeLibrary();
        lib.errorString = "Bad\nthing\u0007";
        assertThat(NvmlJna.describe(lib, 999)).isEqualTo("Bad?thing? (NVML error 999)");
        lib.errorString = null;
        assertThat(NvmlJna.describe(lib, 999)).isEqualTo("(NVML error 999)");
        lib.errorStringFailure = new IllegalStateException("boom");
        assertThat(NvmlJna.describe(lib, 7)).isEqualTo("(NVML error 7)");
    }

    @Test
    void aDriverWithoutTheConfidentialComputingApiIsNamed() {
        FakeLibrary lib = new FakeLibrary();
        lib.missingConfComputeState = true;
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> NvmlJna.over(lib).ccState());
        assertThat(e.getMessage()).contains("has no nvmlSystemGetConfComputeState").contains("r535");
        assertThat(e.getCause()).isInstanceOf(UnsatisfiedLinkError.class);
    }

    @Test
    void aWrongNonceLengthIsMisuse() {
        assertThrows(IllegalArgumentException.class, () -> NvmlJna.over(new FakeLibrary()).attestationReport(0, new byte[31]));
    }

    @Test
    void aMissingLibraryIsAClearFailureAtFirstUseAndIsRetried() {
        NvmlJna nvml = NvmlJna.lazy(List.of("csdk-test-no-such-nvml", "libcsdk-test-no-such-nvml.so.1"));
        for (int attempt = 0; attempt < 2; attempt++) {
            ConfidentialException e = assertThrows(ConfidentialException.class, nvml::init);
            assertThat(e.getMessage()).startsWith("no NVIDIA driver (libnvidia-ml not found): ")
                    .endsWith("(tried csdk-test-no-such-nvml, libcsdk-test-no-such-nvml.so.1)");
            assertThat(e.getCause()).isInstanceOf(UnsatisfiedLinkError.class);
        }
    }

    @Test
    void theLibraryIsLoadedOnceOnFirstUse() {
        AtomicInteger loads = new AtomicInteger();
        FakeLibrary lib = new FakeLibrary();
        NvmlJna nvml = NvmlJna.withLoader(() -> {
            loads.incrementAndGet();
            return lib;
        });
        assertThat(loads).hasValue(0);
        nvml.init();
        nvml.deviceCount();
        nvml.shutdown();
        assertThat(loads).hasValue(1);
    }
}
