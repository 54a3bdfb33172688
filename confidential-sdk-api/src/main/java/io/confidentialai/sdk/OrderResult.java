package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.Evidence;
import java.util.List;
import java.util.Objects;

/**
 * What a TEE returns for a completed order: the sealed outputs, the signed integrity report, and the
 * evidence (bound to the order digest) that attests the report's signing key. All of it is untrusted until
 * {@link Results#verifyReport} succeeds.
 *
 * @param order the order that ran
 * @param report the signed integrity report
 * @param evidence the evidence bound to the order digest
 * @param outputs the sealed outputs
 * @since 0.1
 */
public record OrderResult(OrderSpec order, IntegrityReport report, Evidence evidence, List<ResultOutput> outputs) {
    /**
     * Validates and snapshots the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public OrderResult {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(evidence, "evidence");
        outputs = List.copyOf(outputs);
    }
}
