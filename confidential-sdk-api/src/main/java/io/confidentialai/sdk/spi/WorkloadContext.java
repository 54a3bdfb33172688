package io.confidentialai.sdk.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * A workload's view of one order inside the TEE. Input streams authenticate each chunk before returning
 * its plaintext and fail with an {@link IOException} on any tampering; the loader additionally verifies
 * every input to its end after the workload returns, so an order whose inputs were modified never
 * releases output.
 *
 * <p>Instances are used by one workload thread at a time.
 *
 * @since 0.1
 */
public interface WorkloadContext {
    /**
     * Opens the decrypted model. May be called once.
     *
     * @return the model plaintext stream
     * @throws IOException if the model cannot be opened
     * @throws IllegalStateException if called twice
     */
    InputStream openModel() throws IOException;

    /** Returns the number of inputs (datasets) in the order. */
    int inputCount();

    /**
     * Opens one decrypted input. Each input may be opened once.
     *
     * @param index 0-based, in the order's input order
     * @return the input plaintext stream
     * @throws IOException if the input cannot be opened
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalStateException if that input was already opened
     */
    InputStream openInput(int index) throws IOException;

    /** Returns the order's parameters. */
    Map<String, String> parameters();

    /**
     * Creates a named output. Bytes written are sealed at once to a fresh key that only the order's result
     * recipients can unwrap; nothing is written in plaintext.
     *
     * @param name output name, {@code [A-Za-z0-9._-]}, 1 to 128 characters, unique within the order
     * @return the output sink; close it when done
     * @throws IOException if the output cannot be created
     * @throws IllegalArgumentException if the name is invalid or already used
     */
    OutputStream createOutput(String name) throws IOException;
}
