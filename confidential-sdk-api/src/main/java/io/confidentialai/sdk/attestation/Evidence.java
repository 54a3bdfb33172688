package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.internal.Hex;
import io.confidentialai.sdk.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Attestation evidence from one TEE: the vendor-format bytes (a TDX quote, an SEV-SNP report, ...), the
 * public keys the node committed to in its report data, and named attachments such as certificates.
 *
 * <p>Composite evidence also carries the evidence of the node's accelerators (GPUs), see
 * {@link #accelerators()}: each accelerator's nonce is derived from the CPU evidence's report data, so the
 * whole set is verified as one attestation (see {@code docs/key-binding.md}).
 *
 * <p>Evidence is untrusted input until a verifier has checked it. {@link #encode()} gives a portable JSON
 * envelope that {@link #decode(byte[], int)} reads back; {@link #digest()} is the SHA-256 of that
 * envelope, which integrity reports and ledgers refer to.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Evidence {
    private static final String FORMAT = "csdk-evidence";
    private static final Pattern ATTACHMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_ATTACHMENTS = 16;
    /** The most accelerators one composite evidence may carry. */
    public static final int MAX_ACCELERATORS = 16;

    private final TeeType teeType;
    private final byte[] data;
    private final TeePublicKeys keys;
    private final Map<String, byte[]> attachments;
    private final List<Evidence> accelerators;

    private Evidence(Builder b) {
        this.teeType = b.teeType;
        this.data = b.data.clone();
        this.keys = b.keys;
        Map<String, byte[]> copy = new TreeMap<>();
        b.attachments.forEach((k, v) -> copy.put(k, v.clone()));
        this.attachments = Collections.unmodifiableMap(copy);
        this.accelerators = List.copyOf(b.accelerators);
    }

    /**
     * Wraps raw vendor evidence with no node keys (e.g. a quote from a file).
     *
     * @param teeType the TEE format of {@code data}
     * @param data the raw evidence (copied)
     * @return the evidence
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code data} is empty
     */
    public static Evidence of(TeeType teeType, byte[] data) {
        return builder().teeType(teeType).data(data).build();
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialized with this evidence. */
    public Builder toBuilder() {
        Builder b = new Builder().teeType(teeType).data(data);
        if (keys != null) {
            b.keys(keys);
        }
        attachments.forEach(b::attachment);
        accelerators.forEach(b::addAccelerator);
        return b;
    }

    /** Returns the TEE format of the raw evidence. */
    public TeeType teeType() {
        return teeType;
    }

    /** Returns a copy of the raw vendor evidence. */
    public byte[] data() {
        return data.clone();
    }

    /** Returns the length of the raw vendor evidence. */
    public int dataLength() {
        return data.length;
    }

    /** Returns the node's public keys, when the evidence came from an SDK node. */
    public Optional<TeePublicKeys> keys() {
        return Optional.ofNullable(keys);
    }

    /** Returns the attachment names, sorted. */
    public Set<String> attachmentNames() {
        return attachments.keySet();
    }

    /** Returns a copy of an attachment's bytes, if present. */
    public Optional<byte[]> attachment(String name) {
        byte[] v = attachments.get(Objects.requireNonNull(name, "name"));
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /**
     * Returns the evidence of the node's accelerators (for example NVIDIA GPUs), in device order; empty for
     * evidence from a CPU TEE alone or from a single device. Accelerator evidence carries no keys and no
     * accelerators of its own.
     */
    public List<Evidence> accelerators() {
        return accelerators;
    }

    /** Returns the portable JSON envelope (UTF-8). */
    public byte[] encode() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("format", FORMAT);
        o.put("version", 1L);
        o.putAll(toJson());
        return Json.write(o).getBytes(StandardCharsets.UTF_8);
    }

    /** The members an accelerator entry shares with the envelope: tee, data, keys, attachments, accelerators. */
    private Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("tee", teeType.id());
        o.put("data", Base64.getEncoder().encodeToString(data));
        if (keys != null) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("hpkeKem", (long) keys.hpkeKemId());
            k.put("hpke", Hex.encode(keys.hpkePublicKey()));
            k.put("signatureAlgorithm", (long) keys.signatureAlgorithm());
            k.put("signing", Hex.encode(keys.signingPublicKey()));
            o.put("keys", k);
        }
        if (!attachments.isEmpty()) {
            Map<String, Object> a = new LinkedHashMap<>();
            attachments.forEach((n, v) -> a.put(n, Base64.getEncoder().encodeToString(v)));
            o.put("attachments", a);
        }
        if (!accelerators.isEmpty()) {
            List<Object> list = new ArrayList<>();
            accelerators.forEach(e -> list.add(e.toJson()));
            o.put("accelerators", list);
        }
        return o;
    }

    /**
     * Reads an envelope written by {@link #encode()}.
     *
     * @param envelope the UTF-8 JSON envelope
     * @param maxBytes the largest envelope accepted
     * @return the evidence
     * @throws NullPointerException if {@code envelope} is null
     * @throws IllegalArgumentException if the envelope is larger than {@code maxBytes} or malformed
     */
    public static Evidence decode(byte[] envelope, int maxBytes) {
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.length > maxBytes) {
            throw new IllegalArgumentException("evidence envelope of " + envelope.length + " bytes exceeds the limit of " + maxBytes);
        }
        Map<String, Object> o = Json.parseObject(new String(envelope, StandardCharsets.UTF_8), maxBytes);
        Json.requireOnly(o, "format", "version", "tee", "data", "keys", "attachments", "accelerators");
        if (!FORMAT.equals(Json.string(o, "format")) || Json.integer(o, "version") != 1) {
            throw new IllegalArgumentException("not a version 1 " + FORMAT + " envelope");
        }
        Builder b = fromJson(o);
        if (o.containsKey("accelerators")) {
            List<Object> list = Json.array(o, "accelerators");
            if (list.size() > MAX_ACCELERATORS) {
                throw new IllegalArgumentException("evidence envelope names " + list.size()
                        + " accelerators; at most " + MAX_ACCELERATORS + " are accepted");
            }
            for (Object item : list) {
                if (!(item instanceof Map)) {
                    throw new IllegalArgumentException("accelerator evidence must be a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> a = (Map<String, Object>) item;
                Json.requireOnly(a, "tee", "data", "attachments");
                b.addAccelerator(fromJson(a).build());
            }
        }
        return b.build();
    }

    private static Builder fromJson(Map<String, Object> o) {
        Builder b = builder().teeType(TeeType.of(Json.string(o, "tee")))
                .data(Base64.getDecoder().decode(Json.string(o, "data")));
        if (o.containsKey("keys")) {
            Map<String, Object> k = Json.object(o, "keys");
            Json.requireOnly(k, "hpkeKem", "hpke", "signatureAlgorithm", "signing");
            if (Json.integer(k, "hpkeKem") != TeePublicKeys.KEM_X25519_HKDF_SHA256
                    || Json.integer(k, "signatureAlgorithm") != TeePublicKeys.SIG_ED25519) {
                throw new IllegalArgumentException("unsupported key algorithms in evidence envelope");
            }
            b.keys(TeePublicKeys.of(Hex.decode(Json.string(k, "hpke")), Hex.decode(Json.string(k, "signing"))));
        }
        if (o.containsKey("attachments")) {
            Map<String, Object> a = Json.object(o, "attachments");
            for (String name : a.keySet()) {
                b.attachment(name, Base64.getDecoder().decode(Json.string(a, name)));
            }
        }
        return b;
    }

    /** Returns the SHA-256 digest of {@link #encode()}. */
    public Digest digest() {
        return Digest.sha256(encode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence && ((Evidence) o).digest().equals(digest());
    }

    @Override
    public int hashCode() {
        return digest().hashCode();
    }

    /** Describes the evidence without printing its bytes. */
    @Override
    public String toString() {
        return "Evidence[tee=" + teeType + ", " + data.length + " bytes, keys=" + (keys != null)
                + ", attachments=" + attachments.keySet()
                + (accelerators.isEmpty() ? "" : ", accelerators=" + accelerators) + "]";
    }

    /** Builds {@link Evidence}. This builder is not thread-safe. */
    public static final class Builder {
        private TeeType teeType;
        private byte[] data;
        private TeePublicKeys keys;
        private final Map<String, byte[]> attachments = new TreeMap<>();
        private final List<Evidence> accelerators = new ArrayList<>();

        private Builder() {}

        /** Sets the TEE format. */
        public Builder teeType(TeeType teeType) {
            this.teeType = Objects.requireNonNull(teeType, "teeType");
            return this;
        }

        /** Sets the raw vendor evidence (copied). */
        public Builder data(byte[] data) {
            Objects.requireNonNull(data, "data");
            if (data.length == 0) {
                throw new IllegalArgumentException("evidence data is empty");
            }
            this.data = data.clone();
            return this;
        }

        /** Sets the node's public keys. */
        public Builder keys(TeePublicKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * Adds a named attachment (copied), e.g. {@code "vcek.der"}.
         *
         * @throws IllegalArgumentException if the name is not lower-case {@code [a-z0-9._-]}, or more than 16
         *     attachments are added
         */
        public Builder attachment(String name, byte[] content) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            if (!ATTACHMENT_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("attachment name must match " + ATTACHMENT_NAME + ": " + name);
            }
            if (!attachments.containsKey(name) && attachments.size() >= MAX_ATTACHMENTS) {
                throw new IllegalArgumentException("at most " + MAX_ATTACHMENTS + " attachments");
            }
            attachments.put(name, content.clone());
            return this;
        }

        /**
         * Appends the evidence of one accelerator (a GPU) of the node, making this a composite evidence.
         *
         * @param accelerator the accelerator's evidence
         * @return this builder
         * @throws NullPointerException if {@code accelerator} is null
         * @throws IllegalArgumentException if it carries keys or accelerators of its own, or more than
         *     {@link #MAX_ACCELERATORS} are added
         */
        public Builder addAccelerator(Evidence accelerator) {
            Objects.requireNonNull(accelerator, "accelerator");
            if (accelerator.keys != null || !accelerator.accelerators.isEmpty()) {
                throw new IllegalArgumentException("accelerator evidence must carry neither keys nor accelerators");
            }
            if (accelerators.size() >= MAX_ACCELERATORS) {
                throw new IllegalArgumentException("at most " + MAX_ACCELERATORS + " accelerators");
            }
            accelerators.add(accelerator);
            return this;
        }

        /**
         * Builds the evidence.
         *
         * @throws IllegalStateException if teeType or data is missing
         */
        public Evidence build() {
            if (teeType == null || data == null) {
                throw new IllegalStateException("Evidence requires teeType and data");
            }
            return new Evidence(this);
        }
    }
}
