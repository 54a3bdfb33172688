package io.confidentialai.sdk.tee.testkit;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.ProviderContext;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Provider and collector contexts for provider tests, with a fixed clock. */
public final class TestContexts {
    private TestContexts() {}

    /** A verifier context: fixed clock, default limits, no collateral, no simulation roots, no anchors. */
    public static ProviderContext at(Instant instant) {
        return verifier(Clock.fixed(instant, ZoneOffset.UTC), InputLimits.defaults(), CollateralSource.none(), List.of(),
                List.of());
    }

    /** A verifier context with every part given. */
    public static ProviderContext verifier(Clock clock, InputLimits limits, CollateralSource collateral,
            List<X509Certificate> simulationRoots, List<TrustAnchor> anchors) {
        return new ProviderContext() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public InputLimits limits() {
                return limits;
            }

            @Override
            public CollateralSource collateral() {
                return collateral;
            }

            @Override
            public List<X509Certificate> simulationRoots() {
                return List.copyOf(simulationRoots);
            }

            @Override
            public List<TrustAnchor> trustAnchors(TeeType teeType) {
                return anchors.stream().filter(a -> a.teeType().equals(teeType)).toList();
            }
        };
    }

    /** A collector context for the simulated TEE. */
    public static CollectorContext collector(Clock clock, SimulationOptions simulation) {
        return new CollectorContext() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public InputLimits limits() {
                return InputLimits.defaults();
            }

            @Override
            public Optional<SimulationOptions> simulation() {
                return Optional.of(simulation);
            }
        };
    }
}
