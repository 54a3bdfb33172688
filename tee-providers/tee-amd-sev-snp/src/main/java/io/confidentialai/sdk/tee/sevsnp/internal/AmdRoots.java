package io.confidentialai.sdk.tee.sevsnp.internal;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The AMD certificates pinned in this provider: the AMD Root Keys (ARK) of Milan, Genoa and Turin, which anchor every
 * genuine endorsement chain, and the intermediates AMD publishes under them (ASK, which signs VCEKs, and ASVK, which
 * signs VLEKs), so that a VCEK or VLEK alone suffices as evidence attachment.
 *
 * <p>They are public AMD certificates (AMD KDS {@code /vcek/v1/<product>/cert_chain} and
 * {@code /vlek/v1/<product>/cert_chain}). When the class is initialized each one is checked against its SHA-256
 * fingerprint below; each ARK must verify its own signature and each ASK/ASVK must verify under its ARK (RSASSA-PSS,
 * SHA-384, MGF1-SHA-384, salt 48). A mismatch fails class initialization: the provider then verifies nothing.
 */
final class AmdRoots {
    /** What a pinned certificate is in the AMD hierarchy. */
    enum Role {
        /** AMD Root Key: self-signed, the trust anchor. */
        ARK,
        /** AMD SEV Signing Key: signs VCEKs. */
        ASK,
        /** AMD SEV VLEK Signing Key: signs VLEKs. */
        ASVK
    }

    /** One pinned certificate with its product and role; {@code der} is never handed out. */
    static final class Pinned {
        final Product product;
        final Role role;
        final X509Certificate certificate;
        private final byte[] der;

        Pinned(Product product, Role role, X509Certificate certificate, byte[] der) {
            this.product = product;
            this.role = role;
            this.certificate = certificate;
            this.der = der;
        }

        boolean matches(byte[] encoded) {
            return MessageDigest.isEqual(der, encoded);
        }
    }

    static final String MILAN_ARK_SHA256 = "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd";
    private static final String MILAN_ARK =
            "MIIGYzCCBBKgAwIBAgIDAQAAMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAICBQChHDAaBgkqhkiG"
            + "9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBMHsxFDASBgNVBAsMC0VuZ2luZWVyaW5nMQswCQYD"
            + "VQQGEwJVUzEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMR8wHQYDVQQKDBZBZHZhbmNl"
            + "ZCBNaWNybyBEZXZpY2VzMRIwEAYDVQQDDAlBUkstTWlsYW4wHhcNMjAxMDIyMTcyMzA1WhcNNDUxMDIy"
            + "MTcyMzA1WjB7MRQwEgYDVQQLDAtFbmdpbmVlcmluZzELMAkGA1UEBhMCVVMxFDASBgNVBAcMC1NhbnRh"
            + "IENsYXJhMQswCQYDVQQIDAJDQTEfMB0GA1UECgwWQWR2YW5jZWQgTWljcm8gRGV2aWNlczESMBAGA1UE"
            + "AwwJQVJLLU1pbGFuMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA0Ld52RJOdeiJlqK2JdsV"
            + "mD7FktuotWwX1fNgW41XY9Xz1HEhSUmhLz9Cu9DHRlvgJSNxbeYYsnJfvyjx1MfU0V5tkKiU1EesNFta"
            + "1kTA0szNisdYc9isqk7mXT5+KfGRbfc4V/9zRIcE8jlHN61S1ju8X93+6dxDUrG2SzxqJ4BhqyYmUDru"
            + "PXJSX4vUc01P7j98MpqOS95rORdGHeI52Naz5m2B+O+vjsC060d37jY9LFeuOP4Meri8qgfi2S5kKqg/"
            + "aF6aPtuAZQVR7u3KFYXP59XmJgtcog05gmI0T/OitLhuzVvpZcLph0odh/1IPXqx3+MnjD97A7fXpqGd"
            + "/y8KxX7jksTEzAOgbKAeam3lm+3yKIcTYMlsRMXPcjNbIvmsBykD//xSniusuHBkgnlENEWx1UcbQQrs"
            + "+gVDkuVPhsnzIRNgYvM48Y+7LGiJYnrmE8xcrexekBxrva2V9TJQqnN3Q53kt5viQi3+gCfmkwC0F0ti"
            + "rIZbLkXPrPwzZ0M9eNxhIySb2npJfgnqz55I0u33wh4r0ZNQeTGfw03MBUtyuzGesGkcw+loqMaq1qR4"
            + "tjGbPYxCvpCq7+OgpCCoMNit2uLo9M18fHz10lOMT8nWAUvRZFzteXCm+7PHdYPlmQwUw3LvenJ/ILXo"
            + "QPHfbkH0CyPfhl1jWhJFZasCAwEAAaN+MHwwDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBSFrBrRQ/fI"
            + "rFXUxR1BSKvVeErUUzAPBgNVHRMBAf8EBTADAQH/MDoGA1UdHwQzMDEwL6AtoCuGKWh0dHBzOi8va2Rz"
            + "aW50Zi5hbWQuY29tL3ZjZWsvdjEvTWlsYW4vY3JsMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAIC"
            + "BQChHDAaBgkqhkiG9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBA4ICAQC6m0kDp6zv4Ojfgy+z"
            + "leehsx6ol0ocgVelETobpx+EuCsqVFRPK1jZ1sp/lyd9+0fQ0r66n7kagRk4Ca39g66WGTJMeJdqYriw"
            + "STjjDCKVPSesWXYPVAyDhmP5n2v+BYipZWhpvqpaiO+EGK5IBP+578QeW/sSokrKdHaLAxG2LhZxj9aF"
            + "73fqC7OAJZ5aPonw4RE299FVarh1Tx2eT3wSgkDgutCTB1YqzT5DuwvAe+co2CIVIzMDamYuSFjPN0BC"
            + "gojl7V+bTou7dMsqIu/TW/rPCX9/EUcpKGKqPQ3P+N9r1hjEFY1plBg93t53OOo49GNI+V1zvXPLI6xI"
            + "FVsh+mto2RtgEX/epmMKTNN6psW88qg7c1hTWtN6MbRuQ0vm+O+/2tKBF2h8THb94OvvHHoFDpbCELlq"
            + "HnIYhxy0YKXGyaW1NjfULxrrmxVW4wcn5E8GddmvNa6yYm8scJagEi13mhGu4Jqh3QU3sf8iUSUr09xQ"
            + "DwHtOQUVIqx4maBZPBtSMf+qUDtjXSSq8lfWcd8bLr9mdsUnJZJ0+tuPMKmBnSH860llKk+VpVQsgqbz"
            + "DIvOLvD6W1Umq25boxCYJ+TuBoa4s+HHCViAvgT9kf/rBq1d+ivj6skkHxuzcxbk1xv6ZGxrteJxVH7K"
            + "lX7YRdZ6eARKwLe4AFZEAwoKCQ==";

