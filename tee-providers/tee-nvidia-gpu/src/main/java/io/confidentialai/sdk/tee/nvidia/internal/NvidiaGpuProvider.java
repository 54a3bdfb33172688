package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers the NVIDIA GPU Confidential Computing TEE type. In this release it verifies nothing: every piece of NVIDIA GPU Confidential Computing evidence is
 * rejected with {@link ReasonCode#UNSUPPORTED_EVIDENCE_FORMAT}, so no key is ever released on it, and it cannot
 * collect evidence. This class is internal and is not meant to be used by applications; it may change at any time.
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
        return Optional.of(evidence -> {
            throw new AttestationVerificationException(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT, TeeType.NVIDIA_GPU_CC,
                    "NVIDIA GPU Confidential Computing evidence verification is not supported in this release of " + TeeType.NVIDIA_GPU_CC.artifactId());
        });
    }

    @Override
    public Optional<EvidenceCollector> newCollector(CollectorContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.of(new NvmlGpuCollector(NvmlJna.lazy(), context));
    }
}
