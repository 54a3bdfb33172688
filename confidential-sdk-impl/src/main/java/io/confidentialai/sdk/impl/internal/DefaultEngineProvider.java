package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.VerdictIssuer;
import io.confidentialai.sdk.spi.ClientEngineProvider;
import io.confidentialai.sdk.spi.ClientOptions;
import java.util.Objects;

/**
 * The default engine, found by {@link ConfidentialClient#builder()} through {@link java.util.ServiceLoader}.
 * This class is internal and is not meant to be used by applications; it may change at any time.
 */
public final class DefaultEngineProvider implements ClientEngineProvider {
    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public DefaultEngineProvider() {}

    @Override
    public int spiVersion() {
        return ClientEngineProvider.SPI_VERSION;
    }

    @Override
    public ConfidentialClient create(ClientOptions options, VerdictIssuer issuer) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(issuer, "issuer");
        return new DefaultClient(options, issuer, ProviderRegistry.load(options));
    }
}
