package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * RIMs signed here with {@code javax.xml.crypto} under a P-256 simulation root (the path tee-simulated uses): they
 * verify as non-hardware only when the root is configured, and every chain, signature-shape and entry rule is
 * exercised with a document that is otherwise validly signed. Needs no shared vectors.
 */
class RimSimulatedTest {
    static final RimTestPki PKI = RimTestPki.create();
    static final Instant AT = Instant.parse("2026-11-21T00:00:00Z");
    static final String A = "a1".repeat(48);
    static final String B = "b2".repeat(48);
    static final int MAX = 1 << 20;

    static RimDocument verify(byte[] xml) throws AttestationVerificationException {
        return RimDocument.parseAndVerify(xml, AT, List.of(PKI.root), MAX);
    }

    static AttestationVerificationException failure(byte[] xml) {
        return assertThrows(AttestationVerificationException.class, () -> verify(xml));
    }

    @Test
    void simulatedRimVerifiesAsNonHardware() throws Exception {
        RimTestSigner signer = new RimTestSigner().resources(RimTestSigner.resource(0, true, A),
                RimTestSigner.resource(1, false, B), RimTestSigner.resource(9, true, A, B));
        RimDocument rim = verify(signer.sign(PKI));

        assertThat(rim.hardware()).isFalse();
        assertThat(rim.id()).isEqualTo("CSDK-SIM-RIM-1");
        assertThat(rim.kind()).isEqualTo(RimDocument.Kind.DRIVER);
        assertThat(rim.version()).isEqualTo("550.90.07");
        assertThat(rim.activeDigests().keySet()).containsExactly(1, 10);
        assertThat(rim.activeDigests().get(10)).extracting(HexFormat.of()::formatHex).containsExactly(A, B);
        assertThat(rim.validities()).extracting(RimChain.Validity::name).containsExactly("CSDK Simulated RIM Signer",
                "CSDK Simulated RIM CA", "CSDK Simulation Root CA");
    }

    @Test
    void vbiosVersionIsVbiosKind() throws Exception {
        RimDocument rim = verify(new RimTestSigner().version("96.00.9F.00.01").sign(PKI));
        assertThat(rim.kind()).isEqualTo(RimDocument.Kind.VBIOS);
        assertThat(rim.version()).isEqualTo("96.00.9F.00.01");
    }

    @Test
    void leafDirectlyUnderTheRootAndRootOmitted() throws Exception {
        KeyPair leafKeys = RimTestPki.keys("secp384r1");
        X509Certificate leaf = RimTestPki.certificate("CN=CSDK Direct RIM Signer", leafKeys.getPublic(),
                RimTestPki.ROOT_NAME, PKI.rootKeys.getPrivate(), RimTestPki.Role.LEAF, RimTestPki.NOT_BEFORE,
                RimTestPki.NOT_AFTER);
        RimDocument rim = verify(new RimTestSigner().sign(leafKeys.getPrivate(), List.of(leaf)));
        assertThat(rim.hardware()).isFalse();
        assertThat(rim.validities()).hasSize(2);
    }

