package io.confidentialai.sdk.samples.cli;

import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a provider's decoded claims. For AMD SEV-SNP, whose provider names grouped values with dots
 * ({@code reportedTcb.snp}, {@code policy.debug}), the groups become objects: {@code "reportedTcb": {"value": ...,
 * "bootloader": 3, "tee": 0, "snp": 8, "microcode": 115}} (and {@code fmc} first on Turin). Other TEE types' claims
 * are printed as they are.
 */
final class ClaimObjects {
    private ClaimObjects() {}

    static Map<String, Object> forJson(TeeClaims claims) {
        Map<String, Object> details = claims.details();
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
}
