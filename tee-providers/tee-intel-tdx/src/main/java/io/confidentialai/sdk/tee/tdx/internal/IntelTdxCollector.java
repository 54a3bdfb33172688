package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ConfigfsTsm;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a TDX quote inside a TD through the Linux configfs-tsm interface: writes the 64-byte report data as
 * {@code inblob}, reads {@code outblob} (the DCAP quote), and requires the provider {@code tdx_guest} and an
 * unchanged {@code generation} (see {@link ConfigfsTsm}). The quote is checked to be a TDX quote (version 4 or 5,
 * TEE type 0x81) before it is returned.
 *
 * <p>Instances are immutable and thread-safe (configfs-tsm entries are per call).
 */
final class IntelTdxCollector implements EvidenceCollector {
    private static final Logger log = LoggerFactory.getLogger(IntelTdxCollector.class);
    static final String PROVIDER = "tdx_guest";
    private static final int HEADER_LENGTH = 48;

    private final ConfigfsTsm tsm;
    private final int maxQuoteBytes;

    IntelTdxCollector(ConfigfsTsm tsm, int maxQuoteBytes) {
        this.tsm = Objects.requireNonNull(tsm, "tsm");
        this.maxQuoteBytes = maxQuoteBytes;
    }

    @Override
    public Evidence collect(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        ConfigfsTsm.Report report = tsm.report(reportData.toByteArray(), PROVIDER, maxQuoteBytes);
        byte[] quote = report.outblob();
        if (quote.length < HEADER_LENGTH) {
            throw new ConfidentialException("configfs-tsm (" + PROVIDER + ") returned " + quote.length
                    + " bytes, shorter than a TDX quote header");
        }
        int version = (quote[0] & 0xff) | (quote[1] & 0xff) << 8;
        long teeType = (quote[4] & 0xffL) | (quote[5] & 0xffL) << 8 | (quote[6] & 0xffL) << 16
                | (quote[7] & 0xffL) << 24;
        if ((version != 4 && version != 5) || teeType != TdxQuoteParser.TEE_TYPE_TDX) {
            throw new ConfidentialException("configfs-tsm (" + PROVIDER + ") returned a quote of version " + version
                    + " and TEE type 0x" + Long.toHexString(teeType) + "; expected a TDX quote (version 4 or 5, 0x81)");
        }
        log.debug("TDX quote collected through configfs-tsm: {} bytes, version {}, generation {}", quote.length,
                version, report.generation());
        return Evidence.of(TeeType.INTEL_TDX, quote);
    }

    @Override
    public String toString() {
        return "IntelTdxCollector[" + tsm.base() + "]";
    }
}
