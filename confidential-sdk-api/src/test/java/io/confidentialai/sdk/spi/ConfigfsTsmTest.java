package io.confidentialai.sdk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confidentialai.sdk.ConfidentialException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigfsTsmTest {
    @TempDir
    Path base;

    private Path fakeEntry(String provider, String generation, byte[] outblob) throws IOException {
        Path entry = Files.createDirectories(base.resolve("e1"));
        Files.writeString(entry.resolve("provider"), provider + "\n", StandardCharsets.US_ASCII);
        Files.writeString(entry.resolve("generation"), generation + "\n", StandardCharsets.US_ASCII);
        Files.write(entry.resolve("outblob"), outblob);
        return entry;
    }

    @Test
    void readsAReportFromAFakeTree() throws IOException {
        Path entry = fakeEntry("tdx_guest", "3", new byte[] {4, 0, 2});
        Files.write(entry.resolve("auxblob"), new byte[] {9});
        ConfigfsTsm.Report r = ConfigfsTsm.at(base).withEntryName("e1").report(new byte[64], "tdx_guest", 1 << 20);
        assertThat(r.outblob()).containsExactly(4, 0, 2);
        assertThat(r.auxblob()).hasValueSatisfying(a -> assertThat(a).containsExactly(9));
        assertThat(r.provider()).isEqualTo("tdx_guest");
        assertThat(r.generation()).isEqualTo(3);
        assertThat(Files.readAllBytes(entry.resolve("inblob"))).hasSize(64);
    }

    @Test
    void failsClearlyOutsideATeeOrForAnotherProvider() throws IOException {
        assertThatThrownBy(() -> ConfigfsTsm.at(base.resolve("absent")).report(new byte[64], "tdx_guest", 100))
                .isInstanceOf(ConfidentialException.class).hasMessageContaining("not running inside a confidential VM");
        fakeEntry("sev_guest", "1", new byte[] {1});
        assertThatThrownBy(() -> ConfigfsTsm.at(base).withEntryName("e1").report(new byte[64], "tdx_guest", 100))
                .isInstanceOf(ConfidentialException.class).hasMessageContaining("sev_guest");
        assertThatThrownBy(() -> ConfigfsTsm.at(base).report(new byte[64], "tdx_guest", 100))
                .isInstanceOf(ConfidentialException.class).hasMessageContaining("did not produce a report");
        assertThatThrownBy(() -> ConfigfsTsm.at(base).report(new byte[65], "tdx_guest", 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boundsWhatItReads() throws IOException {
        fakeEntry("tdx_guest", "1", new byte[101]);
        assertThatThrownBy(() -> ConfigfsTsm.at(base).withEntryName("e1").report(new byte[64], "tdx_guest", 100))
                .isInstanceOf(io.confidentialai.sdk.TransportException.class).hasMessageContaining("configfs-tsm");
    }
}
