package io.confidentialai.sdk;

/**
 * An operational failure: I/O, configuration or a failed job. Unchecked; verification verdicts use
 * {@link VerificationException} instead.
 *
 * @since 0.1
 */
public class ConfidentialException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a non-secret explanation
     * @param cause the cause, or null
     */
    public ConfidentialException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message a non-secret explanation
     */
    public ConfidentialException(String message) {
        super(message);
    }
}
