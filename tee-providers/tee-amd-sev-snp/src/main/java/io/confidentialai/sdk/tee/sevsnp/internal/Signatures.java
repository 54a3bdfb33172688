package io.confidentialai.sdk.tee.sevsnp.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * The two signature schemes of SEV-SNP: RSASSA-PSS (SHA-384, MGF1 with SHA-384, salt 48, trailer 1) on the AMD
 * certificates and CRLs, checked through the JDK; and ECDSA P-384 with SHA-384 on the report, checked with Bouncy
 * Castle's lightweight API because its fixed P-384 field arithmetic is about nine times faster than the JDK 17
 * implementation (about 0.25 ms against 2.3 ms per verification on the reference machine).
 */
final class Signatures {
    static final String RSASSA_PSS_OID = "1.2.840.113549.1.1.10";
    private static final X9ECParameters P384 = CustomNamedCurves.getByName("secp384r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P384.getCurve(), P384.getG(), P384.getN(),
            P384.getH());

    private Signatures() {}

    /** Whether the certificate's signature algorithm is exactly AMD's RSASSA-PSS profile. */
    static boolean isAmdPss(X509Certificate cert) {
        return isAmdPss(cert.getSigAlgOID(), cert.getSigAlgParams());
    }

    /** Whether the CRL's signature algorithm is exactly AMD's RSASSA-PSS profile. */
    static boolean isAmdPss(X509CRL crl) {
        return isAmdPss(crl.getSigAlgOID(), crl.getSigAlgParams());
    }

    private static boolean isAmdPss(String oid, byte[] params) {
        if (!RSASSA_PSS_OID.equals(oid) || params == null) {
            return false;
        }
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("RSASSA-PSS");
            ap.init(params);
            PSSParameterSpec spec = ap.getParameterSpec(PSSParameterSpec.class);
            return isSha384(spec.getDigestAlgorithm()) && "MGF1".equalsIgnoreCase(spec.getMGFAlgorithm())
                    && spec.getMGFParameters() instanceof MGF1ParameterSpec
                    && isSha384(((MGF1ParameterSpec) spec.getMGFParameters()).getDigestAlgorithm())
                    && spec.getSaltLength() == 48 && spec.getTrailerField() == 1;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isSha384(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace("-", "");
        return n.equals("SHA384");
    }

    /**
     * Converts a certificate's public key to a P-384 verification key.
     *
     * @return the key, or empty when it is not an EC key on P-384 or not a valid point
     */
    static Optional<ECPublicKeyParameters> p384(PublicKey key) {
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
     * Verifies an ECDSA P-384 signature over a SHA-384 digest.
     *
     * @return false for a wrong or out-of-range signature; never throws for bad input
     */
    static boolean verifyP384(ECPublicKeyParameters key, byte[] sha384, BigInteger r, BigInteger s) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(sha384, r, s);
    }
}
