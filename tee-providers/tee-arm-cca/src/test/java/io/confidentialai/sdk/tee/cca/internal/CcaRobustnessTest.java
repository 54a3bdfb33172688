package io.confidentialai.sdk.tee.cca.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random structural mutations (bit flips, insertions, deletions, duplicated and swapped ranges) of valid tokens
 * never escape as anything but a verification exception, and never verify.
 */
class CcaRobustnessTest {
    private static final int ROUNDS = 300;

    @Test
    void mutatedSyntheticTokensAreAlwaysRejectedCleanly() {
        TestTokens t = TestTokens.es384();
        EvidenceVerifier v = new ArmCcaProvider().newVerifier(Vectors.context(t.pemAnchor())).orElseThrow();
        mutate(t.build(CcaToken.TAG_CMW), v, new Random(7));
        mutate(t.build(CcaToken.TAG_LEGACY), v, new Random(8));
    }

    @Test
    void mutatedVectorTokensAreAlwaysRejectedCleanly() {
        EvidenceVerifier v = new ArmCcaProvider().newVerifier(Vectors.context(Vectors.anchor(Vectors.CPAK_TA)))
                .orElseThrow();
        mutate(Vectors.read(Vectors.TOKEN_FFM), v, new Random(9));
    }

    private static void mutate(byte[] token, EvidenceVerifier v, Random r) {
        for (int i = 0; i < ROUNDS; i++) {
            byte[] m = mutation(token, r);
            if (Arrays.equals(m, token)) {
                continue;
            }
            assertThrows(AttestationVerificationException.class, () -> v.verify(Evidence.of(TeeType.ARM_CCA, m)),
                    () -> "mutation of " + m.length + " bytes");
        }
    }

    private static byte[] mutation(byte[] in, Random r) {
        byte[] b = in.clone();
        int pos = r.nextInt(b.length);
        switch (r.nextInt(6)) {
            case 0:
                b[pos] ^= (byte) (1 << r.nextInt(8));
                return b;
            case 1:
                b[pos] = (byte) r.nextInt(256);
                return b;
            case 2: {
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, pos);
                out[pos] = (byte) r.nextInt(256);
                System.arraycopy(b, pos, out, pos + 1, b.length - pos);
                return out;
            }
            case 3: {
                byte[] out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(b, pos + 1, out, pos, b.length - pos - 1);
                return out;
            }
            case 4: {
                int len = Math.min(1 + r.nextInt(40), b.length - pos);
                byte[] out = Arrays.copyOf(b, b.length + len);
                System.arraycopy(b, pos, out, pos + len, b.length - pos);
                return out;
            }
            default: {
                int other = r.nextInt(b.length);
                int len = Math.min(1 + r.nextInt(16), Math.min(b.length - pos, b.length - other));
                byte[] tmp = Arrays.copyOfRange(b, pos, pos + len);
                System.arraycopy(b, other, b, pos, len);
                System.arraycopy(tmp, 0, b, other, len);
                return b;
            }
        }
    }
}
