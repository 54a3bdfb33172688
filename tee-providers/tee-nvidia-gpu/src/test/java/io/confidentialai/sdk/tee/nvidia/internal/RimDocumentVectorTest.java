package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The three NVIDIA RIMs of ../shared/vectors (nvtrust samples): decoded values, validity windows, and mechanically
 * mutated negatives (hash, signature value, chain, wrapping, DOCTYPE, size).
 */
class RimDocumentVectorTest {
    /** Skips the whole class when the shared vectors are absent (reads inside assertThrows would fail instead). */
    @BeforeAll
    static void requiresVectors() {
        RimVectors.dir();
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static final String DRIVER_TAG_ID = "f0d3a263ab9ef4b93c8fc9727493b61a979814cbf31c07614842a9486b84db8c"
            + "6cb2c94fb3d5d55992fc482ab495df0d";
    private static final String VBIOS_TAG_ID = "560b6686b372407d02dea1bd3bcedf3865fff39a281705348b27edd21e5f32c6"
            + "541642eb5db0a494a24884d60b009cfe";
    private static final String DRIVER_BLOCK_8 = "0e0ee161b59bf124ce6b6dca6efa7616d28077862c0e57dca7d5efd63d00eeed"
            + "4851922941e846a38c464cbedbc168d9";

    static RimDocument verify(byte[] xml, Instant at) throws AttestationVerificationException {
        return RimDocument.parseAndVerify(xml, at, List.of(), RimVectors.MAX_BYTES);
    }

    static ReasonCode reason(byte[] xml, Instant at) {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class, () -> verify(xml, at));
        assertThat(e.teeType()).contains(TeeType.NVIDIA_GPU_CC);
        return e.reason();
    }

