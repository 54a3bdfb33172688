package io.confidentialai.sdk;

/**
 * The capability to mint verdict types ({@link io.confidentialai.sdk.attestation.VerifiedAttestation},
 * {@link VerifiedReport}). Only {@link ConfidentialClient.Builder#build()} creates instances, and it hands
 * one to the engine it loads through {@link io.confidentialai.sdk.spi.ClientEngineProvider}; application
 * code never holds one, so it cannot manufacture a verdict without running verification.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class VerdictIssuer {
    VerdictIssuer() {}

    @Override
    public String toString() {
        return "VerdictIssuer";
    }
}
