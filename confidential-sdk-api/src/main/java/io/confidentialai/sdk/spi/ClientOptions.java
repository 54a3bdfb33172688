package io.confidentialai.sdk.spi;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable snapshot of a {@link io.confidentialai.sdk.ConfidentialClient.Builder}, handed to the engine.
 *
 * @param clock the clock for verification instants and timestamps
 * @param limits input size limits
 * @param collateral the collateral source
 * @param providers providers registered explicitly (they override discovery for their TEE type)
 * @param simulationRoots simulation roots the application trusts (evidence chaining to them is never hardware)
 * @param trustAnchors trust anchors the application configured per TEE type
 * @param properties {@code csdk.*} settings read once at build time
 * @since 0.1
 */
public record ClientOptions(Clock clock, InputLimits limits, CollateralSource collateral, List<TeeProvider> providers,
        List<X509Certificate> simulationRoots, List<TrustAnchor> trustAnchors, Map<String, String> properties) {

    /**
     * Validates and snapshots the options.
     *
     * @throws NullPointerException if any component is null
     */
    public ClientOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(collateral, "collateral");
        providers = List.copyOf(providers);
        simulationRoots = List.copyOf(simulationRoots);
        trustAnchors = List.copyOf(trustAnchors);
        properties = Map.copyOf(properties);
    }
}
