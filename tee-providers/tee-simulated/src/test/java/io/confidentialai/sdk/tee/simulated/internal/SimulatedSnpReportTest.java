package io.confidentialai.sdk.tee.simulated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.InputLimits;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout and signature of simulated SEV-SNP reports, checked here with the JDK only; the full verification
 * through the SEV-SNP provider is tested in tee-amd-sev-snp (SimulatedSnpTest), which depends on this module.
 */
class SimulatedSnpReportTest {
    @TempDir
    static Path dir;

    @Test
    void reportHasTheRealLayoutAndIsSignedByTheSimulatedVcek() throws Exception {
        byte[] measurement = new byte[48];
        Arrays.fill(measurement, (byte) 0x5a);
        Evidence evidence = collector(SimulationOptions.builder().format(TeeType.AMD_SEV_SNP).rootDirectory(dir)
                .measurement(Measurement.of(MeasurementSlot.SNP_MEASUREMENT, measurement)).build())
                .collect(ReportData.of(HexFormat.of().parseHex("ab".repeat(64))));
        byte[] r = evidence.data();
        ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(r).hasSize(1184);
        assertThat(b.getInt(0)).isEqualTo(5);
        assertThat(b.getLong(8)).isEqualTo(0x30000L);
        assertThat(b.getInt(0x34)).isEqualTo(1);
        assertThat(HexFormat.of().formatHex(r, 0x50, 0x90)).isEqualTo("ab".repeat(64));
        assertThat(Arrays.copyOfRange(r, 0x90, 0xC0)).isEqualTo(measurement);
        assertThat(b.getLong(0x180)).isEqualTo(0xd516000000000004L);
        assertThat(HexFormat.of().formatHex(r, 0x2A0 + 144, 1184)).isEqualTo("00".repeat(1184 - 0x2A0 - 144));

        X509Certificate vcek = certificate(evidence.attachment("vcek.der").orElseThrow());
        X509Certificate ask = certificate(evidence.attachment("ask.der").orElseThrow());
        X509Certificate ark = certificate(evidence.attachment("ark.der").orElseThrow());
        assertThat(vcek.getSerialNumber()).isEqualTo(BigInteger.ZERO);
        assertThat(vcek.getSigAlgName()).isEqualTo("RSASSA-PSS");
        vcek.verify(ask.getPublicKey());
        ask.verify(ark.getPublicKey());
        ark.verify(ark.getPublicKey());
        assertThat(ark).isEqualTo(certificate(Files.readAllBytes(dir.resolve(SimulationSnpPki.ARK_CERTIFICATE_FILE))));
        assertThat(ark.getSubjectX500Principal().getName()).startsWith("CN=ARK-Simulated");
        // the hwID extension equals CHIP_ID
        byte[] hwId = vcek.getExtensionValue("1.3.6.1.4.1.3704.1.4");
        assertThat(Arrays.copyOfRange(hwId, 4, 68)).isEqualTo(Arrays.copyOfRange(r, 0x1A0, 0x1E0));

        byte[] p1363 = new byte[96];
        for (int i = 0; i < 48; i++) {
            p1363[47 - i] = r[0x2A0 + i];
            p1363[95 - i] = r[0x2A0 + 72 + i];
        }
        Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
        s.initVerify(vcek.getPublicKey());
        s.update(r, 0, 0x2A0);
        assertThat(s.verify(p1363)).isTrue();
    }

    @Test
    void debugSetsPolicyBit19() {
        Evidence evidence = collector(SimulationOptions.builder().format(TeeType.AMD_SEV_SNP).rootDirectory(dir)
                .debug(true).build()).collect(ReportData.of(new byte[64]));
        assertThat(ByteBuffer.wrap(evidence.data()).order(ByteOrder.LITTLE_ENDIAN).getLong(8)).isEqualTo(0xb0000L);
    }

    @Test
    void foreignSlotsAreRejectedBeforeAnyKeyIsCreated(@TempDir Path other) {
        SimulationOptions options = SimulationOptions.builder().format(TeeType.AMD_SEV_SNP).rootDirectory(other)
                .measurement(Measurement.of(MeasurementSlot.SNP_HOST_DATA, new byte[48])).build();
        assertThrows(IllegalArgumentException.class, () -> collector(options));
        assertThat(other.resolve(SimulationSnpPki.ARK_CERTIFICATE_FILE)).doesNotExist();
    }

    private static io.confidentialai.sdk.spi.EvidenceCollector collector(SimulationOptions options) {
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
                return Optional.of(options);
            }
        };
        return new SimulatedTeeProvider().newCollector(ctx).orElseThrow();
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
