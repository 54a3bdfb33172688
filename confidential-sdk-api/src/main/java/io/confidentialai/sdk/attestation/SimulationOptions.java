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
    private final TeeType format;
    private final Map<MeasurementSlot, Measurement> measurements;
    private final boolean debug;
    private final Path rootDirectory;

    private SimulationOptions(Builder b) {
        this.format = b.format;
        this.measurements = Collections.unmodifiableMap(new LinkedHashMap<>(b.measurements));
        this.debug = b.debug;
        this.rootDirectory = b.rootDirectory;
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

    @Override
    public String toString() {
        return "SimulationOptions[format=" + format + ", debug=" + debug + ", measurements=" + measurements.values()
                + ", root=" + rootDirectory + "]";
    }

    /** Builds {@link SimulationOptions}. This builder is not thread-safe. */
    public static final class Builder {
        private TeeType format = TeeType.INTEL_TDX;
        private final Map<MeasurementSlot, Measurement> measurements = new LinkedHashMap<>();
        private boolean debug;
        private Path rootDirectory;

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
