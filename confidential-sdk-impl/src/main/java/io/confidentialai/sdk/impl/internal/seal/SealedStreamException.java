package io.confidentialai.sdk.impl.internal.seal;

import io.confidentialai.sdk.DecryptionException;
import java.io.IOException;
import java.util.Objects;

/**
 * An {@link IOException} that carries a {@link DecryptionException} out of {@link UnsealingInputStream}'s
 * read methods, which cannot throw checked security exceptions. {@link #getCause()} returns it; use
 * {@link UnsealingInputStream#unwrap(IOException)} to get it back.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
public final class SealedStreamException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps a decryption failure.
     *
     * @param cause the decryption failure
     * @throws NullPointerException if {@code cause} is null
     */
    public SealedStreamException(DecryptionException cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
    }

    /**
     * Returns the wrapped decryption failure.
     *
     * @return the {@link DecryptionException}
     */
    @Override
    public synchronized DecryptionException getCause() {
        return (DecryptionException) super.getCause();
    }
}
