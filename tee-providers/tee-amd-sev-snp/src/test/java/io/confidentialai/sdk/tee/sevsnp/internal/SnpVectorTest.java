package io.confidentialai.sdk.tee.sevsnp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every positive and negative SEV-SNP vector of ../shared/vectors/INDEX.md, at a pinned verification time. */
class SnpVectorTest {
    static final Instant MILAN_AT = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant VLEK_AT = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant GENOA_AT = Instant.parse("2026-01-01T00:00:00Z");

    /** Expected values from INDEX.md; "a…b" means starts with a and ends with b. */
    record Expected(String report, String cert, Instant at, long version, String product, String policy,
            boolean debug, long vmpl, long bl, long tee, long snp, long ucode, String measurement, String reportData,
            String chipId, String signingKey, String firmware) {
        @Override
        public String toString() {
            return report;
        }
    }

    static Stream<Expected> positives() {
        return Stream.of(
                new Expected("snp/gosev-milan-report.bin", "snp/gosev-milan-vcek.der", MILAN_AT, 2, "Milan",
                        "0x00000000000b0000", true, 0, 2, 0, 5, 68, "b07af9620f3b839b…",
                        "0102030405" + "00".repeat(59), "3ac3fe21…6b5d", "vcek", "1.49.3"),
                new Expected("snp/virtee-milan-report.hex", "snp/virtee-milan-vcek.der", MILAN_AT, 2, "Milan",
                        "0x0000000000030000", false, 0, 3, 0, 8, 115, "7a1e5c266c0108db…", "d447b55d…ebfd",
                        "d49554ec…1eb6", "vcek", null),
                new Expected("snp/trustee-test-report.bin", "snp/trustee-test-vcek.der", MILAN_AT, 2, "Milan",
                        "0x000000000003001f", false, 0, 3, 0, 8, 115, "a1f3930413247bb3…", "ec6c52d7…"
                        + "00".repeat(32), null, "vcek", null),
                new Expected("snp/trustee-test-vlek-report.bin", "snp/trustee-test-vlek.der", VLEK_AT, 3, "Milan",
                        "0x0000000000030000", false, 1, 4, 0, 24, 217, "8922ebbdd00ec2c5…", "819770b7…27ca",
                        "00".repeat(64), "vlek", null),
                new Expected("snp/oak-genoa-report-extracted.bin", "snp/oak-genoa-vcek-extracted.der", GENOA_AT, 5,
                        "Genoa", "0x0000000000030000", false, 0, 10, 0, 25, 84, "c57729018b0a6fb9…",
                        "8100555a…57ce" + "00".repeat(32), null, "vcek", "1.55.43"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positives")
    void positiveVectorVerifiesWithIndexValues(Expected e) throws Exception {
        TeeClaims claims = Vectors.verify(Vectors.evidence(e.report(), e.cert()), e.at());
        Map<String, Object> d = claims.details();

        assertThat(claims.teeType()).isEqualTo(TeeType.AMD_SEV_SNP);
        assertThat(claims.isHardware()).isTrue();
        assertThat(claims.isDebug()).isEqualTo(e.debug());
        assertThat(claims.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(claims.tcbDetail()).startsWith(SnpReportVerifier.TCB_NOT_EVALUATED)
                .contains("bl=" + e.bl() + " tee=" + e.tee() + " snp=" + e.snp() + " ucode=" + e.ucode())
                .contains("revocation not checked");
        assertThat(d).containsEntry("reportVersion", e.version()).containsEntry("product", e.product())
                .containsEntry("policy.value", e.policy()).containsEntry("policy.debug", e.debug())
                .containsEntry("debug", e.debug()).containsEntry("vmpl", e.vmpl())
                .containsEntry("signingKey", e.signingKey()).containsEntry("signatureAlgorithm", 1L)
                .containsEntry("reportedTcb.bootloader", e.bl()).containsEntry("reportedTcb.tee", e.tee())
                .containsEntry("reportedTcb.snp", e.snp()).containsEntry("reportedTcb.microcode", e.ucode())
                .containsEntry("tcbStatus", "NotEvaluated").containsEntry("revocationChecked", false)
                .doesNotContainKey("reportedTcb.fmc");
        assertHex(claims.measurement(MeasurementSlot.SNP_MEASUREMENT).orElseThrow().toHex(), e.measurement(), 48);
        assertHex((String) d.get("measurement"), e.measurement(), 48);
        assertHex(claims.reportData().toHex(), e.reportData(), 64);
        assertHex((String) d.get("reportData"), e.reportData(), 64);
        assertThat(claims.measurement(MeasurementSlot.SNP_HOST_DATA)).isPresent();
        if (e.chipId() != null) {
            assertHex((String) d.get("chipId"), e.chipId(), 64);
            if (e.chipId().equals("00".repeat(64))) {
                assertThat(claims.platformId()).isEmpty();
            } else {
                assertThat(claims.platformId()).contains((String) d.get("chipId"));
            }
        }
        if (e.firmware() != null) {
            assertThat(d).containsEntry("firmwareVersion", e.firmware());
        }
        assertThat(d.keySet()).contains("policy.smt", "policy.migrateMa", "policy.singleSocket", "familyId",
                "imageId", "hostData", "idKeyDigest", "authorKeyDigest", "reportId", "reportIdMa", "chipId",
                "platformInfo.value", "currentTcb.snp", "committedTcb.snp", "launchTcb.snp", "guestSvn",
                "firmwareVersion", "committedFirmwareVersion");
    }

    @Test
    void gosevMilanIsTheDebugVectorWithSmtAndTheIndexTcbValue() throws Exception {
        Map<String, Object> d = Vectors.verify(
                Vectors.evidence("snp/gosev-milan-report.bin", "snp/gosev-milan-vcek.der"), MILAN_AT).details();
        assertThat(d).containsEntry("reportedTcb.value", "0x4405000000000002").containsEntry("policy.smt", true)
                .containsEntry("policy.migrateMa", false).containsEntry("policy.singleSocket", false)
                .containsEntry("policy.abiMajor", 0L).containsEntry("policy.abiMinor", 0L)
                .containsEntry("platformInfo.smtEnabled", true);
    }

    @Test
    void trusteeReportCarriesCurrentTcbDifferentFromReportedAndIdBlockValues() throws Exception {
        Map<String, Object> d = Vectors.verify(
                Vectors.evidence("snp/trustee-test-report.bin", "snp/trustee-test-vcek.der"), MILAN_AT).details();
        assertThat(d).containsEntry("currentTcb.microcode", 206L).containsEntry("reportedTcb.microcode", 115L)
                .containsEntry("guestSvn", 4L).containsEntry("policy.abiMinor", 31L)
                .containsEntry("policy.abiMajor", 0L);
        assertThat((String) d.get("familyId")).startsWith("01");
        assertThat((String) d.get("imageId")).startsWith("02");
        assertHex((String) d.get("idKeyDigest"), "03562158…44a3", 48);
    }

    @Test
    void vlekReportVerifiesThroughTheAsvkWithCpuidAndCspId() throws Exception {
        Map<String, Object> d = Vectors.verify(
                Vectors.evidence("snp/trustee-test-vlek-report.bin", "snp/trustee-test-vlek.der"), VLEK_AT).details();
        assertThat(d).containsEntry("cpuid.family", 0x19L).containsEntry("cpuid.model", 1L)
                .containsEntry("cpuid.stepping", 1L).containsEntry("currentTcb.microcode", 220L)
                .containsEntry("committedTcb.microcode", 219L).containsEntry("cspId", "CN=cc-us-east-2.amazonaws.com")
                .containsEntry("signingKey", "vlek");
    }

    @Test
    void vlekReportFailsAfterTheVlekExpired() {
        Evidence ev = Vectors.evidence("snp/trustee-test-vlek-report.bin", "snp/trustee-test-vlek.der");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> Vectors.verify(ev, Instant.parse("2026-11-21T00:00:00Z")));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("2025-12-10T22:14:21Z");
    }

    @Test
    void genoaV5CarriesMitigationVectors() throws Exception {
        Map<String, Object> d = Vectors.verify(Vectors.evidence("snp/oak-genoa-report-extracted.bin",
                "snp/oak-genoa-vcek-extracted.der"), GENOA_AT).details();
        assertThat(d).containsEntry("launchMitVector", "0x0000000000000001")
                .containsEntry("currentMitVector", "0x0000000000000001").containsEntry("cpuid.family", 0x19L)
                .containsEntry("cpuid.model", 0x11L);
    }

    @Test
    void detailNamesAreExactlyTheDocumentedOnes() throws Exception {
        Set<String> v2 = new LinkedHashSet<>(List.of("reportVersion", "guestSvn", "policy.value", "policy.abiMajor",
                "policy.abiMinor", "policy.smt", "policy.migrateMa", "policy.debug", "policy.singleSocket",
                "policy.cxlAllow", "policy.memAes256Xts", "policy.raplDisable", "policy.ciphertextHiding", "debug",
                "familyId", "imageId", "vmpl", "signatureAlgorithm", "platformInfo.value", "platformInfo.smtEnabled",
                "platformInfo.tsmeEnabled", "platformInfo.eccEnabled", "platformInfo.raplDisabled",
                "platformInfo.ciphertextHidingEnabled", "platformInfo.aliasCheckComplete", "authorKeyEnabled",
                "maskChipKey", "signingKey", "reportData", "measurement", "hostData", "idKeyDigest", "authorKeyDigest",
                "reportId", "reportIdMa", "chipId", "firmwareVersion", "committedFirmwareVersion", "product",
                "revocationChecked", "tcbStatus"));
        for (String tcb : List.of("currentTcb", "reportedTcb", "committedTcb", "launchTcb")) {
            for (String c : List.of("value", "bootloader", "tee", "snp", "microcode")) {
                v2.add(tcb + "." + c);
            }
        }
        TeeClaims claims = Vectors.verify(Vectors.evidence("snp/virtee-milan-report.hex", "snp/virtee-milan-vcek.der"),
                MILAN_AT);
        assertThat(claims.details().keySet()).containsExactlyInAnyOrderElementsOf(v2);

        Set<String> v5 = new LinkedHashSet<>(v2);
        v5.addAll(List.of("cpuid.family", "cpuid.model", "cpuid.stepping", "launchMitVector", "currentMitVector"));
        TeeClaims genoa = Vectors.verify(Vectors.evidence("snp/oak-genoa-report-extracted.bin",
                "snp/oak-genoa-vcek-extracted.der"), GENOA_AT);
        assertThat(genoa.details().keySet()).containsExactlyInAnyOrderElementsOf(v5);
    }

    static Stream<Arguments> negatives() {
        return Stream.of(
                Arguments.of("negative/trustee-report-neg-byte42-plus1.bin", "trustee-test-vcek.der",
                        ReasonCode.SIGNATURE_INVALID),
                Arguments.of("negative/trustee-report-neg-byte384-plus1.bin", "trustee-test-vcek.der",
                        ReasonCode.CERT_CHAIN_INVALID),
                Arguments.of("trustee-test-report.bin", "negative/trustee-vcek-neg-byte42-plus1.der",
                        ReasonCode.CERT_CHAIN_INVALID),
                Arguments.of("negative/virtee-milan-report-neg-byte21-xor80.bin", "virtee-milan-vcek.der",
                        ReasonCode.SIGNATURE_INVALID),
                Arguments.of("virtee-milan-report.hex", "negative/virtee-milan-vcek-neg-byte40-xorff.der",
                        ReasonCode.CERT_CHAIN_INVALID),
                Arguments.of("trustee-test-report.bin", "negative/trustee-test-vcek-invalid-legacy.der",
                        ReasonCode.CERT_CHAIN_INVALID),
                Arguments.of("trustee-test-report.bin", "negative/trustee-test-vcek-invalid-new.der",
                        ReasonCode.CERT_CHAIN_INVALID));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("negatives")
    void negativeVectorFailsWithReason(String report, String cert, ReasonCode reason) {
        Evidence ev = Vectors.evidence("snp/" + report, "snp/" + cert);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> Vectors.verify(ev, MILAN_AT));
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.teeType()).contains(TeeType.AMD_SEV_SNP);
    }

    @Test
    void reportedTcbMutationFailsTheBindingBeforeTheSignature() {
        Evidence ev = Vectors.evidence("snp/negative/trustee-report-neg-byte384-plus1.bin", "snp/trustee-test-vcek.der");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> Vectors.verify(ev, MILAN_AT));
        assertThat(e.getMessage()).contains("binding").contains("bl=4 tee=0 snp=8 ucode=115")
                .contains("bl=3 tee=0 snp=8 ucode=115");
    }

    @Test
    void everyNegativeFileIsCovered() throws Exception {
        Set<String> covered = new LinkedHashSet<>();
        negatives().forEach(a -> {
            covered.add(((String) a.get()[0]).replace("negative/", ""));
            covered.add(((String) a.get()[1]).replace("negative/", ""));
        });
        try (Stream<Path> files = Files.list(Vectors.dir().resolve("snp/negative"))) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(covered::contains);
        }
    }

