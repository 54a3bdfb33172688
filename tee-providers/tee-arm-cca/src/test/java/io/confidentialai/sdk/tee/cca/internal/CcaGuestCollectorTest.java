package io.confidentialai.sdk.tee.cca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.ConfigfsTsm;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configfs-tsm collector on a fake configfs tree. */
class CcaGuestCollectorTest {
    private static final CollectorContext CONTEXT = new CollectorContext() {
        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public InputLimits limits() {
            return InputLimits.defaults();
        }

        @Override
        public Optional<io.confidentialai.sdk.attestation.SimulationOptions> simulation() {
            return Optional.empty();
        }
    };

    @TempDir
    Path base;

    private Path entry(byte[] outblob, String provider) throws Exception {
        Path entry = Files.createDirectories(base.resolve("entry"));
        Files.write(entry.resolve("outblob"), outblob);
        Files.writeString(entry.resolve("provider"), provider + "\n", StandardCharsets.US_ASCII);
        Files.writeString(entry.resolve("generation"), "3\n", StandardCharsets.US_ASCII);
        return entry;
    }

    private EvidenceCollector collector() {
        return new CcaGuestCollector(ConfigfsTsm.at(base).withEntryName("entry"), InputLimits.defaults());
    }

    @Test
    void collectsTheTokenWithTheReportDataAsRealmChallenge() throws Exception {
        TestTokens t = TestTokens.es384();
        byte[] token = t.build(CcaToken.TAG_CMW);
        Path entry = entry(token, CcaGuestCollector.TSM_PROVIDER);
        ReportData rd = ReportData.of(TestTokens.filled(64, 0x42));

        Evidence e = collector().collect(rd);

        assertThat(e.teeType()).isEqualTo(TeeType.ARM_CCA);
        assertThat(e.data()).isEqualTo(token);
        assertThat(Files.readAllBytes(entry.resolve("inblob"))).isEqualTo(rd.toByteArray());
        // what was collected verifies
        new ArmCcaProvider().newVerifier(Vectors.context(t.pemAnchor())).orElseThrow().verify(e);
    }

    @Test
    void anotherTeesProviderIsRefused() throws Exception {
        entry(TestTokens.es384().build(399), "tdx_guest");
        ConfidentialException e = assertThrows(ConfidentialException.class,
                () -> collector().collect(ReportData.padded(new byte[0])));
        assertThat(e.getMessage()).contains("tdx_guest");
    }

    @Test
    void somethingOtherThanATokenIsRefused() throws Exception {
        entry(new byte[] {1, 2, 3, 4, 5}, CcaGuestCollector.TSM_PROVIDER);
        ConfidentialException e = assertThrows(ConfidentialException.class,
                () -> collector().collect(ReportData.padded(new byte[0])));
        assertThat(e.getMessage()).contains("CCA token collection");
    }

    @Test
    void outsideARealmCollectionFailsClearly() {
        EvidenceCollector c = new ArmCcaProvider(base.resolve("absent")).newCollector(CONTEXT).orElseThrow();
        ConfidentialException e = assertThrows(ConfidentialException.class,
                () -> c.collect(ReportData.padded(new byte[0])));
        assertThat(e.getMessage()).contains("configfs-tsm is not available");
    }

    @Test
    void theBaseDirectoryComesFromTheSystemProperty() {
        Path custom = base.resolve("custom-tsm-base");
        String old = System.getProperty(ArmCcaProvider.TSM_BASE_PROPERTY);
        System.setProperty(ArmCcaProvider.TSM_BASE_PROPERTY, custom.toString());
        try {
            EvidenceCollector c = new ArmCcaProvider().newCollector(CONTEXT).orElseThrow();
            ConfidentialException e = assertThrows(ConfidentialException.class,
                    () -> c.collect(ReportData.padded(new byte[0])));
            assertThat(e.getMessage()).contains(custom.toString());
        } finally {
            if (old == null) {
                System.clearProperty(ArmCcaProvider.TSM_BASE_PROPERTY);
            } else {
                System.setProperty(ArmCcaProvider.TSM_BASE_PROPERTY, old);
            }
        }
    }

    @Test
    void recognizesBothCollectionTags() {
        assertThat(CcaGuestCollector.isTokenCollection(TestTokens.es384().build(399))).isTrue();
        assertThat(CcaGuestCollector.isTokenCollection(TestTokens.es384().build(907))).isTrue();
        assertThat(CcaGuestCollector.isTokenCollection(new byte[] {(byte) 0xd2, (byte) 0x84, 0, 0})).isFalse();
    }
}
