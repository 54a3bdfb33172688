package io.confidentialai.sdk;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A verdict on untrusted input: evidence, a report or a ciphertext was rejected.
 *
 * <p>Rejection is an expected outcome under attack, so this exception is checked: callers must decide
 * what to do. Messages name the failed stage and, for non-secret values only, expected versus actual;
 * they never contain keys, plaintext or raw evidence.
 *
 * @since 0.1
 */
public abstract class VerificationException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    private final transient ReasonCode reason;
    private final String detail;

    /**
     * Creates an exception with a reason code and a message (the documentation pointer is appended).
     *
     * @param reason the stable reason code
     * @param message the non-secret explanation
     * @param cause the underlying cause, or null
     */
    protected VerificationException(ReasonCode reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message") + " (see " + Objects.requireNonNull(reason, "reason").documentation() + ")", cause);
        this.reason = reason;
        this.detail = message;
    }

    /**
     * Returns the message without the documentation pointer that {@link #getMessage()} ends with, for callers
     * that wrap this failure in another (for example to prefix which device of a composite attestation failed).
     *
     * @return the failure's description
     */
    public String detail() {
        return detail;
    }

    /** Returns the stable reason code. */
    public ReasonCode reason() {
        return reason;
    }
}
