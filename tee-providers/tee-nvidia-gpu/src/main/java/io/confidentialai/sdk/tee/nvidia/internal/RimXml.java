package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hardened DOM parsing of RIM documents with the JDK's built-in parser: namespace-aware, secure processing on, no
 * DOCTYPE (so no internal or external entities and no DTD), no external DTD or schema access, no XInclude, no entity
 * expansion, an element depth limit, and parser diagnostics kept off standard error. The caller bounds the input size
 * before calling.
 *
 * <p>Thread-safe: every call creates its own parser. This class is internal and is not meant to be used by
 * applications; it may change at any time.
 */
final class RimXml {
    /** A RIM is five elements deep (SoftwareIdentity/Signature/KeyInfo/X509Data/X509Certificate). */
    static final int MAX_ELEMENT_DEPTH = 32;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES =
            "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String MAX_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not change the document; not reported
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private RimXml() {}

    /**
     * Parses the document.
     *
     * @throws AttestationVerificationException {@code EVIDENCE_MALFORMED} when the bytes are not well-formed XML or
     *     use a forbidden construct (the parser's message is not echoed: it may quote the document)
     */
    static Document parse(byte[] xml) throws AttestationVerificationException {
        DocumentBuilder builder = newBuilder();
        try {
            return builder.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            String text = e.getMessage();
            String what = text != null && text.contains("DOCTYPE")
                    ? "a DOCTYPE declaration is not allowed"
                    : text != null && text.contains("maxElementDepth")
                            ? "elements are nested deeper than " + MAX_ELEMENT_DEPTH
                            : "the document is not well-formed XML";
            throw RimFailures.malformed(what + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ")");
        } catch (SAXException | IOException | RuntimeException e) {
            throw RimFailures.malformed("the document cannot be parsed as XML (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static DocumentBuilder newBuilder() throws AttestationVerificationException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            f.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            f.setFeature(LOAD_EXTERNAL_DTD, false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute(MAX_DEPTH, Integer.toString(MAX_ELEMENT_DEPTH));
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(STRICT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not resolved");
            });
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            // the JDK parser supports every setting above; fail closed rather than parse with fewer protections
            throw RimFailures.malformed("the XML parser cannot be configured securely", e);
        }
    }
}
