package io.confidentialai.sdk.tee.nvidia.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes and signs small RIMs the way NVIDIA's are signed (enveloped XML-DSig, C14N 1.1, ECDSA-SHA384, SHA-384,
 * X.509 chain in the KeyInfo), with the JDK's {@code javax.xml.crypto}: the signing path tee-simulated uses. Options
 * produce the malformed and hostile variants the tests need.
 */
final class RimTestSigner {
    static final String C14N_11 = "http://www.w3.org/2006/12/xml-c14n11";
    static final String ZERO = "00".repeat(48);

    String version = "550.90.07";
    String tagId = "CSDK-SIM-RIM-1";
    String referenceUri = "";
    String digestMethod = DigestMethod.SHA384;
    String signatureMethod = SignatureMethod.ECDSA_SHA384;
    String c14n = C14N_11;
    /** Entries; defaults to one active entry for SPDM index 1 with the zero digest. */
    List<String> resources = new ArrayList<>(List.of(resource(0, true, ZERO)));
    /** Extra XML placed in the Payload after the resources (verbatim). */
    String payloadExtra = "";

    /** A Resource element: 0-based RIM index, active flag and its SHA-384 alternatives (hex). */
    static String resource(int index, boolean active, String... hashes) {
        StringBuilder sb = new StringBuilder("<Resource type=\"Measurement\" index=\"" + index + "\" active=\""
                + (active ? "True" : "False") + "\" alternatives=\"" + hashes.length + "\"");
        for (int i = 0; i < hashes.length; i++) {
            sb.append(" ns2:Hash").append(i).append("=\"").append(hashes[i]).append('"');
        }
        return sb.append(" name=\"Measurement_").append(index).append("\" size=\"48\"/>").toString();
    }

    RimTestSigner version(String v) {
        this.version = v;
        return this;
    }

    RimTestSigner resources(String... r) {
        this.resources = new ArrayList<>(List.of(r));
        return this;
    }

    /** The unsigned document text. */
    String xml() {
        return "<SoftwareIdentity xmlns=\"" + RimDocument.SWID_NS + "\" xmlns:ns2=\"" + RimDocument.SHA384_NS
                + "\" corpus=\"false\" name=\"GH100\" patch=\"false\" supplemental=\"false\" tagId=\"" + tagId
                + "\" version=\"1.0\" tagVersion=\"0\">\n"
                + "    <Entity name=\"CSDK Simulation\" role=\"softwareCreator tagCreator\"/>\n"
                + "    <Meta colloquialVersion=\"" + version + "\" edition=\"GPU\" product=\"GH100\" revision=\"r1\"/>\n"
                + "    <Payload Id=\"payload\">\n        " + String.join("\n        ", resources) + payloadExtra
                + "\n    </Payload>\n</SoftwareIdentity>\n";
    }

    /** Signs with the leaf of {@code pki}, placing leaf, intermediate and root in the KeyInfo. */
    byte[] sign(RimTestPki pki) {
        return sign(pki.leafKeys.getPrivate(), List.of(pki.leaf, pki.intermediate, pki.root));
    }

    byte[] sign(PrivateKey key, List<X509Certificate> keyInfo) {
        try {
            Document doc = parse(xml().getBytes(StandardCharsets.UTF_8));
            signInto(doc, doc.getDocumentElement(), key, keyInfo);
            return serialize(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends an enveloped signature to {@code parent} of an already built document. */
    void signInto(Document doc, Element parent, PrivateKey key, List<X509Certificate> keyInfo) throws Exception {
        Element payload = (Element) doc.getElementsByTagNameNS(RimDocument.SWID_NS, "Payload").item(0);
        payload.setIdAttributeNS(null, "Id", true);
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        Reference ref = f.newReference(referenceUri, f.newDigestMethod(digestMethod, null),
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        f.newTransform(C14N_11, (TransformParameterSpec) null)),
                null, null);
        SignedInfo si = f.newSignedInfo(
                f.newCanonicalizationMethod(c14n, (C14NMethodParameterSpec) null),
                f.newSignatureMethod(signatureMethod, null), Collections.singletonList(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        KeyInfo ki = kif.newKeyInfo(List.of(kif.newX509Data(keyInfo)));
        XMLSignature signature = f.newXMLSignature(si, ki);
        DOMSignContext ctx = new DOMSignContext(key, parent);
        ctx.setDefaultNamespacePrefix("ds");
        signature.sign(ctx);
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newDefaultInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static byte[] serialize(Node node) throws Exception {
        Transformer t = TransformerFactory.newDefaultInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.transform(new DOMSource(node), new StreamResult(out));
        return out.toByteArray();
    }
}
