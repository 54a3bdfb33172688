package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.internal.Hex;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A relying party's fresh 32-byte challenge, with the instant it was issued. The TEE binds it into its
 * evidence; the evidence can then be no older than the nonce, which is how
 * {@link AttestationPolicy#maxEvidenceAge()} is enforced.
 *
 * <p>Equality is by value only ({@link #issuedAt()} is local bookkeeping). Instances are immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class Nonce {
    /** The nonce length in bytes. */
    public static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] value;
    private final Instant issuedAt;

    private Nonce(byte[] value, Instant issuedAt) {
        this.value = value;
        this.issuedAt = issuedAt;
    }

    /**
     * Generates a random nonce issued now, according to {@code clock}.
     *
     * @param clock the clock that stamps the issue instant
     * @return a new nonce
     * @throws NullPointerException if {@code clock} is null
     */
    public static Nonce random(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        byte[] v = new byte[LENGTH];
        RANDOM.nextBytes(v);
        return new Nonce(v, clock.instant());
    }

    /**
     * Wraps received nonce bytes (copied), e.g. on the TEE side. The issue instant is unknown to the
     * receiver and is set to {@link Instant#EPOCH}, so such a nonce can never make evidence look fresh.
     *
     * @param value 32 bytes
     * @return the nonce
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static Nonce of(byte[] value) {
        return of(value, Instant.EPOCH);
    }

    /**
     * Wraps nonce bytes (copied) with the instant the relying party issued them.
     *
     * @param value 32 bytes
     * @param issuedAt when the nonce was issued
     * @return the nonce
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the value is not 32 bytes
     */
    public static Nonce of(byte[] value, Instant issuedAt) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (value.length != LENGTH) {
            throw new IllegalArgumentException("nonce must be " + LENGTH + " bytes, got " + value.length);
        }
        return new Nonce(value.clone(), issuedAt);
    }

    /** Returns a copy of the nonce bytes. */
    public byte[] toByteArray() {
        return value.clone();
    }

    /** Returns the nonce as lower-case hex. */
    public String toHex() {
        return Hex.encode(value);
    }

    /** Returns when the relying party issued this nonce ({@link Instant#EPOCH} if unknown). */
    public Instant issuedAt() {
        return issuedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nonce && MessageDigest.isEqual(((Nonce) o).value, value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Nonce[" + toHex() + "]";
    }
}
