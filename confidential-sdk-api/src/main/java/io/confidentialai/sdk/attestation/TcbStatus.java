package io.confidentialai.sdk.attestation;

/**
 * The platform's Trusted Computing Base status as evaluated from vendor collateral, ordered from best to
 * worst. A closed set: these are the statuses of Intel's TCB evaluation, to which the other vendors map.
 *
 * @since 0.1
 */
public enum TcbStatus {
    /** Every TCB component is at the latest level. */
    UP_TO_DATE,
    /** Up to date, but software mitigations are needed for known advisories. */
    SW_HARDENING_NEEDED,
    /** Up to date, but the platform configuration must change for known advisories. */
    CONFIGURATION_NEEDED,
    /** Both of the above. */
    CONFIGURATION_AND_SW_HARDENING_NEEDED,
    /** Some component is below the latest level. */
    OUT_OF_DATE,
    /** Out of date and the configuration must change. */
    OUT_OF_DATE_CONFIGURATION_NEEDED,
    /** The platform's keys or TCB level are revoked. Never acceptable. */
    REVOKED,
    /** No collateral was available, so the TCB was not evaluated. Never acceptable to a hardware policy. */
    NOT_EVALUATED;

    /** Returns true for {@link #OUT_OF_DATE} and {@link #OUT_OF_DATE_CONFIGURATION_NEEDED}. */
    public boolean isOutOfDate() {
        return this == OUT_OF_DATE || this == OUT_OF_DATE_CONFIGURATION_NEEDED;
    }
}
