package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * What a relying party expects evidence to be bound to, and since when the evidence can exist.
 *
 * <ul>
 *   <li>{@link #nonce(Nonce)}: interactive; report data must commit to this nonce and to the node's keys.
 *   <li>{@link #order(Digest, Instant)}: non-interactive; report data must commit to an order digest and to
 *       the node's keys.
 *   <li>{@link #reportData(ReportData, Instant)}: for evidence not produced by an SDK node; report data must
 *       equal the given bytes exactly, and no keys are bound (such a verdict cannot receive key grants).
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Challenge {
    /** The kinds of challenge. */
    public enum Kind {
        /** A relying party's fresh nonce. */
        NONCE,
        /** An order digest. */
        ORDER,
        /** Exact report data, without key binding. */
        REPORT_DATA
    }

    private final Kind kind;
    private final byte[] value;
    private final Instant issuedAt;

    private Challenge(Kind kind, byte[] value, Instant issuedAt) {
        this.kind = kind;
        this.value = value;
        this.issuedAt = issuedAt;
    }

    /**
     * A nonce challenge; evidence can be no older than {@link Nonce#issuedAt()}.
     *
     * @param nonce the relying party's nonce
     * @return the challenge
     * @throws NullPointerException if {@code nonce} is null
     */
    public static Challenge nonce(Nonce nonce) {
        Objects.requireNonNull(nonce, "nonce");
        return new Challenge(Kind.NONCE, nonce.toByteArray(), nonce.issuedAt());
    }

    /**
     * An order challenge; evidence can be no older than the order's creation.
     *
     * @param orderDigest the order's digest
     * @param orderCreatedAt when the order was created (it is part of the digested order)
     * @return the challenge
     * @throws NullPointerException if an argument is null
     */
    public static Challenge order(Digest orderDigest, Instant orderCreatedAt) {
        Objects.requireNonNull(orderDigest, "orderDigest");
        Objects.requireNonNull(orderCreatedAt, "orderCreatedAt");
        return new Challenge(Kind.ORDER, orderDigest.toByteArray(), orderCreatedAt);
    }

    /**
     * An exact report-data challenge for evidence from outside the SDK.
     *
     * @param expected the exact report data
     * @param issuedAt when the relying party chose it
     * @return the challenge
     * @throws NullPointerException if an argument is null
     */
    public static Challenge reportData(ReportData expected, Instant issuedAt) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(issuedAt, "issuedAt");
        return new Challenge(Kind.REPORT_DATA, expected.toByteArray(), issuedAt);
    }

    /** Returns the kind. */
    public Kind kind() {
        return kind;
    }

    /** Returns a copy of the challenge bytes (nonce, order digest or report data). */
    public byte[] value() {
        return value.clone();
    }

    /** Returns the earliest instant at which bound evidence can have been produced. */
    public Instant issuedAt() {
        return issuedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Challenge && ((Challenge) o).kind == kind
                && java.security.MessageDigest.isEqual(((Challenge) o).value, value)
                && ((Challenge) o).issuedAt.equals(issuedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, java.util.Arrays.hashCode(value), issuedAt);
    }

    @Override
    public String toString() {
        return "Challenge[" + kind + ", issuedAt=" + issuedAt + "]";
    }
}
