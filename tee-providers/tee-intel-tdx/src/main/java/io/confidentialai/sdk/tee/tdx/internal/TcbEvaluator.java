package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.attestation.TcbStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Intel's TDX TCB evaluation (the Quote Verification Library's {@code QuoteVerifier}, {@code TdxModuleCheck},
 * {@code TcbLevelCheck}, {@code TDRelaunchCheck} and {@code EnclaveReportVerifier}), on collateral whose signatures,
 * chains and validity have already been checked:
 *
 * <ol>
 *   <li>TDX module identity: with TEE_TCB_SVN[1] (the module major version) &gt; 0 the identity {@code TDX_%02X} of
 *       {@code tdxModuleIdentities} applies, else {@code tdxModule}; MRSIGNERSEAM must equal its {@code mrsigner} and
 *       SEAMATTRIBUTES must be zero and equal to its {@code attributes}.
 *   <li>QE identity: (MISCSELECT &amp; mask) and (ATTRIBUTES &amp; mask) equal the identity's values, MRSIGNER and
 *       ISVPRODID are equal; the QE TCB level is the first whose {@code isvsvn} &lt;= the QE's ISVSVN.
 *   <li>Platform TCB level, in document order: the first level whose 16 SGX components and PCESVN the PCK
 *       certificate meets is the SGX level; the first such level whose TDX components TEE_TCB_SVN also meets (from
 *       index 2 when the module major version is &gt; 0, since bytes 0-1 are judged by the module identity) is the
 *       TDX level.
 *   <li>TDX module TCB level: the first level of the module identity whose {@code isvsvn} &lt;= TEE_TCB_SVN[0].
 *   <li>Convergence: a module OutOfDate turns UpToDate/SWHardeningNeeded into OutOfDate and the
 *       ConfigurationNeeded statuses into OutOfDateConfigurationNeeded; a module Revoked gives Revoked; then (TDX 1.5
 *       bodies) Intel's TD relaunch check on TEE_TCB_SVN2; then the QE status converges the same way.
 * </ol>
 *
 * <p>Failures: a missing SGX/TDX/module/QE level ("TCB not supported" in Intel's terms) throws
 * {@code TCB_OUT_OF_DATE} with a "no matching TCB level" message naming the short components; a QE or TDX module
 * identity mismatch throws {@code SIGNER_MISMATCH}; an unrecognized status string in a matched level throws
 * {@code EVIDENCE_MALFORMED}.
 */
final class TcbEvaluator {
    private static final Set<String> PLATFORM_STATUSES = Set.of("UpToDate", "SWHardeningNeeded", "ConfigurationNeeded",
            "ConfigurationAndSWHardeningNeeded", "OutOfDate", "OutOfDateConfigurationNeeded", "Revoked");
    private static final Set<String> MODULE_STATUSES = Set.of("UpToDate", "OutOfDate", "Revoked");
    private static final Set<String> QE_STATUSES = Set.of("UpToDate", "ConfigurationNeeded", "OutOfDate",
            "OutOfDateConfigurationNeeded", "Revoked");
    static final String TD_RELAUNCH_ADVISED = "TDRelaunchAdvised";
    static final String TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED = "TDRelaunchAdvisedConfigurationNeeded";

    private TcbEvaluator() {}

    /** What the QE report says about the quoting enclave (from the 384-byte SGX report body). */
    record QeReport(long miscselect, byte[] attributes, byte[] mrEnclave, byte[] mrSigner, int isvProdId,
            int isvSvn) {
        static QeReport of(byte[] report) {
            long misc = (report[16] & 0xffL) | (report[17] & 0xffL) << 8 | (report[18] & 0xffL) << 16
                    | (report[19] & 0xffL) << 24;
            return new QeReport(misc, slice(report, 48, 16), slice(report, 64, 32), slice(report, 128, 32),
                    u16(report, 256), u16(report, 258));
        }
    }

    /** The outcome. {@code intelStatus} is Intel's name, e.g. {@code "UpToDate"} or {@code "TDRelaunchAdvised"}. */
    record Result(String intelStatus, TcbStatus status, String detail, List<String> advisoryIds,
            @Nullable Instant outOfDateSince, Instant tcbDate, @Nullable String moduleId, String moduleStatus,
            String qeStatus, long tcbEvaluationDataNumber) {}

    static Result evaluate(TcbInfo info, QeIdentity qe, TdxQuote quote, PckExtensions.PckTcb pck, QeReport qeReport)
            throws AttestationVerificationException {
        int[] pckComponents = pck.sgxComponents;
        if (pckComponents == null || pck.pceSvn < 0) {
            throw Failures.chain("the PCK certificate has no SGX TCB components: the TCB cannot be evaluated");
        }
        byte[] teeTcbSvn = quote.teeTcbSvn;
        int moduleVersion = teeTcbSvn[1] & 0xff;
        int moduleIsvSvn = teeTcbSvn[0] & 0xff;

        // 1. TDX module identity (QuoteVerifier 4.1.2.4.11)
        TcbInfo.Module module = info.tdxModule;
        if (module == null) {
            throw Failures.collateralUnavailable("the TCB info is not TDX TCB info");
        }
        TcbInfo.Module identity = null;
        if (moduleVersion > 0) {
            identity = findModule(info, moduleVersion);
            if (identity == null) {
                throw Failures.noTcbLevel("no matching TCB level: the TCB info (tcbEvaluationDataNumber "
                        + info.tcbEvaluationDataNumber + ") has no TDX module identity " + moduleId(moduleVersion)
                        + " for TEE_TCB_SVN[1] = " + moduleVersion);
            }
            module = identity;
        }
        if (!java.security.MessageDigest.isEqual(quote.mrSignerSeam, module.mrSigner)) {
            throw Failures.identityMismatch("MRSIGNERSEAM " + HexText.encode(quote.mrSignerSeam)
                    + " differs from the TDX module " + (identity != null ? identity.id + " " : "") + "mrsigner "
                    + HexText.encode(module.mrSigner) + " in the TCB info");
        }
        for (int i = 0; i < quote.seamAttributes.length; i++) {
            if (quote.seamAttributes[i] != 0 || quote.seamAttributes[i] != module.attributes[i]) {
                throw Failures.identityMismatch("SEAMATTRIBUTES " + HexText.encode(quote.seamAttributes)
                        + " are not zero and equal to the TDX module attributes " + HexText.encode(module.attributes));
            }
        }

        // 2. QE identity (EnclaveReportVerifier)
        if (!qe.id.equals("TD_QE")) {
            throw Failures.collateralUnavailable("the QE identity is for \"" + qe.id + "\"; a TDX quote needs TD_QE");
        }
        long miscMask = u32be(qe.miscselectMask);
        if ((qeReport.miscselect() & miscMask) != u32be(qe.miscselect)) {
            throw Failures.identityMismatch("QE MISCSELECT " + String.format(Locale.ROOT, "%08x", qeReport.miscselect())
                    + " masked with " + HexText.encode(qe.miscselectMask) + " differs from the QE identity's "
                    + HexText.encode(qe.miscselect));
        }
        byte[] masked = new byte[16];
        for (int i = 0; i < 16; i++) {
            masked[i] = (byte) (qeReport.attributes()[i] & qe.attributesMask[i]);
        }
        if (!java.util.Arrays.equals(masked, qe.attributes)) {
            throw Failures.identityMismatch("QE ATTRIBUTES " + HexText.encode(qeReport.attributes()) + " masked with "
                    + HexText.encode(qe.attributesMask) + " differ from the QE identity's " + HexText.encode(qe.attributes));
        }
        if (!java.security.MessageDigest.isEqual(qeReport.mrSigner(), qe.mrSigner)) {
            throw Failures.identityMismatch("QE MRSIGNER " + HexText.encode(qeReport.mrSigner())
                    + " differs from the QE identity's " + HexText.encode(qe.mrSigner));
        }
        if (qeReport.isvProdId() != qe.isvProdId) {
            throw Failures.identityMismatch("QE ISVPRODID " + qeReport.isvProdId() + " differs from the QE identity's "
                    + qe.isvProdId);
        }
        int qeIndex = firstIsvLevel(qe.levels, qeReport.isvSvn());
        if (qeIndex < 0) {
            throw Failures.noTcbLevel("no matching TCB level for the QE: ISVSVN " + qeReport.isvSvn()
                    + " is below every QE identity level (lowest " + qe.levels.get(qe.levels.size() - 1).isvSvn() + ")");
        }
        TcbInfo.ModuleLevel qeLevel = qe.levels.get(qeIndex);
        String qeStatus = checked(qeLevel.status(), QE_STATUSES, "QE identity level");

        // 3. platform TCB level (TcbLevelCheck.matchTcbLevels)
        int tdxStart = moduleVersion > 0 ? 2 : 0;
        int sgxIndex = -1;
        int tdxIndex = -1;
        List<TcbInfo.Level> levels = info.levels;
        for (int i = 0; i < levels.size(); i++) {
            TcbInfo.Level l = levels.get(i);
            if (meets(pckComponents, l.sgxComponents, 0) && pck.pceSvn >= l.pceSvn) {
                if (sgxIndex < 0) {
                    sgxIndex = i;
                }
                if (meets(unsigned(teeTcbSvn), l.tdxComponents, tdxStart)) {
                    tdxIndex = i;
                    break;
                }
            }
        }
        if (sgxIndex < 0) {
            throw Failures.noTcbLevel("no matching TCB level for FMSPC " + HexText.encode(info.fmspc)
                    + " (tcbEvaluationDataNumber " + info.tcbEvaluationDataNumber + "): "
                    + noMatchReason(levels, pckComponents, pck.pceSvn, null, 0));
        }
        if (tdxIndex < 0) {
            throw Failures.noTcbLevel("no matching TCB level for FMSPC " + HexText.encode(info.fmspc)
                    + " (tcbEvaluationDataNumber " + info.tcbEvaluationDataNumber + "): the SGX TCB matches the level of "
                    + levels.get(sgxIndex).tcbDate + " but TEE_TCB_SVN does not: "
                    + noMatchReason(levels, pckComponents, pck.pceSvn, unsigned(teeTcbSvn), tdxStart));
        }
        TcbInfo.Level sgxLevel = levels.get(sgxIndex);
        TcbInfo.Level tdxLevel = levels.get(tdxIndex);
        String sgxStatus = checked(sgxLevel.status, PLATFORM_STATUSES, "TCB level");
        String platformStatus = checked(tdxLevel.status, PLATFORM_STATUSES, "TCB level");

        // 4. TDX module TCB level (TdxModuleCheck.checkTdxModuleTcbStatus)
        String moduleStatus = "UpToDate";
        TcbInfo.ModuleLevel moduleLevel = null;
        int moduleIndex = -1;
        if (identity != null) {
            moduleIndex = firstIsvLevel(identity.levels, moduleIsvSvn);
            if (moduleIndex < 0) {
                throw Failures.noTcbLevel("no matching TCB level for TDX module " + identity.id + ": TEE_TCB_SVN[0] = "
                        + moduleIsvSvn + " is below every level (lowest isvsvn "
                        + identity.levels.get(identity.levels.size() - 1).isvSvn() + ")");
            }
            moduleLevel = identity.levels.get(moduleIndex);
            moduleStatus = checked(moduleLevel.status(), MODULE_STATUSES, "TDX module level");
        }

        // 5. convergence
        String status = platformStatus;
        if (moduleStatus.equals("OutOfDate")) {
            status = outOfDate(status);
        } else if (moduleStatus.equals("Revoked")) {
            status = "Revoked";
        }
        if (!status.equals("Revoked")) {
            if (quote.teeTcbSvn2 != null) {
                status = relaunch(quote.teeTcbSvn2, info, sgxStatus, status, moduleStatus, qeStatus);
            }
            // EnclaveReportVerifier: any QE level status other than UpToDate and Revoked counts as OutOfDate
            if (qeStatus.equals("Revoked")) {
                status = "Revoked";
            } else if (!qeStatus.equals("UpToDate")) {
                status = outOfDate(status);
            }
        }

        Set<String> advisories = new LinkedHashSet<>(tdxLevel.advisoryIds);
        if (moduleLevel != null) {
            advisories.addAll(moduleLevel.advisoryIds());
        }
        advisories.addAll(qeLevel.advisoryIds());

        TcbStatus mapped = map(status);
        Instant since = null;
        if (mapped.isOutOfDate()) {
            since = earliest(
                    isOutOfDate(platformStatus) ? supersededAt(levels.get(Math.max(0, tdxIndex - 1)).tcbDate, tdxIndex,
                            tdxLevel.tcbDate) : null,
                    moduleLevel != null && moduleStatus.equals("OutOfDate")
                            ? supersededAt(identity.levels.get(Math.max(0, moduleIndex - 1)).tcbDate(), moduleIndex,
                                    moduleLevel.tcbDate()) : null,
                    !qeStatus.equals("UpToDate") && !qeStatus.equals("Revoked") ? supersededAt(qe.levels.get(Math.max(0, qeIndex - 1)).tcbDate(), qeIndex,
                            qeLevel.tcbDate()) : null);
            if (since == null) {
                since = tdxLevel.tcbDate;
            }
        }

        String detail = detail(status, info, levels, tdxLevel, pckComponents, pck.pceSvn, unsigned(teeTcbSvn), tdxStart,
                identity, moduleLevel, moduleIsvSvn, moduleStatus, qe, qeLevel, qeReport.isvSvn(), qeStatus,
                new ArrayList<>(advisories));
        return new Result(status, mapped, detail, List.copyOf(advisories), since, tdxLevel.tcbDate,
                identity != null ? identity.id : null, moduleStatus, qeStatus, info.tcbEvaluationDataNumber);
    }

    /** Maps Intel's status to the SDK's closed set; TD relaunch advised is out of date for the running TD. */
    static TcbStatus map(String intel) {
        switch (intel) {
            case "UpToDate":
                return TcbStatus.UP_TO_DATE;
            case "SWHardeningNeeded":
                return TcbStatus.SW_HARDENING_NEEDED;
            case "ConfigurationNeeded":
                return TcbStatus.CONFIGURATION_NEEDED;
            case "ConfigurationAndSWHardeningNeeded":
                return TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED;
            case "OutOfDate":
            case TD_RELAUNCH_ADVISED:
                return TcbStatus.OUT_OF_DATE;
            case "OutOfDateConfigurationNeeded":
            case TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED:
                return TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED;
            default:
                return TcbStatus.REVOKED;
        }
    }

    /** TDRelaunchCheck.checkForRelaunch: the TDX module was updated at run time and a relaunched TD would be current. */
    private static String relaunch(byte[] teeTcbSvn2, TcbInfo info, String sgxStatus, String tdxStatus,
            String moduleStatus, String qeStatus) throws AttestationVerificationException {
        if (!qeStatus.equals("UpToDate")) {
            return tdxStatus;
        }
        if (!(sgxStatus.equals("UpToDate") || sgxStatus.equals("SWHardeningNeeded")
                || sgxStatus.equals("ConfigurationNeeded") || sgxStatus.equals("ConfigurationAndSWHardeningNeeded"))) {
            return tdxStatus;
        }
        if (!isOutOfDate(tdxStatus) || !moduleStatus.equals("OutOfDate")) {
            return tdxStatus;
        }
        TcbInfo.Level latest = info.levels.get(0);
        int[] latestTdx = latest.tdxComponents;
        if (latestTdx == null) {
            return tdxStatus;
        }
        int svn0 = teeTcbSvn2[0] & 0xff;
        int svn1 = teeTcbSvn2[1] & 0xff;
        int svn2 = teeTcbSvn2[2] & 0xff;
        boolean current;
        if (svn1 == 0) {
            current = svn0 >= latestTdx[0] && svn2 >= latestTdx[2];
        } else {
            TcbInfo.Module identity2 = findModule(info, svn1);
            if (identity2 == null) {
                throw Failures.noTcbLevel("no matching TCB level: the TCB info has no TDX module identity "
                        + moduleId(svn1) + " for TEE_TCB_SVN2[1] = " + svn1);
            }
            current = svn0 >= identity2.levels.get(0).isvSvn() && svn2 >= latestTdx[2];
        }
        if (!current) {
            return tdxStatus;
        }
        return isConfigurationNeeded(sgxStatus) || isConfigurationNeeded(tdxStatus)
                ? TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED : TD_RELAUNCH_ADVISED;
    }

    private static boolean isConfigurationNeeded(String s) {
        return s.equals("ConfigurationNeeded") || s.equals("OutOfDateConfigurationNeeded")
                || s.equals("ConfigurationAndSWHardeningNeeded") || s.equals(TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED);
    }

    private static boolean isOutOfDate(String s) {
        return s.equals("OutOfDate") || s.equals("OutOfDateConfigurationNeeded");
    }

    /** Convergence with an OutOfDate module or QE. */
    private static String outOfDate(String status) {
        switch (status) {
            case "UpToDate":
            case "SWHardeningNeeded":
                return "OutOfDate";
            case "ConfigurationNeeded":
            case "ConfigurationAndSWHardeningNeeded":
                return "OutOfDateConfigurationNeeded";
            default:
                return status;
        }
    }

    private static String checked(String status, Set<String> valid, String what) throws AttestationVerificationException {
        if (!valid.contains(status)) {
            throw Failures.collateralMalformed("the matched " + what + " has the unrecognized status \"" + status + "\"");
        }
        return status;
    }

    private static TcbInfo.@Nullable Module findModule(TcbInfo info, int version) {
        String id = moduleId(version);
        for (TcbInfo.Module m : info.tdxModuleIdentities) {
            if (m.id.toUpperCase(Locale.ROOT).equals(id)) {
                return m;
            }
        }
        return null;
    }

    static String moduleId(int version) {
        return String.format(Locale.ROOT, "TDX_%02X", version);
    }

    private static int firstIsvLevel(List<TcbInfo.ModuleLevel> levels, int isvSvn) {
        for (int i = 0; i < levels.size(); i++) {
            if (isvSvn >= levels.get(i).isvSvn()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean meets(int[] have, int @Nullable [] need, int from) {
        if (need == null) {
            return false;
        }
        for (int i = from; i < need.length; i++) {
            if (have[i] < need[i]) {
                return false;
            }
        }
        return true;
    }

    /** When a level was superseded: the tcbDate of the next newer level; the level's own date if it is the newest. */
    private static Instant supersededAt(Instant newerDate, int index, Instant ownDate) {
        return index == 0 ? ownDate : newerDate;
    }

    private static @Nullable Instant earliest(@Nullable Instant... candidates) {
        Instant out = null;
        for (Instant c : candidates) {
            if (c != null && (out == null || c.isBefore(out))) {
                out = c;
            }
        }
        return out;
    }

    /**
     * Explains a failed match: the components below every level's requirement, or else the shortfalls against the
     * lowest level.
     */
    private static String noMatchReason(List<TcbInfo.Level> levels, int[] sgx, int pceSvn, int @Nullable [] tdx,
            int tdxStart) {
        List<String> blockers = new ArrayList<>();
        for (int i = 0; i < PckExtensions.COMPONENTS; i++) {
            int min = Integer.MAX_VALUE;
            for (TcbInfo.Level l : levels) {
                min = Math.min(min, l.sgxComponents[i]);
            }
            if (tdx == null && sgx[i] < min) {
                blockers.add("PCK SGX component " + i + " is " + sgx[i] + " < " + min + ", which every level requires");
            }
        }
        if (tdx == null) {
            int min = Integer.MAX_VALUE;
            for (TcbInfo.Level l : levels) {
                min = Math.min(min, l.pceSvn);
            }
            if (pceSvn < min) {
                blockers.add("PCESVN is " + pceSvn + " < " + min + ", which every level requires");
            }
        } else {
            for (int i = tdxStart; i < PckExtensions.COMPONENTS; i++) {
                int min = Integer.MAX_VALUE;
                for (TcbInfo.Level l : levels) {
                    if (l.tdxComponents != null) {
                        min = Math.min(min, l.tdxComponents[i]);
                    }
                }
                if (tdx[i] < min) {
                    blockers.add("TEE_TCB_SVN[" + i + "] is " + tdx[i] + " < " + min + ", which every level requires");
                }
            }
        }
        if (!blockers.isEmpty()) {
            return String.join("; ", blockers);
        }
        TcbInfo.Level lowest = levels.get(levels.size() - 1);
        List<String> shortfalls = shortfalls(lowest, sgx, pceSvn, tdx, tdxStart);
        return "no level is met as a whole; against the lowest level (" + lowest.tcbDate + "): "
                + String.join(", ", shortfalls);
    }

    private static List<String> shortfalls(TcbInfo.Level level, int[] sgx, int pceSvn, int @Nullable [] tdx,
            int tdxStart) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < PckExtensions.COMPONENTS; i++) {
            if (sgx[i] < level.sgxComponents[i]) {
                out.add("SGX component " + i + " " + sgx[i] + " < " + level.sgxComponents[i] + " (short by "
                        + (level.sgxComponents[i] - sgx[i]) + ")");
            }
        }
        if (pceSvn < level.pceSvn) {
            out.add("PCESVN " + pceSvn + " < " + level.pceSvn + " (short by " + (level.pceSvn - pceSvn) + ")");
        }
        if (tdx != null && level.tdxComponents != null) {
            for (int i = tdxStart; i < PckExtensions.COMPONENTS; i++) {
                if (tdx[i] < level.tdxComponents[i]) {
                    out.add("TEE_TCB_SVN[" + i + "] " + tdx[i] + " < " + level.tdxComponents[i] + " (short by "
                            + (level.tdxComponents[i] - tdx[i]) + ")");
                }
            }
        }
        return out;
    }

    private static String detail(String status, TcbInfo info, List<TcbInfo.Level> levels, TcbInfo.Level matched,
            int[] sgx, int pceSvn, int[] tdx, int tdxStart, TcbInfo.@Nullable Module identity,
            TcbInfo.@Nullable ModuleLevel moduleLevel, int moduleIsvSvn, String moduleStatus, QeIdentity qe,
            TcbInfo.ModuleLevel qeLevel, int qeIsvSvn, String qeStatus, List<String> advisories) {
        StringBuilder sb = new StringBuilder(status).append(": platform TCB level of ").append(matched.tcbDate)
                .append(" (").append(matched.status).append(", FMSPC ").append(HexText.encode(info.fmspc))
                .append(", tcbEvaluationDataNumber ").append(info.tcbEvaluationDataNumber).append(")");
        TcbInfo.Level latest = levels.get(0);
        if (latest != matched) {
            List<String> shorts = shortfalls(latest, sgx, pceSvn, tdx, tdxStart);
            sb.append("; the latest level (").append(latest.tcbDate).append(") needs ")
                    .append(shorts.isEmpty() ? "nothing more" : String.join(", ", shorts));
        }
        if (identity != null && moduleLevel != null) {
            sb.append("; TDX module ").append(identity.id).append(" ISVSVN ").append(moduleIsvSvn).append(' ')
                    .append(moduleStatus);
            int latestModule = identity.levels.get(0).isvSvn();
            if (moduleIsvSvn < latestModule) {
                sb.append(" (latest ").append(latestModule).append(", short by ").append(latestModule - moduleIsvSvn)
                        .append(')');
            }
        }
        sb.append("; QE ISVSVN ").append(qeIsvSvn).append(' ').append(qeStatus);
        int latestQe = qe.levels.get(0).isvSvn();
        if (qeIsvSvn < latestQe) {
            sb.append(" (latest ").append(latestQe).append(", short by ").append(latestQe - qeIsvSvn).append(')');
        }
        if (!advisories.isEmpty()) {
            sb.append("; advisories ").append(String.join(",", advisories));
        }
        return sb.toString();
    }

    private static long u32be(byte[] b) {
        return (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | (b[3] & 0xffL);
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }

    private static byte[] slice(byte[] b, int off, int len) {
        return java.util.Arrays.copyOfRange(b, off, off + len);
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }
}
