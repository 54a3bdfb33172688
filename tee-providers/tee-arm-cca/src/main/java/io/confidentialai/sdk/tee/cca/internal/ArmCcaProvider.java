package io.confidentialai.sdk.tee.cca.internal;

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
 * The Arm CCA {@link TeeProvider}: verifies CCA attestation tokens (CBOR tag 399 or 907 collections of a platform
 * and a realm COSE_Sign1 token) against the CPAKs the application configured as
 * {@link io.confidentialai.sdk.attestation.TrustAnchor}s ({@code hardware=true}) or against simulation roots
 * ({@code hardware=false}), and collects tokens inside a realm through configfs-tsm ({@code arm_cca_guest}).
 * Discovered through {@link java.util.ServiceLoader}.
 *
 * <p>The system property {@value #TSM_BASE_PROPERTY} (read once, when the provider is created) overrides the
 * configfs-tsm report directory, {@code /sys/kernel/config/tsm/report} by default.
 *
 * <p>Instances are immutable and thread-safe. This class is internal and is not meant to be used by applications
 * (they configure anchors and find the provider through the API); it may change at any time.
 *
 * @since 0.1
 */
public final class ArmCcaProvider implements TeeProvider {
    /** System property naming the configfs-tsm report directory (default {@code /sys/kernel/config/tsm/report}). */
    public static final String TSM_BASE_PROPERTY = "csdk.tsm.base";

    private final Path tsmBase;

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public ArmCcaProvider() {
        this(tsmBaseFromProperty());
    }

    /** Creates a provider whose collector reads configfs-tsm at {@code tsmBase} (for tests and tools). */
    ArmCcaProvider(Path tsmBase) {
        this.tsmBase = Objects.requireNonNull(tsmBase, "tsmBase");
    }

    private static Path tsmBaseFromProperty() {
        String configured = System.getProperty(TSM_BASE_PROPERTY);
        return configured == null || configured.isBlank() ? ConfigfsTsm.DEFAULT_BASE : Path.of(configured);
    }

    @Override
    public TeeType teeType() {
        return TeeType.ARM_CCA;
    }

    @Override
    public int spiVersion() {
        return TeeProvider.SPI_VERSION;
    }

    @Override
    public Optional<EvidenceVerifier> newVerifier(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.of(new CcaTokenVerifier(context));
    }

    /**
     * Returns a configfs-tsm collector. It fails at {@code collect} time, with a
     * {@link io.confidentialai.sdk.ConfidentialException}, when not running inside an Arm CCA realm.
     */
    @Override
    public Optional<EvidenceCollector> newCollector(CollectorContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.of(new CcaGuestCollector(ConfigfsTsm.at(tsmBase), context.limits()));
    }

    @Override
    public String toString() {
        return "ArmCcaProvider[" + TeeType.ARM_CCA + "]";
    }
}
