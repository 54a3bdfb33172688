package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class IntelTdxProviderTest {

    @Test
    void discoveredByServiceLoader() {
        assertThat(ServiceLoader.load(TeeProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(IntelTdxProvider.class);
    }

    @Test
    void describesItself() {
        IntelTdxProvider provider = new IntelTdxProvider();
        assertThat(provider.teeType()).isEqualTo(TeeType.INTEL_TDX);
        assertThat(provider.spiVersion()).isEqualTo(TeeProvider.SPI_VERSION);
        assertThat(provider.newVerifier(Vectors.context(Instant.EPOCH))).isPresent();
        CollectorContext ctx = new CollectorContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public InputLimits limits() {
                return InputLimits.defaults();
            }

            @Override
            public Optional<SimulationOptions> simulation() {
                return Optional.empty();
            }
        };
        assertThat(provider.newCollector(ctx)).isPresent();
    }

    @Test
    void pinnedRootHasThePublishedFingerprint() throws Exception {
        byte[] der = IntelRootCa.certificate().getEncoded();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)))
                .isEqualTo("44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3");
        assertThat(IntelRootCa.certificate().getSubjectX500Principal().getName()).contains("CN=Intel SGX Root CA");
    }
}
