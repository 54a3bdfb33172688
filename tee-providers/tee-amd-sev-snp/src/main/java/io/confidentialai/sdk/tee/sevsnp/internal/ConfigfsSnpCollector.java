package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ConfigfsTsm;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects SEV-SNP attestation reports inside a confidential VM through configfs-tsm (provider {@code sev_guest}).
 * The report data is written as {@code inblob}; the report is {@code outblob}. When the host supplied a certificate
 * table ({@code auxblob}), its VCEK, VLEK, ASK and ARK are attached to the evidence as {@code vcek.der},
 * {@code vlek.der}, {@code ask.der} and {@code ark.der}, so the evidence verifies without fetching from AMD KDS. CRLs
 * and unknown entries of the table are not attached (a host-supplied CRL may be stale; relying parties supply their
 * own).
 *
 * <p>Instances are immutable and thread-safe.
 */
final class ConfigfsSnpCollector implements EvidenceCollector {
    private static final Logger log = LoggerFactory.getLogger(ConfigfsSnpCollector.class);
    static final String PROVIDER = "sev_guest";

    private final ConfigfsTsm tsm;
    private final int maxReportBytes;

    ConfigfsSnpCollector(ConfigfsTsm tsm, int maxReportBytes) {
        this.tsm = Objects.requireNonNull(tsm, "tsm");
        this.maxReportBytes = maxReportBytes;
    }

    /**
     * Collects a report binding {@code reportData}.
     *
     * @throws ConfidentialException when configfs-tsm is unavailable or not backed by {@code sev_guest}, the report is
     *     not 1184 bytes, or the certificate table is malformed
     * @throws io.confidentialai.sdk.TransportException when reading or writing the entry fails
     */
    @Override
    public Evidence collect(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        ConfigfsTsm.Report report = tsm.report(reportData.toByteArray(), PROVIDER, maxReportBytes);
        byte[] outblob = report.outblob();
        if (outblob.length != SnpReport.LENGTH) {
            throw new ConfidentialException("configfs-tsm returned a " + outblob.length + "-byte report; an SEV-SNP "
                    + "attestation report has " + SnpReport.LENGTH + " bytes");
        }
        Evidence.Builder evidence = Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(outblob);
        if (report.auxblob().isPresent() && report.auxblob().get().length > 0) {
            List<CertTable.Entry> entries;
            try {
                entries = CertTable.parse(report.auxblob().get());
            } catch (IllegalArgumentException e) {
                throw new ConfidentialException("the SEV-SNP certificate table (configfs-tsm auxblob) is malformed: "
                        + e.getMessage(), e);
            }
            for (CertTable.Entry entry : entries) {
                if (entry.kind().isPresent() && entry.kind().get() != CertTable.Kind.CRL
                        && entry.content().length > 0) {
                    evidence.attachment(entry.kind().get().attachmentName, entry.content());
                } else {
                    log.debug("SEV-SNP certificate table entry {} not attached", entry.guid());
                }
            }
        }
        log.debug("SEV-SNP report collected through configfs-tsm at {} (generation {})", tsm.base(),
                report.generation());
        return evidence.build();
    }
}
