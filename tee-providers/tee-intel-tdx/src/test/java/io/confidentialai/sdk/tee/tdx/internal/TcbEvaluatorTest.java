package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TcbStatus;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intel's TCB evaluation on synthetic TCB info and QE identity built around the real dcap-qvl quote (PCK TCB,
 * TEE_TCB_SVN 06 01 03 00.., module TDX_01): every status, the convergence rules, advisory IDs,
 * {@code outOfDateSince}, and the failures.
 */
class TcbEvaluatorTest {
    private static final String D1 = "2024-03-13T00:00:00Z";
    private static final String D2 = "2024-11-13T00:00:00Z";
    private static final String D3 = "2025-05-14T00:00:00Z";

    private TdxQuote quote;
    private PckExtensions.PckTcb pck;
    private TcbEvaluator.QeReport qeReport;
    private int[] sgx;
    private int[] tdx;
    private int qeSvn;

    @BeforeEach
    void load() throws Exception {
        quote = TdxQuoteParser.parse(Vectors.read(TdxCollateralTest.DCAP_QUOTE), InputLimits.defaults());
        List<X509Certificate> chain = PemChain.parse(quote.pckChainPem, 8);
        pck = PckExtensions.parse(chain.get(0));
        qeReport = TcbEvaluator.QeReport.of(quote.qeReport);
        sgx = pck.sgxComponents.clone();
        tdx = new int[16];
        for (int i = 0; i < 16; i++) {
            tdx[i] = quote.teeTcbSvn[i] & 0xff;
        }
        assertThat(tdx[1]).isEqualTo(1); // module major version 1: TDX_01, components 0-1 judged by the module
        qeSvn = qeReport.isvSvn();
    }

    // ---------------------------------------------------------------- builders

    static String level(int[] sgx, int pceSvn, int[] tdx, String date, String status, String... advisories) {
        String adv = advisories.length == 0 ? "" : ",\"advisoryIDs\":[" + Arrays.stream(advisories)
                .map(a -> "\"" + a + "\"").collect(Collectors.joining(",")) + "]";
        return "{\"tcb\":{\"sgxtcbcomponents\":" + comps(sgx) + ",\"pcesvn\":" + pceSvn + ",\"tdxtcbcomponents\":"
                + comps(tdx) + "},\"tcbDate\":\"" + date + "\",\"tcbStatus\":\"" + status + "\"" + adv + "}";
    }

    static String isvLevel(int isvSvn, String date, String status, String... advisories) {
        String adv = advisories.length == 0 ? "" : ",\"advisoryIDs\":[" + Arrays.stream(advisories)
                .map(a -> "\"" + a + "\"").collect(Collectors.joining(",")) + "]";
        return "{\"tcb\":{\"isvsvn\":" + isvSvn + "},\"tcbDate\":\"" + date + "\",\"tcbStatus\":\"" + status + "\""
                + adv + "}";
    }

    static String comps(int[] svns) {
        return Arrays.stream(svns).mapToObj(s -> "{\"svn\":" + s + "}").collect(Collectors.joining(",", "[", "]"));
    }

    static String module(String id, String mrSigner, String attributes, String... levels) {
        return "{\"id\":\"" + id + "\",\"mrsigner\":\"" + mrSigner + "\",\"attributes\":\"" + attributes
                + "\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\",\"tcbLevels\":[" + String.join(",", levels) + "]}";
    }

