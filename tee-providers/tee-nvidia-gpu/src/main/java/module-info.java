/**
 * NVIDIA GPU Confidential Computing provider: verifies H100-class SPDM 1.1 measurement evidence (device certificate
 * chain to the pinned NVIDIA Device Identity CA, FWID binding, opaque data), verifies NVIDIA Reference Integrity
 * Manifests (enveloped XML signatures through {@code javax.xml.crypto}) and matches them against the measurement
 * blocks, and collects evidence through NVML inside a confidential VM. The module exports nothing; it is found
 * through {@link java.util.ServiceLoader} as a {@link io.confidentialai.sdk.spi.TeeProvider}.
 *
 * @since 0.1
 */
module io.confidentialai.sdk.tee.nvidia {
    requires io.confidentialai.sdk;
    requires java.xml;
    requires java.xml.crypto;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires org.bouncycastle.provider;
    requires com.sun.jna;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.TeeProvider with io.confidentialai.sdk.tee.nvidia.internal.NvidiaGpuProvider;
}
