package io.confidentialai.sdk.tee.cca.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.TeeProvider;
import io.confidentialai.sdk.tee.testkit.TeeProviderContractTest;
import org.junit.jupiter.api.Test;

/** The provider contract (discovery, thread safety, limits, malformed input, collateral) on a synthetic token. */
class ArmCcaProviderTest extends TeeProviderContractTest {
    private static final TestTokens TOKENS = TestTokens.es384();
    private static final byte[] TOKEN = TOKENS.build(CcaToken.TAG_CMW);

    @Override
    protected TeeProvider provider() {
        return new ArmCcaProvider();
    }

    @Override
    protected Sample sample() {
        return new Sample(Evidence.of(TeeType.ARM_CCA, TOKEN), Vectors.context(TOKENS.pemAnchor()), true);
    }

    @Test
    void servesArmCca() {
        assertThat(new ArmCcaProvider().teeType()).isEqualTo(TeeType.ARM_CCA);
        assertThat(new ArmCcaProvider().toString()).contains("arm-cca");
    }
}
