package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * An authenticated NVIDIA Reference Integrity Manifest (RIM): an ISO/IEC 19770-2 SWID tag with TCG RIM attributes that
 * lists, per GPU measurement index, the SHA-384 values a driver or VBIOS release may produce, signed with an enveloped
 * XML signature by a certificate chain that ends at the NVIDIA CoRIM signing Root CA.
 *
 * <p><b>Security guarantees.</b> A {@code RimDocument} exists only after {@link #parseAndVerify} has: bounded the size;
 * parsed the bytes with a hardened parser (no DOCTYPE, no entities, no external access, limited depth); checked that
 * the document holds exactly one {@code SoftwareIdentity} (the document element) and exactly one signature, a child of
 * it, whose single reference is the whole document; validated the {@code KeyInfo} chain at the given instant up to the
 * pinned root (hardware) or a configured simulation root (not hardware); verified the signature (JDK XML-DSig, secure
 * validation on) with the validated signer key; and only then read the entries from that same verified DOM. Revocation
 * of the signing certificates (NVIDIA OCSP) is not checked here, nor is whether the RIM's version matches the GPU's
 * driver or VBIOS: callers compare {@link #version()} with the evidence.
 *
 * <p>Entries: each {@code Payload/Resource} has a 0-based {@code index} (the SPDM measurement block index minus one),
 * {@code active="True"|"False"}, {@code alternatives} (1 to {@value #MAX_ALTERNATIVES}) and as many
 * {@code Hash0, Hash1, …} attributes in the namespace {@value #SHA384_NS}, each 96 hex digits. At most
 * {@value #MAX_ENTRIES} entries, indices 0 to {@value #MAX_INDEX}, no index twice, at least one active entry. Any
 * violation is {@code EVIDENCE_MALFORMED}.
 *
 * <p>Verified documents are remembered in a small bounded memo keyed by the SHA-256 of their bytes (a pure function of
 * the bytes, not configuration); on a hit the instant is re-checked against every certificate's validity window and a
 * simulation anchor against the simulation roots of that call, so the cache never changes a verdict.
 *
 * <p>Instances are immutable and thread-safe. This class is internal and is not meant to be used by applications; it
 * may change at any time.
 */
final class RimDocument {
    /** Which firmware a RIM describes. */
    enum Kind {
        /** The GPU driver (its measurements come from GSP-RM). */
        DRIVER,
        /** The VBIOS (its measurements come from FSP and the boot firmware). */
        VBIOS
    }

    static final String SWID_NS = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";
    static final String SHA384_NS = "http://www.w3.org/2001/04/xmlenc#sha384";
    static final int DIGEST_BYTES = 48;
    static final int MAX_ALTERNATIVES = 16;
    /** The highest RIM index; SPDM measurement indices run from 1 to 254 (0xFF means "all"). */
    static final int MAX_INDEX = 253;
    /** At most one entry per index, counted before an entry is parsed. */
    static final int MAX_ENTRIES = MAX_INDEX + 1;
    static final int CACHE_CAPACITY = 64;

    private static final Logger log = LoggerFactory.getLogger(RimDocument.class);
    private static final int MAX_ID_CHARS = 128;
    private static final int MAX_VERSION_CHARS = 32;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");
    private static final Pattern DRIVER_VERSION = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,4}){1,3}");
    private static final Pattern VBIOS_VERSION = Pattern.compile("[0-9A-Fa-f]{2}(\\.[0-9A-Fa-f]{2}){4}");
    private static final Pattern SMALL_DECIMAL = Pattern.compile("[0-9]{1,3}");
    private static final Pattern HASH_NAME = Pattern.compile("Hash([0-9]{1,2})");
    private static final Pattern DIGEST_HEX = Pattern.compile("[0-9A-Fa-f]{" + 2 * DIGEST_BYTES + "}");
    private static final HexFormat HEX = HexFormat.of();
    private static final RimCache CACHE = new RimCache(CACHE_CAPACITY);

    private final String id;
    private final Kind kind;
    private final String version;
    private final String sha256;
    private final RimChain.Validated chain;
    /** SPDM index → allowed digests; never exposed, copied out. */
    private final Map<Integer, List<byte[]>> active;

    private RimDocument(String id, Kind kind, String version, String sha256, RimChain.Validated chain,
            Map<Integer, List<byte[]>> active) {
        this.id = id;
        this.kind = kind;
        this.version = version;
        this.sha256 = sha256;
        this.chain = chain;
        this.active = active;
    }

    /**
     * Parses a RIM and verifies its signature and signing chain at {@code at}.
     *
     * @param xml the RIM document (the caller's array is copied before use and never kept)
     * @param at the verification instant; every certificate of the chain must be valid then
     * @param simulationRoots simulation roots accepted as anchors in addition to the pinned NVIDIA root (documents
     *     anchored there report {@link #hardware()} false); empty for production
     * @param maxBytes the largest document accepted, checked before anything else
     * @return the verified document
     * @throws AttestationVerificationException {@code EVIDENCE_MALFORMED} (size, XML, entries),
     *     {@code SIGNATURE_INVALID} (signature shape or value) or {@code CERT_CHAIN_INVALID} (chain, anchor, validity)
     * @throws NullPointerException if an argument or a simulation root is null
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     */
    static RimDocument parseAndVerify(byte[] xml, Instant at, List<X509Certificate> simulationRoots, int maxBytes)
            throws AttestationVerificationException {
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(at, "at");
        List<X509Certificate> roots = List.copyOf(Objects.requireNonNull(simulationRoots, "simulationRoots"));
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (xml.length > maxBytes) {
            throw RimFailures.malformed("the document is " + xml.length + " bytes; at most " + maxBytes
                    + " are accepted");
        }
        byte[] copy = xml.clone();
        String sha256 = sha256Hex(copy);
        RimDocument cached = CACHE.get(sha256);
        if (cached != null) {
            cached.chain.recheck(at, roots);
            log.trace("NVIDIA RIM {} served from the verified-document cache", sha256);
            return cached;
        }
        RimDocument verified = verify(copy, sha256, at, roots);
        CACHE.put(sha256, verified);
        log.debug("NVIDIA RIM verified: id={} kind={} version={} hardware={} activeEntries={} sha256={}",
                verified.id, verified.kind, verified.version, verified.hardware(), verified.active.size(), sha256);
        return verified;
    }

    private static RimDocument verify(byte[] xml, String sha256, Instant at, List<X509Certificate> roots)
            throws AttestationVerificationException {
        Document document = RimXml.parse(xml);
        Element root = document.getDocumentElement();
        if (root == null || !isSwid(root, "SoftwareIdentity")) {
            throw RimFailures.malformed("the document element is not a SWID SoftwareIdentity");
        }
        int identities = document.getElementsByTagNameNS(SWID_NS, "SoftwareIdentity").getLength();
        if (identities != 1) {
            throw RimFailures.signature("the document holds " + identities
                    + " SoftwareIdentity elements; only the signed document element may be one");
        }
        RimChain.Validated chain = RimSignature.verify(document, root, at, roots);
        // everything below reads the DOM whose digest the signature covers
        String id = requiredAttribute(root, "tagId", "SoftwareIdentity");
        if (id.length() > MAX_ID_CHARS || !PRINTABLE.matcher(id).matches()) {
            throw RimFailures.malformed("the tagId is not 1 to " + MAX_ID_CHARS + " printable characters");
        }
        Element meta = onlyChild(root, "Meta");
        String version = requiredAttribute(meta, "colloquialVersion", "Meta");
        Kind kind = kindOf(version);
        Map<Integer, List<byte[]>> active = entries(onlyChild(root, "Payload"));
        return new RimDocument(id, kind, version, sha256, chain, active);
    }

    /**
     * The kind, from the version format: NVIDIA RIMs carry no explicit kind (the tagId is a digest), but the
     * colloquialVersion of a VBIOS RIM is five dot-separated hex bytes ("96.00.5E.00.01", as the SPDM opaque data
     * prints the VBIOS version) while a driver's is two to four decimal numbers ("545.00", "550.90.07").
     */
    private static Kind kindOf(String version) throws AttestationVerificationException {
        if (version.length() <= MAX_VERSION_CHARS) {
            if (VBIOS_VERSION.matcher(version).matches()) {
                return Kind.VBIOS;
            }
            if (DRIVER_VERSION.matcher(version).matches()) {
                return Kind.DRIVER;
            }
        }
        throw RimFailures.malformed("the colloquialVersion is neither a driver version (e.g. 550.90.07) nor a VBIOS "
                + "version (e.g. 96.00.5E.00.01)");
    }

    private static Map<Integer, List<byte[]>> entries(Element payload) throws AttestationVerificationException {
        TreeMap<Integer, List<byte[]>> active = new TreeMap<>();
        boolean[] seen = new boolean[MAX_INDEX + 1];
        int count = 0;
        for (Node child = payload.getFirstChild(); child != null; child = child.getNextSibling()) {
            switch (child.getNodeType()) {
                case Node.ELEMENT_NODE:
                    break;
                case Node.TEXT_NODE:
                case Node.CDATA_SECTION_NODE:
                    if (!child.getNodeValue().isBlank()) {
                        throw RimFailures.malformed("the Payload holds text outside its Resource entries");
                    }
                    continue;
                default:
                    continue; // comments and processing instructions carry nothing
            }
            Element resource = (Element) child;
            if (!isSwid(resource, "Resource")) {
                throw RimFailures.malformed("the Payload holds an element other than Resource");
            }
            if (++count > MAX_ENTRIES) {
                throw RimFailures.malformed("the Payload holds more than " + MAX_ENTRIES + " entries");
            }
            String where = "entry " + count;
            if (!"Measurement".equals(requiredAttribute(resource, "type", where))) {
                throw RimFailures.malformed(where + " is not of type Measurement");
            }
            int index = smallNumber(resource, "index", 0, MAX_INDEX, where);
            where = "entry index " + index;
            if (seen[index]) {
                throw RimFailures.malformed("index " + index + " appears in more than one entry");
            }
            seen[index] = true;
            boolean isActive = activeFlag(requiredAttribute(resource, "active", where), where);
            int alternatives = smallNumber(resource, "alternatives", 1, MAX_ALTERNATIVES, where);
            if (!Integer.toString(DIGEST_BYTES).equals(requiredAttribute(resource, "size", where))) {
                throw RimFailures.malformed(where + " does not declare size " + DIGEST_BYTES + " (SHA-384)");
            }
            byte[][] digests = digests(resource, alternatives, where);
            if (isActive) {
                List<byte[]> values = new ArrayList<>(alternatives);
                Collections.addAll(values, digests);
                active.put(index + 1, Collections.unmodifiableList(values));
            }
        }
        if (count == 0) {
            throw RimFailures.malformed("the Payload holds no entries");
        }
        if (active.isEmpty()) {
            throw RimFailures.malformed("the Payload holds no active entry");
        }
        return Collections.unmodifiableMap(active);
    }

    private static byte[][] digests(Element resource, int alternatives, String where)
            throws AttestationVerificationException {
        byte[][] digests = new byte[alternatives][];
        NamedNodeMap attributes = resource.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attr = (Attr) attributes.item(i);
            if (!SHA384_NS.equals(attr.getNamespaceURI())) {
                continue;
            }
            var name = HASH_NAME.matcher(attr.getLocalName());
            int k = name.matches() ? Integer.parseInt(name.group(1)) : -1;
            if (k < 0 || k >= alternatives) {
                throw RimFailures.malformed(where + " has a SHA-384 attribute beyond its " + alternatives
                        + " alternatives");
            }
            String hex = attr.getValue();
            if (!DIGEST_HEX.matcher(hex).matches()) {
                throw RimFailures.malformed(where + " Hash" + k + " is not " + 2 * DIGEST_BYTES + " hex digits");
            }
            digests[k] = HEX.parseHex(hex);
        }
        for (int k = 0; k < alternatives; k++) {
            if (digests[k] == null) {
                throw RimFailures.malformed(where + " declares " + alternatives + " alternatives but has no Hash" + k);
            }
        }
        return digests;
    }

    private static boolean activeFlag(String value, String where) throws AttestationVerificationException {
        if (value.equalsIgnoreCase("True")) {
            return true;
        }
        if (value.equalsIgnoreCase("False")) {
            return false;
        }
        throw RimFailures.malformed(where + " has an active flag other than True or False");
    }

    private static int smallNumber(Element element, String name, int min, int max, String where)
            throws AttestationVerificationException {
        String text = requiredAttribute(element, name, where);
        int value = SMALL_DECIMAL.matcher(text).matches() ? Integer.parseInt(text) : -1;
        if (value < min || value > max) {
            throw RimFailures.malformed(where + " has " + name + " outside " + min + " to " + max);
        }
        return value;
    }

    private static String requiredAttribute(Element element, String name, String where)
            throws AttestationVerificationException {
        Attr attr = element.getAttributeNodeNS(null, name);
        if (attr == null || attr.getValue().isEmpty()) {
            throw RimFailures.malformed(where + " has no " + name + " attribute");
        }
        return attr.getValue();
    }

    private static Element onlyChild(Element parent, String localName) throws AttestationVerificationException {
        @Nullable Element found = null;
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && isSwid((Element) child, localName)) {
                if (found != null) {
                    throw RimFailures.malformed("the SoftwareIdentity holds more than one " + localName);
                }
                found = (Element) child;
            }
        }
        if (found == null) {
            throw RimFailures.malformed("the SoftwareIdentity holds no " + localName);
        }
        return found;
    }

    private static boolean isSwid(Element element, String localName) {
        return SWID_NS.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** The SWID {@code tagId} (for NVIDIA's RIMs a hex digest, not the RIM service identifier). */
    String id() {
        return id;
    }

    /** Driver or VBIOS, from the format of the colloquialVersion (NVIDIA RIMs name no kind explicitly). */
    Kind kind() {
        return kind;
    }

    /** The {@code Meta/@colloquialVersion}: the driver version ("545.00") or the VBIOS version ("96.00.5E.00.01"). */
    String version() {
        return version;
    }

    /** True iff the signing chain ends at the pinned NVIDIA CoRIM signing Root CA; false for a simulation root. */
    boolean hardware() {
        return chain.hardware();
    }

    /** The SHA-256 of the document bytes, lower-case hex (for logs and audit). */
    String sha256() {
        return sha256;
    }

    /** The signing chain's validity windows, leaf first (names and instants only). */
    List<RimChain.Validity> validities() {
        return chain.validities();
    }

    /**
     * The allowed SHA-384 values of every active entry, keyed by SPDM measurement block index (RIM index + 1), in
     * ascending order. The map and lists are unmodifiable and the arrays are fresh copies on every call.
     */
    Map<Integer, List<byte[]>> activeDigests() {
        Map<Integer, List<byte[]>> copy = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<byte[]>> e : active.entrySet()) {
            List<byte[]> values = new ArrayList<>(e.getValue().size());
            for (byte[] v : e.getValue()) {
                values.add(v.clone());
            }
            copy.put(e.getKey(), Collections.unmodifiableList(values));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Whether {@code value} is an allowed value of the active entry at SPDM index {@code spdmIndex}. */
    boolean allows(int spdmIndex, byte[] value) {
        List<byte[]> values = active.get(spdmIndex);
        if (values == null) {
            return false;
        }
        boolean found = false;
        for (byte[] v : values) {
            found |= MessageDigest.isEqual(v, value);
        }
        return found;
    }

    /** The SPDM indices of the active entries, ascending. */
    List<Integer> activeIndices() {
        return List.copyOf(active.keySet());
    }

    @Override
    public String toString() {
        return "RimDocument[id=" + id + ", kind=" + kind + ", version=" + version + ", hardware=" + hardware()
                + ", activeEntries=" + active.size() + ", sha256=" + sha256 + "]";
    }
}
