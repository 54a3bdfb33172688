package io.confidentialai.sdk;

import java.nio.file.Path;

/**
 * Seals datasets on the data owner's machine. The key never leaves the process except as a {@link KeyGrant}.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Datasets {
    /**
     * Seals a dataset, streaming, in constant memory.
     *
     * @param spec the dataset's name and plaintext file
     * @param key the owner's key
     * @param target the sealed file to write (replaced if it exists)
     * @param progress receives plaintext bytes processed
     * @return the sealed asset, with the digest orders name it by
     * @throws TransportException if reading the source or writing the target fails
     */
    SealedAsset encrypt(DatasetSpec spec, AssetKey key, Path target, ProgressListener progress);

    /**
     * Seals a dataset without progress reporting.
     *
     * @param spec the dataset's name and plaintext file
     * @param key the owner's key
     * @param target the sealed file to write
     * @return the sealed asset
     * @throws TransportException if reading or writing fails
     */
    default SealedAsset encrypt(DatasetSpec spec, AssetKey key, Path target) {
        return encrypt(spec, key, target, ProgressListener.NONE);
    }

    /**
     * Unseals a dataset the caller owns (for audits and tests; TEEs unseal through the loader).
     *
     * @param sealed the sealed file
     * @param key the owner's key
     * @param target the plaintext file to write; deleted again if authentication fails at any point
     * @param progress receives plaintext bytes processed
     * @return the SHA-256 digest of the plaintext (equal to {@link SealedAsset#plaintextDigest()})
     * @throws DecryptionException if the file is not authentic under this key, or truncated or extended
     * @throws TransportException if reading or writing fails
     */
    Digest decrypt(Path sealed, AssetKey key, Path target, ProgressListener progress) throws DecryptionException;
}
