package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.ProviderContext;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The contexts handed to providers. This class is internal and is not meant to be used by applications. */
final class Contexts {
    private Contexts() {}

    record Verifier(Clock clock, InputLimits limits, CollateralSource collateral, List<X509Certificate> simulationRoots,
            List<TrustAnchor> anchors) implements ProviderContext {
        Verifier {
            simulationRoots = List.copyOf(simulationRoots);
            anchors = List.copyOf(anchors);
        }

        @Override
        public List<TrustAnchor> trustAnchors(TeeType teeType) {
            return anchors.stream().filter(a -> a.teeType().equals(teeType)).toList();
        }
    }

    record Collector(Clock clock, InputLimits limits, Optional<SimulationOptions> simulation) implements CollectorContext {
    }
}
