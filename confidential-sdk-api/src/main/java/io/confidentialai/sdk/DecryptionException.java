package io.confidentialai.sdk;

/**
 * Decryption or unwrapping failed. Opaque by design: it does not say whether the key was wrong or the
 * ciphertext was modified, truncated, reordered or extended. The reason code is
 * {@link ReasonCode#SEALED_FORMAT_INVALID} when the framing itself is malformed, otherwise
 * {@code DECRYPTION_FAILED}.
 *
 * @since 0.1
 */
public final class DecryptionException extends VerificationException {
    private static final long serialVersionUID = 1L;

    /** The reason code of an authentication failure. */
    public static final ReasonCode DECRYPTION_FAILED = ReasonCode.of("DECRYPTION_FAILED");

    /**
     * Creates the exception.
     *
     * @param reason {@link #DECRYPTION_FAILED} or {@link ReasonCode#SEALED_FORMAT_INVALID}
     * @param message a non-secret explanation
     * @param cause the underlying cause, or null
     */
    public DecryptionException(ReasonCode reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
