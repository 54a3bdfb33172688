package io.confidentialai.sdk.tee.nvidia.internal;

/**
 * The few NVML (NVIDIA Management Library) operations that guest-side GPU evidence collection needs, in Java terms.
 * {@link NvmlJna} binds them to {@code libnvidia-ml} through JNA; tests substitute a fake, so nothing here needs a GPU.
 *
 * <p>Every operation other than {@link #init()} requires a successful {@code init()} before it and a matching
 * {@link #shutdown()} after it (NVML counts initializations). Every failure is a
 * {@link io.confidentialai.sdk.ConfidentialException} whose message names the NVML function and NVML's own
 * description of the error, never device output.
 *
 * <p>Implementations must be thread-safe (NVML itself is).
 *
 * <p>This interface is internal and is not meant to be used by applications; it may change at any time.
 */
interface NvmlApi {
    /** The size of the SPDM nonce that NVML signs into an attestation report ({@code NVML_CC_GPU_CEC_NONCE_SIZE}). */
    int NONCE_SIZE = 32;
    /** The capacity of {@code nvmlConfComputeGpuAttestationReport_t.attestationReport} ({@code NVML_CC_GPU_ATTESTATION_REPORT_SIZE}). */
    int MAX_REPORT_SIZE = 0x2000;
    /** The capacity of {@code nvmlConfComputeGpuCertificate_t.attestationCertChain} ({@code NVML_GPU_ATTESTATION_CERT_CHAIN_SIZE}). */
    int MAX_CERT_CHAIN_SIZE = 0x1400;

    /**
     * Initializes NVML ({@code nvmlInit_v2}), loading the native library first if needed.
     *
     * @throws io.confidentialai.sdk.ConfidentialException if there is no NVIDIA driver or NVML fails to start
     */
    void init();

    /**
     * Releases what {@link #init()} acquired ({@code nvmlShutdown}).
     *
     * @throws io.confidentialai.sdk.ConfidentialException if NVML reports an error
     */
    void shutdown();

    /**
     * Returns the system's confidential computing state ({@code nvmlSystemGetConfComputeState}).
     *
     * @return the state
     * @throws io.confidentialai.sdk.ConfidentialException if NVML reports an error (for example, a driver older
     *     than the confidential computing API)
     */
    CcState ccState();

    /**
     * Returns the number of GPUs NVML can see ({@code nvmlDeviceGetCount_v2}).
     *
     * @return the device count, not negative
     * @throws io.confidentialai.sdk.ConfidentialException if NVML reports an error
     */
    int deviceCount();

    /**
     * Asks one GPU for an attestation report over {@code nonce}
     * ({@code nvmlDeviceGetConfComputeGpuAttestationReport}).
     *
     * @param index the device index, {@code 0 <= index < deviceCount()}
     * @param nonce the {@value #NONCE_SIZE}-byte SPDM nonce
     * @return the report exactly as NVML returns it, trimmed to its reported size: 1 to {@value #MAX_REPORT_SIZE}
     *     bytes
     * @throws io.confidentialai.sdk.ConfidentialException if NVML reports an error or an impossible size
     */
    byte[] attestationReport(int index, byte[] nonce);

    /**
     * Returns one GPU's attestation certificate chain ({@code nvmlDeviceGetConfComputeGpuCertificate}, the
     * {@code attestationCertChain} member), leaf first.
     *
     * @param index the device index, {@code 0 <= index < deviceCount()}
     * @return the chain exactly as NVML returns it, trimmed to its reported size: 1 to {@value #MAX_CERT_CHAIN_SIZE}
     *     bytes of PEM text or of concatenated DER certificates (see {@link NvmlCertChains})
     * @throws io.confidentialai.sdk.ConfidentialException if NVML reports an error or an impossible size
     */
    byte[] certificateChain(int index);

    /**
     * The confidential computing state of the system ({@code nvmlConfComputeSystemState_t}), with NVML's raw values.
     *
     * @param environment {@code NVML_CC_SYSTEM_ENVIRONMENT_*}: 0 unavailable, 1 simulated, 2 production
     * @param ccFeature {@code NVML_CC_SYSTEM_FEATURE_*}: 0 disabled, 1 enabled
     * @param devToolsMode {@code NVML_CC_SYSTEM_DEVTOOLS_MODE_*}: 0 off, 1 on
     */
    record CcState(int environment, int ccFeature, int devToolsMode) {
        /** {@code NVML_CC_SYSTEM_FEATURE_ENABLED}. */
        static final int FEATURE_ENABLED = 1;

        /** Returns whether GPU confidential computing is on ({@code ccFeature == NVML_CC_SYSTEM_FEATURE_ENABLED}). */
        boolean isEnabled() {
            return ccFeature == FEATURE_ENABLED;
        }

        /** Describes the raw values, e.g. {@code environment=2 (production), ccFeature=1 (enabled), devToolsMode=0 (off)}. */
        @Override
        public String toString() {
            return "environment=" + Integer.toUnsignedString(environment) + " (" + name(environment, "unavailable", "simulated", "production")
                    + "), ccFeature=" + Integer.toUnsignedString(ccFeature) + " (" + name(ccFeature, "disabled", "enabled")
                    + "), devToolsMode=" + Integer.toUnsignedString(devToolsMode) + " (" + name(devToolsMode, "off", "on") + ")";
        }

        private static String name(int value, String... names) {
            return value >= 0 && value < names.length ? names[value] : "unknown";
        }
    }
}
