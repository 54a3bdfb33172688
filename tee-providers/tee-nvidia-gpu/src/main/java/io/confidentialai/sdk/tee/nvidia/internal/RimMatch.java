package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The comparison of GPU measurement blocks with the reference values of verified RIMs, with NVIDIA's semantics: every
 * active entry of every RIM must be matched by the evidence block of the same SPDM index (one of its alternatives,
 * compared in constant time); evidence blocks that no active entry names are ignored; inactive entries are ignored;
 * two RIMs with an active entry for the same index make the reference values ambiguous and the comparison fails.
 *
 * <p>NVIDIA's verifier also skips RIM index 35 (SPDM block 36) when the evidence's opaque data reports NVDEC0 as
 * disabled; a caller that applies that rule passes the index in {@code skipped}.
 *
 * <p>Instances are immutable and thread-safe. This class is internal and is not meant to be used by applications; it
 * may change at any time.
 */
final class RimMatch {
    private final List<Integer> mismatches;
    private final List<Integer> missing;
    private final List<Integer> matched;

    private RimMatch(List<Integer> mismatches, List<Integer> missing, List<Integer> matched) {
        this.mismatches = List.copyOf(mismatches);
        this.missing = List.copyOf(missing);
        this.matched = List.copyOf(matched);
    }

    /**
     * Compares the measurement blocks with the RIMs.
     *
     * @param rims verified RIMs, typically the driver and the VBIOS RIM of one GPU; not empty
     * @param blocks measurement values keyed by SPDM block index (1-based); the map and arrays are only read
     * @return the outcome
     * @throws AttestationVerificationException {@code EVIDENCE_MALFORMED} when two RIMs (or one RIM passed twice) have
     *     an active entry for the same index
     * @throws NullPointerException if an argument or a RIM is null
     * @throws IllegalArgumentException if {@code rims} is empty (nothing to compare must never read as a match)
     */
    static RimMatch compare(List<RimDocument> rims, Map<Integer, byte[]> blocks)
            throws AttestationVerificationException {
        return compare(rims, blocks, Set.of());
    }

    /**
     * Compares the measurement blocks with the RIMs, leaving out the given SPDM indices (NVIDIA leaves out block 36
     * when NVDEC0 is disabled).
     *
     * @param rims verified RIMs, typically the driver and the VBIOS RIM of one GPU; not empty
     * @param blocks measurement values keyed by SPDM block index (1-based); the map and arrays are only read
     * @param skipped SPDM indices whose entries are neither compared nor reported
     * @return the outcome
     * @throws AttestationVerificationException {@code EVIDENCE_MALFORMED} when two RIMs (or one RIM passed twice) have
     *     an active entry for the same index
     * @throws NullPointerException if an argument, a RIM or a skipped index is null
     * @throws IllegalArgumentException if {@code rims} is empty
     */
    static RimMatch compare(List<RimDocument> rims, Map<Integer, byte[]> blocks, Set<Integer> skipped)
            throws AttestationVerificationException {
        List<RimDocument> documents = List.copyOf(Objects.requireNonNull(rims, "rims"));
        Objects.requireNonNull(blocks, "blocks");
        Set<Integer> skip = Set.copyOf(Objects.requireNonNull(skipped, "skipped"));
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("at least one RIM is needed to compare measurements");
        }
        TreeMap<Integer, RimDocument> owner = new TreeMap<>();
        for (RimDocument rim : documents) {
            for (Integer index : rim.activeIndices()) {
                RimDocument other = owner.putIfAbsent(index, rim);
                if (other != null) {
                    throw RimFailures.conflict("the " + describe(other) + " and the " + describe(rim)
                            + " both have an active entry for measurement block " + index);
                }
            }
        }
        List<Integer> mismatches = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        List<Integer> matched = new ArrayList<>();
        for (Map.Entry<Integer, RimDocument> e : owner.entrySet()) {
            int index = e.getKey();
            if (skip.contains(index)) {
                continue;
            }
            byte[] value = blocks.get(index);
            if (value == null) {
                missing.add(index);
            } else if (e.getValue().allows(index, value)) {
                matched.add(index);
            } else {
                mismatches.add(index);
            }
        }
        return new RimMatch(mismatches, missing, matched);
    }

    private static String describe(RimDocument rim) {
        return rim.kind().name().toLowerCase(Locale.ROOT) + " RIM " + rim.version() + " (tagId "
                + rim.id() + ")";
    }

    /** SPDM indices whose evidence value is none of the allowed values, ascending. */
    List<Integer> mismatches() {
        return mismatches;
    }

    /** SPDM indices of active entries for which the evidence holds no block, ascending. */
    List<Integer> missing() {
        return missing;
    }

    /** SPDM indices of active entries that the evidence matches, ascending. */
    List<Integer> matched() {
        return matched;
    }

    /** True iff no active entry is mismatched or missing and at least one was compared (nothing never matches). */
    boolean matches() {
        return mismatches.isEmpty() && missing.isEmpty() && !matched.isEmpty();
    }

    @Override
    public String toString() {
        return "RimMatch[matches=" + matches() + ", mismatches=" + mismatches + ", missing=" + missing
                + ", matched=" + matched.size() + "]";
    }
}
