package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.internal.Hex;
import io.confidentialai.sdk.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The TEE's signed statement of what ran: the order, policy, model, input and output digests, the evidence
 * that attests the signing key, and when it ran. Signed with Ed25519 by the node key bound in the evidence
 * over {@link #signedBytes()}.
 *
 * <p>A parsed report is untrusted: {@link Results#verifyReport} turns it into a {@link VerifiedReport}.
 * Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class IntegrityReport {
    private static final String DOMAIN = "csdk-integrity-report-v1";
    private static final int MAX_TEXT = 1 << 20;

    private final Digest orderDigest;
    private final Digest policyDigest;
    private final Digest modelDigest;
    private final List<Digest> inputDigests;
    private final Map<String, Digest> outputs;
    private final Digest evidenceDigest;
    private final TeeType teeType;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final byte[] signature;

    private IntegrityReport(Builder b) {
        this.orderDigest = b.orderDigest;
        this.policyDigest = b.policyDigest;
        this.modelDigest = b.modelDigest;
        this.inputDigests = List.copyOf(b.inputDigests);
        this.outputs = Collections.unmodifiableMap(new TreeMap<>(b.outputs));
        this.evidenceDigest = b.evidenceDigest;
        this.teeType = b.teeType;
        this.startedAt = b.startedAt;
        this.finishedAt = b.finishedAt;
        this.signature = b.signature.clone();
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialized with this report. */
    public Builder toBuilder() {
        Builder b = new Builder().orderDigest(orderDigest).policyDigest(policyDigest).modelDigest(modelDigest)
                .evidenceDigest(evidenceDigest).teeType(teeType).startedAt(startedAt).finishedAt(finishedAt)
                .signature(signature);
        inputDigests.forEach(b::addInputDigest);
        outputs.forEach(b::putOutput);
        return b;
    }

    /** Returns the order digest. */
    public Digest orderDigest() {
        return orderDigest;
    }

    /** Returns the policy digest. */
    public Digest policyDigest() {
        return policyDigest;
    }

    /** Returns the sealed model's digest. */
    public Digest modelDigest() {
        return modelDigest;
    }

    /** Returns the sealed inputs' digests, in order. */
    public List<Digest> inputDigests() {
        return inputDigests;
    }

    /** Returns the sealed outputs' digests by output name. */
    public Map<String, Digest> outputs() {
        return outputs;
    }

    /** Returns the digest of the evidence envelope that attests the signing key. */
    public Digest evidenceDigest() {
        return evidenceDigest;
    }

    /** Returns the TEE type that ran the order. */
    public TeeType teeType() {
        return teeType;
    }

    /** Returns when the run started (as stated by the TEE). */
    public Instant startedAt() {
        return startedAt;
    }

    /** Returns when the run finished (as stated by the TEE). */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** Returns a copy of the 64-byte Ed25519 signature. */
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Returns the bytes the signature covers: ASCII {@code "csdk-integrity-report-v1"}, a zero byte, then the
     * canonical JSON of every field except the signature.
     */
    public byte[] signedBytes() {
        byte[] json = Json.write(body()).getBytes(StandardCharsets.UTF_8);
        byte[] domain = DOMAIN.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[domain.length + 1 + json.length];
        System.arraycopy(domain, 0, out, 0, domain.length);
        System.arraycopy(json, 0, out, domain.length + 1, json.length);
        return out;
    }

    private Map<String, Object> body() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("version", 1L);
        o.put("order", orderDigest.toString());
        o.put("policy", policyDigest.toString());
        o.put("model", modelDigest.toString());
        List<Object> in = new ArrayList<>();
        inputDigests.forEach(d -> in.add(d.toString()));
        o.put("inputs", in);
        Map<String, Object> out = new LinkedHashMap<>();
        outputs.forEach((n, d) -> out.put(n, d.toString()));
        o.put("outputs", out);
        o.put("evidence", evidenceDigest.toString());
        o.put("tee", teeType.id());
        o.put("startedAt", startedAt.toString());
        o.put("finishedAt", finishedAt.toString());
        return o;
    }

    /** Returns the JSON form, with the signature in hex. */
    public String toJson() {
        Map<String, Object> o = body();
        o.put("signature", Hex.encode(signature));
        return Json.write(o);
    }

    /**
     * Parses the JSON form of {@link #toJson()}.
     *
     * @param json the text
     * @return the (unverified) report
     * @throws IllegalArgumentException if the text is not a valid report
     */
    public static IntegrityReport parse(String json) {
        Objects.requireNonNull(json, "json");
        Map<String, Object> o = Json.parseObject(json, MAX_TEXT);
        Json.requireOnly(o, "version", "order", "policy", "model", "inputs", "outputs", "evidence", "tee", "startedAt",
                "finishedAt", "signature");
        if (Json.integer(o, "version") != 1) {
            throw new IllegalArgumentException("unsupported report version");
        }
        Builder b = builder().orderDigest(Digest.parse(Json.string(o, "order")))
                .policyDigest(Digest.parse(Json.string(o, "policy")))
                .modelDigest(Digest.parse(Json.string(o, "model")))
                .evidenceDigest(Digest.parse(Json.string(o, "evidence")))
                .teeType(TeeType.of(Json.string(o, "tee")))
                .signature(Hex.decode(Json.string(o, "signature")));
        try {
            b.startedAt(Instant.parse(Json.string(o, "startedAt"))).finishedAt(Instant.parse(Json.string(o, "finishedAt")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("malformed timestamp in report", e);
        }
        Json.strings(o, "inputs").forEach(d -> b.addInputDigest(Digest.parse(d)));
        Map<String, Object> out = Json.object(o, "outputs");
        for (String name : out.keySet()) {
            b.putOutput(name, Digest.parse(Json.string(out, name)));
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("invalid report: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntegrityReport && ((IntegrityReport) o).toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "IntegrityReport[order=" + orderDigest + ", model=" + modelDigest + ", inputs=" + inputDigests.size()
                + ", outputs=" + outputs.keySet() + ", evidence=" + evidenceDigest + "]";
    }

    /** Builds an {@link IntegrityReport}. This builder is not thread-safe. */
    public static final class Builder {
        private Digest orderDigest;
        private Digest policyDigest;
        private Digest modelDigest;
        private final List<Digest> inputDigests = new ArrayList<>();
        private final Map<String, Digest> outputs = new TreeMap<>();
        private Digest evidenceDigest;
        private TeeType teeType;
        private Instant startedAt;
        private Instant finishedAt;
        private byte[] signature = new byte[0];

        private Builder() {}

        /** Sets the order digest. */
        public Builder orderDigest(Digest d) {
            this.orderDigest = Objects.requireNonNull(d, "orderDigest");
            return this;
        }

        /** Sets the policy digest. */
        public Builder policyDigest(Digest d) {
            this.policyDigest = Objects.requireNonNull(d, "policyDigest");
            return this;
        }

        /** Sets the model digest. */
        public Builder modelDigest(Digest d) {
            this.modelDigest = Objects.requireNonNull(d, "modelDigest");
            return this;
        }

        /** Appends an input digest. */
        public Builder addInputDigest(Digest d) {
            inputDigests.add(Objects.requireNonNull(d, "inputDigest"));
            return this;
        }

        /** Adds an output. */
        public Builder putOutput(String name, Digest d) {
            outputs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(d, "digest"));
            return this;
        }

        /** Sets the evidence digest. */
        public Builder evidenceDigest(Digest d) {
            this.evidenceDigest = Objects.requireNonNull(d, "evidenceDigest");
            return this;
        }

        /** Sets the TEE type. */
        public Builder teeType(TeeType t) {
            this.teeType = Objects.requireNonNull(t, "teeType");
            return this;
        }

        /** Sets the start instant. */
        public Builder startedAt(Instant t) {
            this.startedAt = Objects.requireNonNull(t, "startedAt");
            return this;
        }

        /** Sets the finish instant. */
        public Builder finishedAt(Instant t) {
            this.finishedAt = Objects.requireNonNull(t, "finishedAt");
            return this;
        }

        /** Sets the signature (copied); leave unset to build the unsigned body for signing. */
        public Builder signature(byte[] signature) {
            Objects.requireNonNull(signature, "signature");
            if (signature.length != 0 && signature.length != 64) {
                throw new IllegalArgumentException("Ed25519 signature must be 64 bytes");
            }
            this.signature = signature.clone();
            return this;
        }

        /**
         * Builds the report.
         *
         * @throws IllegalStateException if a digest, the TEE type or a timestamp is missing
         */
        public IntegrityReport build() {
            if (orderDigest == null || policyDigest == null || modelDigest == null || evidenceDigest == null
                    || teeType == null || startedAt == null || finishedAt == null) {
                throw new IllegalStateException("IntegrityReport requires order, policy, model and evidence digests, "
                        + "teeType, startedAt and finishedAt");
            }
            return new IntegrityReport(this);
        }
    }
}
