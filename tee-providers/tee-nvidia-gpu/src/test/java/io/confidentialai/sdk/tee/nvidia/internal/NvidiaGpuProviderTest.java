package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.TeeProvider;
import io.confidentialai.sdk.tee.testkit.TeeProviderContractTest;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NvidiaGpuProviderTest extends TeeProviderContractTest {
    @Override
    protected TeeProvider provider() {
        return new NvidiaGpuProvider();
    }

    @Override
    protected Sample sample() {
        return null; // verifies nothing in this release
    }

    @Test
    void rejectsEveryEvidenceAsUnsupported() {
        assertThat(new NvidiaGpuProvider().teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
        EvidenceVerifier verifier = new NvidiaGpuProvider().newVerifier(TestContexts.at(Instant.EPOCH)).orElseThrow();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verifier.verify(Evidence.of(TeeType.NVIDIA_GPU_CC, new byte[] {1, 2, 3})));
        assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
        assertThat(e.teeType()).contains(TeeType.NVIDIA_GPU_CC);
    }
}
