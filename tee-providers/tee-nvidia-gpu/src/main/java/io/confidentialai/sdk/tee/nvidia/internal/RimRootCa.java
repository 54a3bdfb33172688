package io.confidentialai.sdk.tee.nvidia.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The pinned "NVIDIA CoRIM signing Root CA" (P-384, ecdsa-with-SHA384, 2023-03-16 to 2053-03-08), the trust anchor
 * of every genuine NVIDIA Reference Integrity Manifest. It is the certificate that NVIDIA's local GPU verifier ships as
 * {@code verifier_RIM_root.pem}. The certificate is embedded here and checked against its SHA-256 fingerprint and its
 * own signature when the class is initialized; a mismatch fails class initialization, so no RIM can be accepted.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class RimRootCa {
    /** SHA-256 of the DER encoding of the NVIDIA CoRIM signing Root CA certificate. */
    static final String SHA256_HEX = "12977b5115acb0381179279fffeb5a8c4d264971ebb32298023a465fa41df5d1";

    private static final String PEM =
            "-----BEGIN CERTIFICATE-----\n"
            + "MIICKTCCAbCgAwIBAgIQRdrjoA5QN73fh1N17LXicDAKBggqhkjOPQQDAzBFMQsw\n"
            + "CQYDVQQGEwJVUzEPMA0GA1UECgwGTlZJRElBMSUwIwYDVQQDDBxOVklESUEgQ29S\n"
            + "SU0gc2lnbmluZyBSb290IENBMCAXDTIzMDMxNjE1MzczNFoYDzIwNTMwMzA4MTUz\n"
            + "NzM0WjBFMQswCQYDVQQGEwJVUzEPMA0GA1UECgwGTlZJRElBMSUwIwYDVQQDDBxO\n"
            + "VklESUEgQ29SSU0gc2lnbmluZyBSb290IENBMHYwEAYHKoZIzj0CAQYFK4EEACID\n"
            + "YgAEuECyi9vNM+Iw2lfUzyBldHAwaC1HF7TCgp12QcEyUTm3Tagxwr48d55+K2VI\n"
            + "lWYIDk7NlAIQdcV/Ff7euGLI+Qauj93HsSI4WX298PpW54RTgz9tC+Q684caR/BX\n"
            + "WEeZo2MwYTAdBgNVHQ4EFgQUpaXrOPK4ZDAk08DBskn594zeZjAwHwYDVR0jBBgw\n"
            + "FoAUpaXrOPK4ZDAk08DBskn594zeZjAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8B\n"
            + "Af8EBAMCAQYwCgYIKoZIzj0EAwMDZwAwZAIwHGDyscDP6ihHqRvZlI3eqZ4YkvjE\n"
            + "1duaN84tAHRVgxVMvNrp5Tnom3idHYGW/dskAjATvjIx6VzHm/4e2GiZAyZEIUBD\n"
            + "OKPzp5ei/A0iUZpdvngenDwV8Qa/wGdiTmJ7Bp4=\n"
            + "-----END CERTIFICATE-----\n";

    private static final X509Certificate CERTIFICATE = load();
    private static final byte[] DER = encoded(CERTIFICATE);

    private RimRootCa() {}

    static X509Certificate certificate() {
        return CERTIFICATE;
    }

    /** Returns whether {@code der} is exactly the encoding of the pinned root. */
    static boolean matches(byte[] der) {
        return MessageDigest.isEqual(DER, der);
    }

    private static X509Certificate load() {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(PEM.getBytes(StandardCharsets.US_ASCII)));
            String fingerprint = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            if (!fingerprint.equals(SHA256_HEX)) {
                throw new IllegalStateException("embedded NVIDIA CoRIM signing Root CA has SHA-256 " + fingerprint
                        + ", expected " + SHA256_HEX);
            }
            cert.verify(cert.getPublicKey());
            return cert;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the embedded NVIDIA CoRIM signing Root CA", e);
        }
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the embedded NVIDIA CoRIM signing Root CA", e);
        }
    }
}
