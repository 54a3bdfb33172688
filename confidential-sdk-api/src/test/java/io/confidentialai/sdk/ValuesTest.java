package io.confidentialai.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.TeeType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void digestParsesAndComparesByValue() {
        Digest d = Digest.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(d.toString()).isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Digest.parse(d.toString())).isEqualTo(d).hasSameHashCodeAs(d);
        assertThatThrownBy(() -> Digest.parse("sha256:abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Digest.parse("sha512:" + d.toHex())).isInstanceOf(IllegalArgumentException.class);
        byte[] copy = d.toByteArray();
        copy[0] ^= 1;
        assertThat(d.toByteArray()[0]).isNotEqualTo(copy[0]);
    }

    @Test
    void evidenceEnvelopeRoundTripsAndIsBounded() {
        byte[] k = new byte[32];
        Evidence e = Evidence.builder().teeType(TeeType.INTEL_TDX).data(new byte[] {1, 2, 3})
                .keys(TeePublicKeys.of(k, k)).attachment("vcek.der", new byte[] {9}).build();
        byte[] env = e.encode();
        Evidence back = Evidence.decode(env, 1000);
        assertThat(back).isEqualTo(e);
        assertThat(back.digest()).isEqualTo(e.digest());
        assertThat(back.keys()).contains(TeePublicKeys.of(k, k));
        assertThat(back.attachment("vcek.der")).hasValueSatisfying(v -> assertThat(v).containsExactly(9));
        assertThat(e.toString()).doesNotContain("010203");
        assertThatThrownBy(() -> Evidence.decode(env, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evidence.decode("{\"format\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evidence.builder().teeType(TeeType.INTEL_TDX).data(new byte[1]).attachment("../x", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claimsRequireExplicitSecurityFields() {
        assertThatThrownBy(() -> TeeClaims.builder().teeType(TeeType.INTEL_TDX).reportData(ReportData.padded(new byte[0])).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hardware").hasMessageContaining("debug");
    }

    @Test
    void nonceCarriesItsIssueInstant() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Nonce n = Nonce.random(Clock.fixed(t, ZoneOffset.UTC));
        assertThat(n.issuedAt()).isEqualTo(t);
        assertThat(Nonce.of(n.toByteArray()).issuedAt()).isEqualTo(Instant.EPOCH);
        assertThat(Nonce.of(n.toByteArray())).isEqualTo(n);
    }

    @Test
    void keyGrantRoundTripsAndRejectsMalformedBytes() {
        byte[] id = new byte[16];
        KeyGrant g = KeyGrant.issue(new VerdictIssuer(), KeyGrant.Purpose.ASSET_KEY, Digest.sha256(new byte[1]),
                Digest.sha256(new byte[2]), Digest.sha256(new byte[3]), id, new byte[32], new byte[48]);
        byte[] bytes = g.toByteArray();
        assertThat(KeyGrant.parse(bytes)).isEqualTo(g);
        for (int i : new int[] {0, 8, 9, 10}) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x7f;
            assertThatThrownBy(() -> KeyGrant.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> KeyGrant.parse(new byte[10])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsAreRedacted() {
        AssetKey key = AssetKey.generate();
        assertThat(key.toString()).doesNotContain(io.confidentialai.sdk.internal.Hex.encode(
                key.exportKeyMaterial(InsecureKeyAccess.get())));
        assertThat(key.keyId()).hasSize(32);
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(() -> key.exportKeyMaterial(InsecureKeyAccess.get())).isInstanceOf(IllegalStateException.class);
        RecipientKeyPair kp = RecipientKeyPair.generate();
        assertThat(kp.toString()).doesNotContain(io.confidentialai.sdk.internal.Hex.encode(kp.exportPrivateKey(InsecureKeyAccess.get())));
    }

    @Test
    void reasonCodesHaveDocumentationAnchors() {
        assertThat(ReasonCode.MEASUREMENT_MISMATCH.documentation()).isEqualTo("docs/errors.md#measurement-mismatch");
        assertThat(ReasonCode.of("measurement_mismatch")).isEqualTo(ReasonCode.MEASUREMENT_MISMATCH);
        assertThatThrownBy(() -> ReasonCode.of("no spaces")).isInstanceOf(IllegalArgumentException.class);
    }
}
