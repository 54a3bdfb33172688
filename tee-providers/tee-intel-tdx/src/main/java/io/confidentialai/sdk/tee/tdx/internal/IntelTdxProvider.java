package io.confidentialai.sdk.tee.tdx.internal;

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

/**
 * The Intel TDX {@link TeeProvider}: verifies TDX DCAP quotes (v4, v5) up to the pinned Intel SGX Root CA
 * ({@code hardware=true}) or a configured simulation root ({@code hardware=false}), evaluates the TCB from Intel
 * collateral, replays an attached CCEL event log, and collects quotes inside a TD through configfs-tsm. Discovered
 * through {@link java.util.ServiceLoader}.
 *
 * <p>The system property {@value #TSM_BASE_PROPERTY} (read once, when the provider is created) overrides the
 * configfs-tsm report directory, {@code /sys/kernel/config/tsm/report} by default.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class IntelTdxProvider implements TeeProvider {
    /** System property naming the configfs-tsm report directory. */
    public static final String TSM_BASE_PROPERTY = "csdk.tsm.base";

    private final Path tsmBase;

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public IntelTdxProvider() {
        this(tsmBaseFromProperty());
    }

    /** Creates a provider that collects through the configfs-tsm directory {@code tsmBase} (for tests). */
    IntelTdxProvider(Path tsmBase) {
        this.tsmBase = Objects.requireNonNull(tsmBase, "tsmBase");
    }

    private static Path tsmBaseFromProperty() {
        String configured = System.getProperty(TSM_BASE_PROPERTY);
        return configured == null || configured.isBlank() ? ConfigfsTsm.DEFAULT_BASE : Path.of(configured);
    }

    @Override
    public TeeType teeType() {
        return TeeType.INTEL_TDX;
    }

    @Override
    public int spiVersion() {
        return TeeProvider.SPI_VERSION;
    }

    @Override
    public Optional<EvidenceVerifier> newVerifier(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.of(new TdxQuoteVerifier(context));
    }

    @Override
    public Optional<EvidenceCollector> newCollector(CollectorContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.of(new IntelTdxCollector(ConfigfsTsm.at(tsmBase), context.limits().maxEvidenceBytes()));
    }

    @Override
    public String toString() {
        return "IntelTdxProvider[" + TeeType.INTEL_TDX + "]";
    }
}
