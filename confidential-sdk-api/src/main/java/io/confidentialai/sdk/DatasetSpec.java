package io.confidentialai.sdk;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes a dataset to seal: its name and where its plaintext is.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DatasetSpec {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private final String name;
    private final Path source;
    private final String description;

    private DatasetSpec(Builder b) {
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
        return new Builder().name(name).source(source).description(description);
    }

    /** Returns the dataset name (authenticated in the sealed header; not secret). */
    public String name() {
        return name;
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
        return o instanceof DatasetSpec && ((DatasetSpec) o).name.equals(name) && ((DatasetSpec) o).source.equals(source)
                && ((DatasetSpec) o).description.equals(description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, source, description);
    }

    @Override
    public String toString() {
        return "DatasetSpec[name=" + name + ", source=" + source + "]";
    }

    /** Builds a {@link DatasetSpec}. This builder is not thread-safe. */
    public static final class Builder {
        private String name;
        private Path source;
        private String description = "";

        private Builder() {}

        /**
         * Sets the name: {@code [A-Za-z0-9._-]}, 1 to 128 characters, starting with a letter or digit.
         *
         * @throws IllegalArgumentException if the name is not of that form
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("dataset name must match " + NAME + ": " + name);
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
        public DatasetSpec build() {
            if (name == null || source == null) {
                throw new IllegalStateException("DatasetSpec requires name and source");
            }
            return new DatasetSpec(this);
        }
    }
}
