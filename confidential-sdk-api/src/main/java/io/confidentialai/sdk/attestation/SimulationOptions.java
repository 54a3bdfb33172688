package io.confidentialai.sdk.attestation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a simulated TEE node presents itself: which vendor format it emits, the measurements it reports,
 * whether it claims to be a debug TEE, and where its simulation root lives. Simulated evidence is always
 * marked as not hardware-backed, whatever these options say.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SimulationOptions {
    /** The most simulated GPUs one node can attach. */
    public static final int MAX_GPUS = 8;

    private final TeeType format;
    private final Map<MeasurementSlot, Measurement> measurements;
    private final boolean debug;
    private final Path rootDirectory;
    private final int gpus;

    private SimulationOptions(Builder b) {
        this.format = b.format;
        this.measurements = Collections.unmodifiableMap(new LinkedHashMap<>(b.measurements));
        this.debug = b.debug;
        this.rootDirectory = b.rootDirectory;
        this.gpus = b.gpus;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the emulated vendor format (default {@link TeeType#INTEL_TDX}). */
    public TeeType format() {
        return format;
    }

    /** Returns the measurements the simulated TEE reports; registers not given are zero. */
    public Map<MeasurementSlot, Measurement> measurements() {
        return measurements;
    }

    /** Returns whether the simulated TEE claims debug mode. */
    public boolean isDebug() {
        return debug;
    }

    /** Returns the directory holding the simulation root key and certificate (created at first use). */
    public Path rootDirectory() {
        return rootDirectory;
    }

    /** Returns how many simulated NVIDIA GPUs the node attaches (0 when none). */
    public int gpus() {
        return gpus;
    }

    @Override
    public String toString() {
        return "SimulationOptions[format=" + format + ", debug=" + debug + ", measurements=" + measurements.values()
                + ", gpus=" + gpus + ", root=" + rootDirectory + "]";
    }

    /** Builds {@link SimulationOptions}. This builder is not thread-safe. */
    public static final class Builder {
        private TeeType format = TeeType.INTEL_TDX;
        private final Map<MeasurementSlot, Measurement> measurements = new LinkedHashMap<>();
        private boolean debug;
        private Path rootDirectory;
        private int gpus;

        private Builder() {}

        /** Sets the emulated vendor format. */
        public Builder format(TeeType format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Sets a measurement the simulated TEE reports. */
        public Builder measurement(Measurement measurement) {
            Objects.requireNonNull(measurement, "measurement");
            measurements.put(measurement.slot(), measurement);
            return this;
        }

        /** Makes the simulated TEE claim debug mode (to test that policies reject it). */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /**
         * Sets how many simulated NVIDIA GPUs the node attaches: each yields SPDM 1.1 measurement evidence signed
         * by a simulated device chain under the simulation root, nonce-bound to the CPU evidence as a composite
         * attestation. Default 0.
         *
         * @param gpus 0 to {@link #MAX_GPUS}
         * @throws IllegalArgumentException if out of range
         */
        public Builder gpus(int gpus) {
            if (gpus < 0 || gpus > MAX_GPUS) {
                throw new IllegalArgumentException("gpus must be 0.." + MAX_GPUS + ": " + gpus);
            }
            this.gpus = gpus;
            return this;
        }

        /** Sets the directory of the simulation root (required). */
        public Builder rootDirectory(Path rootDirectory) {
            this.rootDirectory = Objects.requireNonNull(rootDirectory, "rootDirectory");
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws IllegalStateException if the root directory is missing or a measurement belongs to another format
         */
        public SimulationOptions build() {
            if (rootDirectory == null) {
                throw new IllegalStateException("SimulationOptions requires rootDirectory");
            }
            List<String> foreign = new ArrayList<>();
            measurements.keySet().forEach(s -> {
                if (!s.teeType().equals(format)) {
                    foreign.add(s.toString());
                }
            });
            if (!foreign.isEmpty()) {
                throw new IllegalStateException("measurements " + foreign + " do not belong to format " + format);
            }
            return new SimulationOptions(this);
        }
    }
}
