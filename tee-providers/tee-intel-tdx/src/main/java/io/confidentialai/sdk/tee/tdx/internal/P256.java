package io.confidentialai.sdk.tee.tdx.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.jspecify.annotations.Nullable;

/**
 * ECDSA over NIST P-256, for the raw {@code r‖s} signatures and {@code x‖y} keys of DCAP quotes, for collateral
 * signatures and for certificates issued by P-256 keys.
 *
 * <p>Verification uses Bouncy Castle's lightweight ECDSA on its optimized secp256r1 curve (interleaved wNAF with a
 * cached table for the generator): on JDK 17 this is about six times faster than the SunEC provider, and a DCAP quote
 * needs three P-256 verifications. A {@link Keys} cache (one per verifier) keeps each public key's validated curve
 * point, on which Bouncy Castle stores the key's wNAF table, so a key seen again (the Intel PCK CA, a platform's PCK
 * key, a QE's attestation key) verifies about twice as fast; only public values are cached. Keys are validated as
 * points of P-256; {@code r} and {@code s} must lie in [1, n-1]. Certificates signed with another algorithm or key
 * type fall back to {@link X509Certificate#verify(PublicKey)}.
 */
final class P256 {
    static final int COORDINATE_LENGTH = 32;
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String ECDSA_SHA384 = "1.2.840.10045.4.3.3";
    private static final ECParameterSpec PARAMS = params();
    private static final BigInteger P = ((ECFieldFp) PARAMS.getCurve().getField()).getP();
    private static final BigInteger A = PARAMS.getCurve().getA();
    private static final BigInteger B = PARAMS.getCurve().getB();
    private static final BigInteger N = PARAMS.getOrder();
    private static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(X9.getCurve(), X9.getG(), X9.getN(),
            X9.getH());

    private P256() {}

    /** A bounded, thread-safe cache of validated public keys (with their precomputation), keyed by the point. */
    static final class Keys {
        private final BoundedCache<ECPoint, ECPublicKeyParameters> cache;

        Keys(int capacity) {
            this.cache = new BoundedCache<>(capacity);
        }

        /** Returns the validated parameters, or null when the point is not on the curve. */
        ECPublicKeyParameters get(ECPublicKey key) {
            ECPoint w = key.getW();
            ECPublicKeyParameters p = cache.get(w);
            if (p == null) {
                p = parameters(w);
                if (p != null) {
                    cache.put(w, p);
                }
            }
            return p;
        }
    }

