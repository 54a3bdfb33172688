package io.confidentialai.sdk;

/**
 * A TEE provider or the SDK engine is missing, duplicated or incompatible. The message says how to fix it
 * (which artifact to add or which provider to remove).
 *
 * @since 0.1
 */
public final class ProviderException extends ConfidentialException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public ProviderException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     * @param cause the cause
     */
    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
