package io.confidentialai.sdk.tee.sevsnp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Mutation, truncation, garbage, encoding, attachment and limit tests on the real trustee Milan report. */
class SnpRobustnessTest {
    private static final String REPORT = "snp/trustee-test-report.bin";
    private static final String VCEK = "snp/trustee-test-vcek.der";
    private static final Instant AT = SnpVectorTest.MILAN_AT;
    /** One verifier for all report mutations, so the chain is validated once and cached. */
    private static EvidenceVerifier shared;

    @BeforeAll
    static void verifier() {
        shared = new AmdSevSnpProvider().newVerifier(Vectors.context(AT)).orElseThrow();
    }

    static IntStream signedAndSignatureOffsets() {
        return IntStream.range(0, SnpReport.SIGNATURE_OFFSET + 2 * SnpReport.SIGNATURE_COMPONENT_LENGTH);
    }

    @ParameterizedTest(name = "report byte 0x{0}")
    @MethodSource("signedAndSignatureOffsets")
    void everyFlippedByteOfTheSignedRegionAndTheSignatureIsRejected(int offset) {
        byte[] report = Vectors.read(REPORT);
        report[offset] ^= 0x01;
        assertThat(reasonOf(shared, evidence(report, Vectors.read(VCEK)))).isNotNull();
    }

    @Test
    void everyFlippedByteOfTheUnsignedTailIsMalformed() {
        byte[] vcek = Vectors.read(VCEK);
        for (int offset = SnpReport.SIGNATURE_OFFSET + 2 * SnpReport.SIGNATURE_COMPONENT_LENGTH;
                offset < SnpReport.LENGTH; offset++) {
            byte[] report = Vectors.read(REPORT);
            report[offset] ^= 0x01;
            assertThat(reasonOf(shared, evidence(report, vcek))).as("offset 0x%x", offset)
                    .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        }
    }

    @Test
    void everyFlippedByteOfTheVcekIsRejected() {
        byte[] report = Vectors.read(REPORT);
        byte[] vcek = Vectors.read(VCEK);
        EvidenceVerifier verifier = new AmdSevSnpProvider().newVerifier(Vectors.context(AT)).orElseThrow();
        for (int offset = 0; offset < vcek.length; offset++) {
            byte[] mutated = vcek.clone();
            mutated[offset] ^= 0x01;
            assertThat(reasonOf(verifier, evidence(report, mutated))).as("VCEK byte %d", offset).isNotNull();
        }
    }

    @Test
    void unmutatedReportStillVerifiesWithTheSharedVerifier() throws Exception {
        assertThat(shared.verify(evidence(Vectors.read(REPORT), Vectors.read(VCEK))).isHardware()).isTrue();
    }

