package io.confidentialai.sdk.tee.simulated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Simulated NVIDIA H100 evidence has the real SPDM layout, a valid device signature and RIMs that match it. */
class SimulatedGpuCollectorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String DSIG = XMLSignature.XMLNS;

    @TempDir
    Path dir;

    @Test
    void evidenceHasTheRealSpdmLayoutAndAValidSignature() throws Exception {
        ReportData rd = ReportData.of(bytes(64, 1));
        Evidence e = collector(options(1)).collect(rd);
        assertThat(e.teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
        Spdm s = Spdm.parse(e.data());

        assertThat(HEX.formatHex(s.request, 0, 4)).isEqualTo("11e001ff");
        assertThat(Arrays.copyOfRange(s.request, 4, 36)).isEqualTo(Arrays.copyOf(rd.toByteArray(), 32));
        assertThat(s.request[36]).isZero();
        assertThat(HEX.formatHex(s.data, 37, 41)).isEqualTo("11600000");
        assertThat(s.blocks).hasSize(64);
        for (int block = 1; block <= 64; block++) {
            assertThat(s.blocks.get(block)).as("block %d", block).isEqualTo(SimulatedGpuFirmware.block(block));
        }
        assertThat(s.blocks.get(1)).isEqualTo(new byte[48]);
        assertThat(s.blocks.get(2)).isNotEqualTo(new byte[48]);
        assertThat(s.opaque.keySet()).containsExactly(6, 14, 15, 16, 17, 18, 19, 3, 4, 12, 13, 11, 20, 21, 34, 36);
        assertThat(s.opaque.get(3)).isEqualTo("550.99.99\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(s.opaque.get(12)).hasSize(256);
        assertThat(s.opaque.get(20)).hasSize(48);
        assertThat(s.opaque.get(36)).containsExactly(0);
        assertThat(s.signature).hasSize(96);

        X509Certificate[] chain = chain(e);
        assertThat(verifies(chain[0].getPublicKey(), s.signed, s.signature)).isTrue();
        byte[] tampered = s.signed.clone();
        tampered[37 + 8 + 7] ^= 1; // first value byte of block 1
        assertThat(verifies(chain[0].getPublicKey(), tampered, s.signature)).isFalse();
    }

    @Test
    void responderNonceIsFreshAndTheRequestNonceIsTheFirstHalfOfTheReportData() throws Exception {
        EvidenceCollector c = collector(options(1));
        ReportData rd = ReportData.padded(bytes(32, 2));
        Spdm a = Spdm.parse(c.collect(rd).data());
        Spdm b = Spdm.parse(c.collect(rd).data());
        assertThat(a.requestNonce).isEqualTo(bytes(32, 2));
        assertThat(a.responderNonce).isNotEqualTo(b.responderNonce);
        assertThat(a.blocks.get(2)).isEqualTo(b.blocks.get(2));
    }

    @Test
    void deviceCertificateIsAGh100LeafUnderTheSimulationRootAndCarriesTheOpaqueFwid() throws Exception {
        Evidence e = collector(options(1)).collect(ReportData.of(bytes(64, 3)));
        X509Certificate[] chain = chain(e);
        assertThat(chain).hasSize(2);
        X509Certificate leaf = chain[0];
        X509Certificate root = chain[1];
        assertThat(root).isEqualTo(SimulationFiles.readCertificate(dir.resolve(SimulationPki.ROOT_CERTIFICATE_FILE)));
        leaf.verify(root.getPublicKey());
        assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=GH100 CSDK Simulated GSP FMC LF");
        assertThat(commonName(leaf)).startsWith("GH100 ").contains("Simulated");
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(leaf.getKeyUsage()[0]).isTrue();
        assertThat(leaf.getCriticalExtensionOIDs()).doesNotContain(SimulationGpuPki.TCB_INFO_OID);

        byte[] ext = ASN1OctetString.getInstance(leaf.getExtensionValue(SimulationGpuPki.TCB_INFO_OID)).getOctets();
        byte[] fwid = Spdm.parse(e.data()).opaque.get(20);
        assertThat(Arrays.copyOfRange(ext, ext.length - 48, ext.length)).isEqualTo(fwid);
        assertThat(SimulationGpuPki.fwidOf(leaf)).isEqualTo(fwid).isEqualTo(SimulatedGpuFirmware.fwid(0));
        // NVIDIA's encoding: SEQUENCE { INTEGER 1, SubjectPublicKeyInfo, SEQUENCE { sha384, OCTET STRING(48) } }
        assertThat(HEX.formatHex(ext, 0, 6)).isEqualTo("3081ba020101");
        assertThat(HEX.formatHex(ext, ext.length - 63, ext.length - 48))
                .isEqualTo("303d0609608648016503040202" + "0430");
    }

    @Test
    void collectAllReturnsOneEvidencePerGpuWithItsOwnKeyAndFwid() throws Exception {
        EvidenceCollector c = collector(options(3));
        ReportData rd = ReportData.of(bytes(64, 4));
        List<Evidence> all = c.collectAll(rd);
        assertThat(all).hasSize(3);
        List<String> fwids = new ArrayList<>();
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Spdm s = Spdm.parse(all.get(i).data());
            X509Certificate leaf = chain(all.get(i))[0];
            assertThat(verifies(leaf.getPublicKey(), s.signed, s.signature)).isTrue();
            assertThat(s.requestNonce).isEqualTo(Arrays.copyOf(rd.toByteArray(), 32));
            assertThat(s.opaque.get(20)).isEqualTo(SimulatedGpuFirmware.fwid(i))
                    .isEqualTo(SimulationGpuPki.fwidOf(leaf));
            assertThat(s.opaque.get(36)).containsExactly(1); // MPT with several GPUs
            fwids.add(HEX.formatHex(s.opaque.get(20)));
            keys.add(leaf.getPublicKey());
        }
        assertThat(fwids).doesNotHaveDuplicates();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(chain(c.collect(rd))[0]).isEqualTo(chain(all.get(0))[0]);
    }

    @Test
    void noGpusCountAsOne() {
        assertThat(collector(options(0)).collectAll(ReportData.of(bytes(64, 5)))).hasSize(1);
    }

    @Test
    void measurementsInTheOptionsAreRejected() {
        SimulationOptions o = SimulationOptions.builder().format(TeeType.NVIDIA_GPU_CC).rootDirectory(dir)
                .measurement(Measurement.of(MeasurementSlot.of(TeeType.NVIDIA_GPU_CC, "block1"), new byte[48]))
                .build();
        assertThrows(IllegalArgumentException.class, () -> collector(o));
    }

    @Test
    void rimsAreWrittenWhereCollateralSourceOfDirectoryLooksAndCarryTheIdsNvidiaToolsCompute() throws Exception {
        Evidence e = collector(options(1)).collect(ReportData.of(bytes(64, 6)));
        Map<Integer, byte[]> opaque = Spdm.parse(e.data()).opaque;
        String driver = new String(opaque.get(3), StandardCharsets.US_ASCII).replace("\0", "");
        byte[] v = opaque.get(6);
        String vbios = String.format("%02X.%02X.%02X.%02X.%02X", v[3], v[2], v[1], v[0], v[4]);
        String driverId = "NV_GPU_DRIVER_GH100_" + driver;
        String vbiosId = "NV_GPU_VBIOS_" + text(opaque.get(17)) + "_" + text(opaque.get(18)) + "_"
                + text(opaque.get(15)) + "_" + vbios.replace(".", "").toUpperCase(Locale.ROOT);
        assertThat(driverId).isEqualTo("NV_GPU_DRIVER_GH100_550.99.99").isEqualTo(SimulatedGpuFirmware.DRIVER_RIM_ID);
        assertThat(vbiosId).isEqualTo("NV_GPU_VBIOS_1010_0200_882_9600990099")
                .isEqualTo(SimulatedGpuFirmware.VBIOS_RIM_ID);
        assertThat(vbios).isEqualTo(SimulatedGpuFirmware.VBIOS_VERSION);

        Path driverFile = dir.resolve("nvidia-gpu-cc").resolve("nv_gpu_driver_gh100_550.99.99.swidtag");
        Path vbiosFile = dir.resolve("nvidia-gpu-cc").resolve("nv_gpu_vbios_1010_0200_882_9600990099.swidtag");
        assertThat(driverFile).isRegularFile();
        assertThat(vbiosFile).isRegularFile();
        byte[] driverBytes = read(driverFile);
        assertThat(io.confidentialai.sdk.attestation.CollateralSource.ofDirectory(dir)
                .find(TeeType.NVIDIA_GPU_CC, "nv_gpu_driver_gh100_550.99.99.swidtag", 1 << 20))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(driverBytes));
        assertThat(attribute(parse(read(driverFile)), "Meta", "colloquialVersion")).isEqualTo("550.99.99");
        assertThat(attribute(parse(read(vbiosFile)), "Meta", "colloquialVersion")).isEqualTo("96.00.99.00.99");
    }

    @Test
    void rimsAreSignedEnvelopedXmlSignaturesByTheRimSignerUnderTheSimulationRoot() throws Exception {
        collector(options(1));
        X509Certificate root = SimulationFiles.readCertificate(dir.resolve(SimulationPki.ROOT_CERTIFICATE_FILE));
        for (String id : List.of(SimulatedGpuFirmware.DRIVER_RIM_ID, SimulatedGpuFirmware.VBIOS_RIM_ID)) {
            byte[] xml = read(rimFile(id));
            String text = new String(xml, StandardCharsets.UTF_8);
            assertThat(text).startsWith("<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2015/"
                    + "schema.xsd\" xmlns:ns0=").contains("</ns0:Payload>\n<ds:Signature")
                    .endsWith("</ds:Signature></SoftwareIdentity>\n");
            Document doc = parse(xml);
            XMLSignature sig = validate(doc);
            assertThat(sig.getSignedInfo().getCanonicalizationMethod().getAlgorithm())
                    .isEqualTo(CanonicalizationMethod.INCLUSIVE_11);
            assertThat(sig.getSignedInfo().getSignatureMethod().getAlgorithm()).isEqualTo(SignatureMethod.ECDSA_SHA384);
            Reference ref = sig.getSignedInfo().getReferences().get(0);
            assertThat(ref.getURI()).isEmpty();
            assertThat(ref.getDigestMethod().getAlgorithm()).isEqualTo(DigestMethod.SHA384);
            List<X509Certificate> certs = keyInfoCertificates(sig.getKeyInfo());
            assertThat(certs).hasSize(2);
            assertThat(certs.get(1)).isEqualTo(root);
            certs.get(0).verify(root.getPublicKey());
            assertThat(commonName(certs.get(0))).isEqualTo("CSDK Simulated RIM Signer");
            assertThat(certs.get(0).getPublicKey().getEncoded()).hasSizeGreaterThan(100); // P-384

            // one changed reference value breaks the signature
            Document tampered = parse(xml);
            Element resource = (Element) tampered.getElementsByTagNameNS(SimulatedGpuRims.SWID_NAMESPACE, "Resource")
                    .item(7);
            resource.setAttributeNS(SimulatedGpuRims.SHA384_NAMESPACE, "ns2:Hash0", "ff".repeat(48));
            assertThat(validateQuietly(tampered)).isFalse();
        }
    }

    @Test
    void activeRimEntriesAreTheBlockValuesAndTheTwoRimsAreDisjoint() throws Exception {
        collector(options(1));
        Map<Integer, String> driver = activeHashes(parse(read(rimFile(SimulatedGpuFirmware.DRIVER_RIM_ID))));
        Map<Integer, String> vbios = activeHashes(parse(read(rimFile(SimulatedGpuFirmware.VBIOS_RIM_ID))));
        assertThat(driver.keySet()).containsExactlyInAnyOrderElementsOf(SimulatedGpuFirmware.DRIVER_ACTIVE);
        assertThat(vbios.keySet()).containsExactlyInAnyOrderElementsOf(SimulatedGpuFirmware.VBIOS_ACTIVE);
        assertThat(driver.keySet()).doesNotContainAnyElementsOf(vbios.keySet());
        Spdm s = Spdm.parse(collector(options(1)).collect(ReportData.of(bytes(64, 7))).data());
        Map<Integer, String> all = new LinkedHashMap<>(driver);
        all.putAll(vbios);
        all.forEach((index, hash) -> assertThat(hash).as("RIM index %d", index)
                .isEqualTo(HEX.formatHex(s.blocks.get(index + 1))));
        assertThat(driver).containsKey(7).containsKey(21).containsKey(40);
        assertThat(vbios).containsKey(0).containsKey(12).doesNotContainKey(7);
    }

    @Test
    void pkiIsPersistedAndReused() throws Exception {
        Evidence first = collector(options(2)).collect(ReportData.of(bytes(64, 8)));
        X509Certificate signer = SimulationFiles.readCertificate(dir.resolve(
                SimulationGpuPki.RIM_SIGNER_CERTIFICATE_FILE));
        assertThat(dir.resolve("simulation-gpu-0.pem")).isRegularFile();
        assertThat(dir.resolve("simulation-gpu-1.key")).isRegularFile();
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("simulation-gpu-0.key")))).isEqualTo("rw-------");
        }
        List<Evidence> again = collector(options(3)).collectAll(ReportData.of(bytes(64, 8)));
        assertThat(chain(again.get(0))[0]).isEqualTo(chain(first)[0]);
        assertThat(SimulationFiles.readCertificate(dir.resolve(SimulationGpuPki.RIM_SIGNER_CERTIFICATE_FILE)))
                .isEqualTo(signer);
        assertThat(dir.resolve("simulation-gpu-2.pem")).isRegularFile();
        validate(parse(read(rimFile(SimulatedGpuFirmware.DRIVER_RIM_ID))));
    }

    @Test
    void aNewSimulationRootReissuesTheGpuCertificates() throws Exception {
        X509Certificate before = chain(collector(options(1)).collect(ReportData.of(bytes(64, 9))))[0];
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("simulation-root")).toList()) {
                Files.delete(p);
            }
        }
        Evidence e = collector(options(1)).collect(ReportData.of(bytes(64, 9)));
        X509Certificate[] chain = chain(e);
        assertThat(chain[0]).isNotEqualTo(before);
        chain[0].verify(chain[1].getPublicKey());
        X509Certificate signer = SimulationFiles.readCertificate(dir.resolve(
                SimulationGpuPki.RIM_SIGNER_CERTIFICATE_FILE));
        signer.verify(chain[1].getPublicKey());
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsReported() throws Exception {
        collector(options(2));
        Files.copy(dir.resolve("simulation-gpu-1.key"), dir.resolve("simulation-gpu-0.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ConfidentialException e = assertThrows(ConfidentialException.class, () -> collector(options(1)));
        assertThat(e.getMessage()).contains("delete its simulation-gpu-* files");
    }

    @Test
    void concurrentCreationInOneDirectoryYieldsOnePki() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Evidence>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<Evidence> task = () -> collector(options(2)).collect(ReportData.of(bytes(64, 10)));
                futures.add(pool.submit(task));
            }
            X509Certificate leaf = null;
            for (Future<Evidence> f : futures) {
                Evidence e = f.get(60, TimeUnit.SECONDS);
                X509Certificate l = chain(e)[0];
                Spdm s = Spdm.parse(e.data());
                assertThat(verifies(l.getPublicKey(), s.signed, s.signature)).isTrue();
                if (leaf == null) {
                    leaf = l;
                }
                assertThat(l).isEqualTo(leaf);
            }
            assertThat(SimulationFiles.readCertificate(dir.resolve("simulation-gpu-0.pem"))).isEqualTo(leaf);
            validate(parse(read(rimFile(SimulatedGpuFirmware.VBIOS_RIM_ID))));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void jvmsRacingOnOneDirectoryShareOneGpuPki() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path result = Files.createTempFile("gpu-race", ".txt");
            results.add(result);
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", RaceMain.class.getName(), dir.toString(),
                    result.toString()).redirectErrorStream(true).start());
        }
        String own = RaceMain.fingerprint(dir);
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(Files.readString(results.get(i)).trim()).isEqualTo(own);
            Files.delete(results.get(i));
        }
        validate(parse(read(rimFile(SimulatedGpuFirmware.DRIVER_RIM_ID))));
    }

    /** Entry point of the competing JVMs: creates the GPU PKI and writes its certificates' SHA-256 to a file. */
    static final class RaceMain {
        private RaceMain() {}

        public static void main(String[] args) throws Exception {
            Files.writeString(Path.of(args[1]), fingerprint(Path.of(args[0])));
        }

        static String fingerprint(Path dir) throws Exception {
            SimulationGpuPki pki = SimulationGpuPki.loadOrCreate(dir, 2);
            SimulatedGpuRims.write(dir, pki);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (SimulationGpuPki.Device d : pki.devices()) {
                md.update(d.certificate().getEncoded());
            }
            md.update(pki.rimSigner().getEncoded());
            return HEX.formatHex(md.digest());
        }
    }

    @Test
    void providerReturnsTheGpuCollectorForTheNvidiaFormat() {
        EvidenceCollector c = collector(options(1));
        assertThat(c).isInstanceOf(SimulatedGpuCollector.class);
    }

    // --- helpers ---

    /** A tiny parser of the evidence: request, response fields, blocks, opaque TLVs, signature. */
    static final class Spdm {
        byte[] data;
        byte[] request;
        byte[] requestNonce;
        byte[] responderNonce;
        byte[] signed;
        byte[] signature;
        final Map<Integer, byte[]> blocks = new LinkedHashMap<>();
        final Map<Integer, byte[]> opaque = new LinkedHashMap<>();

        static Spdm parse(byte[] data) {
            Spdm s = new Spdm();
            s.data = data;
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            s.request = Arrays.copyOfRange(data, 0, 37);
            s.requestNonce = Arrays.copyOfRange(data, 4, 36);
            int p = 37;
            assertThat(data[p]).isEqualTo((byte) 0x11);
            assertThat(data[p + 1]).isEqualTo((byte) 0x60);
            int count = data[p + 4] & 0xFF;
            int recordLength = (data[p + 5] & 0xFF) | (data[p + 6] & 0xFF) << 8 | (data[p + 7] & 0xFF) << 16;
            int r = p + 8;
            int end = r + recordLength;
            for (int i = 0; i < count; i++) {
                int index = data[r] & 0xFF;
                assertThat(data[r + 1]).isEqualTo((byte) 1);
                int size = b.getShort(r + 2) & 0xFFFF;
                assertThat(data[r + 4]).isEqualTo((byte) 1);
                int valueSize = b.getShort(r + 5) & 0xFFFF;
                assertThat(size).isEqualTo(3 + valueSize);
                s.blocks.put(index, Arrays.copyOfRange(data, r + 7, r + 7 + valueSize));
                r += 4 + size;
            }
            assertThat(r).isEqualTo(end);
            s.responderNonce = Arrays.copyOfRange(data, r, r + 32);
            r += 32;
            int opaqueLength = b.getShort(r) & 0xFFFF;
            r += 2;
            int opaqueEnd = r + opaqueLength;
            while (r < opaqueEnd) {
                int type = b.getShort(r) & 0xFFFF;
                int length = b.getShort(r + 2) & 0xFFFF;
                s.opaque.put(type, Arrays.copyOfRange(data, r + 4, r + 4 + length));
                r += 4 + length;
            }
            assertThat(r).isEqualTo(opaqueEnd);
            assertThat(data.length - r).isEqualTo(96);
            s.signed = Arrays.copyOf(data, r);
            s.signature = Arrays.copyOfRange(data, r, data.length);
            return s;
        }
    }

    private SimulationOptions options(int gpus) {
        return SimulationOptions.builder().format(TeeType.NVIDIA_GPU_CC).gpus(gpus).rootDirectory(dir).build();
    }

    private static EvidenceCollector collector(SimulationOptions options) {
        CollectorContext ctx = new TestCollectorContext(Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"),
                ZoneOffset.UTC), InputLimits.defaults(), Optional.of(options));
        return new SimulatedTeeProvider().newCollector(ctx).orElseThrow();
    }

    record TestCollectorContext(Clock clock, InputLimits limits, Optional<SimulationOptions> simulation)
            implements CollectorContext {}

    private Path rimFile(String id) {
        return dir.resolve("nvidia-gpu-cc").resolve(id.toLowerCase(Locale.ROOT) + ".swidtag");
    }

    private static X509Certificate[] chain(Evidence e) throws Exception {
        byte[] pem = e.attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT).orElseThrow();
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    private static boolean verifies(PublicKey key, byte[] signed, byte[] signature) throws Exception {
        Signature v = Signature.getInstance("SHA384withECDSAinP1363Format");
        v.initVerify(key);
        v.update(signed);
        return v.verify(signature);
    }

    private static String commonName(X509Certificate c) {
        for (String part : c.getSubjectX500Principal().getName().split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return "";
    }

    private static String text(byte[] field) {
        return new String(field, StandardCharsets.US_ASCII).replace("\0", "").strip().toUpperCase(Locale.ROOT);
    }

    private static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String attribute(Document doc, String element, String name) {
        Element e = (Element) doc.getElementsByTagNameNS(SimulatedGpuRims.SWID_NAMESPACE, element).item(0);
        return e.getAttribute(name);
    }

    private static Map<Integer, String> activeHashes(Document doc) {
        Map<Integer, String> out = new LinkedHashMap<>();
        NodeList resources = doc.getElementsByTagNameNS(SimulatedGpuRims.SWID_NAMESPACE, "Resource");
        assertThat(resources.getLength()).isEqualTo(64);
        for (int i = 0; i < resources.getLength(); i++) {
            Element r = (Element) resources.item(i);
            assertThat(r.getAttribute("index")).isEqualTo(Integer.toString(i));
            assertThat(r.getAttribute("size")).isEqualTo("48");
            assertThat(r.getAttribute("alternatives")).isEqualTo("1");
            String hash = r.getAttributeNS(SimulatedGpuRims.SHA384_NAMESPACE, "Hash0");
            assertThat(hash).hasSize(96);
            if ("True".equals(r.getAttribute("active"))) {
                out.put(i, hash);
            } else {
                assertThat(r.getAttribute("active")).isEqualTo("False");
            }
        }
        return out;
    }

    /** Validates the enveloped signature with the first KeyInfo certificate's key; fails the test if invalid. */
    private static XMLSignature validate(Document doc) throws Exception {
        NodeList nodes = doc.getElementsByTagNameNS(DSIG, "Signature");
        assertThat(nodes.getLength()).isEqualTo(1);
        DOMValidateContext ctx = new DOMValidateContext(new FirstCertificateSelector(), nodes.item(0));
        XMLSignature sig = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx);
        assertThat(sig.validate(ctx)).isTrue();
        return sig;
    }

    private static boolean validateQuietly(Document doc) throws Exception {
        NodeList nodes = doc.getElementsByTagNameNS(DSIG, "Signature");
        DOMValidateContext ctx = new DOMValidateContext(new FirstCertificateSelector(), nodes.item(0));
        return XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx).validate(ctx);
    }

    private static List<X509Certificate> keyInfoCertificates(KeyInfo keyInfo) {
        List<X509Certificate> out = new ArrayList<>();
        for (Object o : keyInfo.getContent()) {
            if (o instanceof X509Data) {
                for (Object c : ((X509Data) o).getContent()) {
                    if (c instanceof X509Certificate) {
                        out.add((X509Certificate) c);
                    }
                }
            }
        }
        return out;
    }

    private static final class FirstCertificateSelector extends KeySelector {
        @Override
        public KeySelectorResult select(KeyInfo keyInfo, KeySelector.Purpose purpose, AlgorithmMethod method,
                XMLCryptoContext context) throws KeySelectorException {
            List<X509Certificate> certs = keyInfoCertificates(keyInfo);
            if (certs.isEmpty()) {
                throw new KeySelectorException("no certificate in KeyInfo");
            }
            Key key = certs.get(0).getPublicKey();
            return () -> key;
        }
    }

    private static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