    @Test
    void simulationRootMustBeConfigured() {
        byte[] xml = new RimTestSigner().sign(PKI);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> RimDocument.parseAndVerify(xml, AT, List.of(), MAX));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("CSDK Simulation Root CA", "neither");
    }

    @Test
    void cachedSimulatedRimIsRecheckedAgainstTheRootsOfEachCall() throws Exception {
        byte[] xml = new RimTestSigner().sign(PKI);
        verify(xml);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> RimDocument.parseAndVerify(xml, AT, List.of(), MAX));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(RimDocument.parseAndVerify(xml, AT, List.of(RimTestPki.create().root, PKI.root), MAX).hardware())
                .isFalse();
    }

    @Test
    void impostorRootWithTheSameNameIsRejected() {
        RimTestPki impostor = RimTestPki.create();
        byte[] xml = new RimTestSigner().sign(PKI);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> RimDocument.parseAndVerify(xml, AT, List.of(impostor.root), MAX));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void chainWithoutItsRootVerifiesAgainstTheConfiguredRootOnly() throws Exception {
        byte[] xml = new RimTestSigner().sign(PKI.leafKeys.getPrivate(), List.of(PKI.intermediate, PKI.leaf));
        assertThat(verify(xml).validities()).hasSize(3);
        RimTestPki impostor = RimTestPki.create();
        assertThat(assertThrows(AttestationVerificationException.class,
                () -> RimDocument.parseAndVerify(xml, AT, List.of(impostor.root), MAX)).reason())
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void expiredLeafNamesTheCertificateAndTheInstant() {
        RimTestPki shortLived = RimTestPki.create(Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z"));
        byte[] xml = new RimTestSigner().sign(shortLived);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> RimDocument.parseAndVerify(xml, AT, List.of(shortLived.root), MAX));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("CSDK Simulated RIM Signer", "not valid at 2026-11-21T00:00:00Z");
    }

    static Stream<Arguments> badChains() throws Exception {
        KeyPair p384 = RimTestPki.keys("secp384r1");
        X509Certificate caAsLeaf = RimTestPki.certificate("CN=CSDK CA As Signer", p384.getPublic(),
                RimTestPki.ROOT_NAME, PKI.rootKeys.getPrivate(), RimTestPki.Role.CA_AS_LEAF, RimTestPki.NOT_BEFORE,
                RimTestPki.NOT_AFTER);
        KeyPair p256 = RimTestPki.keys("secp256r1");
        X509Certificate p256Leaf = RimTestPki.certificate("CN=CSDK P-256 Signer", p256.getPublic(),
                RimTestPki.ROOT_NAME, PKI.rootKeys.getPrivate(), RimTestPki.Role.LEAF, RimTestPki.NOT_BEFORE,
                RimTestPki.NOT_AFTER);
        KeyPair other = RimTestPki.keys("secp384r1");
        X509Certificate unrelated = RimTestPki.certificate("CN=CSDK Unrelated", other.getPublic(),
                "CN=CSDK Unrelated", other.getPrivate(), RimTestPki.Role.ROOT, RimTestPki.NOT_BEFORE,
                RimTestPki.NOT_AFTER);
        List<X509Certificate> seven = new ArrayList<>(List.of(PKI.leaf, PKI.intermediate, PKI.root));
        for (int i = 0; i < 4; i++) {
            KeyPair k = RimTestPki.keys("secp256r1");
            seven.add(RimTestPki.certificate("CN=CSDK Extra " + i, k.getPublic(), "CN=CSDK Extra " + i,
                    k.getPrivate(), RimTestPki.Role.ROOT, RimTestPki.NOT_BEFORE, RimTestPki.NOT_AFTER));
        }
        return Stream.of(
                Arguments.of("signer is a CA", p384, List.of(caAsLeaf, PKI.root)),
                Arguments.of("signer key is P-256", p256, List.of(p256Leaf, PKI.root)),
                Arguments.of("intermediate missing", PKI.leafKeys, List.of(PKI.leaf, PKI.root)),
                Arguments.of("unrelated extra certificate", PKI.leafKeys,
                        List.of(PKI.leaf, PKI.intermediate, PKI.root, unrelated)),
                Arguments.of("seven certificates", PKI.leafKeys, seven),
                Arguments.of("duplicate certificate", PKI.leafKeys,
                        List.of(PKI.leaf, PKI.intermediate, PKI.intermediate, PKI.root)),
                Arguments.of("signer only, issuer unknown", PKI.leafKeys, List.of(PKI.leaf)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChains")
    void badChainIsRejected(String name, KeyPair signer, List<X509Certificate> keyInfo) {
        byte[] xml = new RimTestSigner().sign(signer.getPrivate(), keyInfo);
        assertThat(failure(xml).reason()).as(name).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void signedByAnotherKeyThanTheLeafIsASignatureFailure() {
        byte[] xml = new RimTestSigner().sign(PKI.intermediateKeys.getPrivate(),
                List.of(PKI.leaf, PKI.intermediate, PKI.root));
        AttestationVerificationException e = failure(xml);
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("signature value");
    }

    static Stream<Arguments> badSignatureShapes() {
        return Stream.<Arguments>of(
                shape("reference to the Payload only (#payload)", s -> s.referenceUri = "#payload"),
                shape("digest SHA-256", s -> s.digestMethod = DigestMethod.SHA256),
                shape("digest SHA-1 (also forbidden by JDK secure validation)", s -> s.digestMethod = DigestMethod.SHA1),
                shape("signature ECDSA-SHA256", s -> s.signatureMethod = SignatureMethod.ECDSA_SHA256),
                shape("canonicalization with comments", s -> s.c14n = CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS));
    }

    static Arguments shape(String name, Consumer<RimTestSigner> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignatureShapes")
    void signatureShapeOutsideTheAllowListIsRejected(String name, Consumer<RimTestSigner> change) {
        RimTestSigner signer = new RimTestSigner();
        change.accept(signer);
        byte[] xml = signer.sign(PKI);
        assertThat(failure(xml).reason()).as(name).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void exclusiveCanonicalizationIsAccepted() throws Exception {
        RimTestSigner signer = new RimTestSigner();
        signer.c14n = CanonicalizationMethod.EXCLUSIVE;
        assertThat(verify(signer.sign(PKI)).hardware()).isFalse();
    }

    @Test
    void twoValidSignaturesAreRejected() throws Exception {
        RimTestSigner signer = new RimTestSigner();
        Document doc = RimTestSigner.parse(signer.xml().getBytes(StandardCharsets.UTF_8));
        List<X509Certificate> chain = List.of(PKI.leaf, PKI.intermediate, PKI.root);
        signer.signInto(doc, doc.getDocumentElement(), PKI.leafKeys.getPrivate(), chain);
        signer.signInto(doc, doc.getDocumentElement(), PKI.leafKeys.getPrivate(), chain);
        AttestationVerificationException e = failure(RimTestSigner.serialize(doc));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("2 ds:Signature");
    }

    static Stream<Arguments> malformedEntries() {
        String z = RimTestSigner.ZERO;
        String res = "<Resource type=\"Measurement\" index=\"0\" active=\"True\" alternatives=\"1\" size=\"48\"";
        return Stream.of(
                entries("hash of 95 hex digits", res + " ns2:Hash0=\"" + z.substring(1) + "\"/>"),
                entries("hash with non-hex", res + " ns2:Hash0=\"" + "zz".repeat(48) + "\"/>"),
                entries("hash of 49 bytes", res + " ns2:Hash0=\"" + z + "00\"/>"),
                entries("missing Hash0", res + "/>"),
                entries("Hash1 beyond alternatives", res + " ns2:Hash0=\"" + z + "\" ns2:Hash1=\"" + z + "\"/>"),
                entries("alternatives 2 with one hash", RimTestSigner.resource(0, true, z)
                        .replace("alternatives=\"1\"", "alternatives=\"2\"")),
                entries("17 alternatives", RimTestSigner.resource(0, true, Collections.nCopies(17, RimTestSigner.ZERO)
                        .toArray(String[]::new))),
                entries("0 alternatives", RimTestSigner.resource(0, true)),
                entries("duplicate index", RimTestSigner.resource(3, true, z), RimTestSigner.resource(3, false, z)),
                entries("index 254", RimTestSigner.resource(254, true, z)),
                entries("negative index", RimTestSigner.resource(0, true, z).replace("index=\"0\"", "index=\"-1\"")),
                entries("index with sign", RimTestSigner.resource(0, true, z).replace("index=\"0\"", "index=\"+1\"")),
                entries("active yes", RimTestSigner.resource(0, true, z).replace("\"True\"", "\"yes\"")),
                entries("size 32", RimTestSigner.resource(0, true, z).replace("size=\"48\"", "size=\"32\"")),
                entries("type other", RimTestSigner.resource(0, true, z).replace("Measurement\"", "Other\"")),
                entries("no active entry", RimTestSigner.resource(0, false, z)),
                entries("no entries"),
                entries("text in the Payload", RimTestSigner.resource(0, true, z) + "junk"),
                entries("foreign element in the Payload", RimTestSigner.resource(0, true, z)
                        + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/>"));
    }

    static Arguments entries(String name, String... resources) {
        return Arguments.of(name, List.of(resources));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEntries")
    void malformedEntryInASignedRimIsRejected(String name, List<String> resources) {
        RimTestSigner signer = new RimTestSigner().resources(resources.toArray(String[]::new));
        byte[] xml = signer.sign(PKI);
        assertThat(failure(xml).reason()).as(name).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    static Stream<Arguments> malformedIdentity() {
        return Stream.of(
                identity("version not driver or VBIOS", s -> s.version = "abc"),
                identity("VBIOS version with six groups", s -> s.version = "96.00.9F.00.01.02"),
                identity("tagId with a space", s -> s.tagId = "a b"),
                identity("tagId too long", s -> s.tagId = "x".repeat(129)),
                identity("empty tagId", s -> s.tagId = ""));
    }

    static Arguments identity(String name, Consumer<RimTestSigner> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedIdentity")
    void malformedIdentityIsRejected(String name, Consumer<RimTestSigner> change) {
        RimTestSigner signer = new RimTestSigner();
        change.accept(signer);
        assertThat(failure(signer.sign(PKI)).reason()).as(name).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void largestAcceptedShapeVerifies() throws Exception {
        List<String> all = new ArrayList<>();
        String[] sixteen = new String[16];
        for (int k = 0; k < 16; k++) {
            sixteen[k] = String.format("%02x", k).repeat(48);
        }
        for (int i = 0; i <= RimDocument.MAX_INDEX; i++) {
            all.add(RimTestSigner.resource(i, true, i == 253 ? sixteen : new String[] {A}));
        }
        RimDocument rim = verify(new RimTestSigner().resources(all.toArray(String[]::new)).sign(PKI));
        assertThat(rim.activeDigests()).hasSize(254);
        assertThat(rim.activeDigests().get(254)).hasSize(16);
    }

    @Test
    void entryCountIsBoundedBeforeEntriesAreParsed() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= RimDocument.MAX_ENTRIES; i++) {
            many.add(RimTestSigner.resource(i % (RimDocument.MAX_INDEX + 1), true, A));
        }
        AttestationVerificationException e = failure(new RimTestSigner().resources(many.toArray(String[]::new))
                .sign(PKI));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("more than 254 entries");
    }

    @Test
    void sha1IsRefusedByJdkSecureValidationBeforeOurAllowList() {
        RimTestSigner signer = new RimTestSigner();
        signer.digestMethod = DigestMethod.SHA1;
        AttestationVerificationException e = failure(signer.sign(PKI));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getCause()).isInstanceOf(javax.xml.crypto.MarshalException.class)
                .hasMessageContaining("secure validation");
    }

    @Test
    void concurrentVerificationIsThreadSafe() throws Exception {
        List<byte[]> docs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RimTestSigner s = new RimTestSigner();
            s.tagId = "CSDK-SIM-CONCURRENT-" + i;
            docs.add(s.sign(PKI));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                byte[] doc = docs.get(i % docs.size());
                futures.add(pool.submit(() -> verify(doc).id()));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo("CSDK-SIM-CONCURRENT-" + (i % docs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void argumentsAreChecked() {
        byte[] xml = new RimTestSigner().sign(PKI);
        assertThrows(NullPointerException.class, () -> RimDocument.parseAndVerify(null, AT, List.of(), MAX));
        assertThrows(NullPointerException.class, () -> RimDocument.parseAndVerify(xml, null, List.of(), MAX));
        assertThrows(NullPointerException.class, () -> RimDocument.parseAndVerify(xml, AT, null, MAX));
        assertThrows(IllegalArgumentException.class, () -> RimDocument.parseAndVerify(xml, AT, List.of(), 0));
    }
}
