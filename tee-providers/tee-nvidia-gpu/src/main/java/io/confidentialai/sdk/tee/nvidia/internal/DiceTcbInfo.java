package io.confidentialai.sdk.tee.nvidia.internal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Reads the firmware identity (FWID) from the TCG DICE TcbInfo extension {@value #OID} of a GPU device certificate.
 *
 * <p>Two encodings are accepted, both decoded as ASN.1 (never by taking "the last 48 bytes"):
 * <ul>
 *   <li>NVIDIA's GH100 encoding: {@code SEQUENCE { INTEGER version, SubjectPublicKeyInfo, FWID }}, where the
 *       key is the issuing BROM key and FWID is {@code SEQUENCE { hashAlg OBJECT IDENTIFIER, digest OCTET STRING }};</li>
 *   <li>the TCG DICE Attestation Architecture {@code DiceTcbInfo}: a SEQUENCE of context-tagged optional fields whose
 *       {@code [6] IMPLICIT fwids SEQUENCE OF FWID} carries the FWIDs.</li>
 * </ul>
 * Exactly one FWID must use SHA-384 (2.16.840.1.101.3.4.2.2) and hold 48 bytes; that digest is the FWID the GPU
 * reports in its opaque data (type 20).
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class DiceTcbInfo {
    static final String OID = "2.23.133.5.4.1";
    private static final int FWIDS_TAG = 6;

    private DiceTcbInfo() {}

    /**
     * Returns the SHA-384 FWID of the certificate.
     *
     * @return the 48-byte FWID, or empty when the certificate has no TcbInfo extension
     * @throws IllegalArgumentException when the extension is present but not one of the encodings above, or does not
     *     hold exactly one 48-byte SHA-384 FWID (the message says which)
     */
    static Optional<byte[]> fwid(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(OID);
        if (ext == null) {
            return Optional.empty();
        }
        ASN1Sequence info;
        try {
            byte[] value = ASN1OctetString.getInstance(ext).getOctets();
            info = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(value));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the TcbInfo extension is not a DER SEQUENCE");
        }
        List<ASN1Sequence> fwids = new ArrayList<>();
        boolean tagged = info.size() > 0 && info.getObjectAt(0) instanceof ASN1TaggedObject;
        for (ASN1Encodable e : info) {
            if (tagged) {
                if (!(e instanceof ASN1TaggedObject)) {
                    throw new IllegalArgumentException("the DiceTcbInfo mixes tagged and untagged fields");
                }
                ASN1TaggedObject t = (ASN1TaggedObject) e;
                if (t.getTagClass() == BERTags.CONTEXT_SPECIFIC && t.getTagNo() == FWIDS_TAG) {
                    for (ASN1Encodable f : sequence(t)) {
                        fwids.add(fwidSequence(f));
                    }
                }
            } else if (e instanceof ASN1Integer) {
                continue; // NVIDIA's version
            } else if (isFwid(e)) {
                fwids.add((ASN1Sequence) e);
            } else {
                try {
                    SubjectPublicKeyInfo.getInstance(e); // NVIDIA's issuer key; not used
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException("the TcbInfo extension holds an element that is neither a "
                            + "version, a public key nor an FWID");
                }
            }
        }
        byte[] found = null;
        for (ASN1Sequence f : fwids) {
            if (NISTObjectIdentifiers.id_sha384.equals(f.getObjectAt(0))) {
                if (found != null) {
                    throw new IllegalArgumentException("the TcbInfo extension holds more than one SHA-384 FWID");
                }
                found = ASN1OctetString.getInstance(f.getObjectAt(1)).getOctets();
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("the TcbInfo extension holds " + fwids.size()
                    + " FWID(s) but none with SHA-384");
        }
        if (found.length != OpaqueData.FWID_LENGTH) {
            throw new IllegalArgumentException("the SHA-384 FWID in the TcbInfo extension holds " + found.length
                    + " bytes, expected " + OpaqueData.FWID_LENGTH);
        }
        return Optional.of(found);
    }

    private static ASN1Sequence sequence(ASN1TaggedObject t) {
        try {
            return ASN1Sequence.getInstance(t, false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the DiceTcbInfo fwids field is not a SEQUENCE OF FWID");
        }
    }

    private static ASN1Sequence fwidSequence(ASN1Encodable e) {
        if (!isFwid(e)) {
            throw new IllegalArgumentException("a DiceTcbInfo FWID is not SEQUENCE { OBJECT IDENTIFIER, OCTET STRING }");
        }
        return (ASN1Sequence) e;
    }

    private static boolean isFwid(ASN1Encodable e) {
        if (!(e instanceof ASN1Sequence)) {
            return false;
        }
        ASN1Sequence s = (ASN1Sequence) e;
        return s.size() == 2 && s.getObjectAt(0) instanceof ASN1ObjectIdentifier
                && s.getObjectAt(1) instanceof ASN1OctetString;
    }
}
