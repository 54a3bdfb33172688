package io.confidentialai.sdk.attestation;

import io.confidentialai.sdk.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads NVIDIA GPU evidence in the JSON list form that NVIDIA's attestation tools emit for several GPUs: a JSON
 * array with one object per GPU, each holding {@code "evidence"} (the base64 SPDM measurement report),
 * {@code "certificate"} (the base64 PEM device certificate chain) and optionally {@code "arch"} and
 * {@code "nonce"} (informational: the verifier checks the nonce signed inside the report, never this one).
 *
 * <p>Each entry becomes one {@link Evidence} of type {@link TeeType#NVIDIA_GPU_CC} with the chain attached as
 * {@value #CERT_CHAIN_ATTACHMENT}, so every GPU is verified and reported separately, or added to a CPU TEE's
 * evidence with {@link Evidence.Builder#addAccelerator(Evidence)} as a composite attestation.
 *
 * @since 0.1
 */
public final class NvidiaGpuEvidence {
    /** The attachment name under which GPU evidence carries its PEM device certificate chain. */
    public static final String CERT_CHAIN_ATTACHMENT = "gpu-cert-chain.pem";

    private NvidiaGpuEvidence() {}

    /**
     * Returns whether {@code data} looks like the JSON list form (its first non-blank character is {@code [}).
     *
     * @param data candidate evidence bytes
     * @return true for the list form
     */
    public static boolean isEvidenceList(byte[] data) {
        Objects.requireNonNull(data, "data");
        for (byte b : data) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '[';
            }
        }
        return false;
    }

    /**
     * Splits the JSON list form into one evidence per GPU, in list order.
     *
     * @param json the UTF-8 JSON array
     * @param maxBytes the largest document accepted
     * @return the evidence of each GPU, 1 to {@link Evidence#MAX_ACCELERATORS} entries
     * @throws NullPointerException if {@code json} is null
     * @throws IllegalArgumentException if the document is too large, not an array of GPU entries, has an entry
     *     without evidence or certificate chain, invalid base64, an unknown member, or too many entries
     */
    public static List<Evidence> parseEvidenceList(byte[] json, int maxBytes) {
        Objects.requireNonNull(json, "json");
        if (json.length > maxBytes) {
            throw new IllegalArgumentException("GPU evidence list of " + json.length + " bytes exceeds the limit of "
                    + maxBytes);
        }
        Object parsed = Json.parse(new String(json, StandardCharsets.UTF_8), maxBytes);
        if (!(parsed instanceof List)) {
            throw new IllegalArgumentException("GPU evidence list must be a JSON array");
        }
        List<?> entries = (List<?>) parsed;
        if (entries.isEmpty() || entries.size() > Evidence.MAX_ACCELERATORS) {
            throw new IllegalArgumentException("GPU evidence list must hold 1.." + Evidence.MAX_ACCELERATORS
                    + " entries, it holds " + entries.size());
        }
        List<Evidence> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map)) {
                throw new IllegalArgumentException("GPU evidence list entry " + i + " must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) entries.get(i);
            try {
                Json.requireOnly(e, "arch", "certificate", "evidence", "nonce");
                out.add(Evidence.builder().teeType(TeeType.NVIDIA_GPU_CC)
                        .data(base64(Json.string(e, "evidence")))
                        .attachment(CERT_CHAIN_ATTACHMENT, base64(Json.string(e, "certificate")))
                        .build());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("GPU evidence list entry " + i + ": " + ex.getMessage(), ex);
            }
        }
        return List.copyOf(out);
    }

    /** Strict base64 that tolerates only line breaks and blanks (NVIDIA tools wrap long values). */
    private static byte[] base64(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return Base64.getDecoder().decode(sb.toString());
    }
}
