package io.confidentialai.sdk.tee.tdx.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;

/** ECDSA over NIST P-256 with SHA-256, for the raw {@code r‖s} signatures and {@code x‖y} keys of DCAP quotes. */
final class P256 {
    static final int COORDINATE_LENGTH = 32;
    private static final ECParameterSpec PARAMS = params();
    private static final BigInteger P = ((ECFieldFp) PARAMS.getCurve().getField()).getP();
    private static final BigInteger A = PARAMS.getCurve().getA();
    private static final BigInteger B = PARAMS.getCurve().getB();
    private static final BigInteger N = PARAMS.getOrder();

    private P256() {}

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
        if (rawSignature.length != 2 * COORDINATE_LENGTH) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rawSignature, 0, COORDINATE_LENGTH));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rawSignature, COORDINATE_LENGTH, 2 * COORDINATE_LENGTH));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(N) >= 0 || s.compareTo(N) >= 0) {
            return false;
        }
        try {
            Signature sig = Signature.getInstance("SHA256withECDSA");
            sig.initVerify(key);
            sig.update(message);
            return sig.verify(derSignature(r, s));
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA256withECDSA", e);
        }
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
