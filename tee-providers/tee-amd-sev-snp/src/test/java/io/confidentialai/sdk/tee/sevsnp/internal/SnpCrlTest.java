package io.confidentialai.sdk.tee.sevsnp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional CRL check, with CRLs issued by the simulation ARK (RSASSA-PSS like AMD KDS CRLs). */
class SnpCrlTest {
    private static final Instant AT = SimulatedSnpTest.AT;
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @TempDir
    static Path dir;
    private static Evidence evidence;
    private static X509Certificate ark;
    private static X509Certificate ask;
    private static PrivateKey arkKey;

    @BeforeAll
    static void setUp() throws Exception {
        evidence = SimulatedSnpTest.collector(dir, false, new byte[48], new byte[32]).collect(ReportData.of(new byte[64]));
        ark = certificate(evidence.attachment("ark.der").orElseThrow());
        ask = certificate(evidence.attachment("ask.der").orElseThrow());
        String pem = Files.readString(dir.resolve("simulation-snp-ark.key"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        arkKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    @Test
    void currentCrlWithoutTheAskMarksRevocationChecked() throws Exception {
        TeeClaims claims = verifier().verify(withCrl(crl(arkKey, "SHA384withRSAandMGF1", null, AT.minusSeconds(60),
                AT.plus(Duration.ofDays(7)))));
        assertThat(claims.details()).containsEntry("revocationChecked", true);
        assertThat(claims.tcbDetail()).contains("not revoked per the CRL of ARK-Simulated");
    }

    @Test
    void crlListingTheAskRevokesIt() throws Exception {
        Evidence ev = withCrl(crl(arkKey, "SHA384withRSAandMGF1", AT.minus(Duration.ofDays(1)), AT.minusSeconds(60),
                AT.plus(Duration.ofDays(7))));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verifier().verify(ev));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_REVOKED);
        assertThat(e.getMessage()).contains("SEV-Simulated");
    }

    @Test
    void revocationAfterTheVerificationInstantDoesNotCount() throws Exception {
        Evidence ev = withCrl(crl(arkKey, "SHA384withRSAandMGF1", AT.plus(Duration.ofDays(1)), AT.minusSeconds(60),
                AT.plus(Duration.ofDays(7))));
        assertThat(verifier().verify(ev).isHardware()).isFalse();
    }

    @Test
    void expiredOrFutureCrlIsExpiredCollateral() throws Exception {
        Evidence old = withCrl(crl(arkKey, "SHA384withRSAandMGF1", null, AT.minus(Duration.ofDays(30)),
                AT.minus(Duration.ofDays(1))));
        assertThat(assertThrows(AttestationVerificationException.class, () -> verifier().verify(old)).reason())
                .isEqualTo(ReasonCode.COLLATERAL_EXPIRED);
        Evidence future = withCrl(crl(arkKey, "SHA384withRSAandMGF1", null, AT.plus(Duration.ofDays(1)),
                AT.plus(Duration.ofDays(7))));
        assertThat(assertThrows(AttestationVerificationException.class, () -> verifier().verify(future)).reason())
                .isEqualTo(ReasonCode.COLLATERAL_EXPIRED);
    }

    @Test
    void crlNamingTheArkButSignedByAnotherKeyOrSchemeIsRejected() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Evidence forged = withCrl(crl(rsa.generateKeyPair().getPrivate(), "SHA384withRSAandMGF1", null,
                AT.minusSeconds(60), AT.plus(Duration.ofDays(7))));
        assertThat(assertThrows(AttestationVerificationException.class, () -> verifier().verify(forged)).reason())
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        Evidence pkcs1 = withCrl(crl(arkKey, "SHA384withRSA", null, AT.minusSeconds(60), AT.plus(Duration.ofDays(7))));
        assertThat(assertThrows(AttestationVerificationException.class, () -> verifier().verify(pkcs1)).reason())
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void crlAsPemIsAccepted() throws Exception {
        byte[] der = crl(arkKey, "SHA384withRSAandMGF1", AT.minus(Duration.ofDays(1)), AT.minusSeconds(60),
                AT.plus(Duration.ofDays(7)));
        byte[] pem = ("-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END X509 CRL-----\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(assertThrows(AttestationVerificationException.class,
                () -> verifier().verify(evidence.toBuilder().attachment("ark.crl", pem).build())).reason())
                .isEqualTo(ReasonCode.CERT_REVOKED);
    }

    @Test
    void crlFromTheCollateralSourceIsCheckedOnEveryVerification(@TempDir Path collateral) throws Exception {
        Files.createDirectories(collateral.resolve("amd-sev-snp"));
        Path file = collateral.resolve("amd-sev-snp/vcek-simulated.crl");
        Files.write(file, crl(arkKey, "SHA384withRSAandMGF1", null, AT.minusSeconds(60), AT.plus(Duration.ofDays(7))));
        EvidenceVerifier v = verifier(CollateralSource.ofDirectory(collateral));
        assertThat(v.verify(evidence).details()).containsEntry("revocationChecked", true);
        Files.write(file, crl(arkKey, "SHA384withRSAandMGF1", AT.minus(Duration.ofDays(1)), AT.minusSeconds(60),
                AT.plus(Duration.ofDays(7))));
        assertThat(assertThrows(AttestationVerificationException.class, () -> v.verify(evidence)).reason())
                .isEqualTo(ReasonCode.CERT_REVOKED);
    }

    @Test
    void crlOfAnotherIssuerIsIgnored() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] other = crlBuilder(new X500Name("CN=ARK-Other"), AT.minusSeconds(60), AT.plus(Duration.ofDays(7)))
                .build(new JcaContentSignerBuilder("SHA384withRSAandMGF1").setProvider(BC)
                        .build(rsa.generateKeyPair().getPrivate())).getEncoded();
        TeeClaims claims = verifier().verify(withCrl(other));
        assertThat(claims.details()).containsEntry("revocationChecked", false);
        assertThat(claims.tcbDetail()).contains("revocation not checked");
    }

    private static Evidence withCrl(byte[] crl) {
        return evidence.toBuilder().attachment("crl.der", crl).build();
    }

    private static EvidenceVerifier verifier() throws Exception {
        return verifier(CollateralSource.none());
    }

    private static EvidenceVerifier verifier(CollateralSource collateral) throws Exception {
        ProviderContext ctx = Vectors.context(AT, InputLimits.defaults(), collateral, List.of(ark));
        return new AmdSevSnpProvider().newVerifier(ctx).orElseThrow();
    }

    /** A CRL named by the simulation ARK; {@code revokedAt} non-null lists the ASK. */
    private static byte[] crl(PrivateKey key, String algorithm, Instant revokedAt, Instant thisUpdate,
            Instant nextUpdate) throws Exception {
        X509v2CRLBuilder b = crlBuilder(X500Name.getInstance(ark.getSubjectX500Principal().getEncoded()), thisUpdate,
                nextUpdate);
        if (revokedAt != null) {
            b.addCRLEntry(ask.getSerialNumber(), Date.from(revokedAt), CRLReason.keyCompromise);
        }
        b.addCRLEntry(BigInteger.valueOf(12345), Date.from(thisUpdate), CRLReason.superseded);
        return b.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key)).getEncoded();
    }

    private static X509v2CRLBuilder crlBuilder(X500Name issuer, Instant thisUpdate, Instant nextUpdate) {
        X509v2CRLBuilder b = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
        b.setNextUpdate(Date.from(nextUpdate));
        return b;
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