    @Test
    void reportCheckedWithAnotherChipsVcekFailsTheChipBinding() {
        // same product and the same TCB (bl3 tee0 snp8 ucode115), different chip
        Evidence ev = Vectors.evidence("snp/virtee-milan-report.hex", "snp/trustee-test-vcek.der");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> Vectors.verify(ev, MILAN_AT));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("hwID").contains("CHIP_ID");
    }

    @Test
    void reportCheckedWithAnotherTcbsVcekFailsTheTcbBinding() {
        Evidence ev = Vectors.evidence("snp/gosev-milan-report.bin", "snp/trustee-test-vcek.der");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> Vectors.verify(ev, MILAN_AT));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("REPORTED_TCB");
    }

    @Test
    void vlekReportWithAVcekFailsTheKeyKindBinding() {
        Evidence ev = Vectors.evidence("snp/trustee-test-vlek-report.bin", "snp/trustee-test-vcek.der");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> Vectors.verify(ev, VLEK_AT));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("VLEK");
    }

    @Test
    void vcekReportWithAVlekFailsTheKeyKindBinding() {
        Evidence ev = Vectors.evidence("snp/trustee-test-report.bin", "snp/trustee-test-vlek.der");
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> Vectors.verify(ev, VLEK_AT));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void genoaReportWithAMilanVcekFailsTheChain() {
        Evidence ev = Vectors.evidence("snp/oak-genoa-report-extracted.bin", "snp/virtee-milan-vcek.der");
        assertThat(assertThrows(AttestationVerificationException.class, () -> Vectors.verify(ev, GENOA_AT)).reason())
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void invalidTestVceksParseBothHwIdEncodings() throws Exception {
        byte[] expected = new byte[64];
        for (int i = 0; i < 64; i++) {
            expected[i] = (byte) i;
        }
        for (String f : List.of("trustee-test-vcek-invalid-legacy.der", "trustee-test-vcek-invalid-new.der")) {
            VekExtensions x = VekExtensions.parse(certificate("snp/negative/" + f));
            assertThat(x.hwId).as(f).isEqualTo(expected);
            assertThat(x.productName).isEqualTo("Milan-B0");
        }
        assertThat(VekExtensions.parse(certificate("snp/negative/trustee-test-vcek-invalid-legacy.der")).microcode)
                .isEqualTo(0xa9);
    }

    @Test
    void turinVcekChainsToTheTurinArkWithItsEightByteHwIdAndFmc() throws Exception {
        X509Certificate turin = certificate("snp/virtee-turin-vcek.der");
        Endorsement e = ChainBuilder.build(
                EndorsementDocuments.parse(List.of(new EndorsementDocuments.Document("vcek.der", turin.getEncoded())),
                        io.confidentialai.sdk.InputLimits.defaults()),
                SnpReport.SigningKey.VCEK, List.of());
        assertThat(e.product).isEqualTo(Product.TURIN);
        assertThat(e.hardware).isTrue();
        assertThat(e.extensions.hwId).isEqualTo(HexFormat.of().parseHex("1e550a8ee5cf9f4d"));
        assertThat(e.extensions.fmc).isZero();
        assertThat(e.extensions.microcode).isEqualTo(9);
        assertThat(e.extensions.productName).isEqualTo("Turin");
        e.checkAt(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(e.root().getSubjectX500Principal().getName()).startsWith("CN=ARK-Turin");
    }

    static X509Certificate certificate(String relative) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Vectors.read(relative)));
    }

    static void assertHex(String actual, String expected, int length) {
        assertThat(actual).hasSize(2 * length);
        if (expected.contains("…")) {
            int cut = expected.indexOf('…');
            assertThat(actual).startsWith(expected.substring(0, cut)).endsWith(expected.substring(cut + 1));
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }
}
