package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * The Intel TDX {@link TeeProvider}: verifies TDX DCAP quotes (v4, v5) up to the pinned Intel SGX Root CA
 * ({@code hardware=true}) or a configured simulation root ({@code hardware=false}). Evidence collection on a TD
 * (configfs-tsm) is not available yet. Discovered through {@link java.util.ServiceLoader}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class IntelTdxProvider implements TeeProvider {

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public IntelTdxProvider() {
        // stateless
    }

    @Override
    public TeeType teeType() {
        return TeeType.INTEL_TDX;
    }

    @Override
    public int spiVersion() {
        return TeeProvider.SPI_VERSION;
    }

    @Override
    public Optional<EvidenceVerifier> newVerifier(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.of(new TdxQuoteVerifier(context));
    }

    @Override
    public Optional<EvidenceCollector> newCollector(CollectorContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "IntelTdxProvider[" + TeeType.INTEL_TDX + "]";
    }
}
