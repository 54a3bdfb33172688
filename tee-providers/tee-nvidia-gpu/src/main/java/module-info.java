/** The NVIDIA GPU Confidential Computing provider. Exports nothing; found through {@link java.util.ServiceLoader}. */
module io.confidentialai.sdk.tee.nvidia {
    requires io.confidentialai.sdk;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.TeeProvider with io.confidentialai.sdk.tee.nvidia.internal.NvidiaGpuProvider;
}
