package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.AttestationPolicy;
import java.nio.file.Path;

/**
 * Verifies integrity reports and decrypts results on the recipient's machine. Decryption requires a
 * {@link VerifiedReport}, so no plaintext is released before the run is proven.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Results {
    /**
     * Verifies an order's result: the evidence (bound to the order digest) satisfies {@code policy}, whose
     * digest must be the order's; the report is signed by the key that evidence binds; and the report's
     * order, policy, model, input and output digests match the order and the received output files.
     *
     * <p>Evidence age is not checked here: binding to the order digest already proves the evidence was
     * produced after the order was created. Re-verify "as of" a date with the client's clock for audits.
     *
     * @param result what the TEE returned
     * @param policy the policy the order names
     * @return the verified report
     * @throws IntegrityVerificationException with {@link ReasonCode#POLICY_DIGEST_MISMATCH},
     *     {@link ReasonCode#ORDER_DIGEST_MISMATCH}, {@link ReasonCode#REPORT_SIGNER_NOT_ATTESTED},
     *     {@link ReasonCode#REPORT_SIGNATURE_INVALID}, {@link ReasonCode#MODEL_DIGEST_MISMATCH},
     *     {@link ReasonCode#INPUT_DIGEST_MISMATCH} or {@link ReasonCode#OUTPUT_DIGEST_MISMATCH}
     * @throws AttestationVerificationException if the evidence does not satisfy the policy
     */
    VerifiedReport verifyReport(OrderResult result, AttestationPolicy policy)
            throws IntegrityVerificationException, AttestationVerificationException;

    /**
     * Decrypts one output of a verified result.
     *
     * @param result the result
     * @param report its verified report
     * @param outputName the output to decrypt
     * @param recipient the recipient's key pair; the order must name its public key
     * @param target the plaintext file to write; deleted again if authentication fails
     * @return the plaintext's SHA-256 digest
     * @throws DecryptionException if the output's key does not unwrap or the output fails authentication
     * @throws IllegalArgumentException if the report is for another result, the output does not exist, or the
     *     recipient is not named by the order
     * @throws TransportException if reading or writing fails
     */
    Digest decrypt(OrderResult result, VerifiedReport report, String outputName, RecipientKeyPair recipient, Path target)
            throws DecryptionException;
}
