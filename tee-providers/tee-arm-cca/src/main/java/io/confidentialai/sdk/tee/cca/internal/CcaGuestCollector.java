package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ConfigfsTsm;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a CCA attestation token inside a realm through Linux configfs-tsm (kernel provider
 * {@value #TSM_PROVIDER}): the 64 bytes of report data become the realm challenge, and the token the RMM returns
 * (a tag 399 or 907 collection) is the evidence. Instances are immutable and thread-safe.
 */
final class CcaGuestCollector implements EvidenceCollector {
    private static final Logger log = LoggerFactory.getLogger(CcaGuestCollector.class);
    /** The configfs-tsm provider name of the Arm CCA guest driver. */
    static final String TSM_PROVIDER = "arm_cca_guest";

    private final ConfigfsTsm tsm;
    private final InputLimits limits;

    CcaGuestCollector(ConfigfsTsm tsm, InputLimits limits) {
        this.tsm = Objects.requireNonNull(tsm, "tsm");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Evidence collect(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        ConfigfsTsm.Report report = tsm.report(reportData.toByteArray(), TSM_PROVIDER, limits.maxEvidenceBytes());
        byte[] token = report.outblob();
        if (!isTokenCollection(token)) {
            throw new ConfidentialException("configfs-tsm (" + TSM_PROVIDER + ") returned " + token.length
                    + " bytes that do not start a CCA token collection (CBOR tag 399 or 907)");
        }
        log.debug("collected a CCA token of {} bytes (configfs-tsm generation {})", token.length, report.generation());
        return Evidence.of(TeeType.ARM_CCA, token);
    }

    /** True when the bytes start with CBOR tag 399 ({@code d9 01 8f}) or 907 ({@code d9 03 8b}). */
    static boolean isTokenCollection(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xd9
                && (((b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x8f) || ((b[1] & 0xff) == 0x03 && (b[2] & 0xff) == 0x8b));
    }
}