    static final String MILAN_ASK_SHA256 = "67d303bd3905fd38db8b20e0793699870e7fa612eaad5dec358293fd8c0bac1b";
    private static final String MILAN_ASK =
            "MIIGiTCCBDigAwIBAgIDAQABMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAICBQChHDAaBgkqhkiG"
            + "9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBMHsxFDASBgNVBAsMC0VuZ2luZWVyaW5nMQswCQYD"
            + "VQQGEwJVUzEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMR8wHQYDVQQKDBZBZHZhbmNl"
            + "ZCBNaWNybyBEZXZpY2VzMRIwEAYDVQQDDAlBUkstTWlsYW4wHhcNMjAxMDIyMTgyNDIwWhcNNDUxMDIy"
            + "MTgyNDIwWjB7MRQwEgYDVQQLDAtFbmdpbmVlcmluZzELMAkGA1UEBhMCVVMxFDASBgNVBAcMC1NhbnRh"
            + "IENsYXJhMQswCQYDVQQIDAJDQTEfMB0GA1UECgwWQWR2YW5jZWQgTWljcm8gRGV2aWNlczESMBAGA1UE"
            + "AwwJU0VWLU1pbGFuMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAnU2drrNTfbhNQIllf+W2"
            + "y+ROCbSzId1aKZft2T9zjZQOzjGccl17i1mIKWl7NTcB0VYXt3JxZSzOZjsjLNVAEN2MGj9TiedL+Qew"
            + "KZX0JmQEuYjm+WKksLtxgdLp9E7EZNwNDqV1r0qRP5tB8OWkyQbIdLeu4aCz7j/Sl1FkBytev9sbFGzt"
            + "7cwnjzi9m7noqsk+uRVBp3+In35QPdcj8YflEmnHBNvuUDJhLCJMW8KOjP6++Phbs3iCitJcANEtW4qT"
            + "NFoKW3CHlbcSCjTM8KsNbUx3A8ek5EVLjZWH1pt9E3TfpR6XyfQKnY6kl5aEIPwdW3eFYaqCFPrIo9pQ"
            + "T6WuDSP4JCYJbZneKKIbZjzXkJt3NQG32EukYImBb9SCkm9+fS5LZFg9ojzubMX3+NkBoSXI7OPvnHMx"
            + "jup9mw5se6QUV7GqpCA2TNypolmuQ+cAaxV7JqHE8dl9pWf+Y3arb+9iiFCwFt4lAlJw5D0CTRTC1Y5Y"
            + "WFDBCrA/vGnmTnqG8C+jjUAS7cjjR8q4OPhyDmJRPnaC/ZG5uP0K0z6GoO/3uen9wqshCuHegLTpOeHE"
            + "JRKrQFr4PVIwVOB0+ebO5FgoyOw43nyFD5UKBDxEB4BKo/0uAiKHLRvvgLbORbU8KARIs1EoqEjmF8Ut"
            + "rmQWV2hUjwzqwvHFei8rPxMCAwEAAaOBozCBoDAdBgNVHQ4EFgQUO8ZuGCrD/T1iZEib47dHLLT8v/gw"
            + "HwYDVR0jBBgwFoAUhawa0UP3yKxV1MUdQUir1XhK1FMwEgYDVR0TAQH/BAgwBgEB/wIBADAOBgNVHQ8B"
            + "Af8EBAMCAQQwOgYDVR0fBDMwMTAvoC2gK4YpaHR0cHM6Ly9rZHNpbnRmLmFtZC5jb20vdmNlay92MS9N"
            + "aWxhbi9jcmwwRgYJKoZIhvcNAQEKMDmgDzANBglghkgBZQMEAgIFAKEcMBoGCSqGSIb3DQEBCDANBglg"
            + "hkgBZQMEAgIFAKIDAgEwowMCAQEDggIBAIgeUQScAf3lDYqgWU1VtlDbmIN8S2dC5kmQzsZ/HtAjQnLE"
            + "PI1jh3gJbLxL6gf3K8jxctzOWnkYcbdfMOOr28KT35IaAR20rekKRFptTHhe+DFr3AFzZLDD7cWK29/G"
            + "pPitPJDKCvI7A4Ug06rk7J0zBe1fz/qe4i2/F12rvfwCGYhcRxPy7QF3q8fR6GCJdB1UQ5SlwCjFxD4u"
            + "ezURztIlIAjMkt7DFvKRh+2zK+5plVGGFsjDJtMz2ud9y0pvOE4j3dH5IW9jGxaSGStqNrabnnpF236E"
            + "Tr1/a43b8FFKL5QNmt8Vr9xnXRpznqCRvqjr+kVrb6dlfuTlliXeQTMlBoRWFJORL8AcBJxGZ4K2mXft"
            + "l1jU5TLeh5KXL9NW7a/qAOIUs2FiOhqrtzAhJRg9Ij8QkQ9Pk+cKGzw6El3T3kFrEg6zkxmvMuabZOsd"
            + "KfRkWfhH2ZKcTlDfmH1H0zq0Q2bG3uvaVdiCtFY1LlWyB38JS2fNsR/Py6t5brEJCFNvzaDky6KeC4io"
            + "n/cVgUai7zzS3bGQWzKDKU35SqNU2WkPI8xCZ00WtIiKKFnXWUQxvlKmmgZBIYPe01zD0N8atFxmWiSn"
            + "fJl690B9rJpNR/fIajxCW3Seiws6r1Zm+tCuVbMiNtpS9ThjNX4uve5thyfE2DgoxRFvY1CsoF5M";

