package io.confidentialai.sdk;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes a model (weights or engine) to seal: its name and where its plaintext is.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ModelSpec {
    private static final Pattern NAME = DatasetSpec.NAME;
    private final String name;
    private final Path source;
    private final String description;
    private final String version;

    private ModelSpec(Builder b) {
        this.version = b.version;
        this.name = b.name;
        this.source = b.source;
        this.description = b.description;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialized with this spec. */
    public Builder toBuilder() {
        return new Builder().name(name).version(version).source(source).description(description);
    }

    /** Returns the model name (authenticated in the sealed header; not secret). */
    public String name() {
        return name;
    }

    /** Returns the model version label (e.g. {@code "1.0.0"}). */
    public String version() {
        return version;
    }

    /** Returns the plaintext file. */
    public Path source() {
        return source;
    }

    /** Returns the description (kept by the owner; not written to the sealed file). */
    public String description() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec && ((ModelSpec) o).name.equals(name) && ((ModelSpec) o).source.equals(source)
                && ((ModelSpec) o).description.equals(description) && ((ModelSpec) o).version.equals(version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, source, description);
    }

    @Override
    public String toString() {
        return "ModelSpec[name=" + name + ", version=" + version + ", source=" + source + "]";
    }

    /** Builds a {@link ModelSpec}. This builder is not thread-safe. */
    public static final class Builder {
        private String name;
        private Path source;
        private String description = "";
        private String version = "0";

        private Builder() {}

        /**
         * Sets the version label (default {@code "0"}): {@code [A-Za-z0-9._-]}, 1 to 128 characters.
         *
         * @throws IllegalArgumentException if the label is not of that form
         */
        public Builder version(String version) {
            Objects.requireNonNull(version, "version");
            if (!NAME.matcher(version).matches()) {
                throw new IllegalArgumentException("model version must match " + NAME + ": " + version);
            }
            this.version = version;
            return this;
        }

        /**
         * Sets the name: {@code [A-Za-z0-9._-]}, 1 to 128 characters, starting with a letter or digit.
         *
         * @throws IllegalArgumentException if the name is not of that form
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("model name must match " + NAME + ": " + name);
            }
            this.name = name;
            return this;
        }

        /** Sets the plaintext file. */
        public Builder source(Path source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Sets a free-text description. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Builds the spec.
         *
         * @throws IllegalStateException if name or source is missing
         */
        public ModelSpec build() {
            if (name == null || source == null) {
                throw new IllegalStateException("ModelSpec requires name and source");
            }
            return new ModelSpec(this);
        }
    }
}
