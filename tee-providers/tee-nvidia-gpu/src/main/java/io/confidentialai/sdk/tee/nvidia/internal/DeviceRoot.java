package io.confidentialai.sdk.tee.nvidia.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The pinned NVIDIA Device Identity CA: the root of every NVIDIA GPU device certificate chain (P-384,
 * ecdsa-with-SHA384, valid 2021-11-05 to 9999-12-31), as NVIDIA ships it with its verifier (nvtrust
 * {@code local_gpu_verifier/.../certs/verifier_device_root.pem}). Its DER SHA-256 is checked when the class loads, so
 * a changed constant fails loudly instead of trusting another root.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class DeviceRoot {
    /** SHA-256 of the certificate's DER encoding. */
    static final String SHA256_HEX = "102bf659d5419614c9d8e6aecebc80454eb26b1df6a769ac720b9a690b167b48";
    static final String NAME = "NVIDIA Device Identity CA";

    private static final String PEM = "-----BEGIN CERTIFICATE-----\n"
            + "MIICCzCCAZCgAwIBAgIQLTZwscoQBBHB/sDoKgZbVDAKBggqhkjOPQQDAzA1MSIw\n"
            + "IAYDVQQDDBlOVklESUEgRGV2aWNlIElkZW50aXR5IENBMQ8wDQYDVQQKDAZOVklE\n"
            + "SUEwIBcNMjExMTA1MDAwMDAwWhgPOTk5OTEyMzEyMzU5NTlaMDUxIjAgBgNVBAMM\n"
            + "GU5WSURJQSBEZXZpY2UgSWRlbnRpdHkgQ0ExDzANBgNVBAoMBk5WSURJQTB2MBAG\n"
            + "ByqGSM49AgEGBSuBBAAiA2IABA5MFKM7+KViZljbQSlgfky/RRnEQScW9NDZF8SX\n"
            + "gAW96r6u/Ve8ZggtcYpPi2BS4VFu6KfEIrhN6FcHG7WP05W+oM+hxj7nyA1r1jkB\n"
            + "2Ry70YfThX3Ba1zOryOP+MJ9vaNjMGEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8B\n"
            + "Af8EBAMCAQYwHQYDVR0OBBYEFFeF/4PyY8xlfWi3Olv0jUrL+0lfMB8GA1UdIwQY\n"
            + "MBaAFFeF/4PyY8xlfWi3Olv0jUrL+0lfMAoGCCqGSM49BAMDA2kAMGYCMQCPeFM3\n"
            + "TASsKQVaT+8S0sO9u97PVGCpE9d/I42IT7k3UUOLSR/qvJynVOD1vQKVXf0CMQC+\n"
            + "EY55WYoDBvs2wPAH1Gw4LbcwUN8QCff8bFmV4ZxjCRr4WXTLFHBKjbfneGSBWwA=\n"
            + "-----END CERTIFICATE-----\n";

    private static final X509Certificate CERTIFICATE = load();
    private static final byte[] DER = encoded(CERTIFICATE);

    private DeviceRoot() {}

    static X509Certificate certificate() {
        return CERTIFICATE;
    }

    /** Whether {@code der} is exactly the pinned root. */
    static boolean matches(byte[] der) {
        return MessageDigest.isEqual(DER, der);
    }

    private static X509Certificate load() {
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(PEM.getBytes(StandardCharsets.US_ASCII)));
            String actual = Digests.sha256Hex(c.getEncoded());
            if (!SHA256_HEX.equals(actual)) {
                throw new IllegalStateException("the pinned NVIDIA Device Identity CA has SHA-256 " + actual
                        + ", expected " + SHA256_HEX);
            }
            c.verify(c.getPublicKey());
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the pinned NVIDIA Device Identity CA does not load", e);
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the pinned NVIDIA Device Identity CA cannot be encoded", e);
        }
    }
}
