package io.confidentialai.sdk.spi;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;

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
}
