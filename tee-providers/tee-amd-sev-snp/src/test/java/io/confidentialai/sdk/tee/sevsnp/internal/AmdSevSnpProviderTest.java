package io.confidentialai.sdk.tee.sevsnp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.ConfigfsTsm;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.TeeProvider;
import io.confidentialai.sdk.tee.testkit.TeeProviderContractTest;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider contract, the pinned roots, and the configfs-tsm collector on a fake tree. */
class AmdSevSnpProviderTest extends TeeProviderContractTest {
    private static final String ENTRY = "csdk-test";

    @TempDir
    Path tsm;

    @Override
    protected TeeProvider provider() {
        return new AmdSevSnpProvider();
    }

    @Override
    protected Sample sample() {
        return new Sample(Vectors.evidence("snp/virtee-milan-report.hex", "snp/virtee-milan-vcek.der"),
                Vectors.context(SnpVectorTest.MILAN_AT), true);
    }

    @Test
    void describesItself() {
        AmdSevSnpProvider provider = new AmdSevSnpProvider();
        assertThat(provider.teeType()).isEqualTo(TeeType.AMD_SEV_SNP);
        assertThat(provider.toString()).contains("amd-sev-snp");
    }

    @Test
    void pinnedArksHaveThePublishedFingerprints() throws Exception {
        assertThat(sha256(AmdRoots.ark(Product.MILAN).certificate.getEncoded()))
                .isEqualTo("69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd");
        assertThat(sha256(AmdRoots.ark(Product.GENOA).certificate.getEncoded()))
                .isEqualTo("4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1");
        assertThat(sha256(AmdRoots.ark(Product.TURIN).certificate.getEncoded()))
                .isEqualTo("1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a");
        assertThat(AmdRoots.all()).hasSize(9);
        for (AmdRoots.Pinned p : AmdRoots.all()) {
            String cn = ChainBuilder.commonName(p.certificate);
            switch (p.role) {
                case ARK:
                    assertThat(cn).isEqualTo("ARK-" + p.product.displayName());
                    break;
                case ASK:
                    assertThat(cn).isEqualTo("SEV-" + p.product.displayName());
                    break;
                default:
                    assertThat(cn).isEqualTo("SEV-VLEK-" + p.product.displayName());
                    break;
            }
        }
    }

    @Test
    void pinnedCertificatesAreByteIdenticalToTheSharedRoots() throws Exception {
        for (String file : List.of("milan", "genoa", "turin_vcek", "milan_vlek", "genoa_vlek", "turin_vlek")) {
            byte[] pem = Vectors.read("roots/amd-gosev-ask_ark_" + file + ".pem");
            EndorsementDocuments docs = EndorsementDocuments.parse(
                    List.of(new EndorsementDocuments.Document(file, pem)), io.confidentialai.sdk.InputLimits.defaults());
            assertThat(docs.certificates).hasSize(2);
            for (var c : docs.certificates) {
                assertThat(AmdRoots.find(c.getEncoded())).as(file).isPresent();
            }
        }
    }

    @Test
    void cpuidMapsToProducts() {
        assertThat(Product.fromCpuid(0x19, 0x01)).contains(Product.MILAN);
        assertThat(Product.fromCpuid(0x19, 0x11)).contains(Product.GENOA);
        assertThat(Product.fromCpuid(0x19, 0xa0)).contains(Product.GENOA);
        assertThat(Product.fromCpuid(0x1a, 0x02)).contains(Product.TURIN);
        assertThat(Product.fromCpuid(0x19, 0x30)).isEmpty();
        assertThat(Product.fromCpuid(0, 0)).isEmpty();
    }