    static final String MILAN_ASVK_SHA256 = "c5e081f59b7efab1fe2f8b505e159704e72f29cab7ef7cf628a05a42439082f5";
    private static final String MILAN_ASVK =
            "MIIGjzCCBD6gAwIBAgIDAQEBMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAICBQChHDAaBgkqhkiG"
            + "9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBMHsxFDASBgNVBAsMC0VuZ2luZWVyaW5nMQswCQYD"
            + "VQQGEwJVUzEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMR8wHQYDVQQKDBZBZHZhbmNl"
            + "ZCBNaWNybyBEZXZpY2VzMRIwEAYDVQQDDAlBUkstTWlsYW4wHhcNMjIxMTE2MjI0NTI0WhcNNDcxMTE2"
            + "MjI0NTI0WjCBgDEUMBIGA1UECwwLRW5naW5lZXJpbmcxCzAJBgNVBAYTAlVTMRQwEgYDVQQHDAtTYW50"
            + "YSBDbGFyYTELMAkGA1UECAwCQ0ExHzAdBgNVBAoMFkFkdmFuY2VkIE1pY3JvIERldmljZXMxFzAVBgNV"
            + "BAMMDlNFVi1WTEVLLU1pbGFuMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA1EUWkz5FTPz+"
            + "uWT2hCEyisam8FRuXZAmS3l+rXgSCeS1Q0+1olcnFSJpiwfssfhoutJqePyicu+OhkX131PMeO/VOtH3"
            + "upK4YNJmq36IJp7ZWIm5nK2fJNkYEHW0m/NXcIA9U2iHl5bAQ5cbGp97/FaOJ4VmGoTMV658Yox/plFm"
            + "ZRFfRcsw2hyNhqUl1gzdpnIIgPkygUovFEgaa0IVSgGLHQhZQiebNLLSVWRVReve0t94zlRIRRdrz84c"
            + "ckP9H9DTAUMyQaxSZbPINKbV6TPmtrwAV9UP1Qq418xn9I+C0SsWutP/5S1OiL8OTzQ4CvgbHOfd2F3y"
            + "Vv4xDBza4SelF2igoDf+BF4XI/IIHJL2N5uKy3+gkSB2Xl6prohgVmqRFvBW9OTCEa32WhXu0t1Z1abE"
            + "KDZ3LpZt9/Crg6zyPpXDLR/tLHHpSaPRj7CTzHieKMTz+Q6RrCCQcHGfaAD/ETNY56aHvNJRZgbzXDUJ"
            + "vnLr3dYyOvvn/DtKhCSimJynn7Len4ArDVQVwXRPe3hR/asCE2CajT7kGC1AOtUzQuIKZS2D0Qk74g29"
            + "7JhLHpEBlQiyjRJ+LCWZNx9uJcixGyzav6fiOWx4U8uWhRzHs8nvDAdcS4LW31tPlA9BeOK/BGimQTu7"
            + "hM5MDFZL0C9dWK5puCUJex6I2vSqvycCAwEAAaOBozCBoDAdBgNVHQ4EFgQUNuJXE6qi45/CgqkKRPtV"
            + "LObC7pEwHwYDVR0jBBgwFoAUhawa0UP3yKxV1MUdQUir1XhK1FMwEgYDVR0TAQH/BAgwBgEB/wIBADAO"
            + "BgNVHQ8BAf8EBAMCAQQwOgYDVR0fBDMwMTAvoC2gK4YpaHR0cHM6Ly9rZHNpbnRmLmFtZC5jb20vdmxl"
            + "ay92MS9NaWxhbi9jcmwwRgYJKoZIhvcNAQEKMDmgDzANBglghkgBZQMEAgIFAKEcMBoGCSqGSIb3DQEB"
            + "CDANBglghkgBZQMEAgIFAKIDAgEwowMCAQEDggIBAI7ayEXDNj1rCVnjQFb6L91NNOmEIOmi6XtopAqr"
            + "8fj7wqXap1MY82Y0AIi1K9R7C7G1sCmY8QyEyX0zqHsoNbU2IMcSdZrIp8neT8afv8tPt7qoW3hZ+QQR"
            + "MtgVkVVrjJZelvlB74xr5ifDcDiBd2vu/C9IqoQS4pVBKNSFpofzjtYKvebBBBXxeM2b901UxNgVjCY2"
            + "6TtHEWN9cA6cDVqDDCCL6uOeR9UOvKDSSqlM6nXldSj7bgK7Wh9M9587IwRvNZluXc1CDiKMZybLdSKO"
            + "lyMJH9ss1GPn0eBVEhVjf/gttn7HrcQ9xJZVXyDtL3tkGzemrPK14NOYzmph6xr1iiedAzOVpNdPiEXn"
            + "2lvas0P4TD9UgBh0Y7xyf2yENHiSgJT4T8Iktm/TSzuh4vqkQ72A1HdNTGjoZcfzKCsQJ/YuFICeaNxw"
            + "5cIAGBK/o+6Ek32NPv5XtixNOhEx7GsaVRG05bq5oTt14b4hKYhqV1CDrX5hiVRpFFDs/sAGfgTzLdiG"
            + "XLcvYAUz1tCKIT/eQS9c4/yitn4F3mCPd4uQB+fggMtK0qPRthpFtc2SqVCTvHnhxyXqo7GpXMsssgLg"
            + "KNwaFPe2+Ld5OwPR6Pokji9h55m05Dxob8XtD4gW6oFLo9Icg7XqdOr9Iip5RBIPxy7rKk/ReqGs9KH7"
            + "0YPk";

