package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A COSE_Sign1 message (RFC 9052 §4.2): {@code 18([protected: bstr, unprotected: map, payload: bstr, signature:
 * bstr])}. The protected header and the payload are kept exactly as received, and the Sig_structure is built from
 * those bytes; nothing is ever re-encoded. Instances are immutable and thread-safe.
 */
final class CoseSign1 {
    static final long TAG = 18;
    /** COSE algorithm ES256: ECDSA P-256 with SHA-256. */
    static final long ES256 = -7;
    /** COSE algorithm ES384: ECDSA P-384 with SHA-384. */
    static final long ES384 = -35;
    private static final byte[] CONTEXT = "Signature1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] protectedHeader;
    private final long algorithm;
    private final byte[] payload;
    private final byte[] signature;

    private CoseSign1(byte[] protectedHeader, long algorithm, byte[] payload, byte[] signature) {
        this.protectedHeader = protectedHeader;
        this.algorithm = algorithm;
        this.payload = payload;
        this.signature = signature;
    }

    /**
     * Parses a tagged COSE_Sign1 message.
     *
     * @param encoded the message bytes
     * @param which "platform" or "realm", for messages
     * @throws AttestationVerificationException EVIDENCE_MALFORMED for a structural defect;
     *     UNSUPPORTED_EVIDENCE_FORMAT for an untagged or otherwise tagged item, a detached payload or a critical
     *     header parameter
     */
    static CoseSign1 parse(byte[] encoded, String which) throws AttestationVerificationException {
        Object root = Cbor.decode(encoded, which + " token");
        if (!(root instanceof Cbor.Tagged) || ((Cbor.Tagged) root).tag() != TAG) {
            throw Failures.unsupported("the " + which + " token must be a COSE_Sign1 message with CBOR tag 18, got "
                    + Cbor.describe(root));
        }
        List<Object> parts = Cbor.array(((Cbor.Tagged) root).value(), which + " COSE_Sign1");
        if (parts.size() != 4) {
            throw Failures.malformed(which + " COSE_Sign1 must have 4 elements, got " + parts.size());
        }
        byte[] protectedHeader = Cbor.bytes(parts.get(0), which + " COSE_Sign1 protected header");
        if (protectedHeader.length == 0) {
            throw Failures.malformed(which + " COSE_Sign1 protected header is empty: the algorithm must be protected");
        }
        Cbor.CborMap header = Cbor.map(Cbor.decode(protectedHeader, which + " COSE_Sign1 protected header"),
                which + " COSE_Sign1 protected header");
        Object alg = header.get(1).orElseThrow(() -> Failures.malformed(which
                + " COSE_Sign1 protected header lacks the algorithm (label 1)"));
        if (!(alg instanceof Long)) {
            throw Failures.unsupported(which + " COSE_Sign1 algorithm must be an integer, got " + Cbor.describe(alg));
        }
        if (header.get(2).isPresent()) {
            throw Failures.unsupported(which + " COSE_Sign1 declares critical header parameters (label 2)");
        }
        Cbor.map(parts.get(1), which + " COSE_Sign1 unprotected header");
        if (parts.get(2) == Cbor.NULL) {
            throw Failures.unsupported(which + " COSE_Sign1 has a detached payload");
        }
        byte[] payload = Cbor.bytes(parts.get(2), which + " COSE_Sign1 payload");
        byte[] signature = Cbor.bytes(parts.get(3), which + " COSE_Sign1 signature");
        return new CoseSign1(protectedHeader, (Long) alg, payload, signature);
    }

    long algorithm() {
        return algorithm;
    }

    /** The payload bytes as received (the claims set). */
    byte[] payload() {
        return payload;
    }

    /** The raw {@code r‖s} signature. */
    byte[] signature() {
        return signature;
    }

    /**
     * The bytes the signature covers: {@code ["Signature1", protected, h'', payload]} (RFC 9052 §4.4), with the
     * protected header and payload byte strings exactly as received.
     */
    byte[] toBeSigned() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(protectedHeader.length + payload.length + 32);
        out.write(0x84); // array of 4
        head(out, 3, CONTEXT.length);
        out.writeBytes(CONTEXT);
        head(out, 2, protectedHeader.length);
        out.writeBytes(protectedHeader);
        head(out, 2, 0); // external_aad: empty
        head(out, 2, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Writes a CBOR head (major type and definite length) in its shortest form. */
    static void head(ByteArrayOutputStream out, int major, long length) {
        int m = major << 5;
        if (length < 24) {
            out.write(m | (int) length);
        } else if (length < 0x100) {
            out.write(m | 24);
            out.write((int) length);
        } else if (length < 0x10000) {
            out.write(m | 25);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else if (length < 0x100000000L) {
            out.write(m | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        } else {
            out.write(m | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
    }

    /** Names a COSE algorithm for messages and claims. */
    static String algorithmName(long alg) {
        if (alg == ES256) {
            return "ES256";
        }
        if (alg == ES384) {
            return "ES384";
        }
        return "COSE algorithm " + alg;
    }
}
