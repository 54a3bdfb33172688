package io.confidentialai.sdk.impl.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();

    // RFC 8032 section 7.1, TEST 1 (empty message)
    private static final byte[] SK1 = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final byte[] PK1 = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final byte[] SIG1 = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    // RFC 8032 section 7.1, TEST 2 (one byte, 0x72)
    private static final byte[] SK2 = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    private static final byte[] PK2 = HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static final byte[] MSG2 = {0x72};
    private static final byte[] SIG2 = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

    /** The Ed25519 group order L. */
    private static final BigInteger L = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void rfc8032Test1() {
        Ed25519KeyPair kp = Ed25519KeyPair.of(SK1, PK1);
        assertThat(Ed25519.sign(kp, new byte[0])).isEqualTo(SIG1);
        assertThat(Ed25519.verify(PK1, new byte[0], SIG1)).isTrue();
    }

    @Test
    void rfc8032Test2() {
        assertThat(Ed25519KeyPair.fromPrivateKey(SK2).publicKey()).isEqualTo(PK2);
        assertThat(Ed25519.sign(Ed25519KeyPair.fromPrivateKey(SK2), MSG2)).isEqualTo(SIG2);
        assertThat(Ed25519.verify(PK2, MSG2, SIG2)).isTrue();
    }

    @Test
    void tamperedInputsDoNotVerify() {
        for (int i = 0; i < SIG2.length; i++) {
            byte[] sig = SIG2.clone();
            sig[i] ^= 0x01;
            assertThat(Ed25519.verify(PK2, MSG2, sig)).as("signature byte %d", i).isFalse();
        }
        for (int i = 0; i < PK2.length; i++) {
            byte[] pk = PK2.clone();
            pk[i] ^= 0x01;
            assertThat(Ed25519.verify(pk, MSG2, SIG2)).as("public key byte %d", i).isFalse();
        }
        assertThat(Ed25519.verify(PK2, new byte[] {0x73}, SIG2)).isFalse();
        assertThat(Ed25519.verify(PK2, new byte[0], SIG2)).isFalse();
        assertThat(Ed25519.verify(PK2, new byte[] {0x72, 0x00}, SIG2)).isFalse();
        assertThat(Ed25519.verify(PK1, MSG2, SIG2)).isFalse();
    }

    @Test
    void nonCanonicalSignatureDoesNotVerify() {
        // S + L is the same scalar mod L but not canonical (RFC 8032 section 5.1.7 requires S < L)
        byte[] sLe = Arrays.copyOfRange(SIG1, 32, 64);
        BigInteger s = new BigInteger(1, reverse(sLe));
        byte[] sPlusL = reverse(toFixed(s.add(L), 32));
        byte[] sig = SIG1.clone();
        System.arraycopy(sPlusL, 0, sig, 32, 32);
        assertThat(Ed25519.verify(PK1, new byte[0], sig)).isFalse();
    }

    @Test
    void malformedInputsReturnFalseWithoutThrowing() {
        assertThat(Ed25519.verify(null, MSG2, SIG2)).isFalse();
        assertThat(Ed25519.verify(PK2, null, SIG2)).isFalse();
        assertThat(Ed25519.verify(PK2, MSG2, null)).isFalse();
        assertThat(Ed25519.verify(Arrays.copyOf(PK2, 31), MSG2, SIG2)).isFalse();
        assertThat(Ed25519.verify(Arrays.copyOf(PK2, 33), MSG2, SIG2)).isFalse();
        assertThat(Ed25519.verify(PK2, MSG2, Arrays.copyOf(SIG2, 63))).isFalse();
        assertThat(Ed25519.verify(PK2, MSG2, Arrays.copyOf(SIG2, 65))).isFalse();
        assertThat(Ed25519.verify(new byte[0], new byte[0], new byte[0])).isFalse();
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        assertThat(Ed25519.verify(notAPoint, MSG2, SIG2)).isFalse();
        assertThat(Ed25519.verify(PK2, MSG2, new byte[64])).isFalse();
        byte[] ffSig = new byte[64];
        Arrays.fill(ffSig, (byte) 0xff);
        assertThat(Ed25519.verify(PK2, MSG2, ffSig)).isFalse();
    }

    @Test
    void generatedKeysSignAndVerify() {
        SecureRandom random = new SecureRandom();
        Ed25519KeyPair kp = Ed25519.generate(random);
        byte[] msg = new byte[1000];
        random.nextBytes(msg);
        byte[] sig = Ed25519.sign(kp, msg);
        assertThat(sig).hasSize(Ed25519.SIGNATURE_LENGTH).isEqualTo(Ed25519.sign(kp, msg));
        assertThat(Ed25519.verify(kp.publicKey(), msg, sig)).isTrue();
        assertThat(Ed25519KeyPair.of(kp.privateKey(), kp.publicKey()).publicKey()).isEqualTo(kp.publicKey());
        assertThat(Ed25519.verify(Ed25519.generate(random).publicKey(), msg, sig)).isFalse();
    }

    @Test
    void keyPairValidatesAndDestroys() {
        assertThatThrownBy(() -> Ed25519KeyPair.of(SK1, PK2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519KeyPair.of(new byte[31], PK1)).isInstanceOf(IllegalArgumentException.class);
        Ed25519KeyPair kp = Ed25519KeyPair.of(SK1, PK1);
        assertThat(kp.toString()).contains(HEX.formatHex(PK1)).doesNotContain(HEX.formatHex(SK1));
        kp.privateKey()[0] ^= 1;
        assertThat(kp.privateKey()).isEqualTo(SK1);
        kp.destroy();
        assertThat(kp.isDestroyed()).isTrue();
        assertThatThrownBy(kp::privateKey).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Ed25519.sign(kp, MSG2)).isInstanceOf(IllegalStateException.class);
        assertThat(kp.publicKey()).isEqualTo(PK1);
    }

    private static byte[] reverse(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }

    private static byte[] toFixed(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, out, len - n, n);
        return out;
    }
}
