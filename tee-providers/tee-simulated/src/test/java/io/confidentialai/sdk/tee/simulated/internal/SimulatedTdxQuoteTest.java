package io.confidentialai.sdk.tee.simulated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import io.confidentialai.sdk.tee.tdx.internal.IntelTdxProvider;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Simulated TDX quotes go through the real tee-intel-tdx verifier, trusted only via the simulation root. */
class SimulatedTdxQuoteTest {
    private static final Instant AT = Instant.parse("2026-01-15T12:00:00Z");
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "debug={0}")
    @ValueSource(booleans = {false, true})
    void quoteVerifiesAsNonHardwareWithTheGivenValues(boolean debug) throws Exception {
        byte[] mrtd = bytes(48, 1);
        byte[][] rtmr = {bytes(48, 2), bytes(48, 3), bytes(48, 4), bytes(48, 5)};
        byte[] configId = bytes(48, 6);
        SimulationOptions options = SimulationOptions.builder().rootDirectory(dir).debug(debug)
                .measurement(Measurement.of(MeasurementSlot.MRTD, mrtd))
                .measurement(Measurement.of(MeasurementSlot.RTMR0, rtmr[0]))
                .measurement(Measurement.of(MeasurementSlot.RTMR1, rtmr[1]))
                .measurement(Measurement.of(MeasurementSlot.RTMR2, rtmr[2]))
                .measurement(Measurement.of(MeasurementSlot.RTMR3, rtmr[3]))
                .measurement(Measurement.of(MeasurementSlot.MRCONFIGID, configId))
                .build();
        ReportData reportData = ReportData.of(bytes(64, 7));
        Evidence evidence = collector(options).collect(reportData);
        assertThat(evidence.teeType()).isEqualTo(TeeType.INTEL_TDX);

        TeeClaims claims = verify(evidence, List.of(root()), AT);
        assertThat(claims.teeType()).isEqualTo(TeeType.INTEL_TDX);
        assertThat(claims.isHardware()).isFalse();
        assertThat(claims.isDebug()).isEqualTo(debug);
        assertThat(claims.reportData()).isEqualTo(reportData);
        assertThat(claims.measurement(MeasurementSlot.MRTD)).contains(Measurement.of(MeasurementSlot.MRTD, mrtd));
        MeasurementSlot[] slots = {MeasurementSlot.RTMR0, MeasurementSlot.RTMR1, MeasurementSlot.RTMR2,
            MeasurementSlot.RTMR3};
        for (int i = 0; i < 4; i++) {
            assertThat(claims.measurement(slots[i])).contains(Measurement.of(slots[i], rtmr[i]));
        }
        assertThat(claims.measurement(MeasurementSlot.MRCONFIGID))
                .contains(Measurement.of(MeasurementSlot.MRCONFIGID, configId));
        assertThat(claims.measurement(MeasurementSlot.MRSEAM))
                .contains(Measurement.of(MeasurementSlot.MRSEAM, new byte[48]));
        assertThat(claims.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(claims.platformId()).contains("000000000000");
        assertThat(claims.details()).containsEntry("quoteVersion", 4L).containsEntry("debug", debug)
                .containsEntry("xfam", "e700060000000000").containsEntry("fmspc", "000000000000")
                .containsEntry("tdAttributes", debug ? "0100001000000000" : "0000001000000000");
    }

    @Test
    void quoteHasTheRealLayout() {
        byte[] q = collector(options(false)).collect(ReportData.of(bytes(64, 9))).data();
        ByteBuffer b = ByteBuffer.wrap(q).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(0)).isEqualTo((short) 4);
        assertThat(b.getShort(2)).isEqualTo((short) 2);
        assertThat(b.getInt(4)).isEqualTo(0x81);
        assertThat(HEX.formatHex(q, 12, 28)).isEqualTo("939a7233f79c4ca9940a0db3957f0607");
        assertThat(HEX.formatHex(q, 0x238, 0x278)).isEqualTo(HEX.formatHex(bytes(64, 9)));
        int sigDataLength = b.getInt(0x278);
        assertThat(q).hasSize(0x27C + sigDataLength);
        assertThat(b.getShort(0x27C + 128)).isEqualTo((short) 6);
        assertThat(b.getInt(0x27C + 130)).isEqualTo(sigDataLength - 134);
        int qeReport = 0x27C + 134;
        assertThat(HEX.formatHex(q, qeReport + 128, qeReport + 160))
                .startsWith(HEX.formatHex("CSDK SIMULATED QE MRSIGNER".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        int auth = qeReport + 384 + 64;
        assertThat(b.getShort(auth)).isEqualTo((short) 32);
        assertThat(b.getShort(auth + 34)).isEqualTo((short) 5);
        assertThat(b.getInt(auth + 36)).isEqualTo(q.length - (auth + 40));
        assertThat(q[q.length - 1]).isZero();
    }

    @Test
    void withoutTheSimulationRootTheChainIsRejected() {
        Evidence evidence = collector(options(false)).collect(ReportData.of(bytes(64, 1)));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(evidence, List.of(), AT));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void anotherDirectorysRootIsNotTrusted(@TempDir Path other) throws Exception {
        Evidence evidence = collector(options(false)).collect(ReportData.of(bytes(64, 1)));
        collector(SimulationOptions.builder().rootDirectory(other).build());
        X509Certificate otherRoot = readCert(other.resolve(SimulatedTeeProvider.ROOT_CERTIFICATE_FILE));
        assertThat(assertThrows(AttestationVerificationException.class,
                () -> verify(evidence, List.of(otherRoot), AT)).reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void simulationCertificatesExpireAtTheEndOf2099() throws Exception {
        Evidence evidence = collector(options(false)).collect(ReportData.of(bytes(64, 1)));
        X509Certificate root = root();
        assertThat(verify(evidence, List.of(root), Instant.parse("2020-01-01T00:00:00Z")).isHardware()).isFalse();
        assertThat(verify(evidence, List.of(root), Instant.parse("2099-12-31T23:59:59Z")).isHardware()).isFalse();
        assertThat(assertThrows(AttestationVerificationException.class,
                () -> verify(evidence, List.of(root), Instant.parse("2100-01-01T00:00:00Z"))).reason())
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    static IntStream flipOffsets() {
        // header, body (MRTD, REPORTDATA), signature data length, quote signature, attestation key,
        // QE report (MRSIGNER, report data), QE signature, QE auth data, then a spread over the PEM chain
        return IntStream.concat(IntStream.of(0, 8, 20, 0x40, 0xB8, 0x238, 0x277, 0x278, 0x27C, 0x2BC, 0x2FC,
                0x302, 0x302 + 128, 0x302 + 320, 0x302 + 384, 0x302 + 448 + 2, 0x302 + 448 + 34 + 6),
                IntStream.iterate(0x302 + 488, i -> i < 0x302 + 488 + 1500, i -> i + 37));
    }

    @ParameterizedTest(name = "offset {0}")
    @MethodSource("flipOffsets")
    void flippedByteIsRejected(int offset) throws Exception {
        byte[] q = collector(options(false)).collect(ReportData.of(bytes(64, 1))).data();
        q[offset] ^= 0x01;
        X509Certificate root = root();
        assertThrows(AttestationVerificationException.class,
                () -> verify(Evidence.of(TeeType.INTEL_TDX, q), List.of(root), AT));
    }

    @Test
    void rootIsCreatedOnceAndReused() throws Exception {
        EvidenceCollector first = collector(options(false));
        Path rootFile = dir.resolve("simulation-root.pem");
        byte[] rootPem = Files.readAllBytes(rootFile);
        byte[] pckPem = Files.readAllBytes(dir.resolve("simulation-pck.pem"));
        EvidenceCollector second = collector(options(true));
        assertThat(Files.readAllBytes(rootFile)).isEqualTo(rootPem);
        assertThat(Files.readAllBytes(dir.resolve("simulation-pck.pem"))).isEqualTo(pckPem);
        X509Certificate root = root();
        ReportData rd = ReportData.of(bytes(64, 3));
        assertThat(verify(first.collect(rd), List.of(root), AT).isDebug()).isFalse();
        assertThat(verify(second.collect(rd), List.of(root), AT).isDebug()).isTrue();
        assertThat(dir.resolve("simulation-root.key")).exists();
        assertThat(dir.resolve("simulation-pck-platform-ca.pem")).exists();
        assertThat(dir.resolve("simulation-pck-platform-ca.key")).exists();
        assertThat(dir.resolve("simulation-pck.key")).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void rootCertificateHasTheDocumentedShape() throws Exception {
        collector(options(false));
        X509Certificate root = root();
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=CSDK Simulation Root CA");
        assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(root.getNotBefore().toInstant()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(root.getNotAfter().toInstant()).isEqualTo(Instant.parse("2099-12-31T23:59:59Z"));
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        X509Certificate pck = readCert(dir.resolve("simulation-pck.pem"));
        assertThat(pck.getSubjectX500Principal().getName()).isEqualTo("CN=CSDK Simulated PCK Certificate");
        assertThat(pck.getIssuerX500Principal().getName()).isEqualTo("CN=CSDK Simulated PCK Platform CA");
        assertThat(pck.getExtensionValue("1.2.840.113741.1.13.1")).isNotNull();
    }

    @Test
    void privateKeysAreOwnerOnly() throws Exception {
        collector(options(false));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            for (String key : List.of("simulation-root.key", "simulation-pck-platform-ca.key", "simulation-pck.key")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
                        .as(key).isEqualTo("rw-------");
            }
        }
        assertThat(Files.readString(dir.resolve("simulation-root.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void concurrentCreationYieldsOneRoot() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Evidence>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Evidence> task = () -> collector(options(false)).collect(ReportData.of(bytes(64, 4)));
                results.add(pool.submit(task));
            }
            X509Certificate root = null;
            for (Future<Evidence> f : results) {
                Evidence e = f.get();
                if (root == null) {
                    root = root();
                }
                assertThat(verify(e, List.of(root), AT).isHardware()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void providerBasics() {
        SimulatedTeeProvider provider = new SimulatedTeeProvider();
        assertThat(provider.teeType()).isEqualTo(TeeType.SIMULATED);
        assertThat(provider.spiVersion()).isEqualTo(TeeProvider.SPI_VERSION);
        assertThat(provider.newVerifier(providerContext(List.of(), AT))).isEmpty();
        assertThat(ServiceLoader.load(TeeProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(SimulatedTeeProvider.class);
        assertThat(SimulatedTeeProvider.ROOT_CERTIFICATE_FILE).isEqualTo("simulation-root.pem");
    }

    @Test
    void collectorRequiresSimulationOptions() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SimulatedTeeProvider().newCollector(collectorContext(Optional.empty())));
        assertThat(e.getMessage()).contains("simulation options are required");
    }

    @Test
    void otherFormatsAreNotSupportedYet() {
        SimulationOptions other = SimulationOptions.builder().format(TeeType.SIMULATED).rootDirectory(dir).build();
        ConfidentialException e = assertThrows(ConfidentialException.class,
                () -> new SimulatedTeeProvider().newCollector(collectorContext(Optional.of(other))));
        assertThat(e.getMessage()).isEqualTo("simulated simulated evidence is not supported yet");
    }

    @Test
    void unknownMeasurementSlotIsRejectedBeforeAnyFileIsWritten() throws Exception {
        SimulationOptions options = SimulationOptions.builder().rootDirectory(dir.resolve("pki"))
                .measurement(Measurement.of(MeasurementSlot.of(TeeType.INTEL_TDX, "nosuchslot"), new byte[48]))
                .build();
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatedTeeProvider().newCollector(collectorContext(Optional.of(options))));
        SimulationOptions shortMrtd = SimulationOptions.builder().rootDirectory(dir.resolve("pki"))
                .measurement(Measurement.of(MeasurementSlot.MRTD, new byte[32])).build();
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatedTeeProvider().newCollector(collectorContext(Optional.of(shortMrtd))));
        assertThat(dir.resolve("pki")).doesNotExist();
    }

    private SimulationOptions options(boolean debug) {
        return SimulationOptions.builder().rootDirectory(dir).debug(debug)
                .measurement(Measurement.of(MeasurementSlot.MRTD, bytes(48, 11))).build();
    }

    private X509Certificate root() throws Exception {
        return readCert(dir.resolve(SimulatedTeeProvider.ROOT_CERTIFICATE_FILE));
    }

    private static X509Certificate readCert(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static EvidenceCollector collector(SimulationOptions options) {
        return new SimulatedTeeProvider().newCollector(collectorContext(Optional.of(options))).orElseThrow();
    }

    private static TeeClaims verify(Evidence evidence, List<X509Certificate> roots, Instant at)
            throws AttestationVerificationException {
        return new IntelTdxProvider().newVerifier(providerContext(roots, at)).orElseThrow().verify(evidence);
    }

    private static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static ProviderContext providerContext(List<X509Certificate> roots, Instant at) {
        return new TestProviderContext(Clock.fixed(at, ZoneOffset.UTC), InputLimits.defaults(), List.copyOf(roots));
    }

    private static CollectorContext collectorContext(Optional<SimulationOptions> simulation) {
        return new TestCollectorContext(Clock.fixed(AT, ZoneOffset.UTC), InputLimits.defaults(), simulation);
    }

    record TestProviderContext(Clock clock, InputLimits limits, List<X509Certificate> simulationRoots)
            implements ProviderContext {
        @Override
        public CollateralSource collateral() {
            return CollateralSource.none();
        }
    }

    record TestCollectorContext(Clock clock, InputLimits limits, Optional<SimulationOptions> simulation)
            implements CollectorContext {}
}
