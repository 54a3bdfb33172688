package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An order: which sealed model runs over which sealed inputs, with which parameters, under which appraisal
 * policy, and who may read the results. Everything is named by digest, so {@link #digest()} (SHA-256 of the
 * canonical JSON form) identifies the order exactly; key grants, evidence and integrity reports bind to it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class OrderSpec {
    private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_TEXT = 1 << 20;
    private static final int MAX_VALUE = 4096;

    private final Digest model;
    private final List<Digest> inputs;
    private final Map<String, String> parameters;
    private final Digest policyDigest;
    private final List<RecipientPublicKey> recipients;
    private final Instant createdAt;
    private final String canonical;

    private OrderSpec(Builder b) {
        this.model = b.model;
        this.inputs = List.copyOf(b.inputs);
        this.parameters = Collections.unmodifiableMap(new TreeMap<>(b.parameters));
        this.policyDigest = b.policyDigest;
        this.recipients = List.copyOf(b.recipients);
        this.createdAt = b.createdAt;
        this.canonical = Json.write(toJson());
    }

    /** Returns a new builder; {@link Builder#createdAt(Instant)} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a new builder whose creation instant is the clock's current instant (millisecond precision).
     *
     * @param clock the clock, typically the one the client was built with
     * @return the builder
     * @throws NullPointerException if {@code clock} is null
     */
    public static Builder builder(Clock clock) {
        return new Builder().createdAt(Objects.requireNonNull(clock, "clock").instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Returns a builder initialized with this order. */
    public Builder toBuilder() {
        Builder b = new Builder().model(model).policyDigest(policyDigest).createdAt(createdAt);
        inputs.forEach(b::addInput);
        parameters.forEach(b::parameter);
        recipients.forEach(b::addRecipient);
        return b;
    }

    /** Returns the digest of the sealed model (or engine). */
    public Digest model() {
        return model;
    }

    /** Returns the digests of the sealed inputs, in order. */
    public List<Digest> inputs() {
        return inputs;
    }

    /** Returns the parameters, sorted by name. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Returns the digest of the appraisal policy a TEE must satisfy. */
    public Digest policyDigest() {
        return policyDigest;
    }

    /** Returns the result recipients. */
    public List<RecipientPublicKey> recipients() {
        return recipients;
    }

    /** Returns when the order was created; evidence bound to the order cannot be older. */
    public Instant createdAt() {
        return createdAt;
    }

    /** Returns the canonical JSON form. */
    public String toCanonicalString() {
        return canonical;
    }

    /** Returns SHA-256 of the canonical form (UTF-8): the order's identity. */
    public Digest digest() {
        return Digest.sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("version", 1L);
        o.put("model", model.toString());
        List<Object> in = new ArrayList<>();
        inputs.forEach(d -> in.add(d.toString()));
        o.put("inputs", in);
        o.put("parameters", new LinkedHashMap<String, Object>(parameters));
        o.put("policy", policyDigest.toString());
        List<Object> r = new ArrayList<>();
        recipients.forEach(k -> r.add(k.toHex()));
        o.put("recipients", r);
        o.put("createdAt", createdAt.toString());
        return o;
    }

    /**
     * Parses the canonical JSON form.
     *
     * @param text the JSON text
     * @return the order
     * @throws IllegalArgumentException if the text is not a valid order
     */
    public static OrderSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, Object> o = Json.parseObject(text, MAX_TEXT);
        Json.requireOnly(o, "version", "model", "inputs", "parameters", "policy", "recipients", "createdAt");
        if (Json.integer(o, "version") != 1) {
            throw new IllegalArgumentException("unsupported order version");
        }
        Builder b = builder().model(Digest.parse(Json.string(o, "model")))
                .policyDigest(Digest.parse(Json.string(o, "policy")));
        try {
            b.createdAt(Instant.parse(Json.string(o, "createdAt")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("malformed createdAt", e);
        }
        Json.strings(o, "inputs").forEach(d -> b.addInput(Digest.parse(d)));
        Map<String, Object> p = Json.object(o, "parameters");
        for (String k : p.keySet()) {
            b.parameter(k, Json.string(p, k));
        }
        Json.strings(o, "recipients").forEach(r -> b.addRecipient(RecipientPublicKey.parse(r)));
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("invalid order: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderSpec && ((OrderSpec) o).canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return "OrderSpec[" + digest() + ", model=" + model + ", inputs=" + inputs.size() + ", recipients="
                + recipients.size() + "]";
    }

    /** Builds an {@link OrderSpec}. This builder is not thread-safe. */
    public static final class Builder {
        private Digest model;
        private final List<Digest> inputs = new ArrayList<>();
        private final Map<String, String> parameters = new TreeMap<>();
        private Digest policyDigest;
        private final List<RecipientPublicKey> recipients = new ArrayList<>();
        private Instant createdAt;

        private Builder() {}

        /** Sets the sealed model's digest. */
        public Builder model(Digest model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Appends a sealed input's digest. */
        public Builder addInput(Digest input) {
            inputs.add(Objects.requireNonNull(input, "input"));
            return this;
        }

        /** Replaces the inputs. */
        public Builder inputs(List<Digest> inputs) {
            List<Digest> copy = List.copyOf(inputs);
            this.inputs.clear();
            this.inputs.addAll(copy);
            return this;
        }

        /**
         * Sets a parameter.
         *
         * @param name {@code [A-Za-z0-9._-]}, 1 to 64 characters
         * @param value at most 4096 characters
         * @throws IllegalArgumentException if the name or value is out of range
         */
        public Builder parameter(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!PARAM.matcher(name).matches() || value.length() > MAX_VALUE) {
                throw new IllegalArgumentException("parameter name must match " + PARAM + " and value be at most "
                        + MAX_VALUE + " characters: " + name);
            }
            parameters.put(name, value);
            return this;
        }

        /** Sets the policy a TEE must satisfy (stores its digest). */
        public Builder policy(AttestationPolicy policy) {
            return policyDigest(Objects.requireNonNull(policy, "policy").digest());
        }

        /** Sets the policy by digest. */
        public Builder policyDigest(Digest policyDigest) {
            this.policyDigest = Objects.requireNonNull(policyDigest, "policyDigest");
            return this;
        }

        /** Appends a result recipient. */
        public Builder addRecipient(RecipientPublicKey recipient) {
            recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /** Sets the creation instant; evidence bound to the order cannot be older. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        /**
         * Builds the order.
         *
         * @throws IllegalStateException if model, policy, creation instant, an input or a recipient is missing, or an input or
         *     recipient is listed twice, or the model is also an input
         */
        public OrderSpec build() {
            List<String> problems = new ArrayList<>();
            if (model == null) {
                problems.add("model is required");
            }
            if (policyDigest == null) {
                problems.add("policy is required");
            }
            if (createdAt == null) {
                problems.add("createdAt is required (or use OrderSpec.builder(clock))");
            }
            if (inputs.isEmpty()) {
                problems.add("at least one input is required");
            }
            if (recipients.isEmpty()) {
                problems.add("at least one recipient is required");
            }
            if (inputs.stream().distinct().count() != inputs.size()) {
                problems.add("an input is listed twice");
            }
            if (recipients.stream().distinct().count() != recipients.size()) {
                problems.add("a recipient is listed twice");
            }
            if (model != null && inputs.contains(model)) {
                problems.add("the model is also listed as an input");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("OrderSpec: " + String.join("; ", problems));
            }
            return new OrderSpec(this);
        }
    }
}
