package io.confidentialai.sdk;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One sealed output of an order, with its key wrapped to each result recipient.
 *
 * @param name the output name
 * @param file the sealed output file
 * @param digest SHA-256 of the sealed file (named in the integrity report)
 * @param grants the output key, wrapped once per recipient ({@link KeyGrant.Purpose#RESULT_KEY})
 * @since 0.1
 */
public record ResultOutput(String name, Path file, Digest digest, List<KeyGrant> grants) {
    /**
     * Validates and snapshots the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public ResultOutput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(digest, "digest");
        grants = List.copyOf(grants);
    }
}