    static final String GENOA_ARK_SHA256 = "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1";
    private static final String GENOA_ARK =
            "MIIGYzCCBBKgAwIBAgIDAgAAMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAICBQChHDAaBgkqhkiG"
            + "9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBMHsxFDASBgNVBAsMC0VuZ2luZWVyaW5nMQswCQYD"
            + "VQQGEwJVUzEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMR8wHQYDVQQKDBZBZHZhbmNl"
            + "ZCBNaWNybyBEZXZpY2VzMRIwEAYDVQQDDAlBUkstR2Vub2EwHhcNMjIwMTI2MTUzNDM3WhcNNDcwMTI2"
            + "MTUzNDM3WjB7MRQwEgYDVQQLDAtFbmdpbmVlcmluZzELMAkGA1UEBhMCVVMxFDASBgNVBAcMC1NhbnRh"
            + "IENsYXJhMQswCQYDVQQIDAJDQTEfMB0GA1UECgwWQWR2YW5jZWQgTWljcm8gRGV2aWNlczESMBAGA1UE"
            + "AwwJQVJLLUdlbm9hMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA3Cd95S/uFOuRIskW9vz9"
            + "VDBF69NDQF79oRhL/L2PVQGhK3YdfEBgpF/JiwWFBsT/fXDhzA01p3LkcT/7LdjcRfKXjHl+0Qq/M4dZ"
            + "kh6QDoUeKzNBLDcBKDDGWo3v35NyrxbA1DnkYwUKU5AAk4P94tKXLp80oxt84ahyHoLmc/LqsGsp+oq1"
            + "Bz4PPsYLwTG4iMKVaaT90/oZ4I8oibSru92vJhlqWO27d/Rxc3iUMyhNeGToOvgx/iUo4gGpG61NDpkE"
            + "UvIzuKcaMx8IdTpWg2DF6SwF0IgVMffnvtJmA68BwJNWo1E4PLJdaPfBifcJpuBFwNVQIPQEVX3aP89H"
            + "JSp8YbY9lySS6PlVEqTBBtaQmi4ATGmMR+n2K/e+JAhU2Gj7jIpJhOkdH9firQDnmlA2SFfJ/Cc0mGNz"
            + "W9RmIhyOUnNFoclmkRhl3/AQU5Ys9Qsan1jT/EiyT+pCpmnA+y9edvhDCbOG8F2oxHGRdTBkylungrkX"
            + "JGYiwGrR8kaiqv7NN8QhOBMqYjcbrkEr0f8QMKklIS5ruOfqlLMCBw8JLB3LkjpWgtD7OpxkzSsohN47"
            + "Uom86RY6lp72g8eXHP1qYrnvhzaG1S70vw6OkbaaC9EjiH/uHgAJQGxon7u0Q7xgoREWA/e7JcBQwLg8"
            + "0Hq/sbRuqesxz7wBWSY254cCAwEAAaN+MHwwDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBSfXfn+Ddjz"
            + "WtAzGiXvgSlPvjGoWzAPBgNVHRMBAf8EBTADAQH/MDoGA1UdHwQzMDEwL6AtoCuGKWh0dHBzOi8va2Rz"
            + "aW50Zi5hbWQuY29tL3ZjZWsvdjEvR2Vub2EvY3JsMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAIC"
            + "BQChHDAaBgkqhkiG9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBA4ICAQAdIlPBC7DQmvH7kjlO"
            + "znFx3i21SzOPDs5L7SgFjMC9rR07292GQCA7Z7Ulq97JQaWeD2ofGGse5swj4OQfKfVv/zaJUFjvosZO"
            + "nfZ63epu8MjWgBSXJg5QE/Al0zRsZsp53DBTdA+Uv/s33fexdenT1mpKYzhIg/cKtz4oMxq8JKWJ8Po1"
            + "CXLzKcfrTphjlbkh8AVKMXeBd2SpM33B1YP4g1BOdk013kqb7bRHZ1iB2JHG5cMKKbwRCSAAGHLTzASg"
            + "DcXr9Fp7Z3liDhGu/ci1opGmkp12QNiJuBbkTU+xDZHm5X8Jm99BX7NEpzlOwIVR8ClgBDyuBkBC2ljt"
            + "r3ZSaUIYj2xuyWN95KFY49nWxcz90CFa3Hzmy4zMQmBe9dVyls5eL5p9bkXcgRMDTbgmVZiAf4afe8DL"
            + "dmQcYcMFQbHhgVzMiyZHGJgcCrQmA7MkTwEIds1wx/HzMcwU4qqNBAoZV7oeIIPxdqFXfPqHqiRlEbRD"
            + "fX1TG5NFVaeByX0GyH6jzYVuezETzruaky6fp2bl2bczxPE8HdS38ijiJmm9vl50RGUeOAXjSuInGR4b"
            + "sRufeGPB9peTa9BcBOeTWzstqTUB/F/qaZCIZKr4X6TyfUuSDz/1JDAGl+lxdM0P9+lLaP9NahQjHCVf"
            + "0zf1c1salVuGFk2w/wMz1R1BHg==";

    static final String GENOA_ASK_SHA256 = "5464738c1546aed5f2cecf1dc98c5c960a92e8913238a61711bc90ec6e828521";
    private static final String GENOA_ASK =
            "MIIGiTCCBDigAwIBAgIDAgACMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAICBQChHDAaBgkqhkiG"
            + "9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBMHsxFDASBgNVBAsMC0VuZ2luZWVyaW5nMQswCQYD"
            + "VQQGEwJVUzEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMR8wHQYDVQQKDBZBZHZhbmNl"
            + "ZCBNaWNybyBEZXZpY2VzMRIwEAYDVQQDDAlBUkstR2Vub2EwHhcNMjIxMDMxMTMzMzQ4WhcNNDcxMDMx"
            + "MTMzMzQ4WjB7MRQwEgYDVQQLDAtFbmdpbmVlcmluZzELMAkGA1UEBhMCVVMxFDASBgNVBAcMC1NhbnRh"
            + "IENsYXJhMQswCQYDVQQIDAJDQTEfMB0GA1UECgwWQWR2YW5jZWQgTWljcm8gRGV2aWNlczESMBAGA1UE"
            + "AwwJU0VWLUdlbm9hMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAoHJhvk4Fwwkwb03AMfLy"
            + "SXJSXmEaCZMTRbLgPaj4oEzaD9tGfxCSw/nsCAiXHQaWUt++bnbjJO05TKT5d+Cdrz4/fiRBpbhf0xzv"
            + "h11O+wJTBPj3uCzDm48vEZ8l5SXMO4wd/QqwsrejFERPD/Hdfv1mGCMW7ac0ug8trDzqGe+l+p8NMjp/"
            + "EqBDY2vd8hLaVLmS+XjAqlYVNRksh9aTzSYL19/cTrBDmqQ2y8k23zNl2lW6q/BtQOpWGVs3EWvBHb/Q"
            + "nf3f3S9+lC4H2jdDy9yn7kqyTWq4WCBnE4qhYJRokulYtzMZM1Ilk4Z6RPkOTR1MJ4gdFtj7lKmrkSuO"
            + "oJYmqhJIsQJ854lAbJybgU7zyzWAwu3uaslkYKUEAQf2ja5Hyl3IBqOzpqY31SpKzbl8NXveZybRMklw"
            + "fe4iDLI25T9ku9CVetDYifCbdGeuHdTwZBBemW4NE57L7iEV8+zz8nxng8OMX//4pXntWqmQbEAnBLv2"
            + "ToTgd1H2zYRthyDLc3V119/+FnTW17LK6bKzTCgEnCHQEcAt0hDQLLF799+2lZTxxfBEoduAZax6IjgA"
            + "MCi6e1ZfKPJSkdvb2m3BwfP8bniG7+AEJv1WOEmnBJc1pVQCttbJUodbi07Vfen5JRUqAvSM3ObWQOzS"
            + "AGzsGnpIigwFpW6m9F7uYVUCAwEAAaOBozCBoDAdBgNVHQ4EFgQUssZ7pDW7HJVkHAmgQf/F3EmGFVow"
            + "HwYDVR0jBBgwFoAUn135/g3Y81rQMxol74EpT74xqFswEgYDVR0TAQH/BAgwBgEB/wIBADAOBgNVHQ8B"
            + "Af8EBAMCAQQwOgYDVR0fBDMwMTAvoC2gK4YpaHR0cHM6Ly9rZHNpbnRmLmFtZC5jb20vdmNlay92MS9H"
            + "ZW5vYS9jcmwwRgYJKoZIhvcNAQEKMDmgDzANBglghkgBZQMEAgIFAKEcMBoGCSqGSIb3DQEBCDANBglg"
            + "hkgBZQMEAgIFAKIDAgEwowMCAQEDggIBAIgu3V2tQJOo0/6GvNmwLXbLDrsLKXqHUqdGyOZUpPHM3ujT"
            + "aex1G+8bEgBswwBa+wNvl1SQqRqy2x2QwP+i//BcWr3lMrUxci4G7/P8hZBV821nrAUZtbvfqla5MrRH"
            + "9AKJXWW/pmtd10czqCHkzdLQNZNjt2dnZHMQAMtGs1AtynREHNwEBiH2KAt7gUc/sKWnSCipztKE76pu"
            + "N/XXbSx+Ws+VPiFw6CBAeI9dqnEiQ1tpEgqtWEtcKm7Ggb1XH6oWbISoowvc00/ADWfNom0xl6v2C6RI"
            + "WYgUoZ2f7PCyV3Dtbu/fQfyyZvmtVLA4gB2Ehc6Omjy21Y55WY9IweHlKENMPEUVtRqOvRVI0ml9Wbal"
            + "f049joCu2j33XPqwp3IrzevmPBDGpR2Stdm3K66a/g/BSY7Wc9/VeykP3RXlxY1TMMJ8F1lpg6Tmu+c+"
            + "vow7cliyqOoayAnR71U8+rWrL3HRHheSVX8GPYOaDNBTt831Z027vDWv3811vMoxYxhuTRaokvNWCSzm"
            + "J2EWrPYHcHOtkjSFKN7ot0Rc70fIRZEYc2rb3ywLSicEq3JQCnnz6iCZ1tMfplzcrJ2LnW2F1C8yRV+o"
            + "kylyORlsaxOLKYOWjaDTSFaq1NIwodHp7X9fOG48uRuJWS8GmifD969sC4Ut2FJFoklceBVUNCHR";

