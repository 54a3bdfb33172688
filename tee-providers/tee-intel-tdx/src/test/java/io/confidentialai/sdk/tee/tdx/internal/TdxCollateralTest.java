package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCB evaluation from the real Intel collateral in ../shared/vectors/tdx (INDEX.md "TDX collateral"). */
class TdxCollateralTest {
    /** Skips the whole class when the shared vectors are absent (reads inside assertThrows would fail instead). */
    @org.junit.jupiter.api.BeforeAll
    static void requiresVectors() {
        Vectors.dir();
    }

    static final String DCAP_QUOTE = "tdx/dcapqvl-tdx-quote.dat";
    static final String DCAP_COLLATERAL = "tdx/dcapqvl-tdx-quote-collateral.json";
    static final Instant DCAP_AT = Instant.parse("2025-06-19T11:00:00Z");
    static final String OUTDATED_QUOTE = "tdx/dcapqvl-tdx-quote-outdated.dat";
    static final String OUTDATED_COLLATERAL = "tdx/dcapqvl-tdx-quote-outdated-collateral.json";
    static final Instant OUTDATED_AT = Instant.parse("2026-03-01T00:00:00Z");
    static final String SPR_E4 = "tdx/gotdx-quote-v4-spr-e4.dat";
    static final Instant SPR_AT = Instant.parse("2023-07-01T00:00:00Z");
    static final String V5_SAMPLE = "tdx/gotdx-quote-v5-sample.dat";
    static final Instant V5_AT = Instant.parse("2026-02-03T00:00:00Z");

    @TempDir
    Path tmp;

    static TeeClaims verify(String quote, Instant at, Map<String, byte[]> attachments, CollateralSource source)
            throws AttestationVerificationException {
        Evidence.Builder b = Evidence.builder().teeType(TeeType.INTEL_TDX).data(Vectors.read(quote));
        attachments.forEach(b::attachment);
        return new IntelTdxProvider().newVerifier(Vectors.context(at, source)).orElseThrow().verify(b.build());
    }

    static TeeClaims verifyAttached(String quote, Instant at, String... files) throws AttestationVerificationException {
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        for (String f : files) {
            attachments.put(Path.of(f).getFileName().toString(), Vectors.read(f));
        }
        return verify(quote, at, attachments, CollateralSource.none());
    }

    static AttestationVerificationException rejected(String quote, Instant at, String... files) {
        return assertThrows(AttestationVerificationException.class, () -> verifyAttached(quote, at, files));
    }

