package io.confidentialai.sdk.samples.cli;

import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a provider's decoded claims. For AMD SEV-SNP, whose provider names grouped values with dots
 * ({@code reportedTcb.snp}, {@code policy.debug}), the groups become objects: {@code "reportedTcb": {"value": ...,
 * "bootloader": 3, "tee": 0, "snp": 8, "microcode": 115}} (and {@code fmc} first on Turin). NVIDIA GPU claims gain
 * {@code measurements} and {@code rimMatch} objects keyed by block index. Other TEE types' claims are printed as they
 * are.
 */
final class ClaimObjects {
    private static final String BLOCK = "block-";
    private static final Comparator<String> BY_NUMBER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private ClaimObjects() {}

    static Map<String, Object> forJson(TeeClaims claims) {
        Map<String, Object> details = claims.details();
        if (TeeType.NVIDIA_GPU_CC.equals(claims.teeType())) {
            return gpu(claims);
        }
        if (!TeeType.AMD_SEV_SNP.equals(claims.teeType())) {
            return details;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : details.entrySet()) {
            String name = e.getKey();
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1 || details.containsKey(name.substring(0, dot))) {
                out.put(name, e.getValue());
                continue;
            }
            Object group = out.computeIfAbsent(name.substring(0, dot), k -> new LinkedHashMap<String, Object>());
            if (group instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> members = (Map<String, Object>) group;
                members.put(name.substring(dot + 1), e.getValue());
            } else {
                out.put(name, e.getValue());
            }
        }
        return out;
    }

    /**
     * NVIDIA GPU claims, plus {@code measurements} (SPDM block index to hex) and, when RIMs were compared,
     * {@code rimMatch} (block index to whether the block equals an allowed RIM value, for every block an active RIM
     * entry covers).
     */
    private static Map<String, Object> gpu(TeeClaims claims) {
        Map<String, Object> out = new LinkedHashMap<>(claims.details());
        Map<String, Object> blocks = new TreeMap<>(BY_NUMBER);
        claims.measurements().forEach((slot, m) -> {
            if (slot.name().startsWith(BLOCK)) {
                blocks.put(slot.name().substring(BLOCK.length()), m.toHex());
            }
        });
        out.put("measurements", blocks);
        Map<String, Object> rim = new TreeMap<>(BY_NUMBER);
        names(claims, "rimMatched").forEach(i -> rim.put(i, true));
        names(claims, "rimMismatches").forEach(i -> rim.put(i, false));
        if (!rim.isEmpty()) {
            out.put("rimMatch", rim);
        }
        return out;
    }

    private static List<String> names(TeeClaims claims, String claim) {
        Object v = claims.details().get(claim);
        List<String> out = new ArrayList<>();
        if (v instanceof List) {
            ((List<?>) v).forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
