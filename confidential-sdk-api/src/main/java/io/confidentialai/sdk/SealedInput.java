package io.confidentialai.sdk;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A sealed file handed to a TEE node together with the grant that unwraps its key.
 *
 * @param file the sealed file
 * @param grant the key grant for it
 * @since 0.1
 */
public record SealedInput(Path file, KeyGrant grant) {
    /**
     * Validates the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public SealedInput {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(grant, "grant");
    }
}