    @Test
    void everyTruncationAndExtensionIsMalformed() {
        byte[] report = Vectors.read(REPORT);
        byte[] vcek = Vectors.read(VCEK);
        for (int length = 1; length < SnpReport.LENGTH; length += length < 80 ? 1 : 13) {
            assertThat(reasonOf(shared, evidence(Arrays.copyOf(report, length), vcek))).as("%d bytes", length)
                    .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        }
        assertThat(reasonOf(shared, evidence(Arrays.copyOf(report, SnpReport.LENGTH + 1), vcek)))
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void randomBytesAreRejected() {
        Random random = new Random(20250601L);
        byte[] vcek = Vectors.read(VCEK);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[i % 2 == 0 ? SnpReport.LENGTH : 1 + random.nextInt(3000)];
            random.nextBytes(garbage);
            assertThat(reasonOf(shared, evidence(garbage, vcek))).as("random #%d", i).isNotNull();
        }
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {0, 1, 4, 6, 0x7fffffff})
    void unknownVersionsAreUnsupported(int version) {
        byte[] report = Vectors.read(REPORT);
        for (int i = 0; i < 4; i++) {
            report[i] = (byte) (version >>> (8 * i));
        }
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> shared.verify(evidence(report, Vectors.read(VCEK))));
        assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
        assertThat(e.getMessage()).contains("report version " + version).contains("2, 3, 5");
    }

    @Test
    void otherSignatureAlgorithmIsUnsupported() {
        byte[] report = Vectors.read(REPORT);
        report[0x34] = 2;
        assertThat(reasonOf(shared, evidence(report, Vectors.read(VCEK))))
                .isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
    }

    @Test
    void signingKeyNoneIsAnUnsignedReportAndReservedValuesAreUnsupported() {
        byte[] report = Vectors.read(REPORT);
        report[0x48] = (byte) (7 << 2);
        assertThat(reasonOf(shared, evidence(report, Vectors.read(VCEK)))).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        report[0x48] = (byte) (3 << 2);
        assertThat(reasonOf(shared, evidence(report, Vectors.read(VCEK))))
                .isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
    }

    @Test
    void hexTextIsAcceptedInUpperCaseWithLineBreaks() throws Exception {
        byte[] report = Vectors.read(REPORT);
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < report.length; i++) {
            hex.append(String.format("%02X", report[i] & 0xff));
            if (i % 32 == 31) {
                hex.append("\r\n");
            }
        }
        assertThat(shared.verify(evidence(hex.toString().getBytes(StandardCharsets.US_ASCII), Vectors.read(VCEK)))
                .isHardware()).isTrue();
        assertThat(reasonOf(shared, evidence("0200000".getBytes(StandardCharsets.US_ASCII), Vectors.read(VCEK))))
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void evidenceLabelledForAnotherTeeIsUnsupported() {
        Evidence ev = Evidence.builder().teeType(TeeType.INTEL_TDX).data(Vectors.read(REPORT))
                .attachment("vcek.der", Vectors.read(VCEK)).build();
        assertThat(reasonOf(shared, ev)).isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
    }

    @Test
    void evidenceAndAttachmentsOverTheLimitsAreMalformed() {
        Evidence ev = evidence(Vectors.read(REPORT), Vectors.read(VCEK));
        ProviderContext small = Vectors.context(AT, new InputLimits(1000, 64 << 10, 8, 1 << 20),
                CollateralSource.none(), List.of());
        assertThat(reasonOf(new AmdSevSnpProvider().newVerifier(small).orElseThrow(), ev))
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        ProviderContext smallChain = Vectors.context(AT, new InputLimits(1 << 20, 1000, 8, 1 << 20),
                CollateralSource.none(), List.of());
        assertThat(reasonOf(new AmdSevSnpProvider().newVerifier(smallChain).orElseThrow(), ev))
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void moreCertificatesThanTheLimitAreRejected() {
        Evidence ev = Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(Vectors.read(REPORT))
                .attachment("vcek.der", Vectors.read(VCEK))
                .attachment("ask-ark.pem", Vectors.read("roots/amd-gosev-ask_ark_milan.pem")).build();
        ProviderContext two = Vectors.context(AT, new InputLimits(1 << 20, 64 << 10, 2, 1 << 20),
                CollateralSource.none(), List.of());
        assertThat(reasonOf(new AmdSevSnpProvider().newVerifier(two).orElseThrow(), ev))
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void vcekAsPemWithTheAskArkBundleVerifies() throws Exception {
        Evidence ev = Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(Vectors.read(REPORT))
                .attachment("vcek.pem", pem(Vectors.read(VCEK)))
                .attachment("ask_ark_milan.pem", Vectors.read("roots/amd-gosev-ask_ark_milan.pem")).build();
        assertThat(Vectors.verify(ev, AT).isHardware()).isTrue();
        Evidence bundle = Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(Vectors.read(REPORT))
                .attachment("cert-chain.pem", concat(pem(Vectors.read(VCEK)),
                        Vectors.read("roots/amd-gosev-ask_ark_milan.pem"))).build();
        assertThat(Vectors.verify(bundle, AT).isHardware()).isTrue();
    }

    @Test
    void unrelatedOrTamperedAttachedCertificatesAreRejected() {
        Evidence genoa = Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(Vectors.read(REPORT))
                .attachment("vcek.der", Vectors.read(VCEK))
                .attachment("ask_ark_genoa.pem", Vectors.read("roots/amd-gosev-ask_ark_genoa.pem")).build();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> Vectors.verify(genoa, AT));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("not part of the chain");

        byte[] bundle = Vectors.read("roots/amd-gosev-ask_ark_milan.pem");
        String text = new String(bundle, StandardCharsets.US_ASCII);
        int at = text.indexOf("\n", text.indexOf("BEGIN CERTIFICATE")) + 400;
        bundle[at] = (byte) (bundle[at] == 'A' ? 'B' : 'A');
        Evidence tampered = Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(Vectors.read(REPORT))
                .attachment("vcek.der", Vectors.read(VCEK)).attachment("chain.pem", bundle).build();
        assertThat(reasonOf(shared, tampered)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void garbageAttachmentIsRejected() {
        Evidence ev = Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(Vectors.read(REPORT))
                .attachment("vcek.der", Vectors.read(VCEK)).attachment("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII))
                .build();
        assertThat(reasonOf(shared, ev)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void withoutAnyVcekTheCollateralIsUnavailableAndRetryable() {
        Evidence bare = Evidence.of(TeeType.AMD_SEV_SNP, Vectors.read(REPORT));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> shared.verify(bare));
        assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("vcek.der");
    }

    @Test
    void vcekFromTheCollateralSourceIsUsedWhenNothingIsAttached(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("amd-sev-snp"));
        Files.write(dir.resolve("amd-sev-snp/vcek.der"), Vectors.read(VCEK));
        ProviderContext ctx = Vectors.context(AT, InputLimits.defaults(), CollateralSource.ofDirectory(dir), List.of());
        assertThat(new AmdSevSnpProvider().newVerifier(ctx).orElseThrow()
                .verify(Evidence.of(TeeType.AMD_SEV_SNP, Vectors.read(REPORT))).isHardware()).isTrue();
    }

    @Test
    void chainIsValidatedOnceAndCached() throws Exception {
        SnpReportVerifier verifier = new SnpReportVerifier(Vectors.context(AT));
        Evidence ev = evidence(Vectors.read(REPORT), Vectors.read(VCEK));
        verifier.verify(ev);
        verifier.verify(ev);
        verifier.verify(evidence(Vectors.read("snp/virtee-milan-report.hex"), Vectors.read("snp/virtee-milan-vcek.der")));
        assertThat(verifier.cachedChains()).isEqualTo(2);
    }

    @Test
    void cachedChainIsStillCheckedAgainstTheClockOfEachVerification() throws Exception {
        Evidence ev = Vectors.evidence("snp/trustee-test-vlek-report.bin", "snp/trustee-test-vlek.der");
        Instant[] now = {SnpVectorTest.VLEK_AT};
        ProviderContext ctx = io.confidentialai.sdk.tee.testkit.TestContexts.verifier(
                new java.time.Clock() {
                    @Override
                    public java.time.ZoneId getZone() {
                        return java.time.ZoneOffset.UTC;
                    }

                    @Override
                    public java.time.Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return now[0];
                    }
                }, InputLimits.defaults(), CollateralSource.none(), List.of(), List.of());
        EvidenceVerifier verifier = new AmdSevSnpProvider().newVerifier(ctx).orElseThrow();
        assertThat(verifier.verify(ev).isHardware()).isTrue();
        now[0] = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(reasonOf(verifier, ev)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void boundedCacheEvictsTheLeastRecentlyUsed() {
        BoundedCache<String> cache = new BoundedCache<>(2);
        cache.put("a", "1");
        cache.put("b", "2");
        assertThat(cache.get("a")).contains("1");
        cache.put("c", "3");
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).contains("1");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void pinnedArkListedAsSimulationRootIsStillHardware() throws Exception {
        ProviderContext ctx = Vectors.context(AT, InputLimits.defaults(), CollateralSource.none(),
                List.of(AmdRoots.ark(Product.MILAN).certificate));
        assertThat(new AmdSevSnpProvider().newVerifier(ctx).orElseThrow()
                .verify(evidence(Vectors.read(REPORT), Vectors.read(VCEK))).isHardware()).isTrue();
    }

    static Evidence evidence(byte[] report, byte[] vcek) {
        return Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(report).attachment("vcek.der", vcek).build();
    }

    static byte[] pem(byte[] der) {
        return ("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The reason code of the rejection; acceptance or another exception type fails the test. */
    static ReasonCode reasonOf(EvidenceVerifier verifier, Evidence evidence) {
        try {
            verifier.verify(evidence);
        } catch (AttestationVerificationException e) {
            return e.reason();
        }
        return fail("the mutated evidence was accepted");
    }
}
