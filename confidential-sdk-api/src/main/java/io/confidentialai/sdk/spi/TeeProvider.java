package io.confidentialai.sdk.spi;

import io.confidentialai.sdk.attestation.TeeType;
import java.util.Optional;

/**
 * A TEE provider: the entry point of one {@code tee-*} artifact, found with {@link java.util.ServiceLoader}
 * (module-info {@code provides} and {@code META-INF/services}) or registered on
 * {@link io.confidentialai.sdk.ConfidentialClient.Builder#teeProvider(TeeProvider)}.
 *
 * <p>Providers authenticate and normalize evidence; they never appraise it against a policy. They take all
 * time and I/O from the context and never open network clients or read the system clock.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface TeeProvider {
    /** The SPI version this API defines. Providers return it from {@link #spiVersion()}. */
    int SPI_VERSION = 1;

    /** Returns the TEE type this provider serves; one provider per type in a client. */
    TeeType teeType();

    /**
     * Returns the SPI version the provider was compiled against: implement as
     * {@code return TeeProvider.SPI_VERSION;} so the constant is fixed at the provider's compile time. The
     * engine rejects providers whose version it does not support.
     */
    int spiVersion();

    /**
     * Returns a verifier for evidence of {@link #teeType()}, or empty if this provider only collects.
     *
     * @param context time, collateral, limits and trust anchors
     * @return the verifier, or empty
     */
    Optional<EvidenceVerifier> newVerifier(ProviderContext context);

    /**
     * Returns a guest-side evidence collector, or empty if this provider cannot collect evidence.
     *
     * @param context time, limits and simulation options
     * @return the collector, or empty
     */
    Optional<EvidenceCollector> newCollector(CollectorContext context);
}
