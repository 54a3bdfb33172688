package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a relying party accepts from a TEE before it releases a key or trusts a result.
 *
 * <p>Written defaults: only hardware evidence; debug TEEs are always rejected (there is no option to allow
 * them); TCB must be {@link TcbStatus#UP_TO_DATE}; evidence may be at most 10 minutes old; every allowed TEE
 * type must pin at least one measurement. Binding to the challenge and to the node's keys is always
 * required. The only weakening is {@link #insecureDevelopmentPolicy()}, which accepts <em>only</em>
 * simulated evidence and therefore never matches production hardware.
 *
 * <p>A policy is data: {@link #toCanonicalString()} and {@link #parse(String)} round-trip, and
 * {@link #digest()} (SHA-256 of the canonical UTF-8 form) is what orders bind to.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AttestationPolicy {
    /** Which evidence origin a policy accepts. */
    public enum EvidenceOrigin {
        /** Only evidence that chains to a pinned vendor root. The default. */
        HARDWARE,
        /** Only simulated evidence. Used by {@link #insecureDevelopmentPolicy()}; never accepts hardware. */
        INSECURE_SIMULATED
    }

    /** The default maximum evidence age. */
    public static final Duration DEFAULT_MAX_EVIDENCE_AGE = Duration.ofMinutes(10);
    private static final Duration MAX_MAX_EVIDENCE_AGE = Duration.ofDays(366);
    private static final int MAX_TEXT = 1 << 20;
    private static final java.util.regex.Pattern CLAIM_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final Comparator<TeeType> BY_ID = Comparator.comparing(TeeType::id);
    private static final Comparator<MeasurementSlot> BY_SLOT = Comparator.comparing(MeasurementSlot::toString);

    private final EvidenceOrigin origin;
    private final Set<TeeType> tees;
    private final Map<MeasurementSlot, Set<Measurement>> measurements;
    private final Set<TeeType> anyMeasurement;
    private final Map<String, Set<String>> claimValues;
    private final Map<String, Long> claimMinimums;
    private final Set<TeeType> tcbByReferenceValues;
    private final Map<TeeType, Integer> accelerators;
    private final TcbStatus minimumTcbStatus;
    private final Duration outOfDateTcbGrace;
    private final Duration maxEvidenceAge;
    private final String canonical;

    private AttestationPolicy(Builder b) {
        this.origin = b.origin;
        TreeSet<TeeType> t = new TreeSet<>(BY_ID);
        t.addAll(b.tees);
        this.tees = Collections.unmodifiableSet(t);
        TreeMap<MeasurementSlot, Set<Measurement>> m = new TreeMap<>(BY_SLOT);
        b.measurements.forEach((slot, values) -> {
            TreeSet<Measurement> sorted = new TreeSet<>(Comparator.comparing(Measurement::toHex));
            sorted.addAll(values);
            m.put(slot, Collections.unmodifiableSet(sorted));
        });
        this.measurements = Collections.unmodifiableMap(m);
        TreeSet<TeeType> any = new TreeSet<>(BY_ID);
        any.addAll(b.anyMeasurement);
        this.anyMeasurement = Collections.unmodifiableSet(any);
        TreeMap<String, Set<String>> cv = new TreeMap<>();
        b.claimValues.forEach((k, v) -> cv.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
        this.claimValues = Collections.unmodifiableMap(cv);
        this.claimMinimums = Collections.unmodifiableMap(new TreeMap<>(b.claimMinimums));
        TreeSet<TeeType> byRef = new TreeSet<>(BY_ID);
        byRef.addAll(b.tcbByReferenceValues);
        this.tcbByReferenceValues = Collections.unmodifiableSet(byRef);
        TreeMap<TeeType, Integer> acc = new TreeMap<>(BY_ID);
        acc.putAll(b.accelerators);
        this.accelerators = Collections.unmodifiableMap(acc);
        this.minimumTcbStatus = b.minimumTcbStatus;
        this.outOfDateTcbGrace = b.outOfDateTcbGrace;
        this.maxEvidenceAge = b.maxEvidenceAge;
        this.canonical = Json.write(toJson());
    }

    /** Returns a new builder with the secure defaults. */
    public static Builder builder() {
        return new Builder(EvidenceOrigin.HARDWARE);
    }

    /**
     * Returns a builder for the insecure development policy: it accepts <em>only</em> simulated evidence
     * (so it can never match real hardware), with any measurement unless some are pinned, and a TCB that was
     * not evaluated. Debug TEEs are still rejected. The engine logs a warning every time it is used.
     *
     * @return a builder preset for simulated evidence
     */
    public static Builder insecureDevelopmentPolicy() {
        return new Builder(EvidenceOrigin.INSECURE_SIMULATED);
    }

    /** Returns a builder initialized with this policy. */
    public Builder toBuilder() {
        Builder b = new Builder(origin);
        b.tees.addAll(tees);
        measurements.values().forEach(values -> values.forEach(b::allowMeasurement));
        b.anyMeasurement.addAll(anyMeasurement);
        claimValues.forEach((k, v) -> b.claimValues.put(k, new TreeSet<>(v)));
        b.claimMinimums.putAll(claimMinimums);
        b.tcbByReferenceValues.addAll(tcbByReferenceValues);
        b.accelerators.putAll(accelerators);
        b.minimumTcbStatus = minimumTcbStatus;
        b.outOfDateTcbGrace = outOfDateTcbGrace;
        b.maxEvidenceAge = maxEvidenceAge;
        return b;
    }

    /**
     * Returns the accelerators the policy requires next to the CPU TEE: accelerator TEE type to the minimum
     * number of devices (see {@link Builder#requireAccelerators(TeeType, int)}); empty when none is required.
     */
    public Map<TeeType, Integer> requiredAccelerators() {
        return accelerators;
    }

    /** Returns which evidence origin this policy accepts. */
    public EvidenceOrigin evidenceOrigin() {
        return origin;
    }

    /** Returns true for policies built from {@link #insecureDevelopmentPolicy()}. */
    public boolean isInsecure() {
        return origin == EvidenceOrigin.INSECURE_SIMULATED;
    }

    /** Returns the allowed TEE types. */
    public Set<TeeType> allowedTees() {
        return tees;
    }

    /** Returns the allowed values per measurement register; a register must match one of its values. */
    public Map<MeasurementSlot, Set<Measurement>> measurements() {
        return measurements;
    }

    /** Returns the TEE types for which the policy deliberately pins no measurement. */
    public Set<TeeType> anyMeasurementTees() {
        return anyMeasurement;
    }

    /**
     * Returns the allowed values of constrained claims, keyed {@code <tee-type>/<claim name>} (see
     * {@link Builder#requireClaim(TeeType, String, String...)}).
     */
    public Map<String, Set<String>> claimValues() {
        return claimValues;
    }

    /**
     * Returns the minimum values of constrained integer claims, keyed {@code <tee-type>/<claim name>} (see
     * {@link Builder#requireMinimum(TeeType, String, long)}).
     */
    public Map<String, Long> claimMinimums() {
        return claimMinimums;
    }

    /**
     * Returns the TEE types whose TCB the policy judges by its own reference values instead of a vendor TCB
     * status (see {@link Builder#tcbByReferenceValues(TeeType)}).
     */
    public Set<TeeType> tcbByReferenceValues() {
        return tcbByReferenceValues;
    }

    /** Returns the worst acceptable TCB status short of out-of-date. */
    public TcbStatus minimumTcbStatus() {
        return minimumTcbStatus;
    }

    /** Returns how long an out-of-date TCB stays acceptable after it was superseded ({@link Duration#ZERO}: never). */
    public Duration outOfDateTcbGrace() {
        return outOfDateTcbGrace;
    }

    /** Returns the maximum age of evidence, measured from the challenge's issue instant. */
    public Duration maxEvidenceAge() {
        return maxEvidenceAge;
    }

    /** Returns the canonical JSON form: sorted keys and values, no whitespace. */
    public String toCanonicalString() {
        return canonical;
    }

    /** Returns the SHA-256 digest of the canonical form (UTF-8), which orders bind to. */
    public Digest digest() {
        return Digest.sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("version", 1L);
        o.put("evidence", origin == EvidenceOrigin.HARDWARE ? "hardware" : "insecure-simulated");
        List<Object> t = new ArrayList<>();
        tees.forEach(x -> t.add(x.id()));
        o.put("tees", t);
        Map<String, Object> m = new LinkedHashMap<>();
        measurements.forEach((slot, values) -> {
            List<Object> v = new ArrayList<>();
            values.forEach(x -> v.add(x.toHex()));
            m.put(slot.toString(), v);
        });
        o.put("measurements", m);
        List<Object> any = new ArrayList<>();
        anyMeasurement.forEach(x -> any.add(x.id()));
        o.put("anyMeasurement", any);
        Map<String, Object> cv = new LinkedHashMap<>();
        claimValues.forEach((k, v) -> cv.put(k, new ArrayList<Object>(v)));
        o.put("claims", cv);
        Map<String, Object> cm = new LinkedHashMap<>();
        claimMinimums.forEach(cm::put);
        o.put("claimMinimums", cm);
        List<Object> byRef = new ArrayList<>();
        tcbByReferenceValues.forEach(x -> byRef.add(x.id()));
        o.put("tcbByReferenceValues", byRef);
        if (!accelerators.isEmpty()) {
            // written only when present, so the canonical form (and digest) of CPU-only policies is unchanged
            Map<String, Object> acc = new LinkedHashMap<>();
            accelerators.forEach((type, n) -> acc.put(type.id(), (long) n));
            o.put("accelerators", acc);
        }
        o.put("minimumTcbStatus", minimumTcbStatus.name());
        o.put("outOfDateTcbGrace", outOfDateTcbGrace.toString());
        o.put("maxEvidenceAge", maxEvidenceAge.toString());
        return o;
    }

    /**
     * Parses the canonical JSON form (whitespace and member order may differ; nothing else may).
     *
     * @param text the JSON text
     * @return the policy
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if the text is not a valid policy
     */
    public static AttestationPolicy parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, Object> o = Json.parseObject(text, MAX_TEXT);
        Json.requireOnly(o, "version", "evidence", "tees", "measurements", "anyMeasurement", "claims", "claimMinimums",
                "tcbByReferenceValues", "accelerators", "minimumTcbStatus", "outOfDateTcbGrace", "maxEvidenceAge");
        if (Json.integer(o, "version") != 1) {
            throw new IllegalArgumentException("unsupported policy version " + o.get("version"));
        }
        String origin = Json.string(o, "evidence");
        Builder b;
        if ("hardware".equals(origin)) {
            b = builder();
        } else if ("insecure-simulated".equals(origin)) {
            b = insecureDevelopmentPolicy();
        } else {
            throw new IllegalArgumentException("\"evidence\" must be \"hardware\" or \"insecure-simulated\"");
        }
        for (String id : Json.strings(o, "tees")) {
            b.allowTee(TeeType.of(id));
        }
        Map<String, Object> m = Json.object(o, "measurements");
        for (String slot : m.keySet()) {
            MeasurementSlot s = MeasurementSlot.parse(slot);
            for (String hex : Json.strings(m, slot)) {
                b.allowMeasurement(Measurement.ofHex(s, hex));
            }
        }
        for (String id : Json.strings(o, "anyMeasurement")) {
            b.insecureAnyMeasurement(TeeType.of(id));
        }
        Map<String, Object> cv = Json.object(o, "claims");
        for (String key : cv.keySet()) {
            String[] k = splitClaimKey(key);
            b.requireClaim(TeeType.of(k[0]), k[1], Json.strings(cv, key).toArray(new String[0]));
        }
        for (String id : Json.strings(o, "tcbByReferenceValues")) {
            b.tcbByReferenceValues(TeeType.of(id));
        }
        if (o.containsKey("accelerators")) {
            Map<String, Object> acc = Json.object(o, "accelerators");
            for (String id : acc.keySet()) {
                long n = Json.integer(acc, id);
                if (n < 1 || n > Evidence.MAX_ACCELERATORS) {
                    throw new IllegalArgumentException("accelerator count for " + id + " must be 1.."
                            + Evidence.MAX_ACCELERATORS + ": " + n);
                }
                b.requireAccelerators(TeeType.of(id), (int) n);
            }
        }
        Map<String, Object> cm = Json.object(o, "claimMinimums");
        for (String key : cm.keySet()) {
            String[] k = splitClaimKey(key);
            b.requireMinimum(TeeType.of(k[0]), k[1], Json.integer(cm, key));
        }
        try {
            b.minimumTcbStatus(TcbStatus.valueOf(Json.string(o, "minimumTcbStatus")));
            Duration grace = Duration.parse(Json.string(o, "outOfDateTcbGrace"));
            if (!grace.isZero()) {
                b.acceptOutOfDateTcb(grace);
            }
            b.maxEvidenceAge(Duration.parse(Json.string(o, "maxEvidenceAge")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("malformed duration in policy", e);
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("invalid policy: " + e.getMessage(), e);
        }
    }

    private static String[] splitClaimKey(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new IllegalArgumentException("claim key must be <tee-type>/<claim>: " + key);
        }
        return new String[] {key.substring(0, slash), key.substring(slash + 1)};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttestationPolicy && ((AttestationPolicy) o).canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return "AttestationPolicy" + canonical;
    }

    /**
     * Builds an {@link AttestationPolicy}. Setters reject bad arguments at once; {@link #build()} checks the
     * cross-field rules. This builder is not thread-safe.
     */
    public static final class Builder {
        private final EvidenceOrigin origin;
        private final Set<TeeType> tees = new TreeSet<>(BY_ID);
        private final Map<MeasurementSlot, Set<Measurement>> measurements = new TreeMap<>(BY_SLOT);
        private final Set<TeeType> anyMeasurement = new TreeSet<>(BY_ID);
        private final Map<String, Set<String>> claimValues = new TreeMap<>();
        private final Map<String, Long> claimMinimums = new TreeMap<>();
        private final Set<TeeType> tcbByReferenceValues = new TreeSet<>(BY_ID);
        private final Map<TeeType, Integer> accelerators = new TreeMap<>(BY_ID);
        private TcbStatus minimumTcbStatus;
        private Duration outOfDateTcbGrace = Duration.ZERO;
        private Duration maxEvidenceAge = DEFAULT_MAX_EVIDENCE_AGE;

        private Builder(EvidenceOrigin origin) {
            this.origin = origin;
            this.minimumTcbStatus = origin == EvidenceOrigin.HARDWARE ? TcbStatus.UP_TO_DATE : TcbStatus.NOT_EVALUATED;
        }

        /**
         * Allows a TEE type.
         *
         * @param teeType the TEE type
         * @return this builder
         * @throws NullPointerException if {@code teeType} is null
         */
        public Builder allowTee(TeeType teeType) {
            tees.add(Objects.requireNonNull(teeType, "teeType"));
            return this;
        }

        /**
         * Allows a value for a measurement register; its TEE type is allowed too. Several values for one
         * register mean "any of these".
         *
         * @param measurement the expected value
         * @return this builder
         * @throws NullPointerException if {@code measurement} is null
         */
        public Builder allowMeasurement(Measurement measurement) {
            Objects.requireNonNull(measurement, "measurement");
            tees.add(measurement.slot().teeType());
            measurements.computeIfAbsent(measurement.slot(), s -> new TreeSet<>(Comparator.comparing(Measurement::toHex)))
                    .add(measurement);
            return this;
        }

        /**
         * Accepts any workload on this TEE type: no measurement is pinned. Such a policy trusts every
         * program the platform runs, so it is named insecure; it is for platform checks, not key release.
         *
         * @param teeType the TEE type
         * @return this builder
         * @throws NullPointerException if {@code teeType} is null
         */
        public Builder insecureAnyMeasurement(TeeType teeType) {
            anyMeasurement.add(Objects.requireNonNull(teeType, "teeType"));
            tees.add(teeType);
            return this;
        }

        /**
         * Requires a decoded claim ({@link TeeClaims#details()}) of evidence from {@code teeType} to have one of
         * the given values, compared with the claim's text form: strings as they are (hex is lower case),
         * integers in decimal, booleans as {@code true}/{@code false}. A missing claim fails. Calling it again
         * for the same claim adds values. Examples: SEV-SNP {@code vmpl} = {@code "0"}; CCA
         * {@code lifecycle} in the secured states.
         *
         * @param teeType the TEE type whose claims are constrained; it must also be allowed
         * @param claim the documented claim name, e.g. {@code "vmpl"}
         * @param allowed one or more allowed values
         * @return this builder
         * @throws IllegalArgumentException if the claim name is invalid or no value is given
         */
        public Builder requireClaim(TeeType teeType, String claim, String... allowed) {
            String key = claimKey(teeType, claim);
            Objects.requireNonNull(allowed, "allowed");
            if (allowed.length == 0) {
                throw new IllegalArgumentException("requireClaim needs at least one allowed value");
            }
            Set<String> values = claimValues.computeIfAbsent(key, k -> new TreeSet<>());
            for (String v : allowed) {
                values.add(Objects.requireNonNull(v, "allowed value"));
            }
            return this;
        }

        /**
         * Requires an integer claim of evidence from {@code teeType} to be at least {@code minimum} (for
         * example a TCB component such as SEV-SNP {@code reportedTcb.snp}, or {@code guestSvn}). A missing or
         * non-integer claim fails.
         *
         * @param teeType the TEE type whose claims are constrained; it must also be allowed
         * @param claim the documented claim name
         * @param minimum the smallest acceptable value
         * @return this builder
         * @throws IllegalArgumentException if the claim name is invalid
         */
        public Builder requireMinimum(TeeType teeType, String claim, long minimum) {
            claimMinimums.put(claimKey(teeType, claim), minimum);
            return this;
        }

        /**
         * Judges the TCB of {@code teeType} by this policy's own reference values rather than a vendor TCB status,
         * for TEEs whose vendor publishes none (AMD SEV-SNP reports and Arm CCA tokens carry their TCB versions
         * or software components but no "latest TCB" verdict, so their claims say {@link TcbStatus#NOT_EVALUATED}).
         * The policy must then constrain that TEE's claims with {@link #requireMinimum} or {@link #requireClaim}
         * (e.g. minimum {@code reportedTcb.*} components), which {@link #build()} checks. A status the provider
         * did evaluate is still applied as usual, and {@link TcbStatus#REVOKED} is never accepted.
         *
         * @param teeType the TEE type
         * @return this builder
         */
        public Builder tcbByReferenceValues(TeeType teeType) {
            tcbByReferenceValues.add(Objects.requireNonNull(teeType, "teeType"));
            return this;
        }

        private static String claimKey(TeeType teeType, String claim) {
            Objects.requireNonNull(teeType, "teeType");
            Objects.requireNonNull(claim, "claim");
            if (!CLAIM_NAME.matcher(claim).matches()) {
                throw new IllegalArgumentException("claim name must match " + CLAIM_NAME + ": " + claim);
            }
            return teeType.id() + "/" + claim;
        }

        /**
         * Sets the worst acceptable TCB status short of out-of-date, in {@link TcbStatus} order
         * (default {@link TcbStatus#UP_TO_DATE}).
         *
         * @param status one of UP_TO_DATE, SW_HARDENING_NEEDED, CONFIGURATION_NEEDED,
         *     CONFIGURATION_AND_SW_HARDENING_NEEDED (NOT_EVALUATED only in the development policy)
         * @return this builder
         * @throws IllegalArgumentException for an out-of-date or revoked status (use
         *     {@link #acceptOutOfDateTcb(Duration)}), or NOT_EVALUATED in a hardware policy
         */
        public Builder minimumTcbStatus(TcbStatus status) {
            Objects.requireNonNull(status, "status");
            if (status.isOutOfDate() || status == TcbStatus.REVOKED) {
                throw new IllegalArgumentException(status + " cannot be a minimum; use acceptOutOfDateTcb(grace)");
            }
            if (status == TcbStatus.NOT_EVALUATED && origin == EvidenceOrigin.HARDWARE) {
                throw new IllegalArgumentException("a hardware policy cannot accept an unevaluated TCB");
            }
            this.minimumTcbStatus = status;
            return this;
        }

        /**
         * Accepts an out-of-date TCB for {@code grace} after the level it runs was superseded (as stated by
         * the vendor's collateral). Revoked TCBs are never accepted.
         *
         * @param grace a positive duration of at most 366 days
         * @return this builder
         * @throws IllegalArgumentException if {@code grace} is not positive or too long
         */
        public Builder acceptOutOfDateTcb(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative() || grace.isZero() || grace.compareTo(MAX_MAX_EVIDENCE_AGE) > 0) {
                throw new IllegalArgumentException("grace must be positive and at most 366 days: " + grace);
            }
            this.outOfDateTcbGrace = grace;
            return this;
        }

        /**
         * Sets the maximum evidence age (default 10 minutes).
         *
         * @param maxAge a positive duration of at most 366 days
         * @return this builder
         * @throws IllegalArgumentException if {@code maxAge} is not positive or too long
         */
        public Builder maxEvidenceAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(MAX_MAX_EVIDENCE_AGE) > 0) {
                throw new IllegalArgumentException("maxEvidenceAge must be positive and at most 366 days: " + maxAge);
            }
            this.maxEvidenceAge = maxAge;
            return this;
        }

        /**
         * Requires a composite attestation: next to the CPU TEE, at least {@code minimum} accelerators (GPUs) of
         * {@code acceleratorType}. Every accelerator present in the evidence, required or not, must then pass:
         * verified to its vendor root (or, under the insecure development policy, a simulation root), not in
         * debug mode, its nonce derived from the CPU evidence's report data ({@code docs/key-binding.md}), and
         * every measurement matched by the vendor's signed reference integrity manifests. Claim constraints
         * ({@link #requireClaim}, {@link #requireMinimum}) for the accelerator type apply to each device.
         * Failures name the accelerator's index, e.g. {@code accelerator[1]}.
         *
         * @param acceleratorType the accelerator TEE type, e.g. {@link TeeType#NVIDIA_GPU_CC}
         * @param minimum the least number of devices, 1 to {@link Evidence#MAX_ACCELERATORS}
         * @return this builder
         * @throws NullPointerException if {@code acceleratorType} is null
         * @throws IllegalArgumentException if {@code minimum} is out of range
         */
        public Builder requireAccelerators(TeeType acceleratorType, int minimum) {
            Objects.requireNonNull(acceleratorType, "acceleratorType");
            if (minimum < 1 || minimum > Evidence.MAX_ACCELERATORS) {
                throw new IllegalArgumentException("minimum must be 1.." + Evidence.MAX_ACCELERATORS + ": " + minimum);
            }
            accelerators.put(acceleratorType, minimum);
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalStateException if no TEE type is allowed, or a hardware policy allows a TEE type
         *     without pinning a measurement for it (or calling {@link #insecureAnyMeasurement(TeeType)})
         */
        public AttestationPolicy build() {
            if (tees.isEmpty()) {
                throw new IllegalStateException("policy allows no TEE type: call allowTee(..) or allowMeasurement(..)");
            }
            List<String> unallowed = new ArrayList<>();
            Set<String> constrained = new TreeSet<>(claimValues.keySet());
            constrained.addAll(claimMinimums.keySet());
            for (String key : constrained) {
                String tee = key.substring(0, key.indexOf('/'));
                if (tees.stream().noneMatch(t -> t.id().equals(tee))
                        && accelerators.keySet().stream().noneMatch(t -> t.id().equals(tee))) {
                    unallowed.add(key);
                }
            }
            if (!unallowed.isEmpty()) {
                throw new IllegalStateException("claims " + unallowed + " constrain a TEE type the policy neither allows "
                        + "nor requires as an accelerator");
            }
            for (TeeType t : tcbByReferenceValues) {
                if (constrained.stream().noneMatch(k -> k.startsWith(t.id() + "/"))) {
                    throw new IllegalStateException("tcbByReferenceValues(" + t + ") needs the TCB reference values: add "
                            + "requireMinimum(" + t + ", ..) or requireClaim(" + t + ", ..)");
                }
                if (!tees.contains(t)) {
                    throw new IllegalStateException("tcbByReferenceValues(" + t + ") names a TEE type the policy does not allow");
                }
            }
            if (origin == EvidenceOrigin.HARDWARE) {
                List<String> unpinned = new ArrayList<>();
                for (TeeType t : tees) {
                    boolean pinned = anyMeasurement.contains(t)
                            || measurements.keySet().stream().anyMatch(s -> s.teeType().equals(t));
                    if (!pinned) {
                        unpinned.add(t.id());
                    }
                }
                if (!unpinned.isEmpty()) {
                    throw new IllegalStateException("policy allows " + unpinned + " without pinning any measurement: "
                            + "add allowMeasurement(..) for the workload you trust");
                }
            }
            return new AttestationPolicy(this);
        }
    }
}
