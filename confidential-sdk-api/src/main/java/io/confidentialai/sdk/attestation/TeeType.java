package io.confidentialai.sdk.attestation;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of Trusted Execution Environment, such as {@link #INTEL_TDX}. An open set: providers for new
 * TEEs may use {@link #of(String)}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TeeType {
    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    /** Intel Trust Domain Extensions (DCAP quotes). Artifact {@code tee-intel-tdx}. */
    public static final TeeType INTEL_TDX = new TeeType("intel-tdx", "tee-intel-tdx");
    /** AMD SEV-SNP (attestation reports). Artifact {@code tee-amd-sev-snp}. */
    public static final TeeType AMD_SEV_SNP = new TeeType("amd-sev-snp", "tee-amd-sev-snp");
    /** NVIDIA GPU Confidential Computing (SPDM measurements). Artifact {@code tee-nvidia-gpu}. */
    public static final TeeType NVIDIA_GPU_CC = new TeeType("nvidia-gpu-cc", "tee-nvidia-gpu");
    /** Arm Confidential Compute Architecture (CCA attestation tokens). Artifact {@code tee-arm-cca}. */
    public static final TeeType ARM_CCA = new TeeType("arm-cca", "tee-arm-cca");
    /**
     * The simulated TEE for development: it produces evidence in the real vendor formats, signed by a
     * local simulation root, always marked as not hardware-backed. Artifact {@code tee-simulated}.
     */
    public static final TeeType SIMULATED = new TeeType("simulated", "tee-simulated");

    private final String id;
    private final String artifactId;

    private TeeType(String id, String artifactId) {
        this.id = id;
        this.artifactId = artifactId;
    }

    /**
     * Returns the TEE type with this identifier: one of the constants, or a new open-set member.
     *
     * @param id lower-case identifier such as {@code "intel-tdx"}
     * @return the TEE type
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is not a valid identifier
     */
    public static TeeType of(String id) {
        Objects.requireNonNull(id, "id");
        String lower = id.toLowerCase(Locale.ROOT);
        for (TeeType known : new TeeType[] {INTEL_TDX, AMD_SEV_SNP, NVIDIA_GPU_CC, ARM_CCA, SIMULATED}) {
            if (known.id.equals(lower)) {
                return known;
            }
        }
        if (!FORMAT.matcher(lower).matches()) {
            throw new IllegalArgumentException("TEE type id must match " + FORMAT + ": " + id);
        }
        return new TeeType(lower, "tee-" + lower);
    }

    /** Returns the identifier, e.g. {@code "intel-tdx"}. */
    public String id() {
        return id;
    }

    /** Returns the Maven artifact id (group {@code io.confidentialai}) that provides this TEE type. */
    public String artifactId() {
        return artifactId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeeType && ((TeeType) o).id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