    static Map<String, byte[]> sprCollateral() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("tcb-info.json", Vectors.read("tdx/gotdx-tcbinfo-50806f000000.json"));
        m.put("qe-identity.json", Vectors.read("tdx/gotdx-qe-identity.json"));
        m.put("pck-crl.der", Vectors.read("tdx/gotdx-pckcrl-platform.der"));
        m.put("root-ca-crl.der", Vectors.read("tdx/gotdx-rootcrl.der"));
        return m;
    }

    @Test
    void dcapQvlQuoteWithCombinedCollateralIsUpToDate() throws Exception {
        TeeClaims c = verifyAttached(DCAP_QUOTE, DCAP_AT, DCAP_COLLATERAL);
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(c.advisoryIds()).isEmpty();
        assertThat(c.outOfDateSince()).isEmpty();
        assertThat(c.isHardware()).isTrue();
        assertThat(c.platformId()).contains("b0c06f000000");
        assertThat(c.details()).containsEntry("tcbStatus", "UpToDate").containsEntry("advisoryIds", List.of())
                .containsEntry("tcbEvaluationDataNumber", 17L).containsEntry("tdxModuleId", "TDX_01")
                .containsEntry("tdxModuleTcbStatus", "UpToDate").containsEntry("qeTcbStatus", "UpToDate")
                .containsEntry("tcbDate", "2024-03-13T00:00:00Z");
        assertThat(c.tcbDetail()).startsWith("UpToDate: platform TCB level of 2024-03-13T00:00:00Z");
    }

    /**
     * FMSPC is compared case-insensitively (INDEX.md, gotdx verify_test.go): the dcap-qvl TCB info names
     * {@code B0C06F000000} in upper case and the gotdx one {@code 50806f000000} in lower case, and both are selected
     * for their quotes (an unselected TCB info would be COLLATERAL_UNAVAILABLE, not a TCB evaluation).
     */
    @Test
    void fmspcIsComparedCaseInsensitively() throws Exception {
        String combined = new String(Vectors.read(DCAP_COLLATERAL), StandardCharsets.UTF_8);
        assertThat(combined).contains("\\\"fmspc\\\":\\\"B0C06F000000\\\"");
        TeeClaims c = verifyAttached(DCAP_QUOTE, DCAP_AT, DCAP_COLLATERAL);
        assertThat(c.platformId()).contains("b0c06f000000");
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);

        String gotdx = new String(Vectors.read("tdx/gotdx-tcbinfo-50806f000000.json"), StandardCharsets.UTF_8);
        assertThat(gotdx).contains("\"fmspc\":\"50806f000000\"");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(SPR_E4, SPR_AT, sprCollateral(), CollateralSource.none()));
        assertThat(e.reason()).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(e.getMessage()).contains("no matching TCB level for FMSPC 50806f000000");
    }

    @Test
    void combinedCollateralFromADirectorySource() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("intel-tdx"));
        Files.write(dir.resolve("collateral.json"), Vectors.read(DCAP_COLLATERAL));
        TeeClaims c = verify(DCAP_QUOTE, DCAP_AT, Map.of(), CollateralSource.ofDirectory(tmp));
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void sprE4WithItsOwnTcbInfoHasNoMatchingLevel() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(SPR_E4, SPR_AT, sprCollateral(), CollateralSource.none()));
        assertThat(e.reason()).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(e.getMessage()).contains("no matching TCB level").contains("50806f000000")
                .contains("PCK SGX component 0 is 3 < 5");
    }

    @Test
    void sprE4WithPcsFilesFromADirectoryUnderTheDocumentedNames() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("intel-tdx"));
        Files.write(dir.resolve("tcb-info-50806f000000.json"), Vectors.read("tdx/gotdx-tcbinfo-50806f000000.json"));
        Files.write(dir.resolve("qe-identity.json"), Vectors.read("tdx/gotdx-qe-identity.json"));
        Files.write(dir.resolve("pck-crl-platform.der"), Vectors.read("tdx/gotdx-pckcrl-platform.der"));
        Files.write(dir.resolve("root-ca-crl.der"), Vectors.read("tdx/gotdx-rootcrl.der"));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(SPR_E4, SPR_AT, Map.of(), CollateralSource.ofDirectory(tmp)));
        assertThat(e.reason()).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(e.getMessage()).contains("no matching TCB level");
    }

    @Test
    void outdatedQuoteHasNoMatchingLevelBecauseOfSgxComponent7() {
        AttestationVerificationException e = rejected(OUTDATED_QUOTE, OUTDATED_AT, OUTDATED_COLLATERAL);
        assertThat(e.reason()).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(e.getMessage()).contains("no matching TCB level").contains("90c06f000000")
                .contains("PCK SGX component 7 is 3 < 5, which every level requires");
    }

    @Test
    void v5SampleCollateralWindowsDoNotOverlap() {
        // TCB info 2026-02-01..03-03, QE identity 2023-06-08..07-08: at any instant one of them is expired
        AttestationVerificationException e = rejected(V5_SAMPLE, V5_AT, "tdx/gotdx-tcbinfo-90c06f000000.json",
                "tdx/gotdx-qe-identity.json");
        assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_EXPIRED);
        assertThat(e.getMessage()).contains("QE identity").contains("2023-07-08T07:24:59Z");
    }

    @Test
    void v5SamplePlatformAndModuleTdx01AreUpToDate() throws Exception {
        byte[] quoteBytes = Vectors.read(V5_SAMPLE);
        TdxQuote quote = TdxQuoteParser.parse(quoteBytes, InputLimits.defaults());
        List<X509Certificate> chain = PemChain.parse(quote.pckChainPem, 8);
        PckExtensions.PckTcb pck = PckExtensions.parse(chain.get(0));
        TcbInfo info = signed(Vectors.read("tdx/gotdx-tcbinfo-90c06f000000.json")).tcbInfo;
        QeIdentity qe = signed(Vectors.read("tdx/gotdx-qe-identity.json")).qeIdentity;
        TcbEvaluator.Result r = TcbEvaluator.evaluate(info, qe, quote, pck, TcbEvaluator.QeReport.of(quote.qeReport));
        assertThat(r.intelStatus()).isEqualTo("UpToDate");
        assertThat(r.status()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(r.tcbDate()).isEqualTo(Instant.parse("2024-11-13T00:00:00Z"));
        assertThat(r.moduleId()).isEqualTo("TDX_01");
        assertThat(r.moduleStatus()).isEqualTo("UpToDate");
        assertThat(r.qeStatus()).isEqualTo("UpToDate");
        assertThat(r.advisoryIds()).isEmpty();
    }

    static CollateralDocs.Signed signed(byte[] doc) throws Exception {
        CollateralDocs.Parsed p = CollateralDocs.parse(doc, "test", 8);
        assertThat(p.signed()).hasSize(1);
        assertThat(p.signed().get(0).parseError).isNull();
        return p.signed().get(0);
    }

    @Test
    void expiredCollateralIsRejected() {
        AttestationVerificationException e = rejected(DCAP_QUOTE, Instant.parse("2025-07-20T00:00:00Z"),
                DCAP_COLLATERAL);
        assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_EXPIRED);
        AttestationVerificationException early = rejected(DCAP_QUOTE, Instant.parse("2025-06-19T10:00:00Z"),
                DCAP_COLLATERAL);
        assertThat(early.reason()).isEqualTo(ReasonCode.COLLATERAL_EXPIRED);
    }

    @Test
    void tcbInfoForAnotherPlatformIsUnavailable() {
        Map<String, byte[]> m = sprCollateral();
        m.put("tcb-info.json", Vectors.read("tdx/gotdx-tcbinfo-90c06f000000.json"));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(SPR_E4, SPR_AT, m, CollateralSource.none()));
        // the 90c06f TCB info is from 2026: it is checked (signature) but not selected, so the set is incomplete
        assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
        assertThat(e.getMessage()).contains("TCB info for FMSPC 50806f000000").contains("found only [90c06f000000");
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void incompleteCollateralIsUnavailable() {
        AttestationVerificationException e = rejected(SPR_E4, SPR_AT, "tdx/gotdx-tcbinfo-50806f000000.json");
        assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
        assertThat(e.getMessage()).contains("TD_QE identity").contains("PCK CRL").contains("root CA CRL");
    }

    @Test
    void noCollateralKeepsTheTcbNotEvaluated() throws Exception {
        TeeClaims c = verifyAttached(DCAP_QUOTE, DCAP_AT);
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(c.details()).containsEntry("tcbStatus", "NotEvaluated");
    }

    @Test
    void unrelatedAttachmentsAreIgnored() throws Exception {
        Map<String, byte[]> m = Map.of("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII), "other.json",
                "{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
        assertThat(verify(DCAP_QUOTE, DCAP_AT, m, CollateralSource.none()).tcbStatus())
                .isEqualTo(TcbStatus.NOT_EVALUATED);
    }

    @Test
    void brokenJsonIsIgnoredUnlessItLooksLikeCollateral() throws Exception {
        Map<String, byte[]> other = Map.of("other.json", "{\"a\":[1,2".getBytes(StandardCharsets.US_ASCII));
        assertThat(verify(DCAP_QUOTE, DCAP_AT, other, CollateralSource.none()).tcbStatus())
                .isEqualTo(TcbStatus.NOT_EVALUATED);
        byte[] tcb = Vectors.read("tdx/gotdx-tcbinfo-50806f000000.json");
        byte[] broken = java.util.Arrays.copyOf(tcb, tcb.length - 2);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(SPR_E4, SPR_AT, Map.of("tcb.json", broken), CollateralSource.none()));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void unrecognizedDocumentUnderACollateralNameIsMalformed() {
        CollateralSource source = Vectors.memory(Map.of("tcb-info.json", "{\"a\":1}".getBytes(StandardCharsets.US_ASCII)));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(DCAP_QUOTE, DCAP_AT, Map.of(), source));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void unreadableSourceIsUnavailable() {
        CollateralSource failing = (t, n, max) -> {
            throw new io.confidentialai.sdk.TransportException("disk on fire", null, true);
        };
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(DCAP_QUOTE, DCAP_AT, Map.of(), failing));
        assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
    }

    @Test
    void pcsFilesWithEmbeddedSigningCertificateAndWithTheSuppliedChainAgree() throws Exception {
        Map<String, byte[]> m = sprCollateral();
        m.put("tcb-signing-chain.pem", Vectors.read("roots/intel-sgx-tcb-signing-2018-2025.pem"));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(SPR_E4, SPR_AT, m, CollateralSource.none()));
        assertThat(e.reason()).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
    }

    @Test
    void signingChainThatIsNotIntelsIsRejected() {
        Map<String, byte[]> m = sprCollateral();
        m.put("tcb-signing-chain.pem", Vectors.read("roots/intel-sgx-pck-platform-ca.pem"));
        // a PCK Platform CA chain is not a TCB signing chain: it is ignored and the embedded certificate is used
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(SPR_E4, SPR_AT, m, CollateralSource.none()));
        assertThat(e.reason()).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
    }

    @Test
    void tcbSigningCertificateMustBeValidAtTheInstant() {
        // the 2018 TCB signing certificate, supplied explicitly, expired on 2025-05-21
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("tcb-info.json", Vectors.read("tdx/gotdx-tcbinfo-90c06f000000.json"));
        m.put("tcb-signing-chain.pem", Vectors.read("roots/intel-sgx-tcb-signing-2018-2025.pem"));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(V5_SAMPLE, V5_AT, m, CollateralSource.none()));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    static ProviderContext ctx(Instant at) {
        return Vectors.context(at, CollateralSource.none());
    }
}
