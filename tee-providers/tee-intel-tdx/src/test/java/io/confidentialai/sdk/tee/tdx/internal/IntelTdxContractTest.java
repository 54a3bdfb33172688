package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.TeeProvider;
import io.confidentialai.sdk.tee.testkit.TeeProviderContractTest;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The provider contract (discovery, thread safety, limits, malformed input, collateral only from the context) on the
 * real dcap-qvl quote with its combined collateral attached, so the concurrent verifications exercise the collateral
 * and certificate caches.
 */
class IntelTdxContractTest extends TeeProviderContractTest {
    @Override
    protected TeeProvider provider() {
        return new IntelTdxProvider();
    }

    @Override
    protected Sample sample() {
        // the quote without its 70 bytes of zero padding, so that every truncation is malformed
        byte[] padded = Vectors.read(TdxCollateralTest.DCAP_QUOTE);
        int signatureDataLength = ByteBuffer.wrap(padded, 632, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] quote = Arrays.copyOf(padded, 636 + signatureDataLength);
        Evidence evidence = Evidence.builder().teeType(TeeType.INTEL_TDX).data(quote)
                .attachment("collateral.json", Vectors.read(TdxCollateralTest.DCAP_COLLATERAL)).build();
        return new Sample(evidence, TestContexts.at(TdxCollateralTest.DCAP_AT), true);
    }
}
