package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.ConfigfsTsm;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The AMD SEV-SNP {@link TeeProvider}: verifies SEV-SNP attestation reports (versions 2, 3 and 5; Milan, Genoa and
 * Turin; VCEK or VLEK) up to the AMD Root Keys pinned in this provider ({@code hardware=true}) or a configured
 * simulation root ({@code hardware=false}), and collects reports inside an SEV-SNP guest through configfs-tsm.
 * Discovered through {@link java.util.ServiceLoader}.
 *
 * <p>The configfs-tsm report directory is {@link ConfigfsTsm#DEFAULT_BASE} unless the system property
 * {@value #TSM_BASE_PROPERTY} names another one (read when a collector is created).
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time. Instances are
 * immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AmdSevSnpProvider implements TeeProvider {
    /** System property naming the configfs-tsm report directory (default {@code /sys/kernel/config/tsm/report}). */
    public static final String TSM_BASE_PROPERTY = "csdk.tsm.base";

    private final @Nullable ConfigfsTsm tsm;

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public AmdSevSnpProvider() {
        this.tsm = null;
    }

    /** Creates a provider whose collector uses {@code tsm} (for tests on a fake configfs-tsm tree). */
    AmdSevSnpProvider(ConfigfsTsm tsm) {
        this.tsm = Objects.requireNonNull(tsm, "tsm");
    }

    @Override
    public TeeType teeType() {
        return TeeType.AMD_SEV_SNP;
    }

    @Override
    public int spiVersion() {
        return TeeProvider.SPI_VERSION;
    }

    @Override
    public Optional<EvidenceVerifier> newVerifier(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.of(new SnpReportVerifier(context));
    }

    /**
     * Returns a configfs-tsm collector. It fails at {@code collect} (with a {@code ConfidentialException}) when not
     * running inside an SEV-SNP guest.
     */
    @Override
    public Optional<EvidenceCollector> newCollector(CollectorContext context) {
        Objects.requireNonNull(context, "context");
        ConfigfsTsm interfaceToUse = tsm;
        if (interfaceToUse == null) {
            String property = System.getProperty(TSM_BASE_PROPERTY);
            interfaceToUse = ConfigfsTsm.at(property == null || property.isBlank() ? ConfigfsTsm.DEFAULT_BASE
                    : Path.of(property));
        }
        return Optional.of(new ConfigfsSnpCollector(interfaceToUse, context.limits().maxEvidenceBytes()));
    }

    @Override
    public String toString() {
        return "AmdSevSnpProvider[" + TeeType.AMD_SEV_SNP + "]";
    }
}
