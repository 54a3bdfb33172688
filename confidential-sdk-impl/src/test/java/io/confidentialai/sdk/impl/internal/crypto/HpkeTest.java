package io.confidentialai.sdk.impl.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confidentialai.sdk.DecryptionException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HpkeTest {
    private static final HexFormat HEX = HexFormat.of();

    // RFC 9180 Appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode;
    // first encryption (sequence number 0).
    static final byte[] SK_RM = hex("4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8");
    static final byte[] PK_RM = hex("3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d");
    static final byte[] SK_EM = hex("52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736");
    static final byte[] PK_EM = hex("37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431");
    private static final byte[] INFO = hex("4f6465206f6e2061204772656369616e2055726e"); // "Ode on a Grecian Urn"
    private static final byte[] AAD = hex("436f756e742d30"); // "Count-0"
    private static final byte[] PT = hex("4265617574792069732074727574682c20747275746820626561757479");
    private static final byte[] CT = hex("f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a9"
            + "6d8770ac83d07bea87e13c512a");

    private static final SecureRandom RANDOM = new SecureRandom();

    static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    @Test
    void rfc9180VectorKeysDeriveAsPublished() {
        assertThat(X25519KeyPair.fromPrivateKey(SK_RM).publicKey()).isEqualTo(PK_RM);
        assertThat(X25519KeyPair.fromPrivateKey(SK_EM).publicKey()).isEqualTo(PK_EM);
    }

    @Test
    void sealReproducesRfc9180A11ByteForByte() {
        Hpke.Sealed sealed = Hpke.seal(PK_RM, INFO, AAD, PT, X25519KeyPair.of(SK_EM, PK_EM));
        assertThat(sealed.enc()).isEqualTo(PK_EM);
        assertThat(sealed.ciphertext()).isEqualTo(CT);
    }

    @Test
    void openDecryptsRfc9180A11() throws Exception {
        assertThat(Hpke.open(X25519KeyPair.of(SK_RM, PK_RM), PK_EM, INFO, AAD, CT)).isEqualTo(PT);
        assertThat(new String(PT, StandardCharsets.US_ASCII)).isEqualTo("Beauty is truth, truth beauty");
    }

    @Test
    void roundTripsWithAFreshEphemeralKeyEachTime() throws Exception {
        X25519KeyPair recipient = Hpke.generateKeyPair(RANDOM);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Hpke.Sealed a = Hpke.seal(recipient.publicKey(), INFO, AAD, secret);
        Hpke.Sealed b = Hpke.seal(recipient.publicKey(), INFO, AAD, secret);
        assertThat(a.enc()).hasSize(Hpke.ENC_LENGTH).isNotEqualTo(b.enc());
        assertThat(a.ciphertext()).hasSize(secret.length + Hpke.TAG_LENGTH).isNotEqualTo(b.ciphertext());
        assertThat(Hpke.open(recipient, a.enc(), INFO, AAD, a.ciphertext())).isEqualTo(secret);
        assertThat(Hpke.open(recipient, b.enc(), INFO, AAD, b.ciphertext())).isEqualTo(secret);
    }

    @Test
    void roundTripsEmptyInfoAadAndPlaintext() throws Exception {
        X25519KeyPair recipient = Hpke.generateKeyPair(RANDOM);
        Hpke.Sealed s = Hpke.seal(recipient.publicKey(), new byte[0], new byte[0], new byte[0]);
        assertThat(s.ciphertext()).hasSize(Hpke.TAG_LENGTH);
        assertThat(Hpke.open(recipient, s.enc(), new byte[0], new byte[0], s.ciphertext())).isEmpty();
    }

    @Test
    void wrongRecipientKeyFails() {
        X25519KeyPair recipient = Hpke.generateKeyPair(RANDOM);
        X25519KeyPair other = Hpke.generateKeyPair(RANDOM);
        Hpke.Sealed s = Hpke.seal(recipient.publicKey(), INFO, AAD, PT);
        assertUnwrapFails(other, s.enc(), INFO, AAD, s.ciphertext());
    }

    @Test
    void everyFlippedByteOfEncOrCiphertextFails() {
        X25519KeyPair recipient = X25519KeyPair.of(SK_RM, PK_RM);
        for (int i = 0; i < PK_EM.length; i++) {
            byte[] enc = PK_EM.clone();
            enc[i] ^= 0x01;
            assertUnwrapFails(recipient, enc, INFO, AAD, CT);
        }
        for (int i = 0; i < CT.length; i++) {
            byte[] ct = CT.clone();
            ct[i] ^= (byte) 0x80;
            assertUnwrapFails(recipient, PK_EM, INFO, AAD, ct);
        }
    }

    @Test
    void flippedAadOrInfoFails() {
        X25519KeyPair recipient = X25519KeyPair.of(SK_RM, PK_RM);
        for (int i = 0; i < AAD.length; i++) {
            byte[] aad = AAD.clone();
            aad[i] ^= 0x01;
            assertUnwrapFails(recipient, PK_EM, INFO, aad, CT);
        }
        for (int i = 0; i < INFO.length; i++) {
            byte[] info = INFO.clone();
            info[i] ^= 0x01;
            assertUnwrapFails(recipient, PK_EM, info, AAD, CT);
        }
        assertUnwrapFails(recipient, PK_EM, new byte[0], AAD, CT);
        assertUnwrapFails(recipient, PK_EM, INFO, new byte[0], CT);
    }

    @Test
    void wrongLengthsFail() {
        X25519KeyPair recipient = X25519KeyPair.of(SK_RM, PK_RM);
        assertUnwrapFails(recipient, new byte[0], INFO, AAD, CT);
        assertUnwrapFails(recipient, java.util.Arrays.copyOf(PK_EM, 31), INFO, AAD, CT);
        assertUnwrapFails(recipient, java.util.Arrays.copyOf(PK_EM, 33), INFO, AAD, CT);
        assertUnwrapFails(recipient, PK_EM, INFO, AAD, java.util.Arrays.copyOf(CT, CT.length - 1));
        assertUnwrapFails(recipient, PK_EM, INFO, AAD, java.util.Arrays.copyOf(CT, CT.length + 1));
        assertUnwrapFails(recipient, PK_EM, INFO, AAD, java.util.Arrays.copyOf(CT, Hpke.TAG_LENGTH - 1));
        assertUnwrapFails(recipient, PK_EM, INFO, AAD, new byte[0]);
    }

    @Test
    void lowOrderEncapsulatedKeyFailsOpaquely() {
        X25519KeyPair recipient = X25519KeyPair.of(SK_RM, PK_RM);
        byte[] one = new byte[32];
        one[0] = 1;
        assertUnwrapFails(recipient, new byte[32], INFO, AAD, CT); // u = 0: all-zero shared secret
        assertUnwrapFails(recipient, one, INFO, AAD, CT); // u = 1: all-zero shared secret
    }

    @Test
    void sealRejectsBadRecipientKeys() {
        byte[] one = new byte[32];
        one[0] = 1;
        assertThatThrownBy(() -> Hpke.seal(new byte[32], INFO, AAD, PT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hpke.seal(one, INFO, AAD, PT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hpke.seal(new byte[31], INFO, AAD, PT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hpke.seal(PK_RM, null, AAD, PT)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void openWithADestroyedKeyPairIsAProgrammingError() {
        X25519KeyPair recipient = X25519KeyPair.fromPrivateKey(SK_RM);
        recipient.destroy();
        assertThatThrownBy(() -> Hpke.open(recipient, PK_EM, INFO, AAD, CT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealedMakesDefensiveCopies() {
        byte[] enc = PK_EM.clone();
        byte[] ct = CT.clone();
        Hpke.Sealed s = new Hpke.Sealed(enc, ct);
        enc[0] ^= 1;
        ct[0] ^= 1;
        s.enc()[1] ^= 1;
        s.ciphertext()[1] ^= 1;
        assertThat(s.enc()).isEqualTo(PK_EM);
        assertThat(s.ciphertext()).isEqualTo(CT);
        assertThat(s).isEqualTo(new Hpke.Sealed(PK_EM, CT)).hasSameHashCodeAs(new Hpke.Sealed(PK_EM, CT));
    }

    @Test
    void keyPairValidatesCopiesAndDestroys() {
        assertThatThrownBy(() -> X25519KeyPair.of(SK_RM, PK_EM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> X25519KeyPair.of(new byte[31], PK_RM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> X25519KeyPair.of(SK_RM, new byte[31])).isInstanceOf(IllegalArgumentException.class);
        byte[] sk = SK_RM.clone();
        X25519KeyPair kp = X25519KeyPair.fromPrivateKey(sk);
        sk[0] ^= 1;
        kp.privateKey()[0] ^= 1;
        kp.publicKey()[0] ^= 1;
        assertThat(kp.privateKey()).isEqualTo(SK_RM);
        assertThat(kp.publicKey()).isEqualTo(PK_RM);
        assertThat(kp.toString()).contains(HEX.formatHex(PK_RM)).doesNotContain(HEX.formatHex(SK_RM));
        assertThat(kp.isDestroyed()).isFalse();
        kp.destroy();
        kp.destroy();
        assertThat(kp.isDestroyed()).isTrue();
        assertThatThrownBy(kp::privateKey).isInstanceOf(IllegalStateException.class);
        assertThat(kp.publicKey()).isEqualTo(PK_RM);
    }

    @Test
    void generatedKeyPairsAreConsistent() {
        X25519KeyPair kp = Hpke.generateKeyPair(RANDOM);
        assertThat(X25519KeyPair.fromPrivateKey(kp.privateKey()).publicKey()).isEqualTo(kp.publicKey());
        assertThat(Hpke.generateKeyPair(RANDOM).publicKey()).isNotEqualTo(kp.publicKey());
    }

    static void assertUnwrapFails(X25519KeyPair recipient, byte[] enc, byte[] info, byte[] aad, byte[] ct) {
        assertThatThrownBy(() -> Hpke.open(recipient, enc, info, aad, ct))
                .isInstanceOfSatisfying(DecryptionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DecryptionException.DECRYPTION_FAILED);
                    assertThat(e.getCause()).isNull();
                })
                .hasMessageContaining("key unwrap failed");
    }
}
