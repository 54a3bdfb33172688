package io.confidentialai.sdk.tee.tdx.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The pinned Intel SGX Root CA (P-256, 2018-05-21 to 2049-12-31), the trust anchor of every genuine PCK certificate
 * chain. The certificate is embedded here and checked against its published SHA-256 fingerprint and its own
 * signature when the class is initialized.
 */
final class IntelRootCa {
    /** SHA-256 of the DER encoding of the Intel SGX Root CA certificate. */
    static final String SHA256_HEX = "44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3";

    private static final String PEM =
            "-----BEGIN CERTIFICATE-----\n"
            + "MIICjzCCAjSgAwIBAgIUImUM1lqdNInzg7SVUr9QGzknBqwwCgYIKoZIzj0EAwIw\n"
            + "aDEaMBgGA1UEAwwRSW50ZWwgU0dYIFJvb3QgQ0ExGjAYBgNVBAoMEUludGVsIENv\n"
            + "cnBvcmF0aW9uMRQwEgYDVQQHDAtTYW50YSBDbGFyYTELMAkGA1UECAwCQ0ExCzAJ\n"
            + "BgNVBAYTAlVTMB4XDTE4MDUyMTEwNDUxMFoXDTQ5MTIzMTIzNTk1OVowaDEaMBgG\n"
            + "A1UEAwwRSW50ZWwgU0dYIFJvb3QgQ0ExGjAYBgNVBAoMEUludGVsIENvcnBvcmF0\n"
            + "aW9uMRQwEgYDVQQHDAtTYW50YSBDbGFyYTELMAkGA1UECAwCQ0ExCzAJBgNVBAYT\n"
            + "AlVTMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEC6nEwMDIYZOj/iPWsCzaEKi7\n"
            + "1OiOSLRFhWGjbnBVJfVnkY4u3IjkDYYL0MxO4mqsyYjlBalTVYxFP2sJBK5zlKOB\n"
            + "uzCBuDAfBgNVHSMEGDAWgBQiZQzWWp00ifODtJVSv1AbOScGrDBSBgNVHR8ESzBJ\n"
            + "MEegRaBDhkFodHRwczovL2NlcnRpZmljYXRlcy50cnVzdGVkc2VydmljZXMuaW50\n"
            + "ZWwuY29tL0ludGVsU0dYUm9vdENBLmRlcjAdBgNVHQ4EFgQUImUM1lqdNInzg7SV\n"
            + "Ur9QGzknBqwwDgYDVR0PAQH/BAQDAgEGMBIGA1UdEwEB/wQIMAYBAf8CAQEwCgYI\n"
            + "KoZIzj0EAwIDSQAwRgIhAOW/5QkR+S9CiSDcNoowLuPRLsWGf/Yi7GSX94BgwTwg\n"
            + "AiEA4J0lrHoMs+Xo5o/sX6O9QWxHRAvZUGOdRQ7cvqRXaqI=\n"
            + "-----END CERTIFICATE-----\n";

    private static final X509Certificate CERTIFICATE = load();
    private static final byte[] DER = encoded(CERTIFICATE);

    private IntelRootCa() {}

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
            String fingerprint = HexText.encode(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            if (!fingerprint.equals(SHA256_HEX)) {
                throw new IllegalStateException("embedded Intel SGX Root CA has SHA-256 " + fingerprint
                        + ", expected " + SHA256_HEX);
            }
            cert.verify(cert.getPublicKey());
            return cert;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the embedded Intel SGX Root CA", e);
        }
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the embedded Intel SGX Root CA", e);
        }
    }
}
