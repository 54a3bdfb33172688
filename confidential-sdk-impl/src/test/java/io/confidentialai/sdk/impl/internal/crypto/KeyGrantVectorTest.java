package io.confidentialai.sdk.impl.internal.crypto;

import static io.confidentialai.sdk.impl.internal.crypto.HpkeTest.PK_EM;
import static io.confidentialai.sdk.impl.internal.crypto.HpkeTest.PK_RM;
import static io.confidentialai.sdk.impl.internal.crypto.HpkeTest.SK_EM;
import static io.confidentialai.sdk.impl.internal.crypto.HpkeTest.SK_RM;
import static io.confidentialai.sdk.impl.internal.crypto.HpkeTest.assertUnwrapFails;
import static io.confidentialai.sdk.impl.internal.crypto.HpkeTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.KeyGrant;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The fixed key-grant vector of docs/key-binding.md: the RFC 9180 A.1.1 recipient and ephemeral keys wrap
 * a fixed asset key for a fixed order, asset and key id.
 */
class KeyGrantVectorTest {
    private static final Digest ORDER = Digest.ofSha256(hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    private static final Digest ASSET = Digest.ofSha256(hex("aa".repeat(32)));
    private static final byte[] KEY_ID = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] ASSET_KEY = hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf");

    private static final String RECIPIENT = "8b228cd75ab70badbec1beb5233f068a684fe81c7c6261c0c8a7af320e9d841b";
    private static final String INFO = "6373646b2d6b65792d6772616e742d763100"
            + "01" + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "aa".repeat(32) + RECIPIENT;
    private static final String HEADER = "4353444b47524e54" + "01" + "01" + "0020" + "0001" + "0001"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "aa".repeat(32) + RECIPIENT + "000102030405060708090a0b0c0d0e0f";
    private static final String ENC = "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431";
    private static final String CT = "4ef010d530cd4fce149332c3e7145cadd9736d4e3c344d331ab47f8240289530"
            + "d6daacdf15f1b650cb7de5ff046170ad";
    private static final String GRANT = HEADER + "0020" + ENC + "0030" + CT;

    @Test
    void infoAndHeaderAreAsSpecified() {
        Digest recipient = Digest.sha256(PK_RM);
        assertThat(recipient.toHex()).isEqualTo(RECIPIENT);
        assertThat(HexFormat.of().formatHex(KeyGrant.info(KeyGrant.Purpose.ASSET_KEY, ORDER, ASSET, recipient)))
                .isEqualTo(INFO);
        assertThat(HexFormat.of().formatHex(KeyGrant.header(KeyGrant.Purpose.ASSET_KEY, ORDER, ASSET, recipient, KEY_ID)))
                .isEqualTo(HEADER);
    }

    @Test
    void sealWithTheFixedEphemeralKeyReproducesTheGrant() throws Exception {
        Digest recipient = Digest.sha256(PK_RM);
        byte[] info = KeyGrant.info(KeyGrant.Purpose.ASSET_KEY, ORDER, ASSET, recipient);
        byte[] header = KeyGrant.header(KeyGrant.Purpose.ASSET_KEY, ORDER, ASSET, recipient, KEY_ID);
        Hpke.Sealed s = Hpke.seal(PK_RM, info, header, ASSET_KEY, X25519KeyPair.of(SK_EM, PK_EM));
        assertThat(HexFormat.of().formatHex(s.enc())).isEqualTo(ENC);
        assertThat(HexFormat.of().formatHex(s.ciphertext())).isEqualTo(CT);
        byte[] grant = ByteBuffer.allocate(212).put(header).putShort((short) 32).put(s.enc()).putShort((short) 48)
                .put(s.ciphertext()).array();
        assertThat(HexFormat.of().formatHex(grant)).isEqualTo(GRANT);
    }

    @Test
    void theEncodedGrantParsesAndUnwraps() throws Exception {
        KeyGrant grant = KeyGrant.parse(hex(GRANT));
        assertThat(grant.toByteArray()).isEqualTo(hex(GRANT));
        assertThat(grant.purpose()).isEqualTo(KeyGrant.Purpose.ASSET_KEY);
        assertThat(grant.orderDigest()).isEqualTo(ORDER);
        assertThat(grant.assetDigest()).isEqualTo(ASSET);
        assertThat(grant.recipient()).isEqualTo(Digest.sha256(PK_RM));
        assertThat(grant.keyId()).isEqualTo("000102030405060708090a0b0c0d0e0f");
        X25519KeyPair recipient = X25519KeyPair.of(SK_RM, PK_RM);
        assertThat(Hpke.open(recipient, grant.encapsulatedKey(), grant.info(), grant.header(), grant.ciphertext()))
                .isEqualTo(ASSET_KEY);
    }

    @Test
    void theGrantIsUselessForAnotherOrderAssetPurposeRecipientOrKeyId() {
        KeyGrant grant = KeyGrant.parse(hex(GRANT));
        X25519KeyPair recipient = X25519KeyPair.of(SK_RM, PK_RM);
        Digest me = Digest.sha256(PK_RM);
        Digest otherOrder = Digest.sha256(new byte[] {1});
        byte[] enc = grant.encapsulatedKey();
        byte[] ct = grant.ciphertext();
        // another order: both info and aad change
        assertUnwrapFails(recipient, enc, KeyGrant.info(KeyGrant.Purpose.ASSET_KEY, otherOrder, ASSET, me),
                KeyGrant.header(KeyGrant.Purpose.ASSET_KEY, otherOrder, ASSET, me, KEY_ID), ct);
        // another asset
        assertUnwrapFails(recipient, enc, KeyGrant.info(KeyGrant.Purpose.ASSET_KEY, ORDER, otherOrder, me),
                KeyGrant.header(KeyGrant.Purpose.ASSET_KEY, ORDER, otherOrder, me, KEY_ID), ct);
        // another purpose
        assertUnwrapFails(recipient, enc, KeyGrant.info(KeyGrant.Purpose.RESULT_KEY, ORDER, ASSET, me),
                KeyGrant.header(KeyGrant.Purpose.RESULT_KEY, ORDER, ASSET, me, KEY_ID), ct);
        // another recipient fingerprint, even with the right private key
        assertUnwrapFails(recipient, enc, KeyGrant.info(KeyGrant.Purpose.ASSET_KEY, ORDER, ASSET, otherOrder),
                KeyGrant.header(KeyGrant.Purpose.ASSET_KEY, ORDER, ASSET, otherOrder, KEY_ID), ct);
        // another key id (aad only)
        assertUnwrapFails(recipient, enc, grant.info(),
                KeyGrant.header(KeyGrant.Purpose.ASSET_KEY, ORDER, ASSET, me, new byte[16]), ct);
        // another TEE key
        assertUnwrapFails(X25519KeyPair.fromPrivateKey(SK_EM), enc, grant.info(), grant.header(), ct);
    }
}
