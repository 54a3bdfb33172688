package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.ConfigfsTsm;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configfs-tsm collector on a fake {@code /sys/kernel/config/tsm/report} tree (see {@link ConfigfsTsm}). */
class IntelTdxCollectorTest {
    @TempDir
    Path base;

    static final CollectorContext CONTEXT = new CollectorContext() {
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

    private Path fakeEntry(String provider, byte[] outblob) throws IOException {
        Path entry = Files.createDirectories(base.resolve("e1"));
        Files.writeString(entry.resolve("provider"), provider + "\n", StandardCharsets.US_ASCII);
        Files.writeString(entry.resolve("generation"), "7\n", StandardCharsets.US_ASCII);
        Files.write(entry.resolve("outblob"), outblob);
        return entry;
    }

    private EvidenceCollector collector() {
        return new IntelTdxCollector(ConfigfsTsm.at(base).withEntryName("e1"), InputLimits.defaults().maxEvidenceBytes());
    }

    @Test
    void collectsARealQuoteFromAFakeTreeAndItVerifies() throws Exception {
        byte[] quote = Vectors.read("tdx/gotdx-quote-v4-spr-e4.dat");
        Path entry = fakeEntry("tdx_guest", quote);
        byte[] nonce = new byte[64];
        Arrays.fill(nonce, (byte) 0x5a);

        Evidence evidence = collector().collect(ReportData.of(nonce));

        assertThat(evidence.teeType()).isEqualTo(TeeType.INTEL_TDX);
        assertThat(evidence.data()).isEqualTo(quote);
        assertThat(Files.readAllBytes(entry.resolve("inblob"))).isEqualTo(nonce);
        TeeClaims claims = new IntelTdxProvider().newVerifier(Vectors.context(Instant.parse("2023-07-01T00:00:00Z")))
                .orElseThrow().verify(evidence);
        assertThat(claims.isHardware()).isTrue();
    }

    @Test
    void anotherTeesProviderIsRejected() throws IOException {
        fakeEntry("sev_guest", Vectors.read("tdx/gotdx-quote-v4-spr-e4.dat"));
        assertThatThrownBy(() -> collector().collect(ReportData.of(new byte[64])))
                .isInstanceOf(ConfidentialException.class).hasMessageContaining("sev_guest");
    }

    @Test
    void somethingThatIsNotATdxQuoteIsRejected() throws IOException {
        fakeEntry("tdx_guest", Vectors.read("tdx/negative/trustee-sgx-quote-v3-occlum.dat"));
        assertThatThrownBy(() -> collector().collect(ReportData.of(new byte[64])))
                .isInstanceOf(ConfidentialException.class).hasMessageContaining("expected a TDX quote");
        fakeEntry("tdx_guest", new byte[10]);
        assertThatThrownBy(() -> collector().collect(ReportData.of(new byte[64])))
                .isInstanceOf(ConfidentialException.class).hasMessageContaining("shorter than a TDX quote header");
    }

    @Test
    void outsideATdTheErrorSaysSo() {
        EvidenceCollector c = new IntelTdxProvider(base.resolve("absent")).newCollector(CONTEXT).orElseThrow();
        assertThatThrownBy(() -> c.collect(ReportData.of(new byte[64]))).isInstanceOf(ConfidentialException.class)
                .hasMessageContaining("not running inside a confidential VM");
    }

    @Test
    void theBaseDirectoryComesFromTheSystemPropertyReadOnce() {
        String old = System.getProperty(IntelTdxProvider.TSM_BASE_PROPERTY);
        try {
            System.setProperty(IntelTdxProvider.TSM_BASE_PROPERTY, base.toString());
            IntelTdxProvider provider = new IntelTdxProvider();
            System.setProperty(IntelTdxProvider.TSM_BASE_PROPERTY, "/elsewhere");
            assertThat(provider.newCollector(CONTEXT).orElseThrow().toString()).contains(base.toString());
            System.clearProperty(IntelTdxProvider.TSM_BASE_PROPERTY);
            assertThat(new IntelTdxProvider().newCollector(CONTEXT).orElseThrow().toString())
                    .contains(ConfigfsTsm.DEFAULT_BASE.toString());
        } finally {
            if (old == null) {
                System.clearProperty(IntelTdxProvider.TSM_BASE_PROPERTY);
            } else {
                System.setProperty(IntelTdxProvider.TSM_BASE_PROPERTY, old);
            }
        }
    }
}
