package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.VerifiedAttestation;

/**
 * Grants asset keys to attested TEEs.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Keys {
    /**
     * Wraps an asset key to the HPKE key that a verified TEE bound into its evidence, for one order and one
     * asset.
     *
     * @param key the owner's asset key
     * @param asset the sealed asset the key opens; the order must name it
     * @param attestation the TEE's verified attestation; its policy must be the order's policy
     * @param order the order the key is released for
     * @return the grant; only the attested TEE can unwrap it, and only for this order and asset
     * @throws IllegalArgumentException if the order does not name the asset, the key did not seal it, the
     *     attestation's policy differs from the order's, or the attestation binds no node keys
     */
    KeyGrant grant(AssetKey key, SealedAsset asset, VerifiedAttestation attestation, OrderSpec order);
}
