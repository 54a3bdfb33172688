package io.confidentialai.sdk;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable, machine-readable reason for a verification failure, such as {@link #SIGNATURE_INVALID}.
 *
 * <p>Reason codes are an open set: providers may define more with {@link #of(String)}. Every code
 * the SDK emits is documented in {@code docs/errors.md} under an anchor equal to its {@link #code()}.
 * Compare codes with {@link #equals(Object)}, never by message.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ReasonCode {
    private static final Pattern FORMAT = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    // evidence
    /** The evidence, a certificate or a collateral document could not be parsed, or a length is out of bounds. */
    public static final ReasonCode EVIDENCE_MALFORMED = new ReasonCode("EVIDENCE_MALFORMED");
    /** The evidence is of a format or version that no installed provider verifies. */
    public static final ReasonCode UNSUPPORTED_EVIDENCE_FORMAT = new ReasonCode("UNSUPPORTED_EVIDENCE_FORMAT");
    /** A signature over the evidence (or inside it) does not verify. */
    public static final ReasonCode SIGNATURE_INVALID = new ReasonCode("SIGNATURE_INVALID");
    /** A certificate chain does not lead to a trusted root, or a certificate is outside its validity. */
    public static final ReasonCode CERT_CHAIN_INVALID = new ReasonCode("CERT_CHAIN_INVALID");
    /** A certificate in the chain has been revoked. */
    public static final ReasonCode CERT_REVOKED = new ReasonCode("CERT_REVOKED");
    // collateral
    /** Collateral needed for the verdict could not be obtained; the verification still fails closed. */
    public static final ReasonCode COLLATERAL_UNAVAILABLE = new ReasonCode("COLLATERAL_UNAVAILABLE");
    /** Collateral was present but outside its validity window at the verification instant. */
    public static final ReasonCode COLLATERAL_EXPIRED = new ReasonCode("COLLATERAL_EXPIRED");
    // platform
    /** The platform's TCB status is not acceptable to the policy. */
    public static final ReasonCode TCB_OUT_OF_DATE = new ReasonCode("TCB_OUT_OF_DATE");
    /** The TEE runs with debugging enabled, so its memory is not confidential. */
    public static final ReasonCode DEBUG_ENABLED = new ReasonCode("DEBUG_ENABLED");
    /** The evidence is simulated (not produced by hardware) and the policy requires hardware. */
    public static final ReasonCode NON_HARDWARE_EVIDENCE = new ReasonCode("NON_HARDWARE_EVIDENCE");
    /** The evidence is hardware evidence but the policy is the insecure development policy, which never accepts it. */
    public static final ReasonCode HARDWARE_EVIDENCE_NOT_ALLOWED = new ReasonCode("HARDWARE_EVIDENCE_NOT_ALLOWED");
    /** The evidence comes from a TEE type the policy does not allow. */
    public static final ReasonCode TEE_TYPE_NOT_ALLOWED = new ReasonCode("TEE_TYPE_NOT_ALLOWED");
    // match and freshness
    /** A measurement differs from every value the policy allows. */
    public static final ReasonCode MEASUREMENT_MISMATCH = new ReasonCode("MEASUREMENT_MISMATCH");
    /** A claim the policy constrains (e.g. SEV-SNP VMPL, a TCB component, CCA lifecycle) has another value. */
    public static final ReasonCode CLAIM_MISMATCH = new ReasonCode("CLAIM_MISMATCH");
    /** The identity that signed the workload differs from the one the policy requires. */
    public static final ReasonCode SIGNER_MISMATCH = new ReasonCode("SIGNER_MISMATCH");
    /** The evidence is not bound to the relying party's nonce (or order digest). */
    public static final ReasonCode NONCE_MISMATCH = new ReasonCode("NONCE_MISMATCH");
    /** The evidence is bound to the challenge but not to the public keys the TEE presented. */
    public static final ReasonCode KEY_BINDING_MISMATCH = new ReasonCode("KEY_BINDING_MISMATCH");
    /** The evidence is older than the policy's maximum evidence age. */
    public static final ReasonCode EVIDENCE_TOO_OLD = new ReasonCode("EVIDENCE_TOO_OLD");
    /** The policy requires accelerator evidence that is missing or failed. */
    public static final ReasonCode ACCELERATOR_MISSING = new ReasonCode("ACCELERATOR_MISSING");
    // integrity report
    /** The integrity report's signature does not verify. */
    public static final ReasonCode REPORT_SIGNATURE_INVALID = new ReasonCode("REPORT_SIGNATURE_INVALID");
    /** The integrity report was signed by a key that the attested evidence does not bind. */
    public static final ReasonCode REPORT_SIGNER_NOT_ATTESTED = new ReasonCode("REPORT_SIGNER_NOT_ATTESTED");
    /** An input's digest differs from the one the order names. */
    public static final ReasonCode INPUT_DIGEST_MISMATCH = new ReasonCode("INPUT_DIGEST_MISMATCH");
    /** The model or engine digest differs from the one the order names. */
    public static final ReasonCode MODEL_DIGEST_MISMATCH = new ReasonCode("MODEL_DIGEST_MISMATCH");
    /** An output's digest differs from the one the integrity report names. */
    public static final ReasonCode OUTPUT_DIGEST_MISMATCH = new ReasonCode("OUTPUT_DIGEST_MISMATCH");
    /** The policy digest differs from the one the order or report names. */
    public static final ReasonCode POLICY_DIGEST_MISMATCH = new ReasonCode("POLICY_DIGEST_MISMATCH");
    /** The order digest in a report or grant differs from the expected order. */
    public static final ReasonCode ORDER_DIGEST_MISMATCH = new ReasonCode("ORDER_DIGEST_MISMATCH");
    // sealed assets
    /** A sealed asset's header, manifest or framing is malformed, or the stream was truncated or extended. */
    public static final ReasonCode SEALED_FORMAT_INVALID = new ReasonCode("SEALED_FORMAT_INVALID");

    private final String code;

    private ReasonCode(String code) {
        this.code = code;
    }

    /**
     * Returns the reason code with this name, one of the constants or a provider-defined code.
     *
     * @param code upper-case letters, digits and underscores, 2 to 64 characters
     * @return the reason code
     * @throws NullPointerException if {@code code} is null
     * @throws IllegalArgumentException if {@code code} is not of that form
     */
    public static ReasonCode of(String code) {
        Objects.requireNonNull(code, "code");
        String upper = code.toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(upper).matches()) {
            throw new IllegalArgumentException("reason code must match " + FORMAT + ": " + code);
        }
        return new ReasonCode(upper);
    }

    /** Returns the code, e.g. {@code "SIGNATURE_INVALID"}. */
    public String code() {
        return code;
    }

    /** Returns the documentation anchor for this code, relative to the docs folder. */
    public String documentation() {
        return "docs/errors.md#" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReasonCode && ((ReasonCode) o).code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }
}
