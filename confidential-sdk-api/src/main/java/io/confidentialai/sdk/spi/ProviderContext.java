package io.confidentialai.sdk.spi;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * Everything a verifier may use from outside: the verification clock, collateral, size limits, and any
 * simulation roots the application chose to trust.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface ProviderContext {
    /** Returns the clock giving the verification instant (never read the system clock directly). */
    Clock clock();

    /** Returns the input size limits. */
    InputLimits limits();

    /** Returns the collateral source. */
    CollateralSource collateral();

    /**
     * Returns simulation root certificates the application trusts for development. Evidence that chains to
     * one of them must be reported with {@code isHardware() == false}; only pinned vendor roots yield hardware.
     */
    List<X509Certificate> simulationRoots();

    /**
     * Returns the trust anchors the application configured for a TEE type (see {@link TrustAnchor}); evidence
     * verified against one of them is hardware-backed.
     *
     * @param teeType the TEE type
     * @return the anchors, possibly empty
     */
    default List<TrustAnchor> trustAnchors(TeeType teeType) {
        return List.of();
    }
}
