package io.confidentialai.sdk.spi;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.SimulationOptions;
import java.time.Clock;
import java.util.Optional;

/**
 * What a guest-side evidence collector may use.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface CollectorContext {
    /** Returns the clock. */
    Clock clock();

    /** Returns the input size limits (for device output). */
    InputLimits limits();

    /** Returns the simulation options, present only for the simulated TEE. */
    Optional<SimulationOptions> simulation();
}
