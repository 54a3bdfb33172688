package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The NVIDIA vectors of ../shared/vectors/INDEX.md: the H100 report's values, its negatives, flips and truncations. */
class GpuVectorTest {
    /** Skips the whole class when the shared vectors are absent (reads inside assertThrows would fail instead). */
    @BeforeAll
    static void requiresVectors() {
        GpuVectors.dir();
    }

    private static final HexFormat HEX = HexFormat.of();
    static final String NONCE = "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb";
    static final String FWID = "f5c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275494ba94bb5cdfdb3055ee0"
            + "51762b1f75d";
    /** INDEX.md: non-zero blocks 2-8, 10, 12, 22, 23, 26-28, 30-41. */
    static final List<Integer> NON_ZERO = IntStream.rangeClosed(1, 64)
            .filter(i -> (i >= 2 && i <= 8) || i == 10 || i == 12 || i == 22 || i == 23 || (i >= 26 && i <= 28)
                    || (i >= 30 && i <= 41))
            .boxed().toList();
    /** The H100 report is 4117 bytes; the signature starts at 4021. */
    static final int LENGTH = 4117;
    static final int SIGNATURE_OFFSET = 4021;

    static TeeClaims verify(Evidence evidence, ProviderContext ctx) throws AttestationVerificationException {
        return new NvidiaGpuProvider().newVerifier(ctx).orElseThrow().verify(evidence);
    }

    static ReasonCode reject(Evidence evidence, ProviderContext ctx) {
        return assertThrows(AttestationVerificationException.class, () -> verify(evidence, ctx)).reason();
    }