    @Test
    void turinTcbLayoutPutsFmcFirst() {
        TcbVersion t = TcbVersion.compose(Product.TURIN, 1, 2, 3, 4, 200);
        assertThat(t.raw()).isEqualTo(0xc800000004030201L);
        assertThat(t.fmc()).isEqualTo(1);
        assertThat(t.bootloader()).isEqualTo(2);
        assertThat(t.tee()).isEqualTo(3);
        assertThat(t.snp()).isEqualTo(4);
        assertThat(t.microcode()).isEqualTo(200);
        TcbVersion milan = TcbVersion.of(0x4405000000000002L, Product.MILAN);
        assertThat(milan.describe()).isEqualTo("bl=2 tee=0 snp=5 ucode=68");
        assertThat(milan.fmc()).isEqualTo(-1);
    }

    // ---- configfs-tsm collector on a fake tree

    @Test
    void collectorWritesTheReportDataAndAttachesTheCertificateTable() throws Exception {
        byte[] report = HexFormat.of().parseHex(new String(Vectors.read("snp/virtee-milan-report.hex"),
                StandardCharsets.US_ASCII).replaceAll("\\s", ""));
        byte[] vcek = Vectors.read("snp/virtee-milan-vcek.der");
        byte[] ask = AmdRoots.all().stream().filter(p -> p.product == Product.MILAN && p.role == AmdRoots.Role.ASK)
                .findFirst().orElseThrow().certificate.getEncoded();
        byte[] ark = AmdRoots.ark(Product.MILAN).certificate.getEncoded();
        byte[] table = certTable(List.of(guid(CertTable.Kind.VCEK), guid(CertTable.Kind.ASK), guid(CertTable.Kind.ARK),
                guid(CertTable.Kind.CRL), HexFormat.of().parseHex("00112233445566778899aabbccddeeff")),
                List.of(vcek, ask, ark, new byte[] {1, 2, 3}, new byte[] {4}));
        Path entry = fakeEntry(report, "sev_guest\n", table);
        ReportData rd = ReportData.of(HexFormat.of().parseHex("d4".repeat(64)));

        Evidence evidence = collector().collect(rd);

        assertThat(Files.readAllBytes(entry.resolve("inblob"))).isEqualTo(rd.toByteArray());
        assertThat(evidence.teeType()).isEqualTo(TeeType.AMD_SEV_SNP);
        assertThat(evidence.data()).isEqualTo(report);
        assertThat(evidence.attachmentNames()).containsExactly("ark.der", "ask.der", "vcek.der");
        assertThat(evidence.attachment("vcek.der")).hasValueSatisfying(v -> assertThat(v).isEqualTo(vcek));
        assertThat(Vectors.verify(evidence, SnpVectorTest.MILAN_AT).isHardware()).isTrue();
    }

    @Test
    void collectorWithoutAuxblobAttachesNothing() throws Exception {
        fakeEntry(new byte[SnpReport.LENGTH], "sev_guest", null);
        assertThat(collector().collect(ReportData.of(new byte[64])).attachmentNames()).isEmpty();
    }

    @Test
    void collectorRejectsAnotherProviderAWrongLengthAndABadTable() throws Exception {
        fakeEntry(new byte[SnpReport.LENGTH], "tdx_guest", null);
        assertThat(assertThrows(ConfidentialException.class, () -> collector().collect(ReportData.of(new byte[64])))
                .getMessage()).contains("tdx_guest");
        fakeEntry(new byte[100], "sev_guest", null);
        assertThat(assertThrows(ConfidentialException.class, () -> collector().collect(ReportData.of(new byte[64])))
                .getMessage()).contains("100-byte report");
        byte[] table = new byte[48];
        table[0] = 1;
        table[16] = 48;
        table[20] = 10;
        fakeEntry(new byte[SnpReport.LENGTH], "sev_guest", table);
        assertThat(assertThrows(ConfidentialException.class, () -> collector().collect(ReportData.of(new byte[64])))
                .getMessage()).contains("certificate table");
    }

    @Test
    void collectorOutsideAGuestFailsClearly() {
        System.setProperty(AmdSevSnpProvider.TSM_BASE_PROPERTY, tsm.resolve("absent").toString());
        try {
            EvidenceCollector c = new AmdSevSnpProvider().newCollector(collectorContext()).orElseThrow();
            assertThat(assertThrows(ConfidentialException.class, () -> c.collect(ReportData.of(new byte[64])))
                    .getMessage()).contains("configfs-tsm is not available").contains("absent");
        } finally {
            System.clearProperty(AmdSevSnpProvider.TSM_BASE_PROPERTY);
        }
    }

