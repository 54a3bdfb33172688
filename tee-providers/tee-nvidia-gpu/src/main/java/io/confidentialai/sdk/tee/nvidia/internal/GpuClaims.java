package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps verified GPU evidence to {@link TeeClaims}, the contract the core's appraisal relies on.
 *
 * <ul>
 *   <li>{@code teeType} {@link TeeType#NVIDIA_GPU_CC}; {@code hardware} true for the pinned NVIDIA root, false for a
 *       simulation root; {@code debug} false (a GPU in CC mode has no debug state in its evidence);</li>
 *   <li>{@code reportData} = the 32-byte request nonce followed by 32 zero bytes;</li>
 *   <li>{@code tcbStatus} NOT_EVALUATED, {@value #TCB_DETAIL};</li>
 *   <li>{@code platformId} = the device certificate's serial number, lower-case hex;</li>
 *   <li>one measurement per block, slot {@code nvidia-gpu-cc/block-<SPDM index>}, value the 48-byte digest;</li>
 *   <li>details: see {@link #of}.</li>
 * </ul>
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class GpuClaims {
    static final String TCB_DETAIL = "GPU TCB is appraised through RIM matching";
    static final String SLOT_PREFIX = "block-";

    private GpuClaims() {}

    /** The measurement slot of an SPDM block index (1-based). */
    static MeasurementSlot slot(int index) {
        return MeasurementSlot.of(TeeType.NVIDIA_GPU_CC, SLOT_PREFIX + index);
    }

    /**
     * Builds the claims. Details (String, Long, Boolean or List of String): {@code nonce}, {@code responderNonce},
     * {@code spdmVersion}, {@code slot}, {@code driverVersion}, {@code vbiosVersion}, {@code fwid}, {@code arch},
     * {@code deviceCertificate}, {@code rootCa}, {@code measurementBlocks}, and when the GPU reports them
     * {@code boardId}, {@code chipSku}, {@code chipSkuMod}, {@code project}, {@code projectSku},
     * {@code projectSkuMod}, {@code gpuInfo}, {@code cprInfo}, {@code nvdec0Status}, {@code protectedPcie},
     * {@code featureFlags}, {@code opaqueDataVersion}, {@code measurementCount} and {@code measurementCounts};
     * then the RIM results {@code rimStatus}, {@code rimMismatches}, {@code rimMissing}, {@code rimIds},
     * {@code rimVersionMatch} and {@code rimDetail}.
     */
    static TeeClaims of(SpdmEvidence spdm, DeviceChain.Validated chain, ReferenceManifests.Result rims) {
        byte[] nonce = spdm.requestNonce();
        OpaqueData o = spdm.opaque;
        TeeClaims.Builder b = TeeClaims.builder()
                .teeType(TeeType.NVIDIA_GPU_CC)
                .hardware(chain.hardware)
                .debug(false)
                .reportData(ReportData.padded(nonce))
                .tcbStatus(TcbStatus.NOT_EVALUATED, TCB_DETAIL)
                .platformId(chain.deviceSerial);
        for (Map.Entry<Integer, byte[]> e : spdm.blocks().entrySet()) {
            b.addMeasurement(Measurement.of(slot(e.getKey()), e.getValue()));
        }
        b.detail("nonce", HexText.encode(nonce))
                .detail("responderNonce", HexText.encode(spdm.responderNonce()))
                .detail("spdmVersion", "1.1")
                .detail("slot", (long) spdm.slot)
                .detail("driverVersion", o.driverVersion)
                .detail("vbiosVersion", o.vbiosVersion)
                .detail("fwid", HexText.encode(o.fwid))
                .detail("arch", chain.arch)
                .detail("deviceCertificate", chain.deviceName)
                .detail("rootCa", chain.rootName)
                .detail("measurementBlocks", (long) spdm.blockCount);
        o.hex(OpaqueData.BOARD_ID).ifPresent(v -> b.detail("boardId", v));
        o.string(OpaqueData.CHIP_SKU).ifPresent(v -> b.detail("chipSku", v));
        o.string(OpaqueData.CHIP_SKU_MOD).ifPresent(v -> b.detail("chipSkuMod", v));
        o.string(OpaqueData.PROJECT).ifPresent(v -> b.detail("project", v));
        o.string(OpaqueData.PROJECT_SKU).ifPresent(v -> b.detail("projectSku", v));
        o.hex(OpaqueData.PROJECT_SKU_MOD).ifPresent(v -> b.detail("projectSkuMod", v));
        o.hex(OpaqueData.GPU_INFO).ifPresent(v -> b.detail("gpuInfo", v));
        o.hex(OpaqueData.CPRINFO).ifPresent(v -> b.detail("cprInfo", v));
        o.status(OpaqueData.NVDEC0_STATUS).ifPresent(v -> b.detail("nvdec0Status", v));
        o.status(OpaqueData.PROTECTED_PCIE_STATUS).ifPresent(v -> b.detail("protectedPcie", v));
        o.featureFlags().ifPresent(v -> b.detail("featureFlags", v));
        o.string(OpaqueData.OPAQUE_DATA_VERSION).ifPresent(v -> b.detail("opaqueDataVersion", v));
        o.measurementCounts().ifPresent(counts -> {
            List<String> text = new ArrayList<>(counts.size());
            counts.forEach(c -> text.add(Long.toString(c)));
            b.detail("measurementCount", (long) counts.size()).detail("measurementCounts", text);
        });
        b.detail("rimStatus", rims.status())
                .detail("rimMismatches", rims.mismatches())
                .detail("rimMissing", rims.missing())
                .detail("rimMatched", rims.matched())
                .detail("rimIds", rims.ids())
                .detail("rimVersionMatch", rims.versionMatch())
                .detail("rimDetail", rims.detail());
        return b.build();
    }
}
