package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a {@link TeeNode}: which TEE's evidence collector to use, which accelerators (GPUs) to attest
 * with it, where outputs go, and, for the simulated TEE, the simulation options.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class NodeOptions {
    private final TeeType teeType;
    private final Path workDirectory;
    private final SimulationOptions simulation;
    private final List<TeeType> accelerators;

    private NodeOptions(Builder b) {
        this.teeType = b.teeType;
        this.workDirectory = b.workDirectory;
        this.simulation = b.simulation;
        this.accelerators = List.copyOf(b.accelerators);
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

    /**
     * Returns the accelerator TEE types whose devices the node attests next to the CPU TEE, making its evidence
     * composite; empty by default. Simulated GPUs are set with {@link SimulationOptions.Builder#gpus(int)} instead.
     */
    public List<TeeType> accelerators() {
        return accelerators;
    }

    @Override
    public String toString() {
        return "NodeOptions[tee=" + teeType + ", work=" + workDirectory + (accelerators.isEmpty() ? "" : ", accelerators="
                + accelerators) + (simulation != null ? ", " + simulation : "") + "]";
    }

    /** Builds {@link NodeOptions}. This builder is not thread-safe. */
    public static final class Builder {
        private TeeType teeType;
        private Path workDirectory;
        private SimulationOptions simulation;
        private final List<TeeType> accelerators = new ArrayList<>();

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
         * Attests every device of an accelerator TEE type with the CPU evidence, e.g.
         * {@link TeeType#NVIDIA_GPU_CC}: its provider's collector is asked for one evidence per device, each with
         * a nonce derived from the CPU report data. Needs the accelerator's provider artifact on the class path.
         *
         * @param acceleratorType the accelerator TEE type
         * @return this builder
         * @throws NullPointerException if {@code acceleratorType} is null
         */
        public Builder accelerator(TeeType acceleratorType) {
            Objects.requireNonNull(acceleratorType, "acceleratorType");
            if (!accelerators.contains(acceleratorType)) {
                accelerators.add(acceleratorType);
            }
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws IllegalStateException if the TEE type or work directory is missing, simulation options are
         *     missing for (or given to) a TEE type other than simulated, or hardware accelerators are combined with
         *     simulation (use {@link SimulationOptions.Builder#gpus(int)})
         */
        public NodeOptions build() {
            if (teeType == null || workDirectory == null) {
                throw new IllegalStateException("NodeOptions requires teeType and workDirectory");
            }
            if (TeeType.SIMULATED.equals(teeType) != (simulation != null)) {
                throw new IllegalStateException("simulation options are required for, and only for, the simulated TEE");
            }
            if (simulation != null && !accelerators.isEmpty()) {
                throw new IllegalStateException("a simulated node attests simulated GPUs only: use SimulationOptions.builder()"
                        + ".gpus(n) instead of accelerator(..)");
            }
            return new NodeOptions(this);
        }
    }
}
