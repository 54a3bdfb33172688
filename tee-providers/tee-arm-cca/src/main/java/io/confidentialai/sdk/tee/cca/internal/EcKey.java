package io.confidentialai.sdk.tee.cca.internal;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An ECDSA public key on NIST P-256 or P-384, checked to be a point on its curve, that verifies raw {@code r‖s}
 * signatures.
 *
 * <p>Verification uses Bouncy Castle's lightweight ECDSA over its optimized curve implementations (about ten times
 * faster than the JDK 17 SunEC provider on P-384, which matters for the two signatures of every token); the digest
 * comes from the JDK. Instances are immutable and thread-safe.
 */
final class EcKey {
    /** The supported curves, with the COSE algorithm each one signs with. */
    enum Curve {
        P256("P-256", "secp256r1", X9ObjectIdentifiers.prime256v1, 32, CoseSign1.ES256, "SHA-256"),
        P384("P-384", "secp384r1", SECObjectIdentifiers.secp384r1, 48, CoseSign1.ES384, "SHA-384");

        final String label;
        final ASN1ObjectIdentifier oid;
        final int size;
        final long coseAlgorithm;
        final String digest;
        final ECDomainParameters domain;

        Curve(String label, String name, ASN1ObjectIdentifier oid, int size, long coseAlgorithm, String digest) {
            this.label = label;
            this.oid = oid;
            this.size = size;
            this.coseAlgorithm = coseAlgorithm;
            this.digest = digest;
            X9ECParameters p = CustomNamedCurves.getByName(name);
            this.domain = new ECDomainParameters(p.getCurve(), p.getG(), p.getN(), p.getH(), p.getSeed());
        }

        /** Returns the curve that signs with COSE algorithm {@code alg}, or null. */
        static Curve forAlgorithm(long alg) {
            for (Curve c : values()) {
                if (c.coseAlgorithm == alg) {
                    return c;
                }
            }
            return null;
        }
    }

    private final Curve curve;
    private final ECPublicKeyParameters key;

    private EcKey(Curve curve, ECPublicKeyParameters key) {
        this.curve = curve;
        this.key = key;
    }

    /**
     * Builds a key from its affine coordinates (big-endian, exactly the curve's size each).
     *
     * @throws InvalidKeyException if a coordinate has the wrong length or the point is not on the curve
     */
    static EcKey of(Curve curve, byte[] x, byte[] y) throws InvalidKeyException {
        if (x.length != curve.size || y.length != curve.size) {
            throw new InvalidKeyException(curve.label + " coordinates must be " + curve.size + " bytes each, got "
                    + x.length + " and " + y.length);
        }
        try {
            ECPoint q = curve.domain.getCurve().validatePoint(new BigInteger(1, x), new BigInteger(1, y));
            return new EcKey(curve, new ECPublicKeyParameters(q, curve.domain));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("the public key is not a point on " + curve.label + " (off-curve key)");
        }
    }

    /**
     * Builds a key from an uncompressed SEC1 point {@code 0x04‖X‖Y}.
     *
     * @throws InvalidKeyException if the encoding is not an uncompressed point of the curve's size, or the point is
     *     not on the curve
     */
    static EcKey ofUncompressed(Curve curve, byte[] point) throws InvalidKeyException {
        if (point.length != 1 + 2 * curve.size || point[0] != 0x04) {
            throw new InvalidKeyException("an uncompressed " + curve.label + " point is 0x04 followed by "
                    + 2 * curve.size + " bytes, got " + point.length + " bytes"
                    + (point.length > 0 ? String.format(" starting 0x%02x", point[0] & 0xff) : ""));
        }
        return of(curve, Arrays.copyOfRange(point, 1, 1 + curve.size),
                Arrays.copyOfRange(point, 1 + curve.size, point.length));
    }

    /**
     * Builds a key from a DER SubjectPublicKeyInfo (id-ecPublicKey with the named curve P-256 or P-384).
     *
     * @throws InvalidKeyException for any other structure, algorithm or curve, or a point not on the curve
     */
    static EcKey ofSubjectPublicKeyInfo(byte[] der) throws InvalidKeyException {
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidKeyException("not a DER SubjectPublicKeyInfo");
        }
        AlgorithmIdentifier alg = spki.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())) {
            throw new InvalidKeyException("not an EC public key (algorithm " + alg.getAlgorithm() + ")");
        }
        Curve curve = null;
        for (Curve c : Curve.values()) {
            if (c.oid.equals(alg.getParameters())) {
                curve = c;
            }
        }
        if (curve == null) {
            throw new InvalidKeyException("the EC key is on neither P-256 nor P-384");
        }
        byte[] point = spki.getPublicKeyData().getOctets();
        if (point.length > 0 && (point[0] == 0x02 || point[0] == 0x03)) {
            try {
                ECPoint q = curve.domain.getCurve().decodePoint(point);
                return new EcKey(curve, new ECPublicKeyParameters(q, curve.domain));
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyException("the public key is not a point on " + curve.label + " (off-curve key)");
            }
        }
        return ofUncompressed(curve, point);
    }

    Curve curve() {
        return curve;
    }

    /** The uncompressed SEC1 encoding {@code 0x04‖X‖Y}. */
    byte[] uncompressed() {
        return key.getQ().getEncoded(false);
    }

    /** A short, non-secret label: the curve and the first 8 bytes of SHA-256 of the uncompressed point. */
    String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(uncompressed());
            return curve.label + " key " + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Verifies a raw {@code r‖s} signature made with COSE algorithm {@code alg} over {@code message}.
     *
     * @return false for a wrong, out-of-range or wrong-length signature, or an algorithm this key's curve does not
     *     sign with; never throws for bad input
     */
    boolean verify(long alg, byte[] message, byte[] rawSignature) {
        if (alg != curve.coseAlgorithm || rawSignature.length != 2 * curve.size) {
            return false;
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance(curve.digest).digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + curve.digest, e);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rawSignature, 0, curve.size));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rawSignature, curve.size, rawSignature.length));
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(digest, r, s);
    }

    @Override
    public String toString() {
        return fingerprint();
    }
}
