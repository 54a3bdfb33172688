package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.util.List;

/**
 * A CCA attestation token: the collection of a platform token and a realm token, each a COSE_Sign1 message.
 *
 * <ul>
 *   <li>Tag 399 (legacy, RMM 1.0 and draft-ffm-rats-cca-token-00): {@code 399({44234: bstr, 44241: bstr})}, each
 *       byte string holding a tagged COSE_Sign1 message.
 *   <li>Tag 907 (current): {@code 907({44234: [263, bstr], 44241: [263, bstr]})}, each value a CMW record whose type
 *       263 is the CoAP content format of an EAT in a CWT.
 * </ul>
 *
 * Both entries are required and no other key is allowed. Instances are immutable and thread-safe.
 */
final class CcaToken {
    static final long TAG_LEGACY = 399;
    static final long TAG_CMW = 907;
    static final long PLATFORM_KEY = 44234;
    static final long REALM_KEY = 44241;
    /** CMW type: CoAP content format 263, application/eat+cwt. */
    static final long CMW_TYPE = 263;

    final long tag;
    final CoseSign1 platform;
    final CoseSign1 realm;

    private CcaToken(long tag, CoseSign1 platform, CoseSign1 realm) {
        this.tag = tag;
        this.platform = platform;
        this.realm = realm;
    }

    /**
     * Parses a token collection and both COSE_Sign1 envelopes (not their payloads).
     *
     * @throws AttestationVerificationException UNSUPPORTED_EVIDENCE_FORMAT for an item that is not a tag 399 or 907
     *     collection; EVIDENCE_MALFORMED for a structural defect
     */
    static CcaToken parse(byte[] data) throws AttestationVerificationException {
        Object root = Cbor.decode(data, "token");
        if (!(root instanceof Cbor.Tagged)) {
            throw Failures.unsupported("expected a CCA token collection with CBOR tag 399 or 907, got "
                    + Cbor.describe(root));
        }
        Cbor.Tagged tagged = (Cbor.Tagged) root;
        if (tagged.tag() != TAG_LEGACY && tagged.tag() != TAG_CMW) {
            throw Failures.unsupported("expected a CCA token collection with CBOR tag 399 or 907, got "
                    + Cbor.describe(root));
        }
        String what = "token collection (tag " + tagged.tag() + ")";
        Cbor.CborMap map = Cbor.map(tagged.value(), what);
        for (Object key : map.entries().keySet()) {
            if (!(key instanceof Long) || ((Long) key != PLATFORM_KEY && (Long) key != REALM_KEY)) {
                throw Failures.malformed(what + " has the unknown key " + (key instanceof String
                        ? "'" + ClaimReader.printable((String) key) + "'" : key) + "; only 44234 and 44241 are defined");
            }
        }
        byte[] platform = entry(map, PLATFORM_KEY, "platform", tagged.tag(), what);
        byte[] realm = entry(map, REALM_KEY, "realm", tagged.tag(), what);
        return new CcaToken(tagged.tag(), CoseSign1.parse(platform, "platform"), CoseSign1.parse(realm, "realm"));
    }

    private static byte[] entry(Cbor.CborMap map, long key, String which, long tag, String what)
            throws AttestationVerificationException {
        Object v = map.get(key).orElseThrow(() -> Failures.malformed(what + " lacks the " + which + " token (" + key
                + ")"));
        String name = what + " " + which + " token (" + key + ")";
        if (tag == TAG_LEGACY) {
            return Cbor.bytes(v, name);
        }
        List<Object> record = Cbor.array(v, name + " CMW record");
        if (record.size() != 2) {
            throw Failures.malformed(name + " must be a CMW record [263, bstr], got " + record.size() + " elements");
        }
        Object type = record.get(0);
        if (!(type instanceof Long) || (Long) type != CMW_TYPE) {
            throw Failures.unsupported(name + " CMW type must be 263 (application/eat+cwt), got "
                    + (type instanceof Long ? type.toString() : Cbor.describe(type)));
        }
        return Cbor.bytes(record.get(1), name + " CMW value");
    }
}