    @ParameterizedTest(name = "at {0}")
    @ValueSource(strings = {"2022-03-01T00:00:00Z", "2026-11-21T00:00:00Z", "9999-12-31T23:59:59Z"})
    void h100ReportVerifiesWithTheIndexValues(String instant) throws Exception {
        byte[] report = GpuVectors.report();
        assertThat(report).hasSize(LENGTH);
        TeeClaims c = verify(GpuVectors.evidence(), GpuVectors.context(Instant.parse(instant)));

        assertThat(c.teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
        assertThat(c.isHardware()).isTrue();
        assertThat(c.isDebug()).isFalse();
        assertThat(c.reportData()).isEqualTo(ReportData.padded(HEX.parseHex(NONCE)));
        assertThat(c.reportData().toHex()).isEqualTo(NONCE + "00".repeat(32));
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(c.tcbDetail()).isEqualTo("GPU TCB is appraised through RIM matching");
        assertThat(c.platformId()).contains("53c22ba15e5d68088282da074ed9fb37aa585771");

        assertThat(c.measurements()).hasSize(64);
        for (int i = 1; i <= 64; i++) {
            Measurement m = c.measurement(GpuClaims.slot(i)).orElseThrow();
            assertThat(m.slot().toString()).isEqualTo("nvidia-gpu-cc/block-" + i);
            assertThat(m.toByteArray()).hasSize(48);
            boolean zero = Arrays.equals(m.toByteArray(), new byte[48]);
            assertThat(zero).as("block %d is zero", i).isEqualTo(!NON_ZERO.contains(i));
        }

        Map<String, Object> d = c.details();
        assertThat(d.get("nonce")).isEqualTo(NONCE);
        assertThat(d.get("driverVersion")).isEqualTo("550.90.07");
        assertThat(d.get("vbiosVersion")).isEqualTo("96.00.9F.00.01");
        assertThat(d.get("project")).isEqualTo("1010");
        assertThat(d.get("projectSku")).isEqualTo("0200");
        assertThat(d.get("chipSku")).isEqualTo("882");
        assertThat(d.get("boardId")).isEqualTo("b1030000");
        assertThat(d.get("fwid")).isEqualTo(FWID);
        assertThat(d.get("arch")).isEqualTo("GH100");
        assertThat(d.get("protectedPcie")).isEqualTo(false);
        assertThat(d.get("nvdec0Status")).isEqualTo(false);
        assertThat(d.get("measurementCount")).isEqualTo(64L);
        assertThat(d.get("measurementBlocks")).isEqualTo(64L);
        assertThat(d.get("chipSkuMod")).isEqualTo("0");
        assertThat(d.get("projectSkuMod")).isEqualTo("0000");
        assertThat(d.get("gpuInfo")).isEqualTo("8001000000000000");
        assertThat(d.get("cprInfo")).isEqualTo("00c00100");
        assertThat(d.get("deviceCertificate")).isEqualTo("GH100 A01 GSP FMC LF");
        assertThat(d.get("rootCa")).isEqualTo("NVIDIA Device Identity CA");
        assertThat(d).doesNotContainKeys("featureFlags", "opaqueDataVersion"); // this driver predates them
        assertThat(d.get("rimStatus")).isEqualTo("not-evaluated");
        assertThat(d.get("rimMismatches")).isEqualTo(List.of());
        assertThat(d.get("rimMissing")).isEqualTo(List.of());
        assertThat(d.get("rimIds")).isEqualTo(List.of());
        assertThat(d.get("rimVersionMatch")).isEqualTo(false);
        assertThat(d.values()).allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Long.class,
                Boolean.class, List.class));
    }

    /** The same values as trustee's claims for this report (deps/verifier/test_data/nvidia). */
    @Test
    void valuesAgreeWithTrusteesClaims() throws Exception {
        JsonNode trustee = new ObjectMapper().readTree(read("nvidia/trustee-hopperAttestationReport-claims.txt"));
        TeeClaims c = verify(GpuVectors.evidence(), GpuVectors.context(GpuVectors.AT));
        JsonNode config = trustee.get("config");
        Map<String, Object> d = c.details();
        assertThat(d.get("driverVersion")).isEqualTo(config.get("driver_version").asText());
        assertThat((String) d.get("vbiosVersion")).isEqualToIgnoringCase(config.get("vbios_version").asText());
        assertThat(d.get("boardId")).isEqualTo(config.get("board_id").asText());
        assertThat(d.get("chipSku")).isEqualTo(config.get("chip_sku").asText());
        assertThat(d.get("chipSkuMod")).isEqualTo(config.get("chip_sku_mod").asText());
        assertThat(d.get("project")).isEqualTo(config.get("project").asText());
        assertThat(d.get("projectSku")).isEqualTo(config.get("project_sku").asText());
        assertThat(d.get("projectSkuMod")).isEqualTo(config.get("project_sku_mod").asText());
        assertThat(d.get("fwid")).isEqualTo(config.get("fwid").asText());
        assertThat(d.get("gpuInfo")).isEqualTo(config.get("gpu_info").asText());
        assertThat(d.get("cprInfo")).isEqualTo(config.get("cpr_info").asText());
        List<String> counts = new ArrayList<>();
        for (int i = 1; i <= 64; i++) {
            counts.add(config.get("measurement_count").get(Integer.toString(i)).asText());
            assertThat(c.measurement(GpuClaims.slot(i)).orElseThrow().toHex())
                    .isEqualTo(trustee.get("measurements").get(Integer.toString(i)).asText());
        }
        assertThat(d.get("measurementCounts")).isEqualTo(counts);
    }

    @Test
    void hexTextIsAcceptedWithWhiteSpaceAndEitherCase() throws Exception {
        byte[] text = read(GpuVectors.REPORT);
        TeeClaims expected = verify(GpuVectors.evidence(), GpuVectors.context(GpuVectors.AT));
        byte[] chain = read(GpuVectors.CHAIN);
        assertThat(verify(GpuVectors.evidence(text, chain), GpuVectors.context(GpuVectors.AT))).isEqualTo(expected);

        String hex = new String(text, StandardCharsets.US_ASCII).strip();
        StringBuilder wrapped = new StringBuilder("  \n");
        for (int i = 0; i < hex.length(); i += 64) {
            wrapped.append(hex, i, Math.min(hex.length(), i + 64)).append("\r\n\t");
        }
        byte[] upper = wrapped.toString().toUpperCase().getBytes(StandardCharsets.US_ASCII);
        assertThat(verify(GpuVectors.evidence(upper, chain), GpuVectors.context(GpuVectors.AT))).isEqualTo(expected);

        byte[] odd = (hex + "0").getBytes(StandardCharsets.US_ASCII);
        assertThat(reject(GpuVectors.evidence(odd, chain), GpuVectors.context(GpuVectors.AT)))
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @ParameterizedTest(name = "{0} trailing bytes")
    @ValueSource(ints = {1, 7, 96, 1000})
    void trailingBytesAfterTheSignatureAreTolerated(int extra) throws Exception {
        byte[] report = GpuVectors.report();
        byte[] padded = Arrays.copyOf(report, report.length + extra);
        for (int i = report.length; i < padded.length; i++) {
            padded[i] = (byte) (extra == 7 ? 'x' : 0);
        }
        TeeClaims c = verify(GpuVectors.evidence(padded, read(GpuVectors.CHAIN)), GpuVectors.context(GpuVectors.AT));
        assertThat(c.details().get("nonce")).isEqualTo(NONCE);
    }

    @Test
    void flippedMeasurementVectorIsSignatureInvalid() {
        Evidence e = GpuVectors.evidence(read(GpuVectors.FLIPPED), read(GpuVectors.CHAIN));
        assertThat(reject(e, GpuVectors.context(GpuVectors.AT))).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    /**
     * Every single-byte change anywhere in the report (signed region and signature) is rejected: with
     * SIGNATURE_INVALID, or EVIDENCE_MALFORMED where the change breaks the structure; inside the nonces, the
     * measurement values and the signature always SIGNATURE_INVALID.
     */
    @Test
    void everySingleByteFlipIsRejected() throws Exception {
        byte[] report = GpuVectors.report();
        byte[] chain = read(GpuVectors.CHAIN);
        ProviderContext ctx = GpuVectors.context(GpuVectors.AT);
        var verifier = new NvidiaGpuProvider().newVerifier(ctx).orElseThrow();
        Set<Integer> valueBytes = new java.util.HashSet<>();
        for (int i = 4; i < 36; i++) {
            valueBytes.add(i); // request nonce
        }
        for (int block = 0; block < 64; block++) {
            int value = 37 + 8 + block * 55 + 7;
            for (int i = 0; i < 48; i++) {
                valueBytes.add(value + i);
            }
        }
        for (int i = 37 + 8 + 64 * 55; i < 37 + 8 + 64 * 55 + 32; i++) {
            valueBytes.add(i); // responder nonce
        }
        for (int i = SIGNATURE_OFFSET; i < LENGTH; i++) {
            valueBytes.add(i);
        }
        for (int mask : new int[] {0x01, 0x80}) {
            for (int offset = 0; offset < report.length; offset++) {
                byte[] flipped = report.clone();
                flipped[offset] ^= (byte) mask;
                Evidence e = GpuVectors.evidence(flipped, chain);
                int at = offset;
                AttestationVerificationException ex = assertThrows(AttestationVerificationException.class,
                        () -> verifier.verify(e), () -> "byte " + at + " ^ " + mask + " was accepted");
                if (valueBytes.contains(offset)) {
                    assertThat(ex.reason()).as("byte %d ^ 0x%02x", offset, mask).isEqualTo(ReasonCode.SIGNATURE_INVALID);
                } else {
                    assertThat(ex.reason()).as("byte %d ^ 0x%02x", offset, mask)
                            .isIn(ReasonCode.SIGNATURE_INVALID, ReasonCode.EVIDENCE_MALFORMED);
                }
                assertThat(ex.getMessage()).doesNotContain(HEX.formatHex(report, SIGNATURE_OFFSET, LENGTH));
            }
        }
    }

    @Test
    void everyTruncationIsMalformed() throws Exception {
        byte[] report = GpuVectors.report();
        byte[] chain = read(GpuVectors.CHAIN);
        var verifier = new NvidiaGpuProvider().newVerifier(GpuVectors.context(GpuVectors.AT)).orElseThrow();
        for (int length = 1; length < report.length; length++) {
            Evidence e = GpuVectors.evidence(Arrays.copyOf(report, length), chain);
            int n = length;
            AttestationVerificationException ex = assertThrows(AttestationVerificationException.class,
                    () -> verifier.verify(e), () -> "truncation to " + n + " bytes");
            assertThat(ex.reason()).as("truncation to %d bytes", length).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        }
        String hex = new String(read(GpuVectors.REPORT), StandardCharsets.US_ASCII).strip();
        for (int length = 1; length < hex.length(); length += 13) {
            Evidence e = GpuVectors.evidence(hex.substring(0, length).getBytes(StandardCharsets.US_ASCII), chain);
            int n = length;
            AttestationVerificationException ex = assertThrows(AttestationVerificationException.class,
                    () -> verifier.verify(e), () -> "hex truncation to " + n + " characters");
            assertThat(ex.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        }
    }

    @Test
    void randomGarbageIsRejectedCleanly() throws Exception {
        byte[] report = GpuVectors.report();
        byte[] chain = read(GpuVectors.CHAIN);
        var verifier = new NvidiaGpuProvider().newVerifier(GpuVectors.context(GpuVectors.AT)).orElseThrow();
        java.util.Random random = new java.util.Random(4117);
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[1 + random.nextInt(6000)];
            random.nextBytes(data);
            if (i % 3 == 1) {
                System.arraycopy(report, 0, data, 0, Math.min(45, data.length)); // valid headers, garbage after
            } else if (i % 3 == 2) {
                data = report.clone(); // the real structure with a random region overwritten
                int from = random.nextInt(report.length);
                int to = Math.min(report.length, from + 1 + random.nextInt(64));
                for (int j = from; j < to; j++) {
                    data[j] = (byte) random.nextInt();
                }
            }
            Evidence e = GpuVectors.evidence(data, chain);
            int n = i;
            assertThrows(AttestationVerificationException.class, () -> verifier.verify(e), () -> "input " + n);
        }
    }

    @ParameterizedTest(name = "at {0}")
    @ValueSource(strings = {"2020-10-16T23:59:59Z", "2021-06-01T00:00:00Z", "2022-02-28T23:59:59Z"})
    void chainBeforeItsCertificatesAreValidIsRejected(String instant) {
        // leaf from 2020-10-17, root from 2021-11-05, Identity from 2022-01-12, Provisioner ICA from 2022-03-01
        assertThat(reject(GpuVectors.evidence(), GpuVectors.context(Instant.parse(instant))))
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void trusteeNegativeChainsAreRejected() {
        byte[] report = GpuVectors.report();
        ProviderContext ctx = GpuVectors.context(GpuVectors.AT);
        // case 2: only the root; case 3: the Provisioner ICA is missing; case 4: the device certificate is missing
        // (so the first certificate, the BROM CA, has no FWID extension)
        for (String file : List.of(GpuVectors.CASE2, GpuVectors.CASE3, GpuVectors.CASE4, GpuVectors.SIGNING_CERT)) {
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> verify(GpuVectors.evidence(report, read(file)), ctx), file);
            assertThat(e.reason()).as(file).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        }
        String case4 = assertThrows(AttestationVerificationException.class,
                () -> verify(GpuVectors.evidence(report, read(GpuVectors.CASE4)), ctx)).getMessage();
        assertThat(case4).contains("FWID extension 2.23.133.5.4.1").contains("GH100 A01 GSP BROM");
        String case3 = assertThrows(AttestationVerificationException.class,
                () -> verify(GpuVectors.evidence(report, read(GpuVectors.CASE3)), ctx)).getMessage();
        assertThat(case3).contains("NVIDIA GH100 Provisioner ICA 1");
    }

    @Test
    void chainWithoutItsRootIsCompletedWithThePinnedRoot() throws Exception {
        String pem = new String(read(GpuVectors.CHAIN), StandardCharsets.US_ASCII);
        String withoutRoot = pem.substring(0, pem.lastIndexOf(DeviceChain.BEGIN));
        TeeClaims c = verify(GpuVectors.evidence(GpuVectors.report(),
                withoutRoot.getBytes(StandardCharsets.US_ASCII)), GpuVectors.context(GpuVectors.AT));
        assertThat(c.isHardware()).isTrue();
        assertThat(c.details().get("rootCa")).isEqualTo("NVIDIA Device Identity CA");
    }

    @Test
    void chainAttachmentIsFoundByContentAndMustBeUnique() throws Exception {
        byte[] report = GpuVectors.report();
        byte[] chain = read(GpuVectors.CHAIN);
        ProviderContext ctx = GpuVectors.context(GpuVectors.AT);
        Evidence renamed = Evidence.builder().teeType(TeeType.NVIDIA_GPU_CC).data(report)
                .attachment("device-chain.txt", chain).attachment("notes.txt", "hello".getBytes(StandardCharsets.UTF_8))
                .build();
        assertThat(verify(renamed, ctx).isHardware()).isTrue();

        Evidence twice = renamed.toBuilder().attachment("copy.pem", chain).build();
        assertThat(reject(twice, ctx)).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);

        AttestationVerificationException none = assertThrows(AttestationVerificationException.class,
                () -> verify(Evidence.of(TeeType.NVIDIA_GPU_CC, report), ctx));
        assertThat(none.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(none.getMessage()).contains("no attachment holds the GPU's device certificate chain");
    }

    @Test
    void chainIsCachedByContent() throws Exception {
        GpuEvidenceVerifier v = new GpuEvidenceVerifier(GpuVectors.context(GpuVectors.AT));
        TeeClaims first = v.verify(GpuVectors.evidence());
        TeeClaims second = v.verify(GpuVectors.evidence());
        assertThat(second).isEqualTo(first);
        assertThat(v.cachedChains()).isEqualTo(1);
        assertThat(v.cachedLinks()).isEqualTo(4); // device ← BROM ← Provisioner ICA ← GH100 Identity ← root
        // another attachment with the same certificates: a new chain entry, but no signature is verified again
        String pem = new String(read(GpuVectors.CHAIN), StandardCharsets.US_ASCII);
        v.verify(GpuVectors.evidence(GpuVectors.report(), ("\n" + pem).getBytes(StandardCharsets.US_ASCII)));
        assertThat(v.cachedChains()).isEqualTo(2);
        assertThat(v.cachedLinks()).isEqualTo(4);
        // the cache never skips the time check
        GpuEvidenceVerifier early = new GpuEvidenceVerifier(GpuVectors.context(Instant.parse("2021-01-01T00:00:00Z")));
        assertThrows(AttestationVerificationException.class, () -> early.verify(GpuVectors.evidence()));
        assertThrows(AttestationVerificationException.class, () -> early.verify(GpuVectors.evidence()));
    }

    @Test
    void attachedRimsAreAppraisedAndDoNotMatchThisReport() throws Exception {
        Evidence e = GpuVectors.evidence().toBuilder()
                .attachment("driver.swidtag", read(GpuVectors.DRIVER_RIM))
                .attachment("vbios.swidtag", read(GpuVectors.VBIOS_RIM)).build();
        TeeClaims c = verify(e, GpuVectors.context(GpuVectors.RIMS_VALID));
        Map<String, Object> d = c.details();
        assertThat(d.get("rimStatus")).isEqualTo("mismatch");
        // INDEX.md: these RIMs (driver 545.00, VBIOS 96.00.5E.00.01) are not this report's; block 36 is left out
        // because the report has NVDEC0 disabled
        assertThat(d.get("rimMismatches")).isEqualTo(strings(2, 3, 8, 10, 12, 22, 23, 26, 27, 28, 30, 31, 32, 33,
                35, 37, 38, 40, 41));
        assertThat(d.get("rimMissing")).isEqualTo(List.of());
        assertThat((List<?>) d.get("rimIds")).hasSize(2);
        assertThat(d.get("rimVersionMatch")).isEqualTo(false);
    }

    @Test
    void rimsAreLookedUpInTheCollateralUnderNvidiasIds() throws Exception {
        List<String> asked = new ArrayList<>();
        byte[] driver = read(GpuVectors.DRIVER_RIM);
        byte[] vbios = read(GpuVectors.VBIOS_RIM);
        CollateralSource collateral = (tee, name, max) -> {
            synchronized (asked) {
                asked.add(tee.id() + "/" + name);
            }
            if (name.equals("nv_gpu_driver_gh100_550.90.07.swidtag")) {
                return Optional.of(driver);
            }
            return name.equals("nv_gpu_vbios_1010_0200_882_96009f0001.swidtag") ? Optional.of(vbios)
                    : Optional.empty();
        };
        TeeClaims c = verify(GpuVectors.evidence(), GpuVectors.context(GpuVectors.RIMS_VALID, collateral));
        assertThat(asked).containsExactly("nvidia-gpu-cc/nv_gpu_driver_gh100_550.90.07.swidtag",
                "nvidia-gpu-cc/nv_gpu_vbios_1010_0200_882_96009f0001.swidtag");
        assertThat(c.details().get("rimStatus")).isEqualTo("mismatch");
        assertThat(ReferenceManifests.vbiosRimId(SpdmEvidence.parse(GpuVectors.report()).opaque))
                .contains("NV_GPU_VBIOS_1010_0200_882_96009F0001");
    }

    @Test
    void expiredRimSignersAreRejected() {
        Evidence e = GpuVectors.evidence().toBuilder().attachment("driver.swidtag", read(GpuVectors.DRIVER_RIM))
                .build();
        assertThat(reject(e, GpuVectors.context(GpuVectors.AT))).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void messagesNeverCarryEvidenceBytes() {
        byte[] report = GpuVectors.report();
        byte[] broken = report.clone();
        broken[37 + 8 + 1] = 2; // block 1 MeasurementSpecification
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(GpuVectors.evidence(broken, read(GpuVectors.CHAIN)), GpuVectors.context(GpuVectors.AT)));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("offset 45").doesNotContain(NONCE).doesNotContain(FWID);
    }

    private static List<String> strings(int... values) {
        return Arrays.stream(values).mapToObj(Integer::toString).toList();
    }

    private static byte[] read(String relative) {
        return GpuVectors.read(relative);
    }
}
