package io.confidentialai.sdk.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ProviderException;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ClientOptions;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
    static class FakeA implements TeeProvider {
        private final int version;

        FakeA() {
            this(TeeProvider.SPI_VERSION);
        }

        FakeA(int version) {
            this.version = version;
        }

        @Override
        public TeeType teeType() {
            return TeeType.AMD_SEV_SNP;
        }

        @Override
        public int spiVersion() {
            return version;
        }

        @Override
        public Optional<EvidenceVerifier> newVerifier(ProviderContext context) {
            return Optional.empty();
        }

        @Override
        public Optional<EvidenceCollector> newCollector(CollectorContext context) {
            return Optional.empty();
        }
    }

    static final class FakeB extends FakeA {
    }

    private static ClientOptions options(List<TeeProvider> explicit, Map<String, String> props) {
        return new ClientOptions(Clock.systemUTC(), InputLimits.defaults(), CollateralSource.none(), explicit, List.of(), List.of(), props);
    }

    @Test
    void twoDiscoveredProvidersForOneTeeFailWithTheFixes() {
        assertThatThrownBy(() -> ProviderRegistry.load(options(List.of(), Map.of()), List.of(new FakeA(), new FakeB())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FakeA.class.getName()).hasMessageContaining(FakeB.class.getName())
                .hasMessageContaining("csdk.tee.provider.amd-sev-snp");
    }

    @Test
    void propertyOrExplicitRegistrationResolvesDuplicates() {
        ProviderRegistry byProperty = ProviderRegistry.load(
                options(List.of(), Map.of("csdk.tee.provider.amd-sev-snp", FakeB.class.getName())), List.of(new FakeA(), new FakeB()));
        assertThat(byProperty.require(TeeType.AMD_SEV_SNP)).isInstanceOf(FakeB.class);
        FakeA explicit = new FakeA();
        ProviderRegistry byBuilder = ProviderRegistry.load(options(List.of(explicit), Map.of()), List.of(new FakeB()));
        assertThat(byBuilder.require(TeeType.AMD_SEV_SNP)).isSameAs(explicit);
        assertThatThrownBy(() -> ProviderRegistry.load(options(List.of(), Map.of("csdk.tee.provider.amd-sev-snp", "x.Y")),
                List.of(new FakeA()))).isInstanceOf(ProviderException.class).hasMessageContaining("x.Y");
    }

    @Test
    void missingProviderNamesTheArtifact() {
        ProviderRegistry empty = ProviderRegistry.load(options(List.of(), Map.of()), List.of());
        assertThatThrownBy(() -> empty.require(TeeType.ARM_CCA)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("io.confidentialai:tee-arm-cca");
    }

    @Test
    void incompatibleSpiVersionIsRejected() {
        assertThatThrownBy(() -> ProviderRegistry.load(options(List.of(), Map.of()), List.of(new FakeA(99))))
                .isInstanceOf(ProviderException.class).hasMessageContaining("SPI version 99");
    }
}
