package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * The NVIDIA GPU Confidential Computing {@link TeeProvider}: verifies H100-class GPU evidence (an SPDM 1.1
 * GET_MEASUREMENTS request and its signed MEASUREMENTS response) against the device certificate chain attached to it,
 * up to the pinned NVIDIA Device Identity CA ({@code hardware=true}) or a configured simulation root
 * ({@code hardware=false}), binds the chain to the evidence through the FWID, and appraises the measurements with
 * NVIDIA's reference integrity manifests when they are attached or in the collateral. Inside a confidential VM it
 * collects one evidence per GPU through NVML (loaded with JNA on first use). See {@code docs/providers/nvidia-gpu.md}.
 *
 * <p>Instances are immutable and thread-safe. This class is internal and is not meant to be used by applications; it
 * may change at any time.
 */
public final class NvidiaGpuProvider implements TeeProvider {
    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public NvidiaGpuProvider() {}

    @Override
    public TeeType teeType() {
        return TeeType.NVIDIA_GPU_CC;
    }

    @Override
    public int spiVersion() {
        return TeeProvider.SPI_VERSION;
    }

    @Override
    public Optional<EvidenceVerifier> newVerifier(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.of(new GpuEvidenceVerifier(context));
    }

    @Override
    public Optional<EvidenceCollector> newCollector(CollectorContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.of(new NvmlGpuCollector(NvmlJna.lazy(), context));
    }
}
