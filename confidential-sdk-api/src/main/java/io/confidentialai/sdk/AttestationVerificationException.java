package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.TeeType;
import java.util.Objects;
import java.util.Optional;

/**
 * Evidence was rejected: it could not be authenticated, or its claims do not satisfy the policy.
 *
 * @since 0.1
 */
public final class AttestationVerificationException extends VerificationException {
    private static final long serialVersionUID = 1L;
    private final transient TeeType teeType;
    private final boolean retryable;

    /**
     * Creates the exception.
     *
     * @param reason the stable reason code
     * @param teeType the TEE type of the evidence, or null when it could not be determined
     * @param message non-secret explanation naming the failed stage
     * @throws NullPointerException if {@code reason} or {@code message} is null
     */
    public AttestationVerificationException(ReasonCode reason, TeeType teeType, String message) {
        this(reason, teeType, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param reason the stable reason code
     * @param teeType the TEE type of the evidence, or null when it could not be determined
     * @param message non-secret explanation naming the failed stage
     * @param cause the underlying cause, or null
     * @throws NullPointerException if {@code reason} or {@code message} is null
     */
    public AttestationVerificationException(ReasonCode reason, TeeType teeType, String message, Throwable cause) {
        super(reason, message, cause);
        this.teeType = teeType;
        this.retryable = Objects.equals(reason, ReasonCode.COLLATERAL_UNAVAILABLE);
    }

    /** Returns the TEE type of the rejected evidence, when known. */
    public Optional<TeeType> teeType() {
        return Optional.ofNullable(teeType);
    }

    /** Returns true when the same verification may succeed later (collateral was unavailable). */
    public boolean isRetryable() {
        return retryable;
    }
}
