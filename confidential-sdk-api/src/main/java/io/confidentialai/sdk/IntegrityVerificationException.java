package io.confidentialai.sdk;

import java.util.Optional;

/**
 * An integrity report, or a component digest checked against an order, was rejected.
 *
 * @since 0.1
 */
public final class IntegrityVerificationException extends VerificationException {
    private static final long serialVersionUID = 1L;
    private final transient Digest orderDigest;

    /**
     * Creates the exception.
     *
     * @param reason the stable reason code
     * @param orderDigest the digest of the order concerned, or null when unknown
     * @param message non-secret explanation (digests may be shown; they are not secret)
     * @throws NullPointerException if {@code reason} or {@code message} is null
     */
    public IntegrityVerificationException(ReasonCode reason, Digest orderDigest, String message) {
        this(reason, orderDigest, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param reason the stable reason code
     * @param orderDigest the digest of the order concerned, or null when unknown
     * @param message non-secret explanation
     * @param cause the underlying cause, or null
     * @throws NullPointerException if {@code reason} or {@code message} is null
     */
    public IntegrityVerificationException(ReasonCode reason, Digest orderDigest, String message, Throwable cause) {
        super(reason, message, cause);
        this.orderDigest = orderDigest;
    }

    /** Returns the digest of the order concerned, when known. */
    public Optional<Digest> orderDigest() {
        return Optional.ofNullable(orderDigest);
    }
}
