package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.Workload;
import java.util.List;

/**
 * The SDK's runtime inside a TEE (the trusted loader). It holds an HPKE key pair and an Ed25519 signing key
 * generated inside the TEE that never leave it, collects evidence that commits to them, and runs orders:
 * it checks every component's digest against the order before decrypting anything, unwraps grants, runs
 * the workload, seals outputs to the order's recipients only, signs the integrity report, and wipes inputs
 * and keys.
 *
 * <p>Instances are thread-safe. {@link #close()} destroys the node's keys and is idempotent; a closed node
 * throws {@link IllegalStateException}.
 *
 * @since 0.1
 */
public interface TeeNode extends AutoCloseable {
    /** Returns the TEE type whose collector this node uses. */
    TeeType teeType();

    /** Returns the node's public keys. */
    TeePublicKeys publicKeys();

    /**
     * Collects evidence bound to a relying party's nonce and to this node's keys.
     *
     * @param nonce the relying party's nonce
     * @return the evidence, with the node's public keys
     * @throws ConfidentialException if evidence cannot be collected
     * @throws IllegalStateException if the node is closed
     */
    Evidence attest(Nonce nonce);

    /**
     * Collects evidence bound to an order digest and to this node's keys (non-interactive attestation).
     *
     * @param order the order
     * @return the evidence, with the node's public keys
     * @throws ConfidentialException if evidence cannot be collected
     * @throws IllegalStateException if the node is closed
     */
    Evidence attest(OrderSpec order);

    /**
     * Runs an order.
     *
     * @param order the order
     * @param model the sealed model and its grant
     * @param inputs the sealed inputs and their grants, in the order's input order
     * @param workload the work to run on the decrypted data
     * @return the sealed outputs, the signed integrity report and the order-bound evidence
     * @throws IntegrityVerificationException if a component's digest differs from the order
     *     ({@link ReasonCode#MODEL_DIGEST_MISMATCH}, {@link ReasonCode#INPUT_DIGEST_MISMATCH}) or a grant is for
     *     another order, asset or node ({@link ReasonCode#ORDER_DIGEST_MISMATCH}, {@link ReasonCode#KEY_BINDING_MISMATCH});
     *     nothing was decrypted
     * @throws DecryptionException if a grant does not unwrap or a sealed asset fails authentication; no output
     *     is released
     * @throws OrderFailedException if the workload fails; no output is released
     * @throws IllegalStateException if the node is closed
     */
    OrderResult execute(OrderSpec order, SealedInput model, List<SealedInput> inputs, Workload workload)
            throws IntegrityVerificationException, DecryptionException;

    /** Destroys the node's private keys. */
    @Override
    void close();
}
