package io.confidentialai.sdk;

/**
 * Reading or writing data failed (a file, a stream, a device).
 *
 * @since 0.1
 */
public final class TransportException extends ConfidentialException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    /**
     * Creates the exception.
     *
     * @param message a non-secret explanation
     * @param cause the I/O cause
     * @param retryable whether the same operation may succeed if repeated
     */
    public TransportException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Returns whether the same operation may succeed if repeated. */
    public boolean isRetryable() {
        return retryable;
    }
}
