package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.NoSuchProviderException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Verifies the enveloped XML signature of a RIM with the JDK's XML-DSig implementation ({@code javax.xml.crypto},
 * mechanism "DOM") in secure validation mode, after checking that the signature covers the whole document.
 *
 * <p>Accepted shape, which is the shape of every NVIDIA RIM: exactly one {@code ds:Signature} element in the document,
 * a child of the document element; one {@code Reference} with {@code URI=""} (the whole document), transforms
 * enveloped-signature optionally followed by a canonicalization, digest SHA-384; signature method ECDSA-SHA384;
 * canonicalization C14N 1.1, C14N 1.0 or exclusive C14N (without comments); no {@code ds:Object}; a {@code KeyInfo}
 * with only {@code X509Data/X509Certificate} entries. Because the single reference is the whole document and the DOM
 * that is read afterwards is the DOM that was digested, a wrapped or moved copy of signed content cannot be read in
 * place of it.
 *
 * <p>The key selector hands out the signer key only after {@link RimChain} has validated the chain; it never takes a
 * key from the document itself. JDK secure validation ({@code org.jcp.xml.dsig.secureValidation}) stays on: its
 * policy ({@code jdk.xml.dsig.secureValidationPolicy}) forbids SHA-1/MD5 algorithms, XSLT, more than 5 transforms or
 * 30 references, file/http/https reference URIs, EC keys under 224 bits, duplicate IDs and retrieval-method loops. No
 * algorithm NVIDIA uses is on that list; if a future JDK policy forbids one, verification fails with
 * {@code SIGNATURE_INVALID} rather than running unprotected.
 *
 * <p>The factory is taken from the JDK provider {@value #JDK_PROVIDER} by name, so the secure-validation property
 * means what it says even when another XML-DSig implementation is on the class path.
 *
 * <p>Thread-safe: every call uses its own factory, context and key selector. This class is internal and is not meant
 * to be used by applications; it may change at any time.
 */
final class RimSignature {
    static final String SECURE_VALIDATION = "org.jcp.xml.dsig.secureValidation";
    /**
     * The JDK's own XML-DSig provider, named explicitly: another "DOM" provider on the class path (such as Apache
     * Santuario's) would not read {@link #SECURE_VALIDATION} and could take precedence.
     */
    static final String JDK_PROVIDER = "XMLDSig";
    static final String C14N_11 = "http://www.w3.org/2006/12/xml-c14n11";
    static final Set<String> CANONICALIZATIONS =
            Set.of(C14N_11, CanonicalizationMethod.INCLUSIVE, CanonicalizationMethod.EXCLUSIVE);
    private static final int MAX_QUOTED_CHARS = 80;

    private RimSignature() {}

    /**
     * Checks the signature's structure, validates its certificate chain and then its cryptographic validity.
     *
     * @param document the parsed document
     * @param softwareIdentity its document element, the element the caller reads entries from
     * @return the validated chain
     * @throws AttestationVerificationException {@code SIGNATURE_INVALID} or {@code CERT_CHAIN_INVALID}
     */
    static RimChain.Validated verify(Document document, Element softwareIdentity, Instant at,
            List<X509Certificate> simulationRoots) throws AttestationVerificationException {
        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() != 1) {
            throw RimFailures.signature("the document holds " + signatures.getLength()
                    + " ds:Signature elements; expected exactly one");
        }
        Element signatureElement = (Element) signatures.item(0);
        if (signatureElement.getParentNode() != softwareIdentity) {
            throw RimFailures.signature("the ds:Signature element is not a child of the SoftwareIdentity element");
        }
        SignerKeySelector keySelector = new SignerKeySelector();
        DOMValidateContext context = new DOMValidateContext(keySelector, signatureElement);
        context.setProperty(SECURE_VALIDATION, Boolean.TRUE);
        XMLSignature signature;
        try {
            signature = XMLSignatureFactory.getInstance("DOM", JDK_PROVIDER).unmarshalXMLSignature(context);
        } catch (NoSuchProviderException e) {
            throw RimFailures.signature("the JDK XML-DSig provider (" + JDK_PROVIDER + ") is not available", e);
        } catch (MarshalException e) {
            if (hasCause(e, CertificateException.class)) {
                throw RimFailures.chain("a KeyInfo certificate cannot be parsed", e);
            }
            throw RimFailures.signature("the ds:Signature element cannot be read or uses a forbidden algorithm", e);
        }
        Reference reference = checkShape(signature);
        RimChain.Validated chain = RimChain.validate(certificates(signature.getKeyInfo()), at, simulationRoots);
        keySelector.signerKey = chain.leafKey();
        try {
            if (signature.validate(context)) {
                return chain;
            }
            if (!reference.validate(context)) {
                throw RimFailures.signature("the SHA-384 digest of the document does not match the signed reference "
                        + "(the document was modified after signing)");
            }
            throw RimFailures.signature("the signature value does not verify with the key of the signer certificate");
        } catch (XMLSignatureException e) {
            throw RimFailures.signature("the signature cannot be checked", e);
        }
    }

    /** Checks algorithms and references and returns the single whole-document reference. */
    private static Reference checkShape(XMLSignature signature) throws AttestationVerificationException {
        SignedInfo signedInfo = signature.getSignedInfo();
        String c14n = signedInfo.getCanonicalizationMethod().getAlgorithm();
        if (!CANONICALIZATIONS.contains(c14n)) {
            throw RimFailures.signature("canonicalization " + quote(c14n) + " is not accepted");
        }
        String method = signedInfo.getSignatureMethod().getAlgorithm();
        if (!SignatureMethod.ECDSA_SHA384.equals(method)) {
            throw RimFailures.signature("signature method " + quote(method) + " is not accepted; expected "
                    + SignatureMethod.ECDSA_SHA384);
        }
        List<?> references = signedInfo.getReferences();
        if (references.size() != 1) {
            throw RimFailures.signature("the signature has " + references.size()
                    + " references; expected one over the whole document");
        }
        Reference reference = (Reference) references.get(0);
        if (!"".equals(reference.getURI())) {
            throw RimFailures.signature("the reference covers " + (reference.getURI() == null ? "no URI"
                    : "URI " + quote(reference.getURI())) + ", not the whole document (URI \"\")");
        }
        String digest = reference.getDigestMethod().getAlgorithm();
        if (!DigestMethod.SHA384.equals(digest)) {
            throw RimFailures.signature("digest method " + quote(digest) + " is not accepted; expected "
                    + DigestMethod.SHA384);
        }
        List<?> transforms = reference.getTransforms();
        if (transforms.isEmpty() || transforms.size() > 2
                || !Transform.ENVELOPED.equals(((Transform) transforms.get(0)).getAlgorithm())
                || (transforms.size() == 2
                        && !CANONICALIZATIONS.contains(((Transform) transforms.get(1)).getAlgorithm()))) {
            throw RimFailures.signature("the reference's transforms are not enveloped-signature optionally followed "
                    + "by a canonicalization");
        }
        if (!signature.getObjects().isEmpty()) {
            throw RimFailures.signature("the signature carries ds:Object elements");
        }
        return reference;
    }

    private static List<X509Certificate> certificates(@Nullable KeyInfo keyInfo)
            throws AttestationVerificationException {
        if (keyInfo == null) {
            throw RimFailures.chain("the signature has no KeyInfo with the signer's certificate chain");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object item : keyInfo.getContent()) {
            if (!(item instanceof X509Data)) {
                throw RimFailures.chain("the KeyInfo holds an entry other than X509Data");
            }
            for (Object entry : ((X509Data) item).getContent()) {
                if (!(entry instanceof X509Certificate)) {
                    throw RimFailures.chain("the X509Data holds an entry other than X509Certificate");
                }
                if (certificates.size() == RimChain.MAX_CERTIFICATES) {
                    throw RimFailures.chain("the signature's KeyInfo holds more than " + RimChain.MAX_CERTIFICATES
                            + " certificates");
                }
                certificates.add((X509Certificate) entry);
            }
        }
        return certificates;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** An algorithm URI from the document, printable ASCII only and bounded. */
    private static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < MAX_QUOTED_CHARS; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
        }
        return sb.append(text.length() > MAX_QUOTED_CHARS ? "...\"" : "\"").toString();
    }

    /** Returns the signer key that the chain validation established, and nothing before that. */
    private static final class SignerKeySelector extends KeySelector {
        private @Nullable PublicKey signerKey;

        @Override
        public KeySelectorResult select(@Nullable KeyInfo keyInfo, KeySelector.Purpose purpose,
                AlgorithmMethod method, @Nullable XMLCryptoContext context) throws KeySelectorException {
            PublicKey key = signerKey;
            if (key == null) {
                throw new KeySelectorException("the signer certificate chain has not been validated");
            }
            if (purpose != KeySelector.Purpose.VERIFY || !SignatureMethod.ECDSA_SHA384.equals(method.getAlgorithm())
                    || !(key instanceof ECPublicKey)) {
                throw new KeySelectorException("the signer key is only released to verify ECDSA-SHA384");
            }
            return () -> key;
        }
    }
}
