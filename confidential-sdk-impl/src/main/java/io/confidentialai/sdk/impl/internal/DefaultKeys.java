package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.AssetKey;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.InsecureKeyAccess;
import io.confidentialai.sdk.KeyGrant;
import io.confidentialai.sdk.Keys;
import io.confidentialai.sdk.OrderSpec;
import io.confidentialai.sdk.SealedAsset;
import io.confidentialai.sdk.VerdictIssuer;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import io.confidentialai.sdk.impl.internal.crypto.Hpke;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Key grants to attested TEEs. This class is internal and is not meant to be used by applications. */
final class DefaultKeys implements Keys {
    private static final Logger log = LoggerFactory.getLogger(DefaultKeys.class);
    private final VerdictIssuer issuer;

    DefaultKeys(VerdictIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public KeyGrant grant(AssetKey key, SealedAsset asset, VerifiedAttestation attestation, OrderSpec order) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(attestation, "attestation");
        Objects.requireNonNull(order, "order");
        Digest assetDigest = asset.digest();
        if (!order.model().equals(assetDigest) && !order.inputs().contains(assetDigest)) {
            throw new IllegalArgumentException("order " + order.digest() + " does not name asset " + assetDigest);
        }
        if (!key.keyId().equals(asset.keyId())) {
            throw new IllegalArgumentException("key " + key.keyId() + " did not seal asset " + asset.name()
                    + " (sealed with key " + asset.keyId() + ")");
        }
        if (!attestation.policyDigest().equals(order.policyDigest())) {
            throw new IllegalArgumentException("the attestation satisfied policy " + attestation.policyDigest()
                    + " but the order requires policy " + order.policyDigest());
        }
        if (attestation.challenge().kind() == Challenge.Kind.ORDER
                && !Arrays.equals(attestation.challenge().value(), order.digest().toByteArray())) {
            throw new IllegalArgumentException("the attestation is bound to another order");
        }
        TeePublicKeys tee = attestation.boundKeys().orElseThrow(() -> new IllegalArgumentException(
                "the attestation binds no node keys (report-data challenge); a key can only be granted to keys bound in evidence"));
        byte[] hpkeKey = tee.hpkePublicKey();
        Digest recipient = Digest.sha256(hpkeKey);
        byte[] keyId = HexFormat.of().parseHex(key.keyId());
        Digest orderDigest = order.digest();
        byte[] material = key.exportKeyMaterial(InsecureKeyAccess.get());
        try {
            Hpke.Sealed sealed = Hpke.seal(hpkeKey,
                    KeyGrant.info(KeyGrant.Purpose.ASSET_KEY, orderDigest, assetDigest, recipient),
                    KeyGrant.header(KeyGrant.Purpose.ASSET_KEY, orderDigest, assetDigest, recipient, keyId), material);
            KeyGrant grant = KeyGrant.issue(issuer, KeyGrant.Purpose.ASSET_KEY, orderDigest, assetDigest, recipient, keyId,
                    sealed.enc(), sealed.ciphertext());
            log.info("key granted: asset={} order={} attestation={} tee={} hardware={}", assetDigest, orderDigest,
                    attestation.evidenceDigest(), attestation.teeType(), attestation.claims().isHardware());
            return grant;
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }
}
