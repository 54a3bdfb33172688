package io.confidentialai.sdk.tee.simulated.internal;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Writes the reference integrity manifests (RIMs) of the simulated GPU firmware in NVIDIA's form: an ISO/IEC 19770-2
 * SWID tag with the TCG RIM information model attributes, one {@code Resource} per measurement (index 0..63 = SPDM
 * block - 1, {@code active}, {@code alternatives="1"}, {@code ns2:Hash0} in the {@code xmlenc#sha384} namespace,
 * {@code size="48"}), signed as an enveloped XML signature (C14N 1.1, ecdsa-sha384, SHA-384 digest of the whole
 * document) whose KeyInfo carries the simulated RIM signer's certificate, then the simulation root, like NVIDIA's
 * files carry the signer then the CoRIM root.
 *
 * <p>Two RIMs are written, with disjoint active sets ({@link SimulatedGpuFirmware#DRIVER_ACTIVE},
 * {@link SimulatedGpuFirmware#VBIOS_ACTIVE}): the driver RIM {@link SimulatedGpuFirmware#DRIVER_RIM_ID} and the VBIOS
 * RIM {@link SimulatedGpuFirmware#VBIOS_RIM_ID}, at {@code <rootDirectory>/nvidia-gpu-cc/<id lower-cased>.swidtag},
 * the layout that {@code CollateralSource.ofDirectory(rootDirectory)} reads. Files are replaced atomically. Stateless
 * and thread-safe.
 */
final class SimulatedGpuRims {
    private static final Logger log = LoggerFactory.getLogger(SimulatedGpuRims.class);

    static final String SWID_NAMESPACE = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";
    static final String SHA384_NAMESPACE = "http://www.w3.org/2001/04/xmlenc#sha384";
    static final String RIM_NAMESPACE =
            "https://trustedcomputinggroup.org/resource/tcg-reference-integrity-manifest-rim-information-model/";
    /** NVIDIA's PCI vendor id in decimal, as the real RIMs' PlatformManufacturerId. */
    private static final String NVIDIA_MANUFACTURER_ID = "5703";

    private SimulatedGpuRims() {}

    /**
     * Writes both RIMs into {@code <rootDirectory>/nvidia-gpu-cc/}.
     *
     * @throws ConfidentialException if the files cannot be written
     */
    static void write(Path rootDirectory, SimulationGpuPki pki) {
        Path dir = rootDirectory.resolve(TeeType.NVIDIA_GPU_CC.id());
        try {
            Files.createDirectories(dir);
            writeOne(dir, SimulatedGpuFirmware.DRIVER_RIM_ID, driverRim(pki));
            writeOne(dir, SimulatedGpuFirmware.VBIOS_RIM_ID, vbiosRim(pki));
        } catch (IOException e) {
            throw new ConfidentialException("cannot write the simulated GPU reference integrity manifests in " + dir,
                    e);
        }
    }

    private static void writeOne(Path dir, String id, byte[] rim) throws IOException {
        Path file = dir.resolve(SimulatedGpuFirmware.rimFileName(id));
        SimulationFiles.writeAtomically(file, rim, false);
        log.debug("wrote simulated RIM {} to {}", id, file);
    }

    static byte[] driverRim(SimulationGpuPki pki) {
        return rim(SimulatedGpuFirmware.DRIVER_RIM_ID, SimulatedGpuFirmware.DRIVER_VERSION,
                SimulatedGpuFirmware.DRIVER_ACTIVE, pki);
    }

    static byte[] vbiosRim(SimulationGpuPki pki) {
        return rim(SimulatedGpuFirmware.VBIOS_RIM_ID, SimulatedGpuFirmware.VBIOS_VERSION,
                SimulatedGpuFirmware.VBIOS_ACTIVE, pki);
    }

    private static byte[] rim(String id, String colloquialVersion, Set<Integer> active, SimulationGpuPki pki) {
        try {
            String unsigned = unsigned(id, colloquialVersion, active);
            Document doc = parse(unsigned);
            Element signature = sign(doc, pki.rimSignerKey(), List.of(pki.rimSigner(), pki.root()));
            // The signed bytes are the canonical form of the document without the signature, so the signature element
            // can go into the unsigned text as it was written (keeping NVIDIA's attribute order), right before the end
            // tag of the root element, where the enveloped signature was appended.
            String end = "</SoftwareIdentity>\n";
            return (unsigned.substring(0, unsigned.length() - end.length()) + serialize(signature) + end)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new IllegalStateException("cannot sign the simulated RIM " + id, e);
        } catch (IOException | SAXException | ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("cannot build the simulated RIM " + id, e);
        }
    }

    /** The SWID tag before signing, laid out like NVIDIA's files (four-space indentation, one element per line). */
    private static String unsigned(String id, String colloquialVersion, Set<Integer> active) {
        HexFormat hex = HexFormat.of();
        String tagId = hex.formatHex(SimulatedGpuFirmware.sha384("CSDK simulated RIM " + id));
        StringBuilder sb = new StringBuilder(16 << 10);
        sb.append("<SoftwareIdentity xmlns=\"").append(SWID_NAMESPACE).append("\" xmlns:ns0=\"").append(SWID_NAMESPACE)
                .append("\" xmlns:ns2=\"").append(SHA384_NAMESPACE).append("\" corpus=\"false\" name=\"GH100\" ")
                .append("patch=\"false\" supplemental=\"false\" tagId=\"").append(tagId)
                .append("\" version=\"1.0\" tagVersion=\"0\">\n");
        sb.append("    <ns0:Entity name=\"Confidential SDK (simulated NVIDIA firmware)\" ")
                .append("role=\"softwareCreator tagCreator\"/>\n");
        sb.append("    <ns0:Meta xmlns:ns1=\"").append(RIM_NAMESPACE).append("\" colloquialVersion=\"")
                .append(colloquialVersion).append("\" edition=\"GPU\" product=\"GH100\" revision=\"csdk-simulated\" ")
                .append("PayloadType=\"direct\" ns1:BindingSpec=\"RIMIM\" ns1:BindingSpecVersion=\"1.01\" ")
                .append("ns1:PlatformManufacturerId=\"").append(NVIDIA_MANUFACTURER_ID)
                .append("\" ns1:PlatformManufacturerStr=\"NVIDIA Corporation\" ns1:PlatformModel=\"GH100\" ")
                .append("ns1:FirmwareManufacturer=\"NVIDIA Corporation\" ns1:FirmwareManufacturerId=\"")
                .append(NVIDIA_MANUFACTURER_ID).append("\"/>\n");
        sb.append("    <ns0:Payload xmlns:SHA384=\"").append(SHA384_NAMESPACE).append("\">\n");
        String zero = hex.formatHex(new byte[SimulatedGpuFirmware.DIGEST_LENGTH]);
        for (int index = 0; index < SimulatedGpuFirmware.BLOCKS; index++) {
            boolean on = active.contains(index);
            sb.append("        <ns0:Resource type=\"Measurement\" index=\"").append(index).append("\" active=\"")
                    .append(on ? "True" : "False").append("\" alternatives=\"1\" ns2:Hash0=\"")
                    .append(on ? hex.formatHex(SimulatedGpuFirmware.block(index + 1)) : zero)
                    .append("\" name=\"").append(on ? "SimulatedMeasurement_" : "Measurement_").append(index)
                    .append("\" size=\"").append(SimulatedGpuFirmware.DIGEST_LENGTH).append("\"/>\n");
        }
        sb.append("    </ns0:Payload>\n");
        sb.append("</SoftwareIdentity>\n");
        return sb.toString();
    }

    private static Document parse(String xml) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static Element sign(Document doc, PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException, MarshalException, XMLSignatureException {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        Reference reference = f.newReference("", f.newDigestMethod(DigestMethod.SHA384, null),
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        f.newTransform(CanonicalizationMethod.INCLUSIVE_11, (TransformParameterSpec) null)),
                null, null);
        SignedInfo signedInfo = f.newSignedInfo(
                f.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE_11, (C14NMethodParameterSpec) null),
                f.newSignatureMethod(SignatureMethod.ECDSA_SHA384, null), List.of(reference));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        KeyInfo keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.copyOf(chain))));
        DOMSignContext context = new DOMSignContext(key, doc.getDocumentElement());
        context.setDefaultNamespacePrefix("ds");
        XMLSignature signature = f.newXMLSignature(signedInfo, keyInfo);
        signature.sign(context);
        return (Element) doc.getDocumentElement().getLastChild();
    }

    /**
     * The signature element as text. The JDK breaks base64 lines with CR LF, which XML writes as {@code &#13;} and LF;
     * outside SignedInfo (in SignatureValue and the certificates, where whitespace is insignificant and unsigned) the
     * CRs are dropped, so the lines end in LF as in NVIDIA's files. SignedInfo is left exactly as signed.
     */
    private static String serialize(Element signature) throws TransformerException {
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Transformer t = tf.newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
        t.setOutputProperty(OutputKeys.INDENT, "no");
        StringWriter out = new StringWriter(8 << 10);
        t.transform(new DOMSource(signature), new StreamResult(out));
        String text = out.toString();
        String signedInfoEnd = "</ds:SignedInfo>";
        int split = text.indexOf(signedInfoEnd);
        if (split < 0) {
            throw new TransformerException("the serialized signature has no SignedInfo");
        }
        split += signedInfoEnd.length();
        return text.substring(0, split) + text.substring(split).replace("&#13;", "");
    }
}
