package io.confidentialai.sdk;

/**
 * Receives progress of a long operation (sealing, unsealing). Called on the working thread after each chunk:
 * it must be fast, must not block, and must not throw (exceptions are logged and ignored).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that does nothing. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * Reports progress.
     *
     * @param bytesDone plaintext bytes processed so far
     * @param bytesTotal the total, or -1 when unknown
     */
    void onProgress(long bytesDone, long bytesTotal);
}