    static final String GENOA_ASVK_SHA256 = "197e610743a917d6b9bb982a5a9226ccc0a15b611be0619e626aca9151457372";
    private static final String GENOA_ASVK =
            "MIIGjzCCBD6gAwIBAgIDAgEBMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAICBQChHDAaBgkqhkiG"
            + "9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBMHsxFDASBgNVBAsMC0VuZ2luZWVyaW5nMQswCQYD"
            + "VQQGEwJVUzEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMR8wHQYDVQQKDBZBZHZhbmNl"
            + "ZCBNaWNybyBEZXZpY2VzMRIwEAYDVQQDDAlBUkstR2Vub2EwHhcNMjIxMTE4MjA0ODM0WhcNNDcxMTE4"
            + "MjA0ODM0WjCBgDEUMBIGA1UECwwLRW5naW5lZXJpbmcxCzAJBgNVBAYTAlVTMRQwEgYDVQQHDAtTYW50"
            + "YSBDbGFyYTELMAkGA1UECAwCQ0ExHzAdBgNVBAoMFkFkdmFuY2VkIE1pY3JvIERldmljZXMxFzAVBgNV"
            + "BAMMDlNFVi1WTEVLLUdlbm9hMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAzL2/xihHscEp"
            + "xS3+OsQZpAuNIJGSEQZrkoWPtqKMjjZOyXMMRHAheTm56Ei0Mb8TJZlbGDS5x/AdbowstGmpHqh2zvSv"
            + "jZO7V4v6Ft84p71P6GXfOVEQgCuatiszfIwFrRQk/cmU7HuJadBq6XtYE+qBJMjus8C0WwW/IWY9j6pN"
            + "bEA1SnUvVg6t89zfE+AcB5UDCKq09x7qw+rPt9pTpEch0f1bHdRFJlpgWGTq02ohH9bT+6au8kPpvMa3"
            + "m2p8zdIIqtuuSG6srIimrpt24lsr4tLhQG65R/RbVJT9MsK4ULpbAUO5NwdlLwbnpLWHiUwoYrySMD8l"
            + "3xRDvhPmInlXEFEo8lahcYllxiJJR8oqqA6x3jPFKmkfhEgaQefcn4P8nA4SScqAoLihn75iiDtU2+Zl"
            + "kPnKgcNs5U1Le441ypen2n7BOnRyhmwyAUBGk3OcMXHsJ6KGpDJyTVCaC3fWX3ex4Iv4LkuKRA6O9yu3"
            + "zHP23N/ubE8/YykffIjMbtBoOAzdWCn9lE4amo4VZ+8ewIutZAYmC5TIQO+wWUqKYr0iAobccMnZdJjU"
            + "ORjVoqVQ+dLr+/1otk36gfPc0LpmhWZKfAXF9sgvYtQjcaR9wlGr8ySRtZ2YJWofuR7zgYFJPEXRwAnb"
            + "AR/05hBmog7CMt1F9YKSmku6JfRecY8CAwEAAaOBozCBoDAdBgNVHQ4EFgQUhEdjn8HQNI9bN2NAKL9z"
            + "gM6VNoowHwYDVR0jBBgwFoAUn135/g3Y81rQMxol74EpT74xqFswEgYDVR0TAQH/BAgwBgEB/wIBADAO"
            + "BgNVHQ8BAf8EBAMCAQQwOgYDVR0fBDMwMTAvoC2gK4YpaHR0cHM6Ly9rZHNpbnRmLmFtZC5jb20vdmxl"
            + "ay92MS9HZW5vYS9jcmwwRgYJKoZIhvcNAQEKMDmgDzANBglghkgBZQMEAgIFAKEcMBoGCSqGSIb3DQEB"
            + "CDANBglghkgBZQMEAgIFAKIDAgEwowMCAQEDggIBALgCTyTS/ppxo42n2LOox42LvNIsn2/ZaMs2NfCj"
            + "4f2+VN5Xs1NNdptn2nq/SKu5aKnLS5XGWCnHfMSKZ7vqHLKMa0Wxfm+4JahOItQ3+PzbTa0EwUkq1u6o"
            + "ezhTHywX1PilNRc4EjWgQ6ba/z4BBxO3P10tW/C39VS0Cv8SN5G2bfZrPkjy6LBjGiaT4MBcsN+SM2o5"
            + "QgKRG0qqn+edegHMmTPBDV2qCKbe5CBsa122q+F6S9hPEEiGkz/IpShnSGCaFvbEu0Uvh2dYUlrON2pe"
            + "ZMDkevKurDXlGxTehAflCiugBsNeJivx0j7B/HazAvxkLPTCkIdmQJccezF5PCgmMW0SeP4cMb5Ewzv/"
            + "yCsTLyh13YsYBww5eW4DBREd/vCAS7F1JQUZ4twQy/jqBAJhcDyGuRnnwrRevGdWsb3cXBqeLCub7CKZ"
            + "1n/zqSRHq8FRgoroPRpfFjSGhDVFbjj7bDzWU6WNmF/7LpnqG+tIMyRc+3Y3yRAYchFNOFHyS6R2C0KT"
            + "y1nRSYwBUdQtGaQ0rE3e5Mulcidh4qkIxpp089vzqV8JTSJsRzTOzkujOuHUYPKswJ1TvQr5S1C0gPN2"
            + "qAESnCs7Nf2x82DSxmEqaiI7xS58pR6vZ8BeXMGPPQqgOm/oBzOypVR3iCG6MFdjsTNA6M8P7GCZe1p7"
            + "2cko";

