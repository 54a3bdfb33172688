package io.confidentialai.sdk;

/**
 * What a sealed asset holds. Recorded (authenticated) in the sealed header.
 *
 * @since 0.1
 */
public enum AssetKind {
    /** A data owner's dataset. */
    DATASET,
    /** A model owner's weights or engine. */
    MODEL,
    /** A result produced inside a TEE for the order's recipients. */
    RESULT
}