    @Test
    void certTableParsingIsBounded() {
        byte[] vcek = {9, 9, 9};
        byte[] ok = certTable(List.of(guid(CertTable.Kind.VCEK)), List.of(vcek));
        assertThat(CertTable.parse(ok)).singleElement()
                .satisfies(e -> assertThat(e.kind()).contains(CertTable.Kind.VCEK));
        // EFI mixed-endian GUID order is recognized too
        byte[] mixed = ok.clone();
        byte[] g = guid(CertTable.Kind.VCEK);
        byte[] m = {g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]};
        System.arraycopy(m, 0, mixed, 0, 16);
        assertThat(CertTable.parse(mixed).get(0).kind()).contains(CertTable.Kind.VCEK);
        // unterminated, truncated, offset into the headers, length past the end
        assertThrows(IllegalArgumentException.class, () -> CertTable.parse(new byte[10]));
        byte[] unterminated = java.util.Arrays.copyOf(ok, 24);
        assertThrows(IllegalArgumentException.class, () -> CertTable.parse(unterminated));
        byte[] intoHeaders = ok.clone();
        intoHeaders[16] = 8;
        assertThrows(IllegalArgumentException.class, () -> CertTable.parse(intoHeaders));
        byte[] pastEnd = ok.clone();
        pastEnd[20] = 4;
        assertThrows(IllegalArgumentException.class, () -> CertTable.parse(pastEnd));
        byte[] huge = ok.clone();
        huge[23] = (byte) 0xff;
        assertThrows(IllegalArgumentException.class, () -> CertTable.parse(huge));
    }

    @Test
    void simulationOptionsAreNotThisProvidersBusiness() {
        // the SEV-SNP provider's collector is the hardware one; simulation goes through tee-simulated
        CollectorContext ctx = TestContexts.collector(Clock.systemUTC(),
                SimulationOptions.builder().format(TeeType.AMD_SEV_SNP).rootDirectory(tsm).build());
        assertThat(new AmdSevSnpProvider().newCollector(ctx)).isPresent();
    }

    private EvidenceCollector collector() {
        return new AmdSevSnpProvider(ConfigfsTsm.at(tsm).withEntryName(ENTRY)).newCollector(collectorContext())
                .orElseThrow();
    }

    private static CollectorContext collectorContext() {
        return new CollectorContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public io.confidentialai.sdk.InputLimits limits() {
                return io.confidentialai.sdk.InputLimits.defaults();
            }

            @Override
            public Optional<SimulationOptions> simulation() {
                return Optional.empty();
            }
        };
    }

    private Path fakeEntry(byte[] outblob, String provider, byte[] auxblob) throws Exception {
        Path entry = Files.createDirectories(tsm.resolve(ENTRY));
        Files.write(entry.resolve("outblob"), outblob);
        Files.writeString(entry.resolve("provider"), provider);
        Files.writeString(entry.resolve("generation"), "1\n");
        Files.deleteIfExists(entry.resolve("auxblob"));
        if (auxblob != null) {
            Files.write(entry.resolve("auxblob"), auxblob);
        }
        return entry;
    }

    private static byte[] guid(CertTable.Kind kind) {
        return HexFormat.of().parseHex(kind.guid.replace("-", ""));
    }

    /** A certificate table in the kernel layout: headers, a zero terminator, then the contents. */
    static byte[] certTable(List<byte[]> guids, List<byte[]> contents) {
        int headers = 24 * (guids.size() + 1);
        ByteBuffer h = ByteBuffer.allocate(headers).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int offset = headers;
        for (int i = 0; i < guids.size(); i++) {
            h.put(guids.get(i)).putInt(offset).putInt(contents.get(i).length);
            data.writeBytes(contents.get(i));
            offset += contents.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
