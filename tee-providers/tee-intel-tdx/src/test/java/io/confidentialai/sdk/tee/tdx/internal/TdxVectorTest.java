package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every positive and negative TDX vector of ../shared/vectors/INDEX.md, at a pinned verification time. */
class TdxVectorTest {
    private static final String ZERO = "0";

    /** Skips the whole class when the shared vectors are absent. */
    @BeforeAll
    static void requiresVectors() {
        Vectors.dir();
    }

    /** Expected values from INDEX.md; "a…b" means starts with a and ends with b, "0" means all zero. */
    record Expected(String file, Instant at, long version, boolean debug, String tdAttributes, String mrTd,
            String reportData, String fmspc, String teeTcbSvn, String xfam, String mrSeam, String[] rtmr,
            String teeTcbSvn2) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Expected> positives() {
        return Stream.of(
                new Expected("tdx/gotdx-quote-v4-spr-e4.dat", Instant.parse("2023-07-01T00:00:00Z"), 4, false,
                        "0000004000000000",
                        "6363b8043668a3ad953278e10389574d326c6749fb78aa810ecd9336923db86f22fc00b8dcd404bc10d5e119d7215cbb",
                        "6c62dec1b8191749a31dab490be532a35944dea47caef1f980863993d9899545eb7406a38d1eed313b987a467dacead6"
                                + "f0c87a6d766c66f6f29f8acb281f1113",
                        "50806f000000", "03000400000000000000000000000000", "e71a060000000000",
                        "2fd279c16164a93dd5bf373d834328d46008c2b693af9ebb865b08b2ced320c9a89b4869a9fab60fbe9d0c5a5363c656",
                        new String[] {
                            "2927da70461cd63266f43230cc1849c03ef25ebe490062a801d8fcc80af42976823adf08f833c1e50b51779c6593f32a",
                            "2c700b8ba9b85783f8be9fb9443647bdc0bb3c50747f06297cc6538c25a5f589c4b56d035c59107c6bc5800db2cacb61",
                            "8652f0caaba7e215ea442dc36a4499d8fec3362f3a0b2ca151cbe4b3e6466fe59c7368b3c2287fc7c3bf5c924eb4424e",
                            ZERO},
                        null),
                new Expected("tdx/gotdx-quote-v5-sample.dat", Instant.parse("2026-02-03T00:00:00Z"), 5, false,
                        "0000001000000000", "7348651a34b2d2d3…", "945eaacf…5c3a", "90c06f000000", "0b010400…",
                        "e702060000000000", "7bf06328…9a9d",
                        new String[] {"5c8daf76…4619", "463acaac…d253", "6369b9c9…9f20", ZERO}, "0d010400…"),
                new Expected("tdx/gotdx-cos113-quote.dat", Instant.parse("2025-01-01T00:00:00Z"), 4, false,
                        "0000001000000000", "dae67181d3d65e07…", ZERO, "00806f050000", "04010700…",
                        "e700060000000000", "ffc97a88…3895",
                        new String[] {
                            "3fa2f61f395b7f5feefb4ec2df61297f109ad8abcd6410c1b7df60f21f37b19297fc35e544039c7e1edece752afd17f6",
                            "f62dbc072bd5d3f3438b7b35c39a727f5aea2ffc2473f43723953f530daf62504f0a7944aa62c41a86e8a878c2b122c1",
                            "4969684dc87381fc3b3134176c8d8806eaf0a901859f5f70cfae8d17714b46c10a8de219048c9fc09f11f381a6fbe7c1",
                            ZERO},
                        null),
                new Expected("tdx/trustee-tdx-quote-v4-debug.dat", Instant.parse("2024-01-01T00:00:00Z"), 4, true,
                        "0100001000000000", "705ee9381b8633a9…", "7c71fe2c…1429", "50806f000000", "03000500…",
                        "e742060000000000", null, new String[] {"e940da7c…b288", "559cfcf4…a596", ZERO, ZERO}, null),
                new Expected("tdx/dcapqvl-tdx-quote.dat", Instant.parse("2025-06-19T11:00:00Z"), 4, false,
                        "0000001000000000", "91eb2b44d141d4ec…", "9a9d48e7…3f20", "b0c06f000000", "06010300…", null,
                        "5b38e33a…00c1", new String[] {"44c0197b…c9c0", "0084452c…9378", "d833feef…3132", null}, null),
                new Expected("tdx/dcapqvl-tdx-quote-outdated.dat", Instant.parse("2026-03-01T00:00:00Z"), 5, false,
                        "0000001000000000", "273828c46252fcbd…",
                        "d2142b643598eb5fae2bc8529dd79a558b29f868ccbb6531cb28dab9dce47728"
                                + "0000000000000000000000000000000000000000000000000000000000000000",
                        "90c06f000000", null, null, null, new String[] {ZERO, ZERO, ZERO, ZERO}, "0d010300…"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positives")
    void positiveVectorVerifiesWithIndexValues(Expected e) throws Exception {
        byte[] quote = Vectors.read(e.file());
        TeeClaims claims = verify(quote, e.at());

        assertThat(claims.teeType()).isEqualTo(TeeType.INTEL_TDX);
        assertThat(claims.isHardware()).isTrue();
        assertThat(claims.isDebug()).isEqualTo(e.debug());
        assertThat(claims.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(claims.tcbDetail()).isEqualTo("no collateral: TCB not evaluated");
        assertThat(claims.platformId()).contains(e.fmspc());

        Map<String, Object> d = claims.details();
        assertThat(d.get("quoteVersion")).isEqualTo(e.version());
        assertThat(d.get("debug")).isEqualTo(e.debug());
        assertThat(d.get("tdAttributes")).isEqualTo(e.tdAttributes());
        assertThat(d.get("fmspc")).isEqualTo(e.fmspc());
        assertThat(d.get("tcbStatus")).isEqualTo("NotEvaluated");
        assertHex(claims.measurement(MeasurementSlot.MRTD).orElseThrow().toHex(), e.mrTd(), 48);
        assertHex((String) d.get("mrTd"), e.mrTd(), 48);
        assertHex(claims.reportData().toHex(), e.reportData(), 64);
        assertHex((String) d.get("reportData"), e.reportData(), 64);
        MeasurementSlot[] rtmrs = {MeasurementSlot.RTMR0, MeasurementSlot.RTMR1, MeasurementSlot.RTMR2,
            MeasurementSlot.RTMR3};
        for (int i = 0; i < 4; i++) {
            if (e.rtmr()[i] != null) {
                assertHex(claims.measurement(rtmrs[i]).orElseThrow().toHex(), e.rtmr()[i], 48);
                assertHex((String) d.get("rtmr" + i), e.rtmr()[i], 48);
            }
        }
        if (e.teeTcbSvn() != null) {
            assertHex((String) d.get("teeTcbSvn"), e.teeTcbSvn(), 16);
        }
        if (e.xfam() != null) {
            assertThat(d.get("xfam")).isEqualTo(e.xfam());
        }
        if (e.mrSeam() != null) {
            assertHex(claims.measurement(MeasurementSlot.MRSEAM).orElseThrow().toHex(), e.mrSeam(), 48);
        }
        if (e.teeTcbSvn2() != null) {
            assertHex((String) d.get("teeTcbSvn2"), e.teeTcbSvn2(), 16);
            assertThat(d).containsKey("mrServiceTd");
        } else {
            assertThat(d).doesNotContainKeys("teeTcbSvn2", "mrServiceTd");
        }
        assertThat(claims.measurements()).containsKeys(MeasurementSlot.MRCONFIGID,
                MeasurementSlot.of(TeeType.INTEL_TDX, "mrowner"), MeasurementSlot.of(TeeType.INTEL_TDX, "mrownerconfig"));
    }

    /**
     * INDEX.md, "For all TDX quotes below": attestation key type 2, TEE type 0x81, Intel's QE vendor id, QE MRSIGNER
     * dc9e2a7c… and ISVPRODID 2 (TD_QE); and the per-quote QE ISVSVN where INDEX.md gives one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("positives")
    void commonQuoteAndQeValuesOfIndex(Expected e) throws Exception {
        byte[] bytes = Vectors.read(e.file());
        TdxQuote q = TdxQuoteParser.parse(bytes, io.confidentialai.sdk.InputLimits.defaults());
        assertThat(bytes[2] | bytes[3] << 8).as("attestation key type").isEqualTo(2);
        assertThat(HexText.encode(java.util.Arrays.copyOfRange(bytes, 4, 8))).as("TEE type").isEqualTo("81000000");
        assertThat(HexText.encode(java.util.Arrays.copyOfRange(bytes, 12, 28))).as("QE vendor id")
                .isEqualTo("939a7233f79c4ca9940a0db3957f0607");
        assertThat(q.qeAuthData).hasSize(32);
        Map<String, Object> d = verify(bytes, e.at()).details();
        assertThat(d.get("qeMrSigner")).isEqualTo("dc9e2a7c6f948f17474e34a7fc43ed030f7c1563f1babddf6340c82e0e54a8c5");
        assertThat(d.get("qeIsvProdId")).isEqualTo(2L);
        Map<String, Long> qeIsvSvn = Map.of("tdx/gotdx-quote-v4-spr-e4.dat", 4L, "tdx/gotdx-quote-v5-sample.dat", 7L);
        if (qeIsvSvn.containsKey(e.file())) {
            assertThat(d.get("qeIsvSvn")).isEqualTo(qeIsvSvn.get(e.file()));
        }
        if (e.file().equals("tdx/gotdx-cos113-quote.dat")) {
            assertThat(q.qeAuthData).as("QE auth data of cos-113 is all zeros").containsOnly(0);
        }
    }

    /** INDEX.md "PCK leaf validity": the chain verifies from the leaf's first to its last second, and not outside. */
    static Stream<Arguments> pckLeafValidity() {
        return Stream.of(
                Arguments.of("tdx/gotdx-quote-v4-spr-e4.dat", "2022-09-20", "2029-09-20"),
                Arguments.of("tdx/gotdx-quote-v5-sample.dat", "2026-01-27", "2033-01-27"),
                Arguments.of("tdx/gotdx-cos113-quote.dat", "2024-07-02", "2031-07-02"),
                Arguments.of("tdx/trustee-tdx-quote-v4-debug.dat", "2023-02-07", "2030-02-07"),
                Arguments.of("tdx/dcapqvl-tdx-quote.dat", "2025-02-06", "2032-02-06"),
                Arguments.of("tdx/dcapqvl-tdx-quote-outdated.dat", "2026-01-23", "2033-01-23"));
    }

    @ParameterizedTest(name = "{0}: {1}..{2}")
    @MethodSource("pckLeafValidity")
    void chainVerifiesExactlyWithinThePckLeafValidity(String file, String from, String to) throws Exception {
        byte[] bytes = Vectors.read(file);
        TdxQuote q = TdxQuoteParser.parse(bytes, io.confidentialai.sdk.InputLimits.defaults());
        java.security.cert.X509Certificate leaf = PemChain.parse(q.pckChainPem, 8).get(0);
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        assertThat(notBefore.toString()).startsWith(from);
        assertThat(notAfter.toString()).startsWith(to);

        assertThat(verify(bytes, notBefore).isHardware()).isTrue();
        assertThat(verify(bytes, notAfter).isHardware()).isTrue();
        for (Instant outside : List.of(notBefore.minusSeconds(1), notAfter.plusSeconds(1))) {
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> verify(bytes, outside));
            assertThat(e.reason()).as("at %s", outside).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
            assertThat(e.getMessage()).contains("certificate 0").contains("is not valid at " + outside);
        }
    }

    @Test
    void detailNamesAreExactlyTheDocumentedOnes() throws Exception {
        Set<String> v4 = new LinkedHashSet<>(List.of("quoteVersion", "teeTcbSvn", "mrSeam", "mrSignerSeam",
                "seamAttributes", "tdAttributes", "debug", "xfam", "mrTd", "mrConfigId", "mrOwner", "mrOwnerConfig",
                "rtmr0", "rtmr1", "rtmr2", "rtmr3", "reportData", "fmspc", "pceId", "pceSvn", "sgxTcbComponents",
                "qeMrEnclave", "qeMrSigner", "qeIsvProdId", "qeIsvSvn", "tcbStatus", "advisoryIds"));
        TeeClaims claims = verify(Vectors.read("tdx/gotdx-quote-v4-spr-e4.dat"), Instant.parse("2023-07-01T00:00:00Z"));
        assertThat(claims.details().keySet()).containsExactlyInAnyOrderElementsOf(v4);
        assertThat(claims.details().get("quoteVersion")).isInstanceOf(Long.class);

        Set<String> v5 = new LinkedHashSet<>(v4);
        v5.add("teeTcbSvn2");
        v5.add("mrServiceTd");
        TeeClaims v5claims = verify(Vectors.read("tdx/gotdx-quote-v5-sample.dat"),
                Instant.parse("2026-02-03T00:00:00Z"));
        assertThat(v5claims.details().keySet()).containsExactlyInAnyOrderElementsOf(v5);
    }

    @Test
    void sprE4FullHeaderAndBodyValues() throws Exception {
        Map<String, Object> d = verify(Vectors.read("tdx/gotdx-quote-v4-spr-e4.dat"),
                Instant.parse("2023-07-01T00:00:00Z")).details();
        String zero48 = "00".repeat(48);
        assertThat(d.get("mrSignerSeam")).isEqualTo(zero48);
        assertThat(d.get("seamAttributes")).isEqualTo("0000000000000000");
        assertThat(d.get("mrConfigId")).isEqualTo(zero48);
        assertThat(d.get("mrOwner")).isEqualTo(zero48);
        assertThat(d.get("mrOwnerConfig")).isEqualTo(zero48);
        assertThat(d.get("rtmr3")).isEqualTo(zero48);
        // PCK extensions and QE report [CITED in INDEX.md: verify_test.go TestPckCertificateExtensions]
        assertThat(d.get("pceId")).isEqualTo("0000");
        assertThat(d.get("pceSvn")).isEqualTo(11L);
        assertThat(d.get("sgxTcbComponents")).isEqualTo("03030202020100020000000000000000");
        assertThat(d.get("qeMrEnclave")).isEqualTo("853e298f3b7cde28b06493d06fb2ad6f9566a97fea6d3de66236b2af1a35150f");
        assertThat(d.get("qeMrSigner")).isEqualTo("dc9e2a7c6f948f17474e34a7fc43ed030f7c1563f1babddf6340c82e0e54a8c5");
        assertThat(d.get("qeIsvProdId")).isEqualTo(2L);
        assertThat(d.get("qeIsvSvn")).isEqualTo(4L);
        assertThat(d.get("advisoryIds")).isEqualTo(List.of());
    }

    @Test
    void sprE4ChainFailsAfterPckLeafExpiry() {
        byte[] quote = Vectors.read("tdx/gotdx-quote-v4-spr-e4.dat");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(quote, Instant.parse("2053-07-01T00:00:00Z")));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("2029-09-20T13:20:31Z");
    }

    @Test
    void sprE4ChainFailsBeforePckLeafValidity() {
        byte[] quote = Vectors.read("tdx/gotdx-quote-v4-spr-e4.dat");
        assertThat(assertThrows(AttestationVerificationException.class,
                () -> verify(quote, Instant.parse("2022-01-01T00:00:00Z"))).reason())
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    static Stream<Arguments> negatives() {
        return Stream.of(
                Arguments.of("gotdx-spr-e4-neg-version-0x00-set3.dat", ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("gotdx-spr-e4-neg-sigdatasize-0x278-set0x10.dat", ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("gotdx-spr-e4-neg-pemchain-0x1343-set0x32.dat", ReasonCode.CERT_CHAIN_INVALID),
                Arguments.of("gotdx-spr-e4-neg-rootcert-0x1329-set0x32.dat", ReasonCode.CERT_CHAIN_INVALID),
                Arguments.of("gotdx-spr-e4-neg-intermediate-0xF5F-set0x32.dat", ReasonCode.CERT_CHAIN_INVALID),
                Arguments.of("gotdx-spr-e4-neg-pckcert-0xB77-set0x32.dat", ReasonCode.CERT_CHAIN_INVALID),
                Arguments.of("gotdx-spr-e4-neg-header-0x1E-set0x32.dat", ReasonCode.SIGNATURE_INVALID),
                Arguments.of("gotdx-spr-e4-neg-body-0x3C-set0x32.dat", ReasonCode.SIGNATURE_INVALID),
                Arguments.of("trustee-sgx-quote-v3-occlum.dat", ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("negatives")
    void negativeVectorFailsWithReason(String file, ReasonCode reason) {
        byte[] quote = Vectors.read("tdx/negative/" + file);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(quote, Instant.parse("2023-07-01T00:00:00Z")));
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.teeType()).contains(TeeType.INTEL_TDX);
    }

    @Test
    void everyNegativeFileIsCovered() throws Exception {
        Set<String> covered = new LinkedHashSet<>();
        negatives().forEach(a -> covered.add((String) a.get()[0]));
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(Vectors.dir().resolve("tdx/negative"))) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(covered::contains);
        }
    }

    static TeeClaims verify(byte[] quote, Instant at) throws AttestationVerificationException {
        return new IntelTdxProvider().newVerifier(Vectors.context(at)).orElseThrow()
                .verify(Evidence.of(TeeType.INTEL_TDX, quote));
    }

    static void assertHex(String actual, String expected, int length) {
        assertThat(actual).hasSize(2 * length);
        if (expected.equals(ZERO)) {
            assertThat(actual).isEqualTo("00".repeat(length));
        } else if (expected.contains("…")) {
            int cut = expected.indexOf('…');
            assertThat(actual).startsWith(expected.substring(0, cut)).endsWith(expected.substring(cut + 1));
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }
}