    static final String TURIN_ARK_SHA256 = "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a";
    private static final String TURIN_ARK =
            "MIIGYzCCBBKgAwIBAgIDAwAAMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAICBQChHDAaBgkqhkiG"
            + "9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBMHsxFDASBgNVBAsMC0VuZ2luZWVyaW5nMQswCQYD"
            + "VQQGEwJVUzEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMR8wHQYDVQQKDBZBZHZhbmNl"
            + "ZCBNaWNybyBEZXZpY2VzMRIwEAYDVQQDDAlBUkstVHVyaW4wHhcNMjMwNTE1MjAwMzEyWhcNNDgwNTE1"
            + "MjAwMzEyWjB7MRQwEgYDVQQLDAtFbmdpbmVlcmluZzELMAkGA1UEBhMCVVMxFDASBgNVBAcMC1NhbnRh"
            + "IENsYXJhMQswCQYDVQQIDAJDQTEfMB0GA1UECgwWQWR2YW5jZWQgTWljcm8gRGV2aWNlczESMBAGA1UE"
            + "AwwJQVJLLVR1cmluMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAwaAriB7EIuVc4ZB1wD3Y"
            + "fDxL+9eyS7+izm0Jj3W772NINCWl8Bj3w/JD2ZjmbRxWdIq/4d9iarCKorXloJUB1jRdgxqccTx1aOoi"
            + "g4+2w1XhVVJT7K457wT5ZLNJgQaxqa9Etkwjd6+9sOhlCDE9l43kQ0R2BikVJa/uyyVOSwEk5w5tXKOu"
            + "G9jvq6QtAMJasW38wlqRDaKEGtZ9VUgGon27ZuL4sTJuC/azz9/iQBw8kEilzOl95AiTkeY5jSEBDWbA"
            + "qnZk5qlM7kISKG20kgQm14mhNKDI2p2oua+zuAG7i52epoRF2GfU0TYk/yf+vCNB2tnechFQuP2e8bLk"
            + "95ZdqPi9/UWw4JXjtdEA4u2JYplSSUPQVAXKt6LVqujtJcM59JKr2u0XQ75KwxcMp15gSXhBfInvPAwu"
            + "AY4dEwwGqT8oIg4esPHwEsmChhYeDIxPG9R4fx9O0q6p8Gb+HXlTiS47P9YNeOpidOUKzDl/S1OvyhDt"
            + "SL8LJc24QATFydo/iD/KUdvFTRlD0crkAMkZLoWQ8hLDGc6BZJXsdd7Zf2e4UW3tI/1oh/2t23Ot3zyh"
            + "Tcv5gDbABu0LjVe98uRnS15SMwK//lJt9e5BqKvgABkSoABf+B4VFtPVEX0ygrYaFaI9i5ABrxnVBmzX"
            + "pRb21iI1NlNCfOGUPIhVpWECAwEAAaN+MHwwDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBRkoF9x4wwK"
            + "ZNg7deUBWZ4r7gYDRDAPBgNVHRMBAf8EBTADAQH/MDoGA1UdHwQzMDEwL6AtoCuGKWh0dHBzOi8va2Rz"
            + "aW50Zi5hbWQuY29tL3ZjZWsvdjEvVHVyaW4vY3JsMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAIC"
            + "BQChHDAaBgkqhkiG9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBA4ICAQA/i6Mz4IETMK8YU/Hx"
            + "P7Bfej5i4aXhenJoTuiDX0nqx5CDJm9ELhskxAkJ/oLA1O92UoLybfFk4gEpKFtyfiUYex9LogZj5ix0"
            + "sb2qfSSy9CRnOktGqfpel4e3KAhLgF5n2qZrqyq/8EPPldtSjEXn78sZMlIlUcQKSnnNCQZVFpktDfDi"
            + "EiGNuitux3ghHUrcVuxSbZcrXDbsbMF7NDdfLUUS9TijrL33lrCXJs7m8kggGyCusiRQKHli1AEswiA4"
            + "xU+8xsZrByYTopiGYtbJK8s0UCCXylyOuKSubvdAnMDJ5GDD0+DX46LSfv7fgGNSG+LOBWdif7KoQf9c"
            + "IhKJtxGxZCn/tvHmwMzu4Jnx8N2vRnT+8DpBqhxtNvdXmrZUelSeQakx4djMKvmTR8Gd25EnC4RppCkj"
            + "bmPxY3zPd1X7raalTn34EOF9DeLsC9JfzkDuojxpHWMm30wKnDo20mlDQk/zKCDa2Zc+YjtsTZCrTbvd"
            + "gCukTKNZOUUVlWRu+sO/OwrmS2p16seHTIqHEbE1LntPv3gkCcHGDSUAKx9c0Aol+Dj9xpb2nmGqoDeJ"
            + "59Ja6REkHCdw5TduXyqqMqfD1AX0/QDNdevCMKlWBRCQ7DFlog3H1a+r/kuMUZ/Ij9yyKlSgYZMJ4VgN"
            + "KDgTQdcsAL0MCEMrzpacMwFusA==";

