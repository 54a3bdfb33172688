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

/**
 * The provider contract (discovery, thread safety, limits, malformed input, collateral only from the context) on
 * simulated GPU evidence: a P-384 device certificate under a P-256 simulation root, so it runs without the shared
 * vectors and verifies with {@code hardware=false}.
 */
class NvidiaGpuProviderTest extends TeeProviderContractTest {
    private static final TestGpu GPU = TestGpu.create();
    private static final Evidence EVIDENCE = GPU.evidence();

    @Override
    protected TeeProvider provider() {
        return new NvidiaGpuProvider();
    }

    @Override
    protected Sample sample() {
        return new Sample(EVIDENCE, GPU.context(), false);
    }

    @Test
    void servesNvidiaGpuCc() {
        assertThat(new NvidiaGpuProvider().teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
    }

    @Test
    void rejectsOtherTeeTypes() {
        EvidenceVerifier verifier = new NvidiaGpuProvider().newVerifier(TestContexts.at(Instant.EPOCH)).orElseThrow();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verifier.verify(Evidence.of(TeeType.AMD_SEV_SNP, EVIDENCE.data())));
        assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
        assertThat(e.teeType()).contains(TeeType.NVIDIA_GPU_CC);
    }

    @Test
    void simulatedEvidenceIsRejectedWithoutItsSimulationRoot() {
        EvidenceVerifier verifier = new NvidiaGpuProvider().newVerifier(TestContexts.at(TestGpu.AT)).orElseThrow();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verifier.verify(EVIDENCE));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }
}
