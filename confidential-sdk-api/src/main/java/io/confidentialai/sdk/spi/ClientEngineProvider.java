package io.confidentialai.sdk.spi;

import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.VerdictIssuer;

/**
 * Creates the engine behind {@link ConfidentialClient}. The default is in {@code confidential-sdk-impl};
 * {@link ConfidentialClient.Builder#build()} finds it with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface ClientEngineProvider {
    /** The SPI version this API defines. */
    int SPI_VERSION = 1;

    /** Returns the SPI version the engine was compiled against ({@code return ClientEngineProvider.SPI_VERSION;}). */
    int spiVersion();

    /**
     * Creates a client.
     *
     * @param options the builder's snapshot
     * @param issuer the capability to mint verdicts; only the engine holds it
     * @return the client
     * @throws io.confidentialai.sdk.ProviderException if providers are missing, duplicated or incompatible
     */
    ConfidentialClient create(ClientOptions options, VerdictIssuer issuer);
}
