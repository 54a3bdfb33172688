package io.confidentialai.sdk.spi;

/**
 * The AI work that runs inside the TEE over decrypted inputs: inference, fine-tuning or training. The
 * trusted loader calls it only after every component digest matched the order and every key grant
 * unwrapped; it sees plaintext only through the {@link WorkloadContext} and writes results only through it,
 * so they are encrypted to the order's recipients.
 *
 * <p>Implementations must be thread-safe if one instance serves concurrent orders.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Workload {
    /**
     * Runs the workload.
     *
     * @param context decrypted model and inputs, parameters, and the output sink
     * @throws Exception any failure; the order then fails, and no output is released
     */
    void run(WorkloadContext context) throws Exception;
}
