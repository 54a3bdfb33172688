package io.confidentialai.sdk;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A sealed (encrypted and authenticated) dataset, model or result on disk, as its owner sees it after
 * sealing. {@link #digest()} (SHA-256 of the whole sealed file) is what orders name; the plaintext digest
 * and size are sealed inside the file and shown here only to the owner who sealed it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param kind what the asset holds
 * @param name the asset name from the sealed header
 * @param keyId the id of the key that sealed it (see {@link AssetKey#keyId()})
 * @param file where the sealed file is
 * @param digest SHA-256 of the sealed file
 * @param sealedSize the sealed file's size in bytes
 * @param plaintextDigest SHA-256 of the plaintext
 * @param plaintextSize the plaintext size in bytes
 * @since 0.1
 */
public record SealedAsset(AssetKind kind, String name, String keyId, Path file, Digest digest, long sealedSize,
        Digest plaintextDigest, long plaintextSize) {

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException if a size is negative
     */
    public SealedAsset {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(plaintextDigest, "plaintextDigest");
        if (sealedSize < 0 || plaintextSize < 0) {
            throw new IllegalArgumentException("sizes must not be negative");
        }
    }
}
