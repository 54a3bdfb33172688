package io.confidentialai.sdk.tee.tdx.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The Intel SGX TCB Signing certificates (issued by the Intel SGX Root CA) that sign TCB info and QE identity
 * documents. Intel PCS returns the issuer chain in an HTTP header, which saved response files lose, so the published
 * certificates are embedded and used when collateral comes without its chain: the 2018 certificate (valid to
 * 2025-05-21) and its 2025 reissue (valid to 2032-05-06, same key and serial). Each is pinned by its SHA-256 and is
 * still validated against the root at the verification instant like any supplied chain.
 */
final class IntelTcbSigning {
    static final String SHA256_2018 = "ec37d98107bfb7dab6ff8de4d4dda6fde30a6f50b0d7b03eefb5652f1e652969";
    static final String SHA256_2025 = "c0575e76d0303b61d09cde8cbdb70db34a74f38318300d7c0e6ba8cf4bf45aea";

    private static final String PEM_2018 =
            "-----BEGIN CERTIFICATE-----\n"
            + "MIICizCCAjKgAwIBAgIUfjiC1ftVKUpASY5FhAPpFJG99FUwCgYIKoZIzj0EAwIw\n"
            + "aDEaMBgGA1UEAwwRSW50ZWwgU0dYIFJvb3QgQ0ExGjAYBgNVBAoMEUludGVsIENv\n"
            + "cnBvcmF0aW9uMRQwEgYDVQQHDAtTYW50YSBDbGFyYTELMAkGA1UECAwCQ0ExCzAJ\n"
            + "BgNVBAYTAlVTMB4XDTE4MDUyMTEwNTAxMFoXDTI1MDUyMTEwNTAxMFowbDEeMBwG\n"
            + "A1UEAwwVSW50ZWwgU0dYIFRDQiBTaWduaW5nMRowGAYDVQQKDBFJbnRlbCBDb3Jw\n"
            + "b3JhdGlvbjEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMQswCQYD\n"
            + "VQQGEwJVUzBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABENFG8xzydWRfK92bmGv\n"
            + "P+mAh91PEyV7Jh6FGJd5ndE9aBH7R3E4A7ubrlh/zN3C4xvpoouGlirMba+W2lju\n"
            + "ypajgbUwgbIwHwYDVR0jBBgwFoAUImUM1lqdNInzg7SVUr9QGzknBqwwUgYDVR0f\n"
            + "BEswSTBHoEWgQ4ZBaHR0cHM6Ly9jZXJ0aWZpY2F0ZXMudHJ1c3RlZHNlcnZpY2Vz\n"
            + "LmludGVsLmNvbS9JbnRlbFNHWFJvb3RDQS5kZXIwHQYDVR0OBBYEFH44gtX7VSlK\n"
            + "QEmORYQD6RSRvfRVMA4GA1UdDwEB/wQEAwIGwDAMBgNVHRMBAf8EAjAAMAoGCCqG\n"
            + "SM49BAMCA0cAMEQCIB9C8wOAN/ImxDtGACV246KcqjagZOR0kyctyBrsGGJVAiAj\n"
            + "ftbrNGsGU8YH211dRiYNoPPu19Zp/ze8JmhujB0oBw==\n"
            + "-----END CERTIFICATE-----\n";

    private static final String PEM_2025 =
            "-----BEGIN CERTIFICATE-----\n"
            + "MIICjTCCAjKgAwIBAgIUfjiC1ftVKUpASY5FhAPpFJG99FUwCgYIKoZIzj0EAwIw\n"
            + "aDEaMBgGA1UEAwwRSW50ZWwgU0dYIFJvb3QgQ0ExGjAYBgNVBAoMEUludGVsIENv\n"
            + "cnBvcmF0aW9uMRQwEgYDVQQHDAtTYW50YSBDbGFyYTELMAkGA1UECAwCQ0ExCzAJ\n"
            + "BgNVBAYTAlVTMB4XDTI1MDUwNjA5MjUwMFoXDTMyMDUwNjA5MjUwMFowbDEeMBwG\n"
            + "A1UEAwwVSW50ZWwgU0dYIFRDQiBTaWduaW5nMRowGAYDVQQKDBFJbnRlbCBDb3Jw\n"
            + "b3JhdGlvbjEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMQswCQYD\n"
            + "VQQGEwJVUzBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABENFG8xzydWRfK92bmGv\n"
            + "P+mAh91PEyV7Jh6FGJd5ndE9aBH7R3E4A7ubrlh/zN3C4xvpoouGlirMba+W2lju\n"
            + "ypajgbUwgbIwHwYDVR0jBBgwFoAUImUM1lqdNInzg7SVUr9QGzknBqwwUgYDVR0f\n"
            + "BEswSTBHoEWgQ4ZBaHR0cHM6Ly9jZXJ0aWZpY2F0ZXMudHJ1c3RlZHNlcnZpY2Vz\n"
            + "LmludGVsLmNvbS9JbnRlbFNHWFJvb3RDQS5kZXIwHQYDVR0OBBYEFH44gtX7VSlK\n"
            + "QEmORYQD6RSRvfRVMA4GA1UdDwEB/wQEAwIGwDAMBgNVHRMBAf8EAjAAMAoGCCqG\n"
            + "SM49BAMCA0kAMEYCIQDdmmRuAo3qCO8TC1IoJMITAoOEw4dlgEBHzSz1TuMSTAIh\n"
            + "AKVTqOkt59+co0O3m3hC+v5Fb00FjYWcgeu3EijOULo5\n"
            + "-----END CERTIFICATE-----\n";

    private static final List<X509Certificate> CERTIFICATES = List.of(load(PEM_2025, SHA256_2025),
            load(PEM_2018, SHA256_2018));

    /** The subject of Intel's TCB info and QE identity signer ("CN=Intel SGX TCB Signing, O=Intel Corporation, ..."). */
    static final X500Principal SUBJECT = CERTIFICATES.get(0).getSubjectX500Principal();

    private IntelTcbSigning() {}

    /** Returns an embedded TCB Signing certificate valid at {@code at}, newest first. */
    static Optional<X509Certificate> validAt(Instant at) {
        Date date = Date.from(at);
        for (X509Certificate c : CERTIFICATES) {
            if (!date.before(c.getNotBefore()) && !date.after(c.getNotAfter())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static X509Certificate load(String pem, String sha256) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            String fingerprint = HexText.encode(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            if (!fingerprint.equals(sha256)) {
                throw new IllegalStateException("embedded Intel SGX TCB Signing certificate has SHA-256 " + fingerprint
                        + ", expected " + sha256);
            }
            cert.verify(IntelRootCa.certificate().getPublicKey());
            return cert;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load an embedded Intel SGX TCB Signing certificate", e);
        }
    }
}
