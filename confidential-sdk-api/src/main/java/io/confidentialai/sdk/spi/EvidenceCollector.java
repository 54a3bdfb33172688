package io.confidentialai.sdk.spi;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import java.util.List;

/**
 * Collects hardware evidence from inside a TEE (the guest side), with caller-chosen report data signed in.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface EvidenceCollector {
    /**
     * Collects evidence binding {@code reportData}.
     *
     * @param reportData the 64 bytes to sign into the evidence
     * @return the raw evidence (without node keys; the caller adds them)
     * @throws io.confidentialai.sdk.ConfidentialException if not running inside this TEE, or the device failed
     */
    Evidence collect(ReportData reportData);

    /**
     * Collects evidence from every device this collector serves, each binding {@code reportData}. A CPU TEE has
     * one device, so the default returns {@code List.of(collect(reportData))}; accelerator collectors (GPUs)
     * return one evidence per device, in device order.
     *
     * @param reportData the 64 bytes to sign into the evidence; a 32-byte device nonce is its first half
     * @return the evidence of each device, never empty
     * @throws io.confidentialai.sdk.ConfidentialException if not running inside this TEE, or a device failed
     */
    default List<Evidence> collectAll(ReportData reportData) {
        return List.of(collect(reportData));
    }
}
