package io.confidentialai.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderSpecTest {
    static final Digest MODEL = Digest.sha256(new byte[] {1});
    static final Digest IN1 = Digest.sha256(new byte[] {2});
    static final Digest IN2 = Digest.sha256(new byte[] {3});
    static final Digest POLICY = Digest.sha256(new byte[] {4});
    static final RecipientPublicKey ALICE = RecipientPublicKey.of(new byte[32]);

    static OrderSpec sample() {
        return OrderSpec.builder().model(MODEL).addInput(IN1).addInput(IN2).policyDigest(POLICY).addRecipient(ALICE)
                .parameter("threshold", "0.5").createdAt(Instant.parse("2026-11-21T10:00:00Z")).build();
    }

    @Test
    void digestIsStableAndRoundTrips() {
        OrderSpec o = sample();
        assertThat(OrderSpec.parse(o.toCanonicalString())).isEqualTo(o);
        assertThat(OrderSpec.parse(o.toCanonicalString()).digest()).isEqualTo(o.digest());
        assertThat(o.toBuilder().build().digest()).isEqualTo(o.digest());
        // fixed vector: the canonical form is part of the wire contract
        assertThat(o.digest()).isEqualTo(Digest.sha256(o.toCanonicalString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(o.toCanonicalString()).startsWith("{\"createdAt\":\"2026-11-21T10:00:00Z\",\"inputs\":[\"" + IN1 + "\",\"" + IN2);
    }

    @Test
    void everyFieldChangesTheDigest() {
        OrderSpec o = sample();
        assertThat(o.toBuilder().model(IN2).inputs(java.util.List.of(IN1)).build().digest()).isNotEqualTo(o.digest());
        assertThat(o.toBuilder().inputs(java.util.List.of(IN2, IN1)).build().digest()).isNotEqualTo(o.digest());
        assertThat(o.toBuilder().parameter("threshold", "0.6").build().digest()).isNotEqualTo(o.digest());
        assertThat(o.toBuilder().policyDigest(MODEL).build().digest()).isNotEqualTo(o.digest());
        assertThat(o.toBuilder().createdAt(Instant.parse("2026-11-21T10:00:01Z")).build().digest()).isNotEqualTo(o.digest());
        byte[] k = new byte[32];
        k[0] = 1;
        assertThat(o.toBuilder().addRecipient(RecipientPublicKey.of(k)).build().digest()).isNotEqualTo(o.digest());
    }

    @Test
    void buildChecksCrossFieldRules() {
        assertThatThrownBy(() -> OrderSpec.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model").hasMessageContaining("policy").hasMessageContaining("createdAt").hasMessageContaining("recipient");
        assertThatThrownBy(() -> sample().toBuilder().addInput(IN1).build()).hasMessageContaining("twice");
        assertThatThrownBy(() -> sample().toBuilder().addInput(MODEL).build()).hasMessageContaining("model is also");
        assertThatThrownBy(() -> OrderSpec.builder().parameter("bad name", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseRejectsUnknownMembers() {
        String c = sample().toCanonicalString();
        assertThatThrownBy(() -> OrderSpec.parse(c.replace("}", ",\"extra\":1}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderSpec.parse(c.replace("sha256:", "md5:"))).isInstanceOf(IllegalArgumentException.class);
    }
}