    /** The same signed document with a unique trailing comment: new bytes (a cache miss), same signed content. */
    static byte[] fresh(byte[] xml) {
        return concat(xml, ("<!-- " + UNIQUE.incrementAndGet() + " -->\n").getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] replaceOnce(byte[] xml, String from, String to) {
        String text = new String(xml, StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        assertThat(at).as("fragment %s", from).isGreaterThanOrEqualTo(0);
        return (text.substring(0, at) + to + text.substring(at + from.length())).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void driverRimDecodes() throws Exception {
        RimDocument rim = verify(RimVectors.read(RimVectors.DRIVER), RimVectors.VALID);

        assertThat(rim.id()).isEqualTo(DRIVER_TAG_ID);
        assertThat(rim.kind()).isEqualTo(RimDocument.Kind.DRIVER);
        assertThat(rim.version()).isEqualTo("545.00");
        assertThat(rim.hardware()).isTrue();
        Map<Integer, List<byte[]>> digests = rim.activeDigests();
        assertThat(digests).hasSize(21);
        assertThat(digests.keySet()).containsExactly(8, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36,
                37, 38, 39, 40, 41);
        assertThat(digests.get(8)).hasSize(1);
        assertThat(HEX.formatHex(digests.get(8).get(0))).isEqualTo(DRIVER_BLOCK_8);
        assertThat(digests.get(24)).hasSize(2);
        assertThat(HEX.formatHex(digests.get(24).get(1))).isEqualTo("00".repeat(48));
        assertThat(digests.get(25)).hasSize(2);
        assertThat(digests.get(36)).hasSize(2);
        assertThat(HEX.formatHex(digests.get(36).get(0))).startsWith("261148337ccf08ed");
        assertThat(HEX.formatHex(digests.get(36).get(1))).startsWith("c0962ed90316ecea");
        assertThat(digests.values().stream().mapToInt(List::size).sum()).isEqualTo(24);
        assertThat(rim.validities()).extracting(RimChain.Validity::name).containsExactly("HCC RIM L4 Signer",
                "NVIDIA Reference Value L3 GH100 001", "NVIDIA Reference Value GH100 CA",
                "NVIDIA CoRIM signing Root CA");
        assertThat(rim.validities().get(0).notBefore()).isEqualTo(Instant.parse("2023-06-27T06:10:12Z"));
        assertThat(rim.validities().get(0).notAfter()).isEqualTo(Instant.parse("2025-06-26T06:10:12Z"));
        assertThat(rim.validities().get(1).notAfter()).isEqualTo(Instant.parse("2026-11-11T23:59:59Z"));
        assertThat(rim.toString()).contains("DRIVER", "545.00", "activeEntries=21");
    }

    @ParameterizedTest
    @ValueSource(strings = {RimVectors.VBIOS_PROD, RimVectors.VBIOS_TEST})
    void vbiosRimsDecode(String file) throws Exception {
        RimDocument rim = verify(RimVectors.read(file), RimVectors.VALID);

        assertThat(rim.id()).isEqualTo(VBIOS_TAG_ID);
        assertThat(rim.kind()).isEqualTo(RimDocument.Kind.VBIOS);
        assertThat(rim.version()).isEqualTo("96.00.5E.00.01");
        assertThat(rim.hardware()).isTrue();
        Map<Integer, List<byte[]>> digests = rim.activeDigests();
        assertThat(digests.keySet()).containsExactly(1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13);
        assertThat(digests.get(13)).hasSize(4);
        assertThat(digests.values().stream().mapToInt(List::size).sum()).isEqualTo(15);
        assertThat(HEX.formatHex(digests.get(1).get(0))).isEqualTo("00".repeat(48));
        assertThat(HEX.formatHex(digests.get(10).get(0)))
                .startsWith(file.equals(RimVectors.VBIOS_PROD) ? "7f3e9382785513c1" : "aca2223bcf9ae651");
        assertThat(rim.validities().get(0).notAfter()).isEqualTo(Instant.parse(
                file.equals(RimVectors.VBIOS_PROD) ? "2025-06-22T09:30:33Z" : "2025-06-22T09:38:54Z"));
    }

    @Test
    void pinnedRootIsTheVectorRoot() throws Exception {
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(RimVectors.read(RimVectors.ROOT)));
        assertThat(root.getEncoded()).isEqualTo(RimRootCa.certificate().getEncoded());
        assertThat(RimRootCa.matches(root.getEncoded())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {RimVectors.DRIVER, RimVectors.VBIOS_PROD, RimVectors.VBIOS_TEST})
    void expiredSignerIsRejectedOnFirstUseAndFromTheCache(String file) throws Exception {
        byte[] xml = RimVectors.read(file);
        verify(xml, RimVectors.VALID); // cached now

        for (byte[] doc : List.of(xml, fresh(xml))) {
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> verify(doc, RimVectors.EXPIRED));
            assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
            assertThat(e.getMessage()).contains("HCC RIM L4 Signer", "at 2026-11-21T00:00:00Z");
        }
    }

    @Test
    void validityIsCheckedPerCertificateAndBeforeNotBefore() throws Exception {
        Instant between = Instant.parse("2025-06-24T00:00:00Z"); // driver signer until 06-26, VBIOS until 06-22
        byte[] driver = RimVectors.read(RimVectors.DRIVER);
        byte[] vbios = RimVectors.read(RimVectors.VBIOS_PROD);

        assertThat(verify(fresh(driver), between).kind()).isEqualTo(RimDocument.Kind.DRIVER);
        assertThat(reason(fresh(vbios), between)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(reason(vbios, between)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        AttestationVerificationException early = assertThrows(AttestationVerificationException.class,
                () -> verify(fresh(driver), Instant.parse("2023-01-01T00:00:00Z")));
        assertThat(early.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(early.getMessage()).contains("HCC RIM L4 Signer", "2023-01-01T00:00:00Z");
    }

    @Test
    void cachedDocumentIsTheSameVerdict() throws Exception {
        byte[] xml = fresh(RimVectors.read(RimVectors.DRIVER));
        RimDocument first = verify(xml, RimVectors.VALID);
        RimDocument second = verify(xml.clone(), Instant.parse("2024-12-31T00:00:00Z"));
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.activeDigests().keySet()).isEqualTo(first.activeDigests().keySet());
    }

    @Test
    void activeDigestsAreDefensiveCopies() throws Exception {
        RimDocument rim = verify(RimVectors.read(RimVectors.DRIVER), RimVectors.VALID);
        Map<Integer, List<byte[]>> digests = rim.activeDigests();
        digests.get(8).get(0)[0] ^= 1;
        assertThat(HEX.formatHex(rim.activeDigests().get(8).get(0))).isEqualTo(DRIVER_BLOCK_8);
        assertThrows(UnsupportedOperationException.class, () -> digests.remove(8));
        assertThrows(UnsupportedOperationException.class, () -> digests.get(8).clear());
    }

    @Test
    void callerArrayIsNotKept() throws Exception {
        byte[] xml = fresh(RimVectors.read(RimVectors.DRIVER));
        RimDocument rim = verify(xml, RimVectors.VALID);
        Arrays.fill(xml, (byte) ' ');
        assertThat(HEX.formatHex(rim.activeDigests().get(8).get(0))).isEqualTo(DRIVER_BLOCK_8);
    }

    // ---- mutations

    @Test
    void flippedHashIsADigestFailure() {
        byte[] xml = replaceOnce(RimVectors.read(RimVectors.DRIVER), "0e0ee161b59bf124", "1e0ee161b59bf124");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(xml, RimVectors.VALID));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("digest");
    }

    @Test
    void flippedActiveFlagIsADigestFailure() {
        byte[] xml = replaceOnce(RimVectors.read(RimVectors.DRIVER), "index=\"7\" active=\"True\"",
                "index=\"7\" active=\"False\"");
        assertThat(reason(xml, RimVectors.VALID)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void flippedSignatureValueIsASignatureFailure() {
        byte[] xml = replaceOnce(RimVectors.read(RimVectors.DRIVER), "<ds:SignatureValue>/BgnH+hpOgo",
                "<ds:SignatureValue>/BgnH+hpOgp");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(xml, RimVectors.VALID));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("signature value");
    }

    @Test
    void flippedLeafCertificateSignatureIsAChainFailure() {
        byte[] xml = replaceOnce(RimVectors.read(RimVectors.DRIVER), "0c02JaKcbuGbpQ88a", "0c02JaKcbuGbpQ88b");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(xml, RimVectors.VALID));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("HCC RIM L4 Signer");
    }

    @Test
    void flippedIntermediateCertificateIsAChainFailure() {
        // inside the L3 CA's to-be-signed validity: its own signature no longer verifies
        byte[] xml = replaceOnce(RimVectors.read(RimVectors.DRIVER), "MDAwMFoYDzIwMjYxMTExMjM1OTU5WjBY",
                "MDAwMFoYDzIwMjcxMTExMjM1OTU5WjBY");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(xml, RimVectors.VALID));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("NVIDIA Reference Value L3 GH100 001");
    }

    @Test
    void unparseableCertificateIsAChainFailure() {
        byte[] xml = replaceOnce(RimVectors.read(RimVectors.DRIVER), "<ds:X509Certificate>MIICkTCC",
                "<ds:X509Certificate>AAAAAAAA");
        assertThat(reason(xml, RimVectors.VALID)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void keyInfoOrderDoesNotMatterAndTheRootMayBeOmitted() throws Exception {
        Document doc = RimTestSigner.parse(RimVectors.read(RimVectors.DRIVER));
        Element x509Data = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Data").item(0);
        List<Node> certs = children(x509Data);
        assertThat(certs).hasSize(4);
        // reverse the order: root, GH100 CA, L3, leaf
        for (int i = certs.size() - 1; i >= 0; i--) {
            x509Data.appendChild(certs.get(i));
        }
        RimDocument reversed = verify(RimTestSigner.serialize(doc), RimVectors.VALID);
        assertThat(reversed.hardware()).isTrue();
        assertThat(reversed.validities()).hasSize(4);

        x509Data.removeChild(certs.get(3)); // the root: appended from the pin
        RimDocument withoutRoot = verify(RimTestSigner.serialize(doc), RimVectors.VALID);
        assertThat(withoutRoot.hardware()).isTrue();
        assertThat(withoutRoot.validities().get(3).name()).isEqualTo("NVIDIA CoRIM signing Root CA");
    }

    @Test
    void missingIntermediateIsAChainFailure() throws Exception {
        Document doc = RimTestSigner.parse(RimVectors.read(RimVectors.DRIVER));
        Element x509Data = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Data").item(0);
        x509Data.removeChild(children(x509Data).get(1)); // the L3 CA
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(RimTestSigner.serialize(doc), RimVectors.VALID));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("do not form one chain", "HCC RIM L4 Signer");
    }

    @Test
    void foreignCertificateInKeyInfoIsAChainFailure() throws Exception {
        RimTestPki pki = RimTestPki.create();
        Document doc = RimTestSigner.parse(RimVectors.read(RimVectors.DRIVER));
        Element x509Data = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Data").item(0);
        Element extra = doc.createElementNS(XMLSignature.XMLNS, "ds:X509Certificate");
        extra.setTextContent(Base64.getMimeEncoder().encodeToString(pki.root.getEncoded()));
        x509Data.appendChild(extra);
        assertThat(reason(RimTestSigner.serialize(doc), RimVectors.VALID)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void hardwareRimStaysHardwareWhenSimulationRootsAreConfigured() throws Exception {
        RimTestPki pki = RimTestPki.create();
        RimDocument rim = RimDocument.parseAndVerify(fresh(RimVectors.read(RimVectors.VBIOS_PROD)), RimVectors.VALID,
                List.of(pki.root), RimVectors.MAX_BYTES);
        assertThat(rim.hardware()).isTrue();
    }

    // ---- signature wrapping

    @Test
    void secondSoftwareIdentityIsRejected() {
        byte[] xml = replaceOnce(RimVectors.read(RimVectors.DRIVER), "    <ns0:Payload",
                "    <ns0:SoftwareIdentity tagId=\"evil\"/>\n    <ns0:Payload");
        assertThat(reason(xml, RimVectors.VALID)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void signedDocumentWrappedInAnotherRootIsRejected() {
        byte[] signed = RimVectors.read(RimVectors.DRIVER);
        String evil = "<w:Wrapper xmlns:w=\"urn:evil\"><SoftwareIdentity xmlns=\"" + RimDocument.SWID_NS
                + "\" tagId=\"evil\"/>" + new String(signed, StandardCharsets.UTF_8) + "</w:Wrapper>";
        assertThat(reason(evil.getBytes(StandardCharsets.UTF_8), RimVectors.VALID))
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void signedDocumentNestedInAForgedSoftwareIdentityIsRejected() {
        byte[] signed = RimVectors.read(RimVectors.DRIVER);
        String evil = "<SoftwareIdentity xmlns=\"" + RimDocument.SWID_NS + "\" tagId=\"evil\"><Meta colloquialVersion="
                + "\"1.0\"/><Payload/>" + new String(signed, StandardCharsets.UTF_8) + "</SoftwareIdentity>";
        assertThat(reason(evil.getBytes(StandardCharsets.UTF_8), RimVectors.VALID))
                .isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void movedSignatureThatTheJdkStillAcceptsIsRejected() throws Exception {
        Document doc = RimTestSigner.parse(RimVectors.read(RimVectors.DRIVER));
        Element signature = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        // Entity declares no namespace, so the SignedInfo keeps its canonical form wherever it sits under the root
        Element entity = (Element) doc.getElementsByTagNameNS(RimDocument.SWID_NS, "Entity").item(0);
        entity.appendChild(signature);
        byte[] moved = RimTestSigner.serialize(doc);

        // plain JDK core validation of the moved signature still succeeds: the enveloped transform hides the move
        assertThat(jdkCoreValidity(moved)).isTrue();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(moved, RimVectors.VALID));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("not a child of the SoftwareIdentity");
    }

    @Test
    void payloadMovedOutOfTheSignedPlaceIsRejected() throws Exception {
        Document doc = RimTestSigner.parse(RimVectors.read(RimVectors.DRIVER));
        Element payload = (Element) doc.getElementsByTagNameNS(RimDocument.SWID_NS, "Payload").item(0);
        Element meta = (Element) doc.getElementsByTagNameNS(RimDocument.SWID_NS, "Meta").item(0);
        meta.appendChild(payload); // the signed content is still there, in another place
        assertThat(reason(RimTestSigner.serialize(doc), RimVectors.VALID)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void signatureRemovedIsRejected() throws Exception {
        Document doc = RimTestSigner.parse(RimVectors.read(RimVectors.DRIVER));
        Element signature = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        signature.getParentNode().removeChild(signature);
        assertThat(reason(RimTestSigner.serialize(doc), RimVectors.VALID)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void duplicatedSignatureIsRejected() throws Exception {
        Document doc = RimTestSigner.parse(RimVectors.read(RimVectors.DRIVER));
        Element signature = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        doc.getDocumentElement().appendChild(signature.cloneNode(true));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(RimTestSigner.serialize(doc), RimVectors.VALID));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("2 ds:Signature");
    }

    // ---- parser hardening and bounds

    @Test
    void doctypeWithExternalEntityIsRejected() {
        byte[] xml = concat(("<!DOCTYPE SoftwareIdentity [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n")
                .getBytes(StandardCharsets.US_ASCII), RimVectors.read(RimVectors.DRIVER));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(xml, RimVectors.VALID));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("passwd");
    }

    @Test
    void oversizeIsRejectedBeforeParsing() throws Exception {
        byte[] xml = RimVectors.read(RimVectors.DRIVER);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> RimDocument.parseAndVerify(xml, RimVectors.VALID, List.of(), xml.length - 1));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains(Integer.toString(xml.length));
        assertThat(RimDocument.parseAndVerify(xml, RimVectors.VALID, List.of(), xml.length).id())
                .isEqualTo(DRIVER_TAG_ID);
    }

    @Test
    void concurrentVerificationsAgree() {
        byte[] xml = RimVectors.read(RimVectors.VBIOS_TEST);
        List<String> ids = IntStream.range(0, 16).parallel().mapToObj(i -> {
            try {
                return verify(i % 2 == 0 ? xml : fresh(xml), RimVectors.VALID).id();
            } catch (AttestationVerificationException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(ids).hasSize(16).containsOnly(VBIOS_TAG_ID);
    }

    private static List<Node> children(Element parent) {
        List<Node> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                out.add(c);
            }
        }
        return out;
    }

    /** Core validity as the bare JDK API reports it, with the KeyInfo leaf key and no structural checks. */
    private static boolean jdkCoreValidity(byte[] xml) throws Exception {
        Document doc = RimTestSigner.parse(xml);
        Node sig = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        String leafBase64 = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Certificate").item(0).getTextContent();
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getMimeDecoder().decode(leafBase64)));
        DOMValidateContext ctx = new DOMValidateContext(KeySelector.singletonKeySelector(leaf.getPublicKey()), sig);
        ctx.setProperty(RimSignature.SECURE_VALIDATION, Boolean.TRUE);
        return XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx).validate(ctx);
    }
}
