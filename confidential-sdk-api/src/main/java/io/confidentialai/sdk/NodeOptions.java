package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a {@link TeeNode}: which TEE's evidence collector to use, where outputs go, and, for the
 * simulated TEE, the simulation options.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class NodeOptions {
    private final TeeType teeType;
    private final Path workDirectory;
    private final SimulationOptions simulation;

    private NodeOptions(Builder b) {
        this.teeType = b.teeType;
        this.workDirectory = b.workDirectory;
        this.simulation = b.simulation;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the TEE type whose collector gathers evidence. */
    public TeeType teeType() {
        return teeType;
    }

    /** Returns the directory where sealed outputs are written. */
    public Path workDirectory() {
        return workDirectory;
    }

    /** Returns the simulation options, present only for {@link TeeType#SIMULATED}. */
    public Optional<SimulationOptions> simulation() {
        return Optional.ofNullable(simulation);
    }

    @Override
    public String toString() {
        return "NodeOptions[tee=" + teeType + ", work=" + workDirectory + (simulation != null ? ", " + simulation : "") + "]";
    }

    /** Builds {@link NodeOptions}. This builder is not thread-safe. */
    public static final class Builder {
        private TeeType teeType;
        private Path workDirectory;
        private SimulationOptions simulation;

        private Builder() {}

        /** Sets the TEE type. */
        public Builder teeType(TeeType teeType) {
            this.teeType = Objects.requireNonNull(teeType, "teeType");
            return this;
        }

        /** Sets the output directory. */
        public Builder workDirectory(Path workDirectory) {
            this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
            return this;
        }

        /** Sets the simulation options and selects {@link TeeType#SIMULATED}. */
        public Builder simulation(SimulationOptions simulation) {
            this.simulation = Objects.requireNonNull(simulation, "simulation");
            this.teeType = TeeType.SIMULATED;
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws IllegalStateException if the TEE type or work directory is missing, or simulation options are
         *     missing for (or given to) a TEE type other than simulated
         */
        public NodeOptions build() {
            if (teeType == null || workDirectory == null) {
                throw new IllegalStateException("NodeOptions requires teeType and workDirectory");
            }
            if (TeeType.SIMULATED.equals(teeType) != (simulation != null)) {
                throw new IllegalStateException("simulation options are required for, and only for, the simulated TEE");
            }
            return new NodeOptions(this);
        }
    }
}
