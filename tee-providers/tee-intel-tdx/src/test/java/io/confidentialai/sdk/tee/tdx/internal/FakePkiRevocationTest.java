package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end with collateral from a throw-away PKI: the real SPR E4 quote's QE report re-signed by a fake PCK key
 * whose chain (carrying the real PCK certificate's SGX extension) ends at a fake root passed as a simulation root,
 * plus TCB info, QE identity and CRLs signed by fake Intel-like keys. Covers revocation (CERT_REVOKED) and
 * collateral signatures and chains, which real Intel collateral cannot exercise.
 */
class FakePkiRevocationTest {
    private static final Instant AT = TdxCollateralTest.SPR_AT;
    private static final int SIGNED_END = 632;
    private static final int QE_SIG = 1154;

    private KeyPair rootKey;
    private KeyPair caKey;
    private KeyPair pckKey;
    private KeyPair signingKey;
    private X509Certificate root;
    private X509Certificate ca;
    private X509Certificate pck;
    private X509Certificate signing;
    private byte[] quote;

    @BeforeEach
    void pki() throws Exception {
        byte[] real = Vectors.read(TdxCollateralTest.SPR_E4);
        TdxQuote parsed = TdxQuoteParser.parse(real, InputLimits.defaults());
        X509Certificate realPck = PemChain.parse(parsed.pckChainPem, 8).get(0);

        rootKey = keyPair();
        caKey = keyPair();
        pckKey = keyPair();
        signingKey = keyPair();
        root = cert("CN=Fake SGX Root CA", rootKey, "CN=Fake SGX Root CA", rootKey, 1, true, null);
        ca = cert("CN=Fake SGX PCK Platform CA", caKey, "CN=Fake SGX Root CA", rootKey, 2, true, null);
        pck = cert("CN=Fake SGX PCK Certificate", pckKey, "CN=Fake SGX PCK Platform CA", caKey, 3, false,
                realPck.getExtensionValue(PckExtensions.SGX_EXTENSION_OID));
        signing = cert("CN=Fake SGX TCB Signing", signingKey, "CN=Fake SGX Root CA", rootKey, 4, false, null);

        byte[] qeSignature = raw(sign(pckKey.getPrivate(), parsed.qeReport));
        byte[] pem = (pem(pck) + pem(ca) + pem(root)).getBytes(StandardCharsets.US_ASCII);
        quote = rebuild(real, qeSignature, pem);
    }

    private Map<String, byte[]> collateral(String tcbStatus, List<X509Certificate> revokedByCa,
            List<X509Certificate> revokedByRoot) throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("tcb-info.json", signedJson("tcbInfo", tcbInfoJson(tcbStatus), signingKey));
        m.put("qe-identity.json", signedJson("enclaveIdentity", qeIdentityJson(), signingKey));
        m.put("tcb-signing-chain.pem", (pem(signing) + pem(root)).getBytes(StandardCharsets.US_ASCII));
        m.put("pck-crl.der", crl(ca, caKey, revokedByCa).getEncoded());
        m.put("root-ca-crl.der", crl(root, rootKey, revokedByRoot).getEncoded());
        return m;
    }

    private TeeClaims verify(byte[] quoteBytes, Map<String, byte[]> attachments, List<X509Certificate> roots)
            throws AttestationVerificationException {
        Evidence.Builder b = Evidence.builder().teeType(TeeType.INTEL_TDX).data(quoteBytes);
        attachments.forEach(b::attachment);
        return new IntelTdxProvider().newVerifier(Vectors.context(AT, InputLimits.defaults(), roots)).orElseThrow()
                .verify(b.build());
    }

    private ReasonCode reason(Map<String, byte[]> attachments) {
        return assertThrows(AttestationVerificationException.class,
                () -> verify(quote, attachments, List.of(root))).reason();
    }

    @Test
    void simulatedQuoteWithSimulatedCollateralIsEvaluated() throws Exception {
        TeeClaims c = verify(quote, collateral("SWHardeningNeeded", List.of(), List.of()), List.of(root));
        assertThat(c.isHardware()).isFalse();
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.SW_HARDENING_NEEDED);
        assertThat(c.advisoryIds()).containsExactly("INTEL-SA-00999");
    }

    @Test
    void outOfDateCarriesOutOfDateSince() throws Exception {
        TeeClaims c = verify(quote, collateral("OutOfDate", List.of(), List.of()), List.of(root));
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(c.outOfDateSince()).contains(Instant.parse("2023-02-15T00:00:00Z"));
    }

    @Test
    void revokedPckCertificateIsCertRevoked() throws Exception {
        assertThat(reason(collateral("UpToDate", List.of(pck), List.of()))).isEqualTo(ReasonCode.CERT_REVOKED);
    }

    @Test
    void revokedPckCaIsCertRevoked() throws Exception {
        assertThat(reason(collateral("UpToDate", List.of(), List.of(ca)))).isEqualTo(ReasonCode.CERT_REVOKED);
    }

    @Test
    void revokedTcbSigningCertificateIsCertRevoked() throws Exception {
        assertThat(reason(collateral("UpToDate", List.of(), List.of(signing)))).isEqualTo(ReasonCode.CERT_REVOKED);
    }

    @Test
    void crlSignedByAnotherKeyIsSignatureInvalid() throws Exception {
        Map<String, byte[]> m = collateral("UpToDate", List.of(), List.of());
        m.put("pck-crl.der", crl(ca, keyPair(), List.of()).getEncoded());
        assertThat(reason(m)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void tcbInfoSignedByAnotherKeyIsSignatureInvalid() throws Exception {
        Map<String, byte[]> m = collateral("UpToDate", List.of(), List.of());
        m.put("tcb-info.json", signedJson("tcbInfo", tcbInfoJson("UpToDate"), keyPair()));
        assertThat(reason(m)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void signingChainToAnUnknownRootIsCertChainInvalid() throws Exception {
        KeyPair otherRoot = keyPair();
        X509Certificate other = cert("CN=Other Root", otherRoot, "CN=Other Root", otherRoot, 9, true, null);
        X509Certificate otherSigning = cert("CN=Fake SGX TCB Signing", signingKey, "CN=Other Root", otherRoot, 10,
                false, null);
        Map<String, byte[]> m = collateral("UpToDate", List.of(), List.of());
        m.put("tcb-signing-chain.pem", (pem(otherSigning) + pem(other)).getBytes(StandardCharsets.US_ASCII));
        assertThat(reason(m)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void hardwareQuoteRejectsCollateralSignedOutsideIntel() throws Exception {
        Map<String, byte[]> m = collateral("UpToDate", List.of(), List.of());
        m.keySet().retainAll(List.of("tcb-info.json", "qe-identity.json", "tcb-signing-chain.pem"));
        m.putAll(Map.of("pck-crl.der", Vectors.read("tdx/gotdx-pckcrl-platform.der"), "root-ca-crl.der",
                Vectors.read("tdx/gotdx-rootcrl.der")));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(Vectors.read(TdxCollateralTest.SPR_E4), m, List.of(root)));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    // ---------------------------------------------------------------- fixtures

    private String tcbInfoJson(String status) {
        String sgx = "[{\"svn\":3},{\"svn\":3},{\"svn\":2},{\"svn\":2},{\"svn\":2},{\"svn\":1},{\"svn\":0},"
                + "{\"svn\":2},{\"svn\":0},{\"svn\":0},{\"svn\":0},{\"svn\":0},{\"svn\":0},{\"svn\":0},"
                + "{\"svn\":0},{\"svn\":0}]";
        String tdx = "[{\"svn\":3},{\"svn\":0},{\"svn\":4},{\"svn\":0},{\"svn\":0},{\"svn\":0},{\"svn\":0},"
                + "{\"svn\":0},{\"svn\":0},{\"svn\":0},{\"svn\":0},{\"svn\":0},{\"svn\":0},{\"svn\":0},"
                + "{\"svn\":0},{\"svn\":0}]";
        String newer = "{\"tcb\":{\"sgxtcbcomponents\":" + sgx.replace("{\"svn\":3},{\"svn\":3}",
                "{\"svn\":4},{\"svn\":4}") + ",\"pcesvn\":11,\"tdxtcbcomponents\":" + tdx
                + "},\"tcbDate\":\"2023-02-15T00:00:00Z\",\"tcbStatus\":\"UpToDate\"}";
        String matched = "{\"tcb\":{\"sgxtcbcomponents\":" + sgx + ",\"pcesvn\":11,\"tdxtcbcomponents\":" + tdx
                + "},\"tcbDate\":\"2022-08-10T00:00:00Z\",\"tcbStatus\":\"" + status
                + "\",\"advisoryIDs\":[\"INTEL-SA-00999\"]}";
        return "{\"id\":\"TDX\",\"version\":3,\"issueDate\":\"2023-06-18T08:42:58Z\",\"nextUpdate\":"
                + "\"2023-07-18T08:42:58Z\",\"fmspc\":\"50806F000000\",\"pceId\":\"0000\",\"tcbType\":0,"
                + "\"tcbEvaluationDataNumber\":15,\"tdxModule\":{\"mrsigner\":\"" + "0".repeat(96)
                + "\",\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\"},"
                + "\"tcbLevels\":[" + (status.equals("UpToDate") ? "" : newer + ",") + matched + "]}";
    }

    private static String qeIdentityJson() {
        return new String(Vectors.read("tdx/gotdx-qe-identity.json"), StandardCharsets.US_ASCII)
                .replaceAll("^\\{\"enclaveIdentity\":", "").replaceAll(",\"signature\":\"[0-9a-f]+\"}$", "");
    }

    private static byte[] signedJson(String member, String body, KeyPair key) throws Exception {
        byte[] sig = raw(sign(key.getPrivate(), body.getBytes(StandardCharsets.UTF_8)));
        return ("{\"" + member + "\":" + body + ",\"signature\":\"" + HexText.encode(sig) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate cert(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
            long serial, boolean ca, byte[] sgxExtension) throws Exception {
        Date from = Date.from(AT.minus(365, ChronoUnit.DAYS));
        Date to = Date.from(AT.plus(365, ChronoUnit.DAYS));
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(serial),
                from, to, new X500Name(subject), subjectKey.getPublic());
        if (ca) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        }
        if (sgxExtension != null) {
            b.addExtension(new ASN1ObjectIdentifier(PckExtensions.SGX_EXTENSION_OID), false,
                    ASN1OctetString.getInstance(sgxExtension).getOctets());
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    private static X509CRL crl(X509Certificate issuer, KeyPair key, List<X509Certificate> revoked) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                Date.from(AT.minus(5, ChronoUnit.DAYS)));
        b.setNextUpdate(Date.from(AT.plus(25, ChronoUnit.DAYS)));
        for (X509Certificate r : revoked) {
            b.addCRLEntry(r.getSerialNumber(), Date.from(AT.minus(10, ChronoUnit.DAYS)), CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(key.getPrivate())));
    }

    private static byte[] sign(PrivateKey key, byte[] data) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    /** DER ECDSA signature to raw r||s (32 + 32). */
    private static byte[] raw(byte[] der) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        byte[] out = new byte[64];
        for (int i = 0; i < 2; i++) {
            byte[] v = ASN1Integer.getInstance(seq.getObjectAt(i)).getPositiveValue().toByteArray();
            int len = Math.min(v.length, 32);
            System.arraycopy(v, v.length - len, out, 32 * i + 32 - len, len);
        }
        return out;
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The v4 quote with a new QE report signature and PEM chain, all nested sizes recomputed. */
    private static byte[] rebuild(byte[] quote, byte[] qeSignature, byte[] pem) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(quote, 0, SIGNED_END);
        int qeBlock = 384 + 64 + 2 + 32;
        int certSize = qeBlock + 6 + pem.length;
        out.writeBytes(le32(64 + 64 + 6 + certSize));
        out.write(quote, SIGNED_END + 4, 128);
        out.writeBytes(new byte[] {6, 0});
        out.writeBytes(le32(certSize));
        out.write(quote, SIGNED_END + 4 + 128 + 6, 384);
        out.writeBytes(qeSignature);
        out.write(quote, QE_SIG + 64, 2 + 32);
        out.writeBytes(new byte[] {5, 0});
        out.writeBytes(le32(pem.length));
        out.writeBytes(pem);
        return out.toByteArray();
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
