package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The SPDM parser, the opaque data and the claims on synthetic evidence signed by a simulated device key. */
class SpdmStructureTest {
    private static final TestGpu GPU = TestGpu.create();
    private static final HexFormat HEX = HexFormat.of();

    static TeeClaims verify(Evidence e) throws AttestationVerificationException {
        return new NvidiaGpuProvider().newVerifier(GPU.context()).orElseThrow().verify(e);
    }

    static TeeClaims verify(TestGpu.Spdm spdm) throws AttestationVerificationException {
        return verify(GPU.evidence(spdm.signWith(GPU.deviceKey()).bytes()));
    }

    /** Builds the default exchange, lets {@code change} bend it, signs it properly and expects {@code code}. */
    static AttestationVerificationException reject(Consumer<TestGpu.Spdm> change, ReasonCode code) {
        TestGpu.Spdm spdm = new TestGpu.Spdm();
        change.accept(spdm);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class, () -> verify(spdm));
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.teeType()).contains(TeeType.NVIDIA_GPU_CC);
        return e;
    }

    @Test
    void simulatedEvidenceVerifiesWithHardwareFalse() throws Exception {
        TeeClaims c = verify(GPU.evidence());
        assertThat(c.teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
        assertThat(c.isHardware()).isFalse();
        assertThat(c.isDebug()).isFalse();
        assertThat(c.reportData()).isEqualTo(ReportData.padded(TestGpu.NONCE));
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(c.tcbDetail()).isEqualTo(GpuClaims.TCB_DETAIL);
        assertThat(c.platformId()).contains("53c22ba15e5d68088282da074ed9fb37aa585771");
        assertThat(c.measurements()).hasSize(64);
        assertThat(c.measurement(GpuClaims.slot(1)).orElseThrow().toByteArray()).isEqualTo(TestGpu.sha384("block 1"));
        assertThat(c.measurement(GpuClaims.slot(9)).orElseThrow().toByteArray()).isEqualTo(new byte[48]);
        Map<String, Object> d = c.details();
        assertThat(d.get("arch")).isEqualTo("GH100");
        assertThat(d.get("rootCa")).isEqualTo("CSDK Simulation Root CA");
        assertThat(d.get("driverVersion")).isEqualTo(TestGpu.DRIVER);
        assertThat(d.get("vbiosVersion")).isEqualTo("96.00.9F.00.01");
        assertThat(d.get("fwid")).isEqualTo(HEX.formatHex(TestGpu.FWID));
        List<String> counts = List.of(((List<?>) d.get("measurementCounts")).toArray(new String[0]));
        assertThat(counts).hasSize(64).startsWith("1", "1");
        assertThat(counts.get(8)).isEqualTo("0");
        assertThat(d.get("rimStatus")).isEqualTo("not-evaluated");
    }

    @Test
    void newerOpaqueFieldsAreDecoded() throws Exception {
        TestGpu.Spdm spdm = new TestGpu.Spdm();
        spdm.opaque.put(OpaqueData.OPAQUE_DATA_VERSION, "1".getBytes(StandardCharsets.US_ASCII));
        spdm.opaque.put(OpaqueData.FEATURE_FLAG, new byte[] {1});
        spdm.opaque.put(OpaqueData.PROTECTED_PCIE_STATUS, new byte[] {(byte) 0xAA});
        spdm.opaque.put(OpaqueData.NVDEC0_STATUS, new byte[] {0x12});
        spdm.opaque.put(99, new byte[] {1, 2, 3}); // unknown types are signed, kept and ignored
        Map<String, Object> d = verify(spdm).details();
        assertThat(d.get("opaqueDataVersion")).isEqualTo("1");
        assertThat(d.get("featureFlags")).isEqualTo("MPT");
        assertThat(d.get("protectedPcie")).isEqualTo(true);
        assertThat(d.get("nvdec0Status")).isEqualTo("0x12");

        spdm.opaque.put(OpaqueData.FEATURE_FLAG, new byte[] {2, 0, 0, 0});
        assertThat(verify(spdm).details().get("featureFlags")).isEqualTo("PPCIE");
        spdm.opaque.put(OpaqueData.FEATURE_FLAG, new byte[] {0});
        assertThat(verify(spdm).details().get("featureFlags")).isEqualTo("SPT");
    }

    @Test
    void requestHeaderIsChecked() {
        reject(s -> s.requestHeader[0] = 0x12, ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.requestHeader[1] = (byte) 0xE1, ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.requestHeader[2] = 0x00, ReasonCode.EVIDENCE_MALFORMED); // no signature requested
        reject(s -> s.requestHeader[2] = 0x03, ReasonCode.EVIDENCE_MALFORMED); // reserved bit
        reject(s -> s.requestHeader[3] = 0x01, ReasonCode.EVIDENCE_MALFORMED); // one block, not all
        reject(s -> s.slot = 8, ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void responseHeaderIsChecked() throws Exception {
        reject(s -> s.responseHeader[0] = 0x10, ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.responseHeader[1] = 0x61, ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.responseHeader[3] = 1, ReasonCode.EVIDENCE_MALFORMED); // slot differs from the request
        reject(s -> s.blocks.clear(), ReasonCode.EVIDENCE_MALFORMED); // zero blocks
        TestGpu.Spdm slot3 = new TestGpu.Spdm();
        slot3.slot = 3;
        slot3.responseHeader[3] = 3;
        assertThat(verify(slot3).details().get("slot")).isEqualTo(3L);
    }

    @Test
    void measurementBlocksAreChecked() {
        reject(s -> s.blockSpec = 2, ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.valueType = 0x81, ReasonCode.EVIDENCE_MALFORMED); // raw bit stream
        reject(s -> s.blocks.put(65, new byte[32]), ReasonCode.EVIDENCE_MALFORMED); // SHA-256 sized
        reject(s -> s.blocks.put(0, new byte[48]), ReasonCode.EVIDENCE_MALFORMED); // reserved index
        reject(s -> s.blocks.put(255, new byte[48]), ReasonCode.EVIDENCE_MALFORMED);
        AttestationVerificationException e = reject(s -> s.blocks.put(65, new byte[32]), ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("block 65").contains("32-byte digest");
    }

    @Test
    void duplicateBlockIndicesAreRejected() {
        TestGpu.Spdm spdm = new TestGpu.Spdm().signWith(GPU.deviceKey());
        byte[] bytes = spdm.bytes();
        // rewrite block 2's index to 1 and re-sign
        int block2 = 37 + 8 + 55;
        assertThat(bytes[block2]).isEqualTo((byte) 2);
        byte[] signed = Arrays.copyOf(bytes, bytes.length - 96);
        signed[block2] = 1;
        byte[] evidence = concat(signed, TestGpu.sign(GPU.deviceKey(), signed));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(GPU.evidence(evidence)));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("index 1 appears twice");
    }

    @Test
    void recordLengthMustBeExactlyFilled() {
        byte[] signed = new TestGpu.Spdm().signed();
        for (int delta : new int[] {-1, 1, -55, 55, 0x10000}) {
            byte[] bent = signed.clone();
            int length = (bent[42] & 0xff) | (bent[43] & 0xff) << 8 | (bent[44] & 0xff) << 16;
            length += delta;
            bent[42] = (byte) length;
            bent[43] = (byte) (length >> 8);
            bent[44] = (byte) (length >> 16);
            byte[] evidence = concat(bent, TestGpu.sign(GPU.deviceKey(), bent));
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> verify(GPU.evidence(evidence)), "delta " + delta);
            assertThat(e.reason()).as("delta %d", delta).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        }
        byte[] bent = signed.clone();
        bent[41] = 63; // NumberOfBlocks one short of the record
        byte[] evidence = concat(bent, TestGpu.sign(GPU.deviceKey(), bent));
        assertThat(assertThrows(AttestationVerificationException.class, () -> verify(GPU.evidence(evidence)))
                .getMessage()).contains("unaccounted");
    }

    @Test
    void opaqueDataIsParsedWithBounds() {
        reject(s -> s.opaque.remove(OpaqueData.DRIVER_VERSION), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.remove(OpaqueData.VBIOS_VERSION), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.remove(OpaqueData.FWID), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.put(OpaqueData.FWID, new byte[32]), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.put(OpaqueData.VBIOS_VERSION, new byte[5]), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.put(OpaqueData.DRIVER_VERSION, new byte[] {0}), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.put(OpaqueData.DRIVER_VERSION, new byte[] {'5', 0, '1'}), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.put(OpaqueData.DRIVER_VERSION, new byte[] {'5', 7}), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.put(OpaqueData.CHIP_SKU, new byte[] {(byte) 0xC3, (byte) 0xA9}),
                ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.put(OpaqueData.MSRSCNT, new byte[6]), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.put(OpaqueData.PROTECTED_PCIE_STATUS, new byte[2]), ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.opaque.put(OpaqueData.FEATURE_FLAG, new byte[9]), ReasonCode.EVIDENCE_MALFORMED);
        // a TLV that overruns the opaque data, a stray header byte, a repeated type
        reject(s -> s.extraOpaque = new byte[] {3, 0, 10, 0, 'x'}, ReasonCode.EVIDENCE_MALFORMED);
        reject(s -> s.extraOpaque = new byte[] {1}, ReasonCode.EVIDENCE_MALFORMED);
        AttestationVerificationException e = reject(s -> s.extraOpaque = new byte[] {20, 0, 1, 0, 0},
                ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("type 20 appears twice");
        // SPDM caps the opaque data at 1024 bytes
        reject(s -> s.opaque.put(200, new byte[1024]), ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void signatureIsCheckedAndNotTakenFromTheEnd() throws Exception {
        TestGpu.Spdm spdm = new TestGpu.Spdm().signWith(GPU.deviceKey());
        spdm.trailing = new byte[200];
        assertThat(verify(GPU.evidence(spdm.bytes())).isHardware()).isFalse();

        byte[] good = new TestGpu.Spdm().signWith(GPU.deviceKey()).bytes();
        // the right signature moved to the end after padding does not count
        byte[] signed = Arrays.copyOf(good, good.length - 96);
        byte[] moved = concat(concat(signed, new byte[96]), Arrays.copyOfRange(good, good.length - 96, good.length));
        assertThat(assertThrows(AttestationVerificationException.class, () -> verify(GPU.evidence(moved))).reason())
                .isEqualTo(ReasonCode.SIGNATURE_INVALID);
        // another key's signature
        TestGpu other = TestGpu.create();
        byte[] foreign = new TestGpu.Spdm().signWith(other.deviceKey()).bytes();
        assertThat(assertThrows(AttestationVerificationException.class, () -> verify(GPU.evidence(foreign))).reason())
                .isEqualTo(ReasonCode.SIGNATURE_INVALID);
        // r or s zero, or out of range
        byte[] zero = concat(signed, new byte[96]);
        assertThat(assertThrows(AttestationVerificationException.class, () -> verify(GPU.evidence(zero))).reason())
                .isEqualTo(ReasonCode.SIGNATURE_INVALID);
        byte[] ones = concat(signed, filled(96, (byte) 0xFF));
        assertThat(assertThrows(AttestationVerificationException.class, () -> verify(GPU.evidence(ones))).reason())
                .isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void fwidMustMatchTheDeviceCertificate() {
        TestGpu.Spdm spdm = new TestGpu.Spdm().signWith(GPU.deviceKey());
        spdm.opaque.put(OpaqueData.FWID, TestGpu.sha384("other firmware"));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(GPU.evidence(spdm.bytes())));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("FWID in the device certificate").contains("≠ FWID in the evidence");
    }

    @Test
    void hexTextOfSyntheticEvidenceIsAccepted() throws Exception {
        byte[] raw = GPU.evidence().data();
        String hex = HEX.formatHex(raw);
        TeeClaims fromHex = verify(GPU.evidence((" " + hex + "\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(fromHex).isEqualTo(verify(GPU.evidence(raw)));
    }

    @Test
    void everyTruncationOfSyntheticEvidenceIsMalformed() {
        byte[] raw = GPU.evidence().data();
        var verifier = new NvidiaGpuProvider().newVerifier(GPU.context()).orElseThrow();
        for (int length = 1; length < raw.length; length++) {
            Evidence e = GPU.evidence(Arrays.copyOf(raw, length));
            int n = length;
            AttestationVerificationException ex = assertThrows(AttestationVerificationException.class,
                    () -> verifier.verify(e), () -> n + " bytes");
            assertThat(ex.reason()).as("%d bytes", length).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        }
    }

    @Test
    void evidenceOverTheLimitIsMalformedBeforeParsing() {
        byte[] raw = GPU.evidence().data();
        ProviderContext tight = TestContexts.verifier(Clock.fixed(TestGpu.AT, ZoneOffset.UTC),
                new InputLimits(raw.length - 1, 64 << 10, 8, 4 << 20), CollateralSource.none(), List.of(GPU.root),
                List.of());
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> new NvidiaGpuProvider().newVerifier(tight).orElseThrow().verify(GPU.evidence()));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("exceeds the limit");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] filled(int n, byte value) {
        byte[] out = new byte[n];
        Arrays.fill(out, value);
        return out;
    }
}