    static final String TURIN_ASK_SHA256 = "5b77ef5fe7a7a004fd9032668fba9d0fda22f88c4442069a479636a6ae3b3185";
    private static final String TURIN_ASK =
            "MIIGiTCCBDigAwIBAgIDAwABMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAICBQChHDAaBgkqhkiG"
            + "9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBMHsxFDASBgNVBAsMC0VuZ2luZWVyaW5nMQswCQYD"
            + "VQQGEwJVUzEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMR8wHQYDVQQKDBZBZHZhbmNl"
            + "ZCBNaWNybyBEZXZpY2VzMRIwEAYDVQQDDAlBUkstVHVyaW4wHhcNMjMwNTE1MjAyNTIxWhcNNDgwNTE1"
            + "MjAyNTIxWjB7MRQwEgYDVQQLDAtFbmdpbmVlcmluZzELMAkGA1UEBhMCVVMxFDASBgNVBAcMC1NhbnRh"
            + "IENsYXJhMQswCQYDVQQIDAJDQTEfMB0GA1UECgwWQWR2YW5jZWQgTWljcm8gRGV2aWNlczESMBAGA1UE"
            + "AwwJU0VWLVR1cmluMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAnvg5Grv2Emd9lAhKdO64"
            + "RXU3UESb6JTm0Hhzevx1PyxinxYqJL329qTJM0XmdozLYb7rsHxgM5I2pU18M8gect2pN/YB2LQ1/bIq"
            + "37TPDbg7ym0MN6KkZ6aERxAX0voYtdDyNxjDAUjpRpCe1FccAev/Es2n/Fz1G1TmC2XepTQqaKpmt6mn"
            + "DWSCHCVsQoY0gSibeaG6doM6OiNUCbKXaC7KHH5b/96BD1DJ84M+JHqPClFhHqUJwzKF5Qxj4wgWAZzK"
            + "8UPhiNGjrF6+TBdlFGdSzEqw1jOrCTHduYyLK+5OQ3OIw4S+vZeOVoxJajTIWdsqYP2DLc0HkL0qWOum"
            + "EOrrc2/4DeETShB0MyIpH05kSalyQN2eN5P6ptOB84hddCdbJPEepnD+FqQap1ukw3K8uBcgeBSAF23r"
            + "6UtT8Uc5h7MsWX3MoZiEHcSkDQQ8IedTk7CLjsK6S7b/lfKqfYiRhKgGkRvsEd/MDNcumHZKIgzasJwg"
            + "agzSggiUo9jXp3EWm84fqyxNXzSutPB7qD5P/ULAB+q9QgvrzC8XneaLP0MNrHhM80UejmsBTIktMvFo"
            + "WVIelYDLdcoi0eMD5DRccfsgrYaY6h/+/qf9tgg+mX09UJpuSPRF38oyqnNNFMl5v/tWLgUsChPU6NCQ"
            + "C17Qaqr8mu2ynyyuHEs5JVUCAwEAAaOBozCBoDAdBgNVHQ4EFgQUbYJXt6v2sMgUALjxD0WvG9aq628w"
            + "HwYDVR0jBBgwFoAUZKBfceMMCmTYO3XlAVmeK+4GA0QwEgYDVR0TAQH/BAgwBgEB/wIBADAOBgNVHQ8B"
            + "Af8EBAMCAQQwOgYDVR0fBDMwMTAvoC2gK4YpaHR0cHM6Ly9rZHNpbnRmLmFtZC5jb20vdmNlay92MS9U"
            + "dXJpbi9jcmwwRgYJKoZIhvcNAQEKMDmgDzANBglghkgBZQMEAgIFAKEcMBoGCSqGSIb3DQEBCDANBglg"
            + "hkgBZQMEAgIFAKIDAgEwowMCAQEDggIBAAXWJ3DPahralt5kXLPMm9oKlFRqeU3HcS7kA+VBlBA1lQRU"
            + "hXkbXnTvW1GZcgdZvNCB/VlET61KbCzoFIhPIESVjjb/xWX2kg3X0HHmh1EtCDbHaUFM5rq6l+S1h7qO"
            + "auRZebvrwApDzAANvW0LTHRumfGm/kqh9NDtVCIWPUZ1VQIgGx1T3dwmgOK8ncT1J3W5xIyS0Xu3KC6w"
            + "7oBlq8G2pPgTcCBJ4JBCTXCEXiAAGaTR/TJIaSzoZFLhxYhCMjP8WQGToPGDK2i/lZhkcGHnJOQ+lgrX"
            + "fpLGqBtLlS3QODyVP0MomczG4dqw3THP3Y8Aq9c2KE7SylAKsS/bBKCqkj4OrABkDSkMQEz3BBoFD63a"
            + "D5ZG/Qiz+tmhnptyPVcweC9uJlSWYm25KiV4lT52uBjxatDZKQcrpdgcU8+ozzKU8ICnZPOwfWeyuNMq"
            + "/juyd/rzg5IePyyvt+13aJ5MlZBXZxJKoxCYIMKUwZigf0XsBteT8gw10/xk5smIFIB2ERtTQPMuTENg"
            + "rPTUjOeiqmBg663c2dLVol+MDiT4ltqfEm4Kl/cc4f+H6bEwhj1QKAN2ipRf+mP0NfzJb+6ZHNsOvyq/"
            + "WByYpLXV9JJoiDW/8RZwPU/Mn7IuQBauCy78G7FS0ta3q1et74faYBBgeJ6awEasa25CvmsmlU0R";

