package io.confidentialai.sdk;

import java.util.Objects;

/**
 * An order ended as failed inside the TEE (the workload threw, or an output could not be produced).
 * Inputs and keys have been wiped and no output was released.
 *
 * @since 0.1
 */
public final class OrderFailedException extends ConfidentialException {
    private static final long serialVersionUID = 1L;
    private final transient Digest orderDigest;
    private final String failureCode;

    /**
     * Creates the exception.
     *
     * @param orderDigest the failed order's digest
     * @param failureCode a short stable code, e.g. {@code WORKLOAD_FAILED}
     * @param message a non-secret explanation
     * @param cause the cause, or null
     */
    public OrderFailedException(Digest orderDigest, String failureCode, String message, Throwable cause) {
        super(message, cause);
        this.orderDigest = Objects.requireNonNull(orderDigest, "orderDigest");
        this.failureCode = Objects.requireNonNull(failureCode, "failureCode");
    }

    /** Returns the failed order's digest, which identifies it. */
    public Digest orderId() {
        return orderDigest;
    }

    /** Returns the failure code, e.g. {@code WORKLOAD_FAILED}. */
    public String failureCode() {
        return failureCode;
    }
}