    /**
     * Builds a public key from a raw 64-byte {@code x‖y} point.
     *
     * @return the key, or empty when the bytes are not a point on P-256
     */
    static Optional<ECPublicKey> publicKey(byte[] raw) {
        if (raw.length != 2 * COORDINATE_LENGTH) {
            return Optional.empty();
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(raw, 0, COORDINATE_LENGTH));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(raw, COORDINATE_LENGTH, 2 * COORDINATE_LENGTH));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            return Optional.empty();
        }
        BigInteger lhs = y.multiply(y).mod(P);
        BigInteger rhs = x.multiply(x).multiply(x).add(A.multiply(x)).add(B).mod(P);
        if (!lhs.equals(rhs)) {
            return Optional.empty();
        }
        try {
            return Optional.of((ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMS)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Returns whether {@code key} is an EC key on P-256. */
    static boolean isP256(PublicKey key) {
        if (!(key instanceof ECPublicKey)) {
            return false;
        }
        ECParameterSpec p = ((ECPublicKey) key).getParams();
        return p.getCurve().equals(PARAMS.getCurve()) && p.getOrder().equals(N)
                && p.getGenerator().equals(PARAMS.getGenerator());
    }

    /**
     * Verifies a raw 64-byte {@code r‖s} ECDSA-SHA256 signature.
     *
     * @return false for a wrong, out-of-range or unusable signature or key; never throws for bad input
     */
    static boolean verify(PublicKey key, byte[] message, byte[] rawSignature) {
        return verify(null, key, message, rawSignature);
    }

    /** As {@link #verify(PublicKey, byte[], byte[])}, reusing {@code keys} (may be null). */
    static boolean verify(@Nullable Keys keys, PublicKey key, byte[] message, byte[] rawSignature) {
        if (rawSignature.length != 2 * COORDINATE_LENGTH) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rawSignature, 0, COORDINATE_LENGTH));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rawSignature, COORDINATE_LENGTH, 2 * COORDINATE_LENGTH));
        return verifyDigest(keys, key, digest("SHA-256", message), r, s);
    }

    /**
     * Verifies an X.509 certificate's signature with its issuer's key: ecdsa-with-SHA256/384 by a P-256 key here,
     * anything else through the JDK.
     *
     * @return false when the signature does not verify or cannot be checked
     */
    static boolean verifyCertificate(@Nullable Keys keys, X509Certificate cert, PublicKey issuerKey) {
        String alg = cert.getSigAlgOID();
        if (isP256(issuerKey) && (ECDSA_SHA256.equals(alg) || ECDSA_SHA384.equals(alg))) {
            BigInteger[] rs = derSignature(cert.getSignature());
            if (rs == null) {
                return false;
            }
            try {
                byte[] tbs = cert.getTBSCertificate();
                return verifyDigest(keys, issuerKey, digest(ECDSA_SHA256.equals(alg) ? "SHA-256" : "SHA-384", tbs),
                        rs[0], rs[1]);
            } catch (CertificateEncodingException e) {
                return false;
            }
        }
        try {
            cert.verify(issuerKey);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Verifies an X.509 CRL's signature with its issuer's key: ecdsa-with-SHA256/384 by a P-256 key here, anything
     * else through the JDK.
     *
     * @return false when the signature does not verify or cannot be checked
     */
    static boolean verifyCrl(@Nullable Keys keys, X509CRL crl, PublicKey issuerKey) {
        String alg = crl.getSigAlgOID();
        if (isP256(issuerKey) && (ECDSA_SHA256.equals(alg) || ECDSA_SHA384.equals(alg))) {
            BigInteger[] rs = derSignature(crl.getSignature());
            if (rs == null) {
                return false;
            }
            try {
                byte[] tbs = crl.getTBSCertList();
                return verifyDigest(keys, issuerKey, digest(ECDSA_SHA256.equals(alg) ? "SHA-256" : "SHA-384", tbs),
                        rs[0], rs[1]);
            } catch (CRLException e) {
                return false;
            }
        }
        try {
            crl.verify(issuerKey);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** ECDSA verification of a message digest (truncated to 256 bits when longer, as ECDSA specifies). */
    private static boolean verifyDigest(@Nullable Keys keys, PublicKey key, byte[] digest, BigInteger r,
            BigInteger s) {
        if (!isP256(key) || r.signum() <= 0 || s.signum() <= 0 || r.compareTo(N) >= 0 || s.compareTo(N) >= 0) {
            return false;
        }
        ECPublicKeyParameters params = keys != null ? keys.get((ECPublicKey) key)
                : parameters(((ECPublicKey) key).getW());
        if (params == null) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, params);
        return verifier.verifySignature(digest, r, s);
    }

    /** The validated Bouncy Castle key for a point, or null when it is not a point of P-256. */
    private static @Nullable ECPublicKeyParameters parameters(ECPoint w) {
        try {
            return new ECPublicKeyParameters(DOMAIN.getCurve().createPoint(w.getAffineX(), w.getAffineY()), DOMAIN);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /** {@code r} and {@code s} of a strict DER {@code SEQUENCE { INTEGER r, INTEGER s }}, or null. */
    static BigInteger @Nullable [] derSignature(byte[] der) {
        if (der.length < 8 || der[0] != 0x30 || (der[1] & 0xff) != der.length - 2) {
            return null;
        }
        int pos = 2;
        BigInteger[] out = new BigInteger[2];
        for (int i = 0; i < 2; i++) {
            if (pos + 2 > der.length || der[pos] != 0x02) {
                return null;
            }
            int len = der[pos + 1] & 0xff;
            pos += 2;
            if (len == 0 || len > 33 || pos + len > der.length) {
                return null;
            }
            if ((der[pos] & 0x80) != 0 || (len > 1 && der[pos] == 0 && (der[pos + 1] & 0x80) == 0)) {
                return null; // negative, or not minimal
            }
            out[i] = new BigInteger(1, Arrays.copyOfRange(der, pos, pos + len));
            pos += len;
        }
        return pos == der.length ? out : null;
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }}; both fit in short-form lengths for P-256. */
    static byte[] derSignature(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + rb.length + sb.length);
        out.write(0x30);
        out.write(4 + rb.length + sb.length);
        out.write(0x02);
        out.write(rb.length);
        out.write(rb, 0, rb.length);
        out.write(0x02);
        out.write(sb.length);
        out.write(sb, 0, sb.length);
        return out.toByteArray();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    private static ECParameterSpec params() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not support P-256", e);
        }
    }
}