    static final String TURIN_ASVK_SHA256 = "104e10a8bd060a3c20a434261a57d0588fd65a88915b4f65b08bdecaf8df1a3c";
    private static final String TURIN_ASVK =
            "MIIGjzCCBD6gAwIBAgIDAwEBMEYGCSqGSIb3DQEBCjA5oA8wDQYJYIZIAWUDBAICBQChHDAaBgkqhkiG"
            + "9w0BAQgwDQYJYIZIAWUDBAICBQCiAwIBMKMDAgEBMHsxFDASBgNVBAsMC0VuZ2luZWVyaW5nMQswCQYD"
            + "VQQGEwJVUzEUMBIGA1UEBwwLU2FudGEgQ2xhcmExCzAJBgNVBAgMAkNBMR8wHQYDVQQKDBZBZHZhbmNl"
            + "ZCBNaWNybyBEZXZpY2VzMRIwEAYDVQQDDAlBUkstVHVyaW4wHhcNMjMwNTE1MjEwOTQxWhcNNDgwNTE1"
            + "MjEwOTQxWjCBgDEUMBIGA1UECwwLRW5naW5lZXJpbmcxCzAJBgNVBAYTAlVTMRQwEgYDVQQHDAtTYW50"
            + "YSBDbGFyYTELMAkGA1UECAwCQ0ExHzAdBgNVBAoMFkFkdmFuY2VkIE1pY3JvIERldmljZXMxFzAVBgNV"
            + "BAMMDlNFVi1WTEVLLVR1cmluMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEApjrui4l0ZogE"
            + "h0fDdVfJ4unowGGolk2wXyzjbjC/fnqlhFqiFj1JSKdkYSvzPVfgDR0MU2WLlytrAGqOHYBdk4Moz3xH"
            + "TXJus75Nef0EBZpGk9M4PQGF+nTqYi+hDguq14wQUEltN9wGunnUeaMz0e6hfCasDevkypILMponvTva"
            + "M49RAipCvTgmPRTkQA8hjl3tA6R7S/HKTn6/Q3T74A0BfygK49LLkdHF05Wo0pZ9qmPyhi0Rh9epY0L+"
            + "/T2e17fohWcCavgE+KF5GO5XINzunwKolCCyH3930iAmb1vv5v4PimnGsfH4ic4kIApR1hZApU3YG3qU"
            + "E84qkb5SEASQsTZCT0Jv/AxC9So5h2wraVzWz6GvpPHEtRKvue5vehkwPjFipJMT5Z7CmNuXc+0lcVSZ"
            + "MHSbswFSHKKtp4F0UDoPnuIWw/djGDjkGXS9W5M2N3zVSbn94cJxCMzOTzILhcX/lJatooslfxvqucFH"
            + "8PpS9xBMhuN4fTPlNk/oVbQ6w8pxEMibo0K8Q+gOqqzdVm6i7jotobsuYxH1Httjsc61vSskSDT4JkPj"
            + "qTWiyOmsFI+6Ob/hya/fqpe0EPy68TPk85COC7uqNMzu58xb0uAtt0beejDx29mRRbiPNL5tnwK9KFmZ"
            + "DpeZWSZgzvn2K+SQTK80ZKn8Yq2SKfUCAwEAAaOBozCBoDAdBgNVHQ4EFgQUhcyC6bne81Yf2PT1B54X"
            + "miyCCNMwHwYDVR0jBBgwFoAUZKBfceMMCmTYO3XlAVmeK+4GA0QwEgYDVR0TAQH/BAgwBgEB/wIBADAO"
            + "BgNVHQ8BAf8EBAMCAQQwOgYDVR0fBDMwMTAvoC2gK4YpaHR0cHM6Ly9rZHNpbnRmLmFtZC5jb20vdmxl"
            + "ay92MS9UdXJpbi9jcmwwRgYJKoZIhvcNAQEKMDmgDzANBglghkgBZQMEAgIFAKEcMBoGCSqGSIb3DQEB"
            + "CDANBglghkgBZQMEAgIFAKIDAgEwowMCAQEDggIBAH6VbG86NSqZ9yjcqVuBGCEYwK6uDBQQHbXmYJXV"
            + "X81sPN9cclAs6J2yiHcyDFq1g7ICnHO0T36vcj3V/27x4o2pmjAk3SU0YbMl9pR+AMHZrIQQ7FTldVP9"
            + "HdWYx/KenFF42EFCAtOzgs9yLkyTviwX+d3YrWX0SXLMcuf0TO5VsCPX5DqcggneHruZMVICGTukY12c"
            + "KYmasT74cms5WLzcQ5BVbttJmX+eHW6vDg3hlmvUmjuTNQVoF5k5KcbHVV6VzG9SITLFozwdLSr5Mbmf"
            + "YHv7adLoNA5F1Ihff1it0sn5HktUD/2GVGtkXES/KFEnXzS7A9wUlMqAGQOsEBUhFcg3MUAt0SYnQ/B3"
            + "JdV87+ZEawMRLxEIinKDERI/i+l9fw61+R5TpSI3yhuQ4NGJAQ97dRqiy8EdiJOLLeT2DYOvi9pSJw3U"
            + "qNuelINDlDCjChGimRv5Idjh0zbT6IjzagYY0rpSHbPgiJWrI2dA3qeJDEiEXQ++v4WP10fq+Jr5FTXi"
            + "IwNd+1VGxBizw184gLPnEoXv8br+YScnZjB8YW/oWsGuHz2kMTxOVT5Zizn3yVXvOpXFiwiavWQDJS52"
            + "woXOwBzIyEdTPUL1E8s4KS2HQBzK1VfwvWcYNE5S0bAIMX1bYiEyJkr49+VLypQx5sIDU1cbVw3Py5XI"
            + "SUxr";

    private static final List<Pinned> ALL = load();

    private AmdRoots() {}

    /** Every pinned certificate: per product ARK, ASK, ASVK. */
    static List<Pinned> all() {
        return ALL;
    }

    /** The pinned ARK of a product. */
    static Pinned ark(Product product) {
        for (Pinned p : ALL) {
            if (p.product == product && p.role == Role.ARK) {
                return p;
            }
        }
        throw new IllegalArgumentException("no pinned ARK for " + product);
    }

    /** The pinned certificate whose DER encoding is exactly {@code encoded}. */
    static Optional<Pinned> find(byte[] encoded) {
        for (Pinned p : ALL) {
            if (p.matches(encoded)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The pinned certificates with this subject name. */
    static List<Pinned> withSubject(X500Principal subject) {
        List<Pinned> out = new ArrayList<>(1);
        for (Pinned p : ALL) {
            if (p.certificate.getSubjectX500Principal().equals(subject)) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Pinned> load() {
        List<Pinned> out = new ArrayList<>();
        Object[][] table = {
            {Product.MILAN, MILAN_ARK, MILAN_ARK_SHA256, MILAN_ASK, MILAN_ASK_SHA256, MILAN_ASVK, MILAN_ASVK_SHA256},
            {Product.GENOA, GENOA_ARK, GENOA_ARK_SHA256, GENOA_ASK, GENOA_ASK_SHA256, GENOA_ASVK, GENOA_ASVK_SHA256},
            {Product.TURIN, TURIN_ARK, TURIN_ARK_SHA256, TURIN_ASK, TURIN_ASK_SHA256, TURIN_ASVK, TURIN_ASVK_SHA256},
        };
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Object[] row : table) {
                Product product = (Product) row[0];
                Pinned ark = pinned(factory, product, Role.ARK, (String) row[1], (String) row[2]);
                ark.certificate.verify(ark.certificate.getPublicKey());
                out.add(ark);
                for (int i = 3; i < row.length; i += 2) {
                    Role role = i == 3 ? Role.ASK : Role.ASVK;
                    Pinned intermediate = pinned(factory, product, role, (String) row[i], (String) row[i + 1]);
                    intermediate.certificate.verify(ark.certificate.getPublicKey());
                    out.add(intermediate);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an embedded AMD root or intermediate certificate does not verify", e);
        }
        return List.copyOf(out);
    }

    private static Pinned pinned(CertificateFactory factory, Product product, Role role, String base64,
            String sha256) throws GeneralSecurityException {
        byte[] der = Base64.getDecoder().decode(base64);
        String fingerprint = HexText.encode(MessageDigest.getInstance("SHA-256").digest(der));
        if (!fingerprint.equals(sha256)) {
            throw new IllegalStateException("embedded " + role + "-" + product + " has SHA-256 " + fingerprint
                    + ", expected " + sha256);
        }
        X509Certificate cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        if (!Signatures.isAmdPss(cert)) {
            throw new IllegalStateException("embedded " + role + "-" + product + " is not signed with RSASSA-PSS "
                    + "SHA-384/MGF1-SHA-384/salt 48");
        }
        return new Pinned(product, role, cert, der);
    }
}
