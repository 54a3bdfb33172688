package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;

/**
 * Maps a verified report and its endorsement to {@link TeeClaims}. Claim names are documented in
 * {@code docs/providers/amd-sev-snp.md}; grouped values use dotted names ({@code reportedTcb.snp},
 * {@code policy.debug}) so that policies can constrain them ({@code requireMinimum}, {@code requireClaim}) and tools
 * can show them as objects.
 */
final class SnpClaims {
    static final String TCB_STATUS = "NotEvaluated";

    private SnpClaims() {}

    static TeeClaims of(SnpReport r, Endorsement e, String tcbDetail, boolean revocationChecked) {
        Product product = e.product;
        TeeClaims.Builder b = TeeClaims.builder()
                .teeType(TeeType.AMD_SEV_SNP)
                .hardware(e.hardware)
                .debug(r.isDebug())
                .reportData(ReportData.of(r.reportData))
                .addMeasurement(Measurement.of(MeasurementSlot.SNP_MEASUREMENT, r.measurement))
                .addMeasurement(Measurement.of(MeasurementSlot.SNP_HOST_DATA, r.hostData))
                .tcbStatus(TcbStatus.NOT_EVALUATED, tcbDetail);
        if (!r.isChipIdZero()) {
            b.platformId(HexText.encode(r.chipId));
        }

        b.detail("reportVersion", (long) r.version)
                .detail("guestSvn", r.guestSvn)
                .detail("policy.value", hex64(r.policy))
                .detail("policy.abiMajor", (r.policy >>> 8) & 0xff)
                .detail("policy.abiMinor", r.policy & 0xff)
                .detail("policy.smt", bit(r.policy, SnpReport.POLICY_SMT))
                .detail("policy.migrateMa", bit(r.policy, SnpReport.POLICY_MIGRATE_MA))
                .detail("policy.debug", bit(r.policy, SnpReport.POLICY_DEBUG))
                .detail("policy.singleSocket", bit(r.policy, SnpReport.POLICY_SINGLE_SOCKET))
                .detail("policy.cxlAllow", bit(r.policy, SnpReport.POLICY_CXL_ALLOW))
                .detail("policy.memAes256Xts", bit(r.policy, SnpReport.POLICY_MEM_AES_256_XTS))
                .detail("policy.raplDisable", bit(r.policy, SnpReport.POLICY_RAPL_DIS))
                .detail("policy.ciphertextHiding", bit(r.policy, SnpReport.POLICY_CIPHERTEXT_HIDING))
                .detail("debug", r.isDebug())
                .detail("familyId", HexText.encode(r.familyId))
                .detail("imageId", HexText.encode(r.imageId))
                .detail("vmpl", r.vmpl)
                .detail("signatureAlgorithm", r.signatureAlgorithm);
        tcb(b, "currentTcb", TcbVersion.of(r.currentTcb, product));
        b.detail("platformInfo.value", hex64(r.platformInfo))
                .detail("platformInfo.smtEnabled", bit(r.platformInfo, 1L))
                .detail("platformInfo.tsmeEnabled", bit(r.platformInfo, 1L << 1))
                .detail("platformInfo.eccEnabled", bit(r.platformInfo, 1L << 2))
                .detail("platformInfo.raplDisabled", bit(r.platformInfo, 1L << 3))
                .detail("platformInfo.ciphertextHidingEnabled", bit(r.platformInfo, 1L << 4))
                .detail("platformInfo.aliasCheckComplete", bit(r.platformInfo, 1L << 5))
                .detail("authorKeyEnabled", r.authorKeyEnabled())
                .detail("maskChipKey", r.maskChipKey())
                .detail("signingKey", r.signingKey.id())
                .detail("reportData", HexText.encode(r.reportData))
                .detail("measurement", HexText.encode(r.measurement))
                .detail("hostData", HexText.encode(r.hostData))
                .detail("idKeyDigest", HexText.encode(r.idKeyDigest))
                .detail("authorKeyDigest", HexText.encode(r.authorKeyDigest))
                .detail("reportId", HexText.encode(r.reportId))
                .detail("reportIdMa", HexText.encode(r.reportIdMa));
        tcb(b, "reportedTcb", TcbVersion.of(r.reportedTcb, product));
        if (r.hasCpuid()) {
            b.detail("cpuid.family", (long) r.cpuidFamily)
                    .detail("cpuid.model", (long) r.cpuidModel)
                    .detail("cpuid.stepping", (long) r.cpuidStepping);
        }
        b.detail("chipId", HexText.encode(r.chipId));
        tcb(b, "committedTcb", TcbVersion.of(r.committedTcb, product));
        b.detail("firmwareVersion", r.currentMajor + "." + r.currentMinor + "." + r.currentBuild)
                .detail("committedFirmwareVersion", r.committedMajor + "." + r.committedMinor + "." + r.committedBuild);
        tcb(b, "launchTcb", TcbVersion.of(r.launchTcb, product));
        if (r.version >= 5) {
            b.detail("launchMitVector", hex64(r.launchMitVector))
                    .detail("currentMitVector", hex64(r.currentMitVector));
        }
        b.detail("product", product.displayName());
        String cspId = e.extensions.cspId;
        if (cspId != null) {
            b.detail("cspId", cspId);
        }
        b.detail("revocationChecked", revocationChecked)
                .detail("tcbStatus", TCB_STATUS);
        return b.build();
    }

    /** {@code <name>.value} (hex), then the components; {@code .fmc} only with the Turin layout. */
    private static void tcb(TeeClaims.Builder b, String name, TcbVersion t) {
        b.detail(name + ".value", t.hex());
        if (t.turin()) {
            b.detail(name + ".fmc", (long) t.fmc());
        }
        b.detail(name + ".bootloader", (long) t.bootloader())
                .detail(name + ".tee", (long) t.tee())
                .detail(name + ".snp", (long) t.snp())
                .detail(name + ".microcode", (long) t.microcode());
    }

    private static boolean bit(long value, long mask) {
        return (value & mask) != 0;
    }

    private static String hex64(long v) {
        return String.format(java.util.Locale.ROOT, "0x%016x", v);
    }
}
