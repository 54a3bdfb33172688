package io.confidentialai.sdk.tee.nvidia.internal;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ECDSA on NIST P-384 through Bouncy Castle's lightweight API: its fixed P-384 field arithmetic verifies about ten
 * times faster than the JDK 17 SunEC provider, which matters because every GPU evidence carries one P-384 signature.
 * The digest (SHA-384) comes from the JDK.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class P384 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp384r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
            CURVE.getN(), CURVE.getH());

    private P384() {}

    /**
     * Converts a certificate's public key to a P-384 verification key.
     *
     * @return the key, or empty when it is not an EC key on P-384 or not a valid point
     */
    static Optional<ECPublicKeyParameters> key(PublicKey key) {
        if (!(key instanceof ECPublicKey)) {
            return Optional.empty();
        }
        ECPublicKey ec = (ECPublicKey) key;
        ECParameterSpec params = ec.getParams();
        if (!params.getOrder().equals(DOMAIN.getN()) || params.getCofactor() != 1
                || !params.getCurve().getB().equals(DOMAIN.getCurve().getB().toBigInteger())
                || !params.getGenerator().getAffineX().equals(DOMAIN.getG().getAffineXCoord().toBigInteger())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ECPublicKeyParameters(
                    DOMAIN.getCurve().validatePoint(ec.getW().getAffineX(), ec.getW().getAffineY()), DOMAIN));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Verifies an ECDSA P-384 signature {@code (r, s)} over a SHA-384 digest.
     *
     * @return false for a wrong or out-of-range signature; never throws for bad input
     */
    static boolean verify(ECPublicKeyParameters key, byte[] sha384, BigInteger r, BigInteger s) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(sha384, r, s);
    }
}
