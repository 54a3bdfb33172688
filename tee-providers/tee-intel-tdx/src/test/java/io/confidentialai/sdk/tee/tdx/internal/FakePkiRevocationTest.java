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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end with collateral from a throw-away PKI: the real SPR E4 quote's QE report re-signed by a fake PCK key
 * whose chain (carrying the real PCK certificate's SGX extension) ends at a fake root passed as a simulation root,
 * plus TCB info, QE identity and CRLs signed by fake Intel-like keys. Covers revocation (CERT_REVOKED) and
 * collateral signatures and chains, which real Intel collateral cannot exercise; and, with quotes signed end to end
 * by a fresh attestation key, a v5 quote with a TDX 1.0 body and QE reports that are validly signed but do not bind
 * the attestation key, which no vector in the set has.
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
    private TdxQuote real;

    /** Skips the whole class when the shared vectors are absent. */
    @BeforeAll
    static void requiresVectors() {
        Vectors.dir();
    }

    @BeforeEach
    void pki() throws Exception {
        byte[] realBytes = Vectors.read(TdxCollateralTest.SPR_E4);
        TdxQuote parsed = TdxQuoteParser.parse(realBytes, InputLimits.defaults());
        real = parsed;
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
        quote = rebuild(realBytes, qeSignature, pem);
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

    // ---------------------------------------------------------------- quotes signed end to end by the fake PKI

    @Test
    void synthesizedV4QuoteVerifiesAsNotHardware() throws Exception {
        TeeClaims c = verify(synthesize(4, 0, body(), AUTH, this::binding), Map.of(), List.of(root));
        assertThat(c.isHardware()).isFalse();
        assertThat(c.details()).containsEntry("quoteVersion", 4L).containsEntry("mrTd", HexText.encode(real.mrTd))
                .doesNotContainKeys("teeTcbSvn2", "mrServiceTd");
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
    }

    /** Quote v5 with a TDX 1.0 body (descriptor type 2, 584 bytes); no vector in the set carries one. */
    @Test
    void v5QuoteWithATdx10BodyVerifies() throws Exception {
        TeeClaims c = verify(synthesize(5, TdxQuoteParser.BODY_TDX10, body(), AUTH, this::binding), Map.of(),
                List.of(root));
        assertThat(c.details()).containsEntry("quoteVersion", 5L).containsEntry("mrTd", HexText.encode(real.mrTd))
                .containsEntry("reportData", HexText.encode(real.reportData))
                .doesNotContainKeys("teeTcbSvn2", "mrServiceTd");
    }

    @Test
    void v5QuoteWithAnUnknownBodyTypeIsUnsupported() throws Exception {
        byte[] q = synthesize(5, 4, body(), AUTH, this::binding);
        assertThat(assertThrows(AttestationVerificationException.class, () -> verify(q, Map.of(), List.of(root)))
                .reason()).isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
    }

    /** The QE report is validly signed, but its report data is not SHA-256(attestation key || auth data). */
    @Test
    void qeReportThatBindsOtherAuthDataIsRejected() throws Exception {
        byte[] other = AUTH.clone();
        other[0] ^= 1;
        byte[] q = synthesize(4, 0, body(), AUTH, key -> reportData(sha256(key, other), new byte[32]));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(q, Map.of(), List.of(root)));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("QE report does not bind the attestation key");
    }

    /** The second half of the QE report data must be zero even when the first half binds the key. */
    @Test
    void qeReportDataWithANonZeroSecondHalfIsRejected() throws Exception {
        byte[] high = new byte[32];
        high[31] = 1;
        byte[] q = synthesize(4, 0, body(), AUTH, key -> reportData(sha256(key, AUTH), high));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(q, Map.of(), List.of(root)));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("QE report does not bind the attestation key");
    }

    private static final byte[] AUTH = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
        20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

    /** The real SPR E4 TD report body (584 bytes), taken from the parsed quote's signed region. */
    private byte[] body() {
        return java.util.Arrays.copyOfRange(real.signedRegion, 48, 48 + TdxQuoteParser.BODY_TDX10_LENGTH);
    }

    private byte[] binding(byte[] rawKey) {
        return reportData(sha256(rawKey, AUTH), new byte[32]);
    }

    private static byte[] reportData(byte[] low, byte[] high) {
        byte[] out = new byte[64];
        System.arraycopy(low, 0, out, 0, 32);
        System.arraycopy(high, 0, out, 32, 32);
        return out;
    }

    private static byte[] sha256(byte[] a, byte[] b) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(a);
            md.update(b);
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A quote signed end to end by the fake PKI: the real SPR E4 header (with {@code version}), for v5 a body
     * descriptor of {@code bodyType}, {@code body}; a fresh attestation key signs that; the real QE report with
     * report data {@code reportData.apply(raw attestation key)} is signed by the fake PCK key; then the QE
     * authentication data {@code auth} and the fake PEM chain.
     */
    private byte[] synthesize(int version, int bodyType, byte[] body, byte[] auth,
            java.util.function.Function<byte[], byte[]> reportData) throws Exception {
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        byte[] header = java.util.Arrays.copyOf(real.signedRegion, 48);
        header[0] = (byte) version;
        signed.writeBytes(header);
        if (version == 5) {
            signed.writeBytes(new byte[] {(byte) bodyType, 0});
            signed.writeBytes(le32(body.length));
        }
        signed.writeBytes(body);
        KeyPair attestation = keyPair();
        java.security.interfaces.ECPublicKey pub = (java.security.interfaces.ECPublicKey) attestation.getPublic();
        byte[] rawKey = new byte[64];
        byte[] x = pub.getW().getAffineX().toByteArray();
        byte[] y = pub.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), rawKey, 32 - Math.min(32, x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), rawKey, 64 - Math.min(32, y.length), Math.min(32, y.length));
        byte[] quoteSignature = raw(sign(attestation.getPrivate(), signed.toByteArray()));
        byte[] qeReport = real.qeReport.clone();
        System.arraycopy(reportData.apply(rawKey), 0, qeReport, TdxQuote.QE_REPORT_DATA_OFFSET, 64);
        byte[] qeSignature = raw(sign(pckKey.getPrivate(), qeReport));
        byte[] pem = (pem(pck) + pem(ca) + pem(root)).getBytes(StandardCharsets.US_ASCII);

        ByteArrayOutputStream cert = new ByteArrayOutputStream();
        cert.writeBytes(qeReport);
        cert.writeBytes(qeSignature);
        cert.writeBytes(new byte[] {(byte) auth.length, (byte) (auth.length >> 8)});
        cert.writeBytes(auth);
        cert.writeBytes(new byte[] {5, 0});
        cert.writeBytes(le32(pem.length));
        cert.writeBytes(pem);
        ByteArrayOutputStream sig = new ByteArrayOutputStream();
        sig.writeBytes(quoteSignature);
        sig.writeBytes(rawKey);
        sig.writeBytes(new byte[] {6, 0});
        sig.writeBytes(le32(cert.size()));
        sig.writeBytes(cert.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(signed.toByteArray());
        out.writeBytes(le32(sig.size()));
        out.writeBytes(sig.toByteArray());
        return out.toByteArray();
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
