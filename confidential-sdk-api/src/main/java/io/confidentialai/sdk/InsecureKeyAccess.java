package io.confidentialai.sdk;

/**
 * A token that must be passed to read or import raw key material, so that every such place is easy to find
 * and review (the Tink {@code InsecureSecretKeyAccess} pattern).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class InsecureKeyAccess {
    private static final InsecureKeyAccess INSTANCE = new InsecureKeyAccess();

    private InsecureKeyAccess() {}

    /** Returns the token. Calling this is a statement that you handle raw key bytes safely. */
    public static InsecureKeyAccess get() {
        return INSTANCE;
    }
}
