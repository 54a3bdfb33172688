package io.confidentialai.sdk.attestation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The normalized claims of authenticated evidence: what a provider proved about the TEE after checking
 * every signature and certificate chain. Policies are appraised against these claims, so they mean the
 * same thing for every TEE type.
 *
 * <p>Claims alone are not a verdict: only a {@link VerifiedAttestation} (claims that satisfied a policy
 * and a challenge) can receive keys. Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TeeClaims {
    private final TeeType teeType;
    private final boolean hardware;
    private final boolean debug;
    private final ReportData reportData;
    private final Map<MeasurementSlot, Measurement> measurements;
    private final TcbStatus tcbStatus;
    private final String tcbDetail;
    private final Instant outOfDateSince;
    private final List<String> advisoryIds;
    private final String platformId;
    private final Map<String, Object> details;

    private TeeClaims(Builder b) {
        this.teeType = b.teeType;
        this.hardware = b.hardware;
        this.debug = b.debug;
        this.reportData = b.reportData;
        this.measurements = Collections.unmodifiableMap(new LinkedHashMap<>(b.measurements));
        this.tcbStatus = b.tcbStatus;
        this.tcbDetail = b.tcbDetail;
        this.outOfDateSince = b.outOfDateSince;
        this.advisoryIds = List.copyOf(b.advisoryIds);
        this.platformId = b.platformId;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
    }

    /** Returns a new builder (for providers). */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialized with these claims. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.teeType = teeType;
        b.hardware = hardware;
        b.hardwareSet = true;
        b.debug = debug;
        b.debugSet = true;
        b.reportData = reportData;
        b.measurements.putAll(measurements);
        b.tcbStatus = tcbStatus;
        b.tcbDetail = tcbDetail;
        b.outOfDateSince = outOfDateSince;
        b.advisoryIds.addAll(advisoryIds);
        b.platformId = platformId;
        b.details.putAll(details);
        return b;
    }

    /** Returns the TEE type whose evidence format these claims came from. */
    public TeeType teeType() {
        return teeType;
    }

    /**
     * Returns true only when the evidence chains to a pinned vendor root, i.e. real hardware produced it.
     * Evidence that chains to a simulation root is never hardware.
     */
    public boolean isHardware() {
        return hardware;
    }

    /** Returns true when the TEE runs with debugging enabled (its memory is not confidential). */
    public boolean isDebug() {
        return debug;
    }

    /** Returns the 64 bytes of report data the TEE signed. */
    public ReportData reportData() {
        return reportData;
    }

    /** Returns the measurements by register, in the provider's order. */
    public Map<MeasurementSlot, Measurement> measurements() {
        return measurements;
    }

    /** Returns one measurement, if present. */
    public Optional<Measurement> measurement(MeasurementSlot slot) {
        return Optional.ofNullable(measurements.get(Objects.requireNonNull(slot, "slot")));
    }

    /** Returns the TCB status ({@link TcbStatus#NOT_EVALUATED} without collateral). */
    public TcbStatus tcbStatus() {
        return tcbStatus;
    }

    /** Returns a non-secret explanation of the TCB status (which component is short, by how much). */
    public String tcbDetail() {
        return tcbDetail;
    }

    /** Returns when the platform's TCB level was superseded, when it is out of date and that is known. */
    public Optional<Instant> outOfDateSince() {
        return Optional.ofNullable(outOfDateSince);
    }

    /** Returns the vendor security advisory identifiers that apply to the platform's TCB level. */
    public List<String> advisoryIds() {
        return advisoryIds;
    }

    /** Returns a platform identifier (e.g. TDX FMSPC, SEV-SNP chip id), when the evidence has one. */
    public Optional<String> platformId() {
        return Optional.ofNullable(platformId);
    }

    /**
     * Returns every decoded claim under its documented name, in the provider's order. Values are
     * {@code String} (hex for bytes), {@code Long}, {@code Boolean} or {@code List<String>}.
     */
    public Map<String, Object> details() {
        return details;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TeeClaims)) {
            return false;
        }
        TeeClaims c = (TeeClaims) o;
        return teeType.equals(c.teeType) && hardware == c.hardware && debug == c.debug
                && reportData.equals(c.reportData) && measurements.equals(c.measurements)
                && tcbStatus == c.tcbStatus && tcbDetail.equals(c.tcbDetail)
                && Objects.equals(outOfDateSince, c.outOfDateSince) && advisoryIds.equals(c.advisoryIds)
                && Objects.equals(platformId, c.platformId) && details.equals(c.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(teeType, hardware, debug, reportData, measurements, tcbStatus, platformId);
    }

    @Override
    public String toString() {
        return "TeeClaims[tee=" + teeType + ", hardware=" + hardware + ", debug=" + debug + ", tcb=" + tcbStatus
                + ", measurements=" + measurements.values() + "]";
    }

    /**
     * Builds {@link TeeClaims}. {@link #teeType}, {@link #hardware}, {@link #debug} and {@link #reportData}
     * are required: a provider must state them explicitly. This builder is not thread-safe.
     */
    public static final class Builder {
        private TeeType teeType;
        private boolean hardware;
        private boolean hardwareSet;
        private boolean debug;
        private boolean debugSet;
        private ReportData reportData;
        private final Map<MeasurementSlot, Measurement> measurements = new LinkedHashMap<>();
        private TcbStatus tcbStatus = TcbStatus.NOT_EVALUATED;
        private String tcbDetail = "";
        private Instant outOfDateSince;
        private final List<String> advisoryIds = new ArrayList<>();
        private String platformId;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder() {}

        /** Sets the TEE type. */
        public Builder teeType(TeeType teeType) {
            this.teeType = Objects.requireNonNull(teeType, "teeType");
            return this;
        }

        /** Sets whether the evidence chains to a pinned vendor root. */
        public Builder hardware(boolean hardware) {
            this.hardware = hardware;
            this.hardwareSet = true;
            return this;
        }

        /** Sets whether debugging is enabled. */
        public Builder debug(boolean debug) {
            this.debug = debug;
            this.debugSet = true;
            return this;
        }

        /** Sets the signed report data. */
        public Builder reportData(ReportData reportData) {
            this.reportData = Objects.requireNonNull(reportData, "reportData");
            return this;
        }

        /** Adds (or replaces) a measurement. */
        public Builder addMeasurement(Measurement measurement) {
            Objects.requireNonNull(measurement, "measurement");
            measurements.put(measurement.slot(), measurement);
            return this;
        }

        /** Sets the TCB status and its explanation. */
        public Builder tcbStatus(TcbStatus status, String detail) {
            this.tcbStatus = Objects.requireNonNull(status, "status");
            this.tcbDetail = Objects.requireNonNull(detail, "detail");
            return this;
        }

        /** Sets when the platform's TCB level was superseded. */
        public Builder outOfDateSince(Instant since) {
            this.outOfDateSince = Objects.requireNonNull(since, "since");
            return this;
        }

        /** Adds a security advisory identifier. */
        public Builder addAdvisoryId(String id) {
            advisoryIds.add(Objects.requireNonNull(id, "id"));
            return this;
        }

        /** Sets the platform identifier. */
        public Builder platformId(String platformId) {
            this.platformId = Objects.requireNonNull(platformId, "platformId");
            return this;
        }

        /**
         * Adds a decoded claim.
         *
         * @param name the documented claim name, e.g. {@code "mrTd"}
         * @param value a {@code String}, {@code Long}, {@code Integer}, {@code Boolean} or {@code List<String>}
         * @return this builder
         * @throws IllegalArgumentException if the value is of another type
         */
        public Builder detail(String name, Object value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (value instanceof Integer) {
                value = ((Integer) value).longValue();
            }
            if (value instanceof List) {
                for (Object e : (List<?>) value) {
                    if (!(e instanceof String)) {
                        throw new IllegalArgumentException("list claims must hold strings: " + name);
                    }
                }
                value = List.copyOf((List<?>) value);
            } else if (!(value instanceof String || value instanceof Long || value instanceof Boolean)) {
                throw new IllegalArgumentException("unsupported claim value type for " + name);
            }
            details.put(name, value);
            return this;
        }

        /**
         * Builds the claims.
         *
         * @return the claims
         * @throws IllegalStateException if teeType, hardware, debug or reportData was not set
         */
        public TeeClaims build() {
            List<String> missing = new ArrayList<>();
            if (teeType == null) {
                missing.add("teeType");
            }
            if (!hardwareSet) {
                missing.add("hardware");
            }
            if (!debugSet) {
                missing.add("debug");
            }
            if (reportData == null) {
                missing.add("reportData");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("TeeClaims requires " + missing);
            }
            return new TeeClaims(this);
        }
    }
}