    TcbInfo tcbInfo(List<String> modules, String... levels) {
        String json = "{\"id\":\"TDX\",\"version\":3,\"issueDate\":\"2025-06-19T10:16:03Z\",\"nextUpdate\":"
                + "\"2025-07-19T10:16:03Z\",\"fmspc\":\"" + HexText.encode(pck.fmspc) + "\",\"pceId\":\"0000\","
                + "\"tcbType\":0,\"tcbEvaluationDataNumber\":17,\"tdxModule\":{\"mrsigner\":\"" + "00".repeat(48)
                + "\",\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\"}"
                + (modules.isEmpty() ? "" : ",\"tdxModuleIdentities\":[" + String.join(",", modules) + "]")
                + ",\"tcbLevels\":[" + String.join(",", levels) + "]}";
        return TcbInfo.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    TcbInfo tcbInfo(String... levels) {
        return tcbInfo(List.of(module("TDX_01", "00".repeat(48), "0000000000000000", isvLevel(4, D1, "UpToDate"))),
                levels);
    }

    static QeIdentity qe(String mrSigner, int isvProdId, String... levels) {
        String json = "{\"id\":\"TD_QE\",\"version\":2,\"issueDate\":\"2025-06-19T10:32:27Z\",\"nextUpdate\":"
                + "\"2025-07-19T10:32:27Z\",\"tcbEvaluationDataNumber\":17,\"miscselect\":\"00000000\","
                + "\"miscselectMask\":\"FFFFFFFF\",\"attributes\":\"11000000000000000000000000000000\","
                + "\"attributesMask\":\"FBFFFFFFFFFFFFFF0000000000000000\",\"mrsigner\":\"" + mrSigner
                + "\",\"isvprodid\":" + isvProdId + ",\"tcbLevels\":[" + String.join(",", levels) + "]}";
        return QeIdentity.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static final String QE_SIGNER = "DC9E2A7C6F948F17474E34A7FC43ED030F7C1563F1BABDDF6340C82E0E54A8C5";

    QeIdentity qeUpToDate() {
        return qe(QE_SIGNER, 2, isvLevel(qeSvn, D1, "UpToDate"));
    }

    TcbEvaluator.Result eval(TcbInfo info, QeIdentity qe) throws AttestationVerificationException {
        return TcbEvaluator.evaluate(info, qe, quote, pck, qeReport);
    }

    ReasonCode failure(TcbInfo info, QeIdentity qe) {
        return assertThrows(AttestationVerificationException.class, () -> eval(info, qe)).reason();
    }

    static int[] plus(int[] base, int index, int delta) {
        int[] out = base.clone();
        out[index] += delta;
        return out;
    }

    // ---------------------------------------------------------------- statuses

    @Test
    void everyPlatformStatusPassesThrough() throws Exception {
        for (String s : List.of("UpToDate", "SWHardeningNeeded", "ConfigurationNeeded",
                "ConfigurationAndSWHardeningNeeded", "OutOfDate", "OutOfDateConfigurationNeeded", "Revoked")) {
            TcbEvaluator.Result r = eval(tcbInfo(level(sgx, pck.pceSvn, tdx, D1, s, "INTEL-SA-00001")), qeUpToDate());
            assertThat(r.intelStatus()).isEqualTo(s);
            assertThat(r.status()).isEqualTo(TcbEvaluator.map(s));
            assertThat(r.advisoryIds()).containsExactly("INTEL-SA-00001");
        }
    }

    @Test
    void outOfDateReportsWhenTheMatchedLevelWasSupersededAndWhatIsShort() throws Exception {
        TcbInfo info = tcbInfo(
                level(plus(sgx, 3, 2), pck.pceSvn, tdx, D3, "UpToDate"),
                level(plus(sgx, 3, 1), pck.pceSvn, tdx, D2, "OutOfDate", "INTEL-SA-2"),
                level(sgx, pck.pceSvn, tdx, D1, "OutOfDate", "INTEL-SA-1", "INTEL-SA-2"));
        TcbEvaluator.Result r = eval(info, qeUpToDate());
        assertThat(r.status()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(r.tcbDate()).isEqualTo(Instant.parse(D1));
        // superseded by the next newer level (D2), not by the newest (D3)
        assertThat(r.outOfDateSince()).isEqualTo(Instant.parse(D2));
        assertThat(r.advisoryIds()).containsExactly("INTEL-SA-1", "INTEL-SA-2");
        assertThat(r.detail()).contains("the latest level (" + D3 + ") needs SGX component 3 " + sgx[3] + " < "
                + (sgx[3] + 2) + " (short by 2)");
    }

    @Test
    void firstMatchingLevelInDocumentOrderWins() throws Exception {
        TcbInfo info = tcbInfo(
                level(plus(sgx, 0, 1), pck.pceSvn, tdx, D3, "UpToDate"),
                level(sgx, pck.pceSvn + 1, tdx, D2, "UpToDate"),
                level(sgx, pck.pceSvn, plus(tdx, 2, 1), D2, "UpToDate"),
                level(sgx, pck.pceSvn, tdx, D1, "SWHardeningNeeded", "INTEL-SA-3"));
        TcbEvaluator.Result r = eval(info, qeUpToDate());
        assertThat(r.intelStatus()).isEqualTo("SWHardeningNeeded");
        assertThat(r.detail()).contains("the latest level (" + D3 + ") needs SGX component 0");
    }

    @Test
    void teeTcbSvnBytes0And1AreJudgedByTheModuleIdentityNotTheLevel() throws Exception {
        int[] demanding = plus(plus(tdx, 0, 50), 1, 5); // would fail if bytes 0-1 were compared
        TcbEvaluator.Result r = eval(tcbInfo(level(sgx, pck.pceSvn, demanding, D1, "UpToDate")), qeUpToDate());
        assertThat(r.status()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void moduleOutOfDateConvergesThePlatformStatus() throws Exception {
        List<String> modules = List.of(module("TDX_01", "00".repeat(48), "0000000000000000",
                isvLevel(tdx[0] + 1, D2, "UpToDate"), isvLevel(tdx[0], D1, "OutOfDate", "INTEL-SA-M")));
        TcbEvaluator.Result up = eval(tcbInfo(modules, level(sgx, pck.pceSvn, tdx, D3, "UpToDate", "INTEL-SA-P")),
                qeUpToDate());
        assertThat(up.intelStatus()).isEqualTo("OutOfDate");
        assertThat(up.moduleStatus()).isEqualTo("OutOfDate");
        assertThat(up.outOfDateSince()).isEqualTo(Instant.parse(D2));
        assertThat(up.advisoryIds()).containsExactly("INTEL-SA-P", "INTEL-SA-M");
        assertThat(up.detail()).contains("TDX module TDX_01 ISVSVN " + tdx[0] + " OutOfDate (latest " + (tdx[0] + 1)
                + ", short by 1)");

        TcbEvaluator.Result config = eval(tcbInfo(modules, level(sgx, pck.pceSvn, tdx, D3, "ConfigurationNeeded")),
                qeUpToDate());
        assertThat(config.intelStatus()).isEqualTo("OutOfDateConfigurationNeeded");
    }

    @Test
    void moduleRevokedRevokes() throws Exception {
        List<String> modules = List.of(module("TDX_01", "00".repeat(48), "0000000000000000",
                isvLevel(tdx[0], D1, "Revoked")));
        assertThat(eval(tcbInfo(modules, level(sgx, pck.pceSvn, tdx, D3, "UpToDate")), qeUpToDate()).status())
                .isEqualTo(TcbStatus.REVOKED);
    }

    @Test
    void qeOutOfDateAndRevokedConverge() throws Exception {
        QeIdentity qeOld = qe(QE_SIGNER, 2, isvLevel(qeSvn + 1, D2, "UpToDate"),
                isvLevel(qeSvn, D1, "OutOfDate", "INTEL-SA-Q"));
        TcbEvaluator.Result r = eval(tcbInfo(level(sgx, pck.pceSvn, tdx, D3, "SWHardeningNeeded", "INTEL-SA-P")), qeOld);
        assertThat(r.intelStatus()).isEqualTo("OutOfDate");
        assertThat(r.qeStatus()).isEqualTo("OutOfDate");
        assertThat(r.outOfDateSince()).isEqualTo(Instant.parse(D2));
        assertThat(r.advisoryIds()).containsExactly("INTEL-SA-P", "INTEL-SA-Q");
        assertThat(r.detail()).contains("QE ISVSVN " + qeSvn + " OutOfDate (latest " + (qeSvn + 1) + ", short by 1)");

        QeIdentity qeRevoked = qe(QE_SIGNER, 2, isvLevel(qeSvn, D1, "Revoked"));
        assertThat(eval(tcbInfo(level(sgx, pck.pceSvn, tdx, D3, "UpToDate")), qeRevoked).status())
                .isEqualTo(TcbStatus.REVOKED);
    }

    @Test
    void outOfDateSinceIsTheEarliestSupersession() throws Exception {
        List<String> modules = List.of(module("TDX_01", "00".repeat(48), "0000000000000000",
                isvLevel(tdx[0] + 1, D3, "UpToDate"), isvLevel(tdx[0], D1, "OutOfDate")));
        TcbInfo info = tcbInfo(modules, level(plus(sgx, 0, 1), pck.pceSvn, tdx, D2, "UpToDate"),
                level(sgx, pck.pceSvn, tdx, D1, "OutOfDate"));
        TcbEvaluator.Result r = eval(info, qeUpToDate());
        assertThat(r.outOfDateSince()).isEqualTo(Instant.parse(D2)); // platform superseded at D2, module at D3
    }

    // ---------------------------------------------------------------- failures

    @Test
    void noMatchingSgxLevelNamesTheShortComponent() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> eval(tcbInfo(level(plus(sgx, 5, 1), pck.pceSvn, tdx, D1, "UpToDate")), qeUpToDate()));
        assertThat(e.reason()).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(e.getMessage()).contains("no matching TCB level").contains("PCK SGX component 5 is " + sgx[5]
                + " < " + (sgx[5] + 1));
    }

    @Test
    void noMatchingTdxLevelNamesTheShortComponent() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> eval(tcbInfo(level(sgx, pck.pceSvn, plus(tdx, 2, 1), D1, "UpToDate")), qeUpToDate()));
        assertThat(e.reason()).isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(e.getMessage()).contains("TEE_TCB_SVN[2] is " + tdx[2] + " < " + (tdx[2] + 1));
    }

    @Test
    void combinationShortfallIsExplainedAgainstTheLowestLevel() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> eval(tcbInfo(level(plus(sgx, 1, 1), pck.pceSvn, tdx, D2, "UpToDate"),
                        level(sgx, pck.pceSvn + 1, tdx, D1, "OutOfDate")), qeUpToDate()));
        assertThat(e.getMessage()).contains("no level is met as a whole").contains("PCESVN");
    }

    @Test
    void missingModuleIdentityOrModuleLevelHasNoMatchingLevel() {
        assertThat(failure(tcbInfo(List.of(module("TDX_03", "00".repeat(48), "0000000000000000",
                isvLevel(0, D1, "UpToDate"))), level(sgx, pck.pceSvn, tdx, D1, "UpToDate")), qeUpToDate()))
                .isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
        assertThat(failure(tcbInfo(List.of(module("TDX_01", "00".repeat(48), "0000000000000000",
                isvLevel(tdx[0] + 1, D1, "UpToDate"))), level(sgx, pck.pceSvn, tdx, D1, "UpToDate")), qeUpToDate()))
                .isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
    }

    @Test
    void moduleSignerOrAttributesMismatchIsSignerMismatch() {
        assertThat(failure(tcbInfo(List.of(module("TDX_01", "11".repeat(48), "0000000000000000",
                isvLevel(0, D1, "UpToDate"))), level(sgx, pck.pceSvn, tdx, D1, "UpToDate")), qeUpToDate()))
                .isEqualTo(ReasonCode.SIGNER_MISMATCH);
        assertThat(failure(tcbInfo(List.of(module("TDX_01", "00".repeat(48), "0100000000000000",
                isvLevel(0, D1, "UpToDate"))), level(sgx, pck.pceSvn, tdx, D1, "UpToDate")), qeUpToDate()))
                .isEqualTo(ReasonCode.SIGNER_MISMATCH);
    }

    @Test
    void qeIdentityMismatchesAreSignerMismatch() {
        TcbInfo info = tcbInfo(level(sgx, pck.pceSvn, tdx, D1, "UpToDate"));
        assertThat(failure(info, qe("00".repeat(32), 2, isvLevel(0, D1, "UpToDate"))))
                .isEqualTo(ReasonCode.SIGNER_MISMATCH);
        assertThat(failure(info, qe(QE_SIGNER, 1, isvLevel(0, D1, "UpToDate")))).isEqualTo(ReasonCode.SIGNER_MISMATCH);
        assertThat(failure(info, qe(QE_SIGNER, 2, isvLevel(qeSvn + 1, D1, "UpToDate"))))
                .isEqualTo(ReasonCode.TCB_OUT_OF_DATE);
    }

    @Test
    void unknownStatusInTheMatchedLevelIsMalformed() {
        assertThat(failure(tcbInfo(level(sgx, pck.pceSvn, tdx, D1, "Splendid")), qeUpToDate()))
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void malformedTcbInfoIsRejectedWithTheFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcbInfo.parse(
                "{\"id\":\"TDX\",\"version\":3}".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.getMessage()).contains("issueDate");
        assertThrows(IllegalArgumentException.class, () -> TcbInfo.parse(
                "{\"version\":3,\"version\":3}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void relaunchAdvisedWhenTheUpdatedModuleWouldBeCurrent() throws Exception {
        TdxQuote v5 = TdxQuoteParser.parse(Vectors.read("tdx/gotdx-quote-v5-sample.dat"), InputLimits.defaults());
        PckExtensions.PckTcb v5pck = PckExtensions.parse(PemChain.parse(v5.pckChainPem, 8).get(0));
        int[] s = v5pck.sgxComponents;
        int[] t = new int[16];
        for (int i = 0; i < 16; i++) {
            t[i] = v5.teeTcbSvn[i] & 0xff;
        }
        int svn2 = v5.teeTcbSvn2[0] & 0xff; // TEE_TCB_SVN2 0d 01 04: the module after a runtime update
        List<String> modules = new ArrayList<>();
        modules.add(module("TDX_01", "00".repeat(48), "0000000000000000", isvLevel(svn2, D3, "UpToDate"),
                isvLevel(t[0], D2, "OutOfDate")));
        String json = "{\"id\":\"TDX\",\"version\":3,\"issueDate\":\"2026-02-01T14:49:26Z\",\"nextUpdate\":"
                + "\"2026-03-03T14:49:26Z\",\"fmspc\":\"90c06f000000\",\"pceId\":\"0000\",\"tcbType\":0,"
                + "\"tcbEvaluationDataNumber\":18,\"tdxModule\":{\"mrsigner\":\"" + "00".repeat(48)
                + "\",\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\"},"
                + "\"tdxModuleIdentities\":[" + String.join(",", modules) + "],\"tcbLevels\":["
                + level(s, v5pck.pceSvn, t, D3, "UpToDate") + "]}";
        TcbInfo info = TcbInfo.parse(json.getBytes(StandardCharsets.UTF_8));
        QeIdentity q = qe(QE_SIGNER, 2, isvLevel(0, D1, "UpToDate"));
        TcbEvaluator.Result r = TcbEvaluator.evaluate(info, q, v5, v5pck, TcbEvaluator.QeReport.of(v5.qeReport));
        assertThat(r.intelStatus()).isEqualTo(TcbEvaluator.TD_RELAUNCH_ADVISED);
        assertThat(r.status()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(r.outOfDateSince()).isEqualTo(Instant.parse(D3));
    }
}
