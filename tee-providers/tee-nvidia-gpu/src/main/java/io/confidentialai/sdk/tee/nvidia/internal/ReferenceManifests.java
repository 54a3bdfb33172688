package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.TransportException;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeType;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Appraises a verified GPU evidence against NVIDIA Reference Integrity Manifests (RIMs): finds the driver and VBIOS
 * RIMs, has {@link RimDocument} authenticate them, and compares the measurement blocks with {@link RimMatch}.
 *
 * <p>Where RIMs come from, in this order:
 * <ol>
 *   <li>attachments of the evidence whose content is a SWID document (after white space, it starts with
 *       {@code <?xml} or {@code <SoftwareIdentity});</li>
 *   <li>for a kind (driver, VBIOS) no attachment provided, the context's collateral under
 *       {@link TeeType#NVIDIA_GPU_CC} with the name {@code <RIM id in lower case>.swidtag}, where the ids are
 *       NVIDIA's RIM service identifiers: {@code NV_GPU_DRIVER_<arch>_<driver version>} and
 *       {@code NV_GPU_VBIOS_<project>_<project SKU>_<chip SKU>_<VBIOS version without dots, upper case>}.</li>
 * </ol>
 *
 * <p>Outcome ({@link Result#status}): {@code mismatch} when a RIM's active entry is not matched (a value differs or
 * the block is absent); {@code match} when both a driver and a VBIOS RIM were found and every active entry matches;
 * {@code not-evaluated} when no RIM was found, or only one kind and it matches (half the firmware unappraised is
 * not a match). A simulated RIM for hardware evidence is CERT_CHAIN_INVALID; two RIMs of one kind among the
 * attachments is EVIDENCE_MALFORMED; a collateral source that fails is COLLATERAL_UNAVAILABLE. Like NVIDIA's
 * verifier, block 36 (RIM index 35) is not compared when the evidence reports NVDEC0 as disabled.
 *
 * <p>Stateless and thread-safe (verified RIMs are memoized by {@link RimDocument}). This class is internal and is not
 * meant to be used by applications; it may change at any time.
 */
final class ReferenceManifests {
    static final String MATCH = "match";
    static final String MISMATCH = "mismatch";
    static final String NOT_EVALUATED = "not-evaluated";
    static final String COLLATERAL_SUFFIX = ".swidtag";
    /** The SPDM block NVIDIA leaves out of RIM matching when NVDEC0 is disabled. */
    static final int NVDEC0_BLOCK = 36;
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    private ReferenceManifests() {}

    /**
     * The outcome of RIM appraisal.
     *
     * @param status {@code match}, {@code mismatch} or {@code not-evaluated}
     * @param mismatches SPDM block indices whose value no RIM allows, ascending
     * @param missing SPDM indices of active RIM entries absent from the evidence, ascending
     * @param matched SPDM indices whose evidence value is one the RIMs allow, ascending
     * @param ids the tagIds of the RIMs used, driver first
     * @param versionMatch whether the driver RIM's version is the evidence's driver version and the VBIOS RIM's is its
     *     VBIOS version (false when either RIM is absent)
     * @param detail a short non-secret explanation
     */
    record Result(String status, List<String> mismatches, List<String> missing, List<String> matched,
            List<String> ids, boolean versionMatch, String detail) {
        Result {
            mismatches = List.copyOf(mismatches);
            missing = List.copyOf(missing);
            matched = List.copyOf(matched);
            ids = List.copyOf(ids);
        }
    }

    /** NVIDIA's driver RIM identifier for this evidence, when the architecture is known. */
    static Optional<String> driverRimId(String arch, OpaqueData opaque) {
        if ("unknown".equals(arch)) {
            return Optional.empty();
        }
        return Optional.of("NV_GPU_DRIVER_" + arch + "_" + opaque.driverVersion);
    }

    /** NVIDIA's VBIOS RIM identifier, when the evidence reports project, project SKU and chip SKU. */
    static Optional<String> vbiosRimId(OpaqueData opaque) {
        Optional<String> project = opaque.string(OpaqueData.PROJECT);
        Optional<String> projectSku = opaque.string(OpaqueData.PROJECT_SKU);
        Optional<String> chipSku = opaque.string(OpaqueData.CHIP_SKU);
        if (project.isEmpty() || projectSku.isEmpty() || chipSku.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("NV_GPU_VBIOS_" + project.get() + "_" + projectSku.get() + "_" + chipSku.get() + "_"
                + opaque.vbiosVersion.replace(".", "").toUpperCase(Locale.ROOT));
    }

    /** The collateral name of a RIM id, or empty when the id cannot form a safe name. */
    static Optional<String> collateralName(String rimId) {
        String name = rimId.toLowerCase(Locale.ROOT) + COLLATERAL_SUFFIX;
        return SAFE_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /**
     * Finds, authenticates and compares the RIMs of one verified evidence.
     *
     * @throws AttestationVerificationException as described in the class comment, or as {@link RimDocument} and
     *     {@link RimMatch} report a RIM that fails authentication or conflicts
     */
    static Result appraise(Evidence evidence, SpdmEvidence spdm, DeviceChain.Validated chain,
            CollateralSource collateral, Instant at, List<X509Certificate> simulationRoots, int maxBytes)
            throws AttestationVerificationException {
        Map<RimDocument.Kind, RimDocument> rims = new EnumMap<>(RimDocument.Kind.class);
        for (String name : evidence.attachmentNames()) {
            byte[] content = evidence.attachment(name).orElseThrow();
            if (!isSwid(content)) {
                continue;
            }
            RimDocument rim = RimDocument.parseAndVerify(content, at, simulationRoots, maxBytes);
            if (rims.putIfAbsent(rim.kind(), rim) != null) {
                throw Failures.malformed("two " + kindName(rim.kind()) + " RIMs are attached (attachment " + name
                        + " is the second); attach at most one of each kind");
            }
        }
        List<String> looked = new ArrayList<>();
        String arch = chain.arch;
        lookUp(rims, RimDocument.Kind.DRIVER, driverRimId(arch, spdm.opaque), collateral, at, simulationRoots,
                maxBytes, looked);
        lookUp(rims, RimDocument.Kind.VBIOS, vbiosRimId(spdm.opaque), collateral, at, simulationRoots, maxBytes,
                looked);

        List<String> ids = new ArrayList<>();
        for (RimDocument rim : rims.values()) {
            if (chain.hardware && !rim.hardware()) {
                throw Failures.chain("the " + kindName(rim.kind()) + " RIM " + rim.version() + " (tagId " + rim.id()
                        + ") is signed under a simulation root, but the GPU evidence is from hardware");
            }
            ids.add(rim.id());
        }
        RimDocument driver = rims.get(RimDocument.Kind.DRIVER);
        RimDocument vbios = rims.get(RimDocument.Kind.VBIOS);
        boolean versionMatch = driver != null && vbios != null
                && driver.version().equals(spdm.opaque.driverVersion)
                && vbios.version().equalsIgnoreCase(spdm.opaque.vbiosVersion);
        if (rims.isEmpty()) {
            return new Result(NOT_EVALUATED, List.of(), List.of(), List.of(), List.of(), false,
                    "no RIM attached or found in the collateral (looked for " + looked + ")");
        }
        Object nvdec0 = spdm.opaque.status(OpaqueData.NVDEC0_STATUS).orElse(Boolean.TRUE);
        Set<Integer> skipped = Boolean.FALSE.equals(nvdec0) ? Set.of(NVDEC0_BLOCK) : Set.of();
        RimMatch match = RimMatch.compare(List.copyOf(rims.values()), spdm.blocks(), skipped);
        List<String> mismatches = strings(match.mismatches());
        List<String> missing = strings(match.missing());
        List<String> matched = strings(match.matched());
        if (!match.mismatches().isEmpty() || !match.missing().isEmpty()) {
            return new Result(MISMATCH, mismatches, missing, matched, ids, versionMatch,
                    match.mismatches().size() + " block(s) differ from and " + match.missing().size()
                            + " block(s) are missing for the reference values");
        }
        if (driver == null || vbios == null) {
            return new Result(NOT_EVALUATED, mismatches, missing, matched, ids, versionMatch, "only the "
                    + kindName(driver != null ? RimDocument.Kind.DRIVER : RimDocument.Kind.VBIOS) + " RIM was "
                    + "found (looked for " + looked + "); both the driver and the VBIOS RIM are needed for a match");
        }
        if (!match.matches()) {
            return new Result(NOT_EVALUATED, mismatches, missing, matched, ids, versionMatch,
                    "the RIMs name no block that could be compared");
        }
        return new Result(MATCH, mismatches, missing, matched, ids, versionMatch,
                match.matched().size() + " active entries match");
    }

    private static void lookUp(Map<RimDocument.Kind, RimDocument> rims, RimDocument.Kind kind, Optional<String> id,
            CollateralSource collateral, Instant at, List<X509Certificate> simulationRoots, int maxBytes,
            List<String> looked) throws AttestationVerificationException {
        if (rims.containsKey(kind) || id.isEmpty()) {
            return;
        }
        Optional<String> name = collateralName(id.get());
        if (name.isEmpty()) {
            return;
        }
        looked.add(name.get());
        Optional<byte[]> bytes;
        try {
            bytes = collateral.find(TeeType.NVIDIA_GPU_CC, name.get(), maxBytes);
        } catch (TransportException e) {
            throw Failures.collateralUnavailable("cannot read the " + kindName(kind) + " RIM " + name.get(), e);
        }
        if (bytes.isEmpty()) {
            return;
        }
        RimDocument rim = RimDocument.parseAndVerify(bytes.get(), at, simulationRoots, maxBytes);
        if (rim.kind() != kind) {
            throw Failures.malformed("collateral " + name.get() + " is a " + kindName(rim.kind()) + " RIM, not a "
                    + kindName(kind) + " RIM");
        }
        rims.put(kind, rim);
    }

    /** Whether an attachment is a SWID document: after white space (and a UTF-8 BOM), {@code <?xml} or a tag. */
    static boolean isSwid(byte[] content) {
        int i = 0;
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
                && (content[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < content.length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r'
                || content[i] == '\n')) {
            i++;
        }
        return startsWith(content, i, "<?xml") || startsWith(content, i, "<SoftwareIdentity");
    }

    private static boolean startsWith(byte[] content, int at, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (content.length - at < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (content[at + i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static List<String> strings(List<Integer> indices) {
        List<String> out = new ArrayList<>(indices.size());
        for (Integer i : indices) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    private static String kindName(RimDocument.Kind kind) {
        return kind == RimDocument.Kind.DRIVER ? "driver" : "VBIOS";
    }
}
