package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where verifiers get vendor collateral (TCB info, QE identity, CRLs, certificates, RIMs). All collateral
 * I/O goes through a source, so verification can run fully offline from files and tests never touch the
 * network.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CollateralSource {
    /**
     * Returns a collateral document, or empty when this source does not have it.
     *
     * @param teeType the TEE the collateral is for
     * @param name the document name, e.g. {@code "tcb-info.json"}; lower-case {@code [a-z0-9._-]}
     * @param maxBytes the largest document the caller accepts
     * @return the document bytes, or empty
     * @throws TransportException if the document exists but could not be read, or exceeds {@code maxBytes}
     */
    Optional<byte[]> find(TeeType teeType, String name, int maxBytes);

    /** Returns a source that has nothing: verifiers report the TCB as not evaluated. */
    static CollateralSource none() {
        return (teeType, name, maxBytes) -> Optional.empty();
    }

    /**
     * Returns a source reading {@code <directory>/<tee-type>/<name>}.
     *
     * @param directory the collateral folder
     * @return the source
     * @throws NullPointerException if {@code directory} is null
     */
    static CollateralSource ofDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Pattern safe = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
        return (teeType, name, maxBytes) -> {
            if (!safe.matcher(name).matches()) {
                throw new IllegalArgumentException("collateral name must match " + safe + ": " + name);
            }
            Path file = directory.resolve(teeType.id()).resolve(name);
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new TransportException("collateral " + teeType + "/" + name + " exceeds " + maxBytes + " bytes", null, false);
                }
                return Optional.of(bytes);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new TransportException("cannot read collateral " + teeType + "/" + name, e, true);
            }
        };
    }
}
