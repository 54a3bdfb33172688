package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NvidiaGpuProviderTest {
    private static final ProviderContext CONTEXT = new ProviderContext() {
        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public InputLimits limits() {
            return InputLimits.defaults();
        }

        @Override
        public CollateralSource collateral() {
            return CollateralSource.none();
        }

        @Override
        public List<X509Certificate> simulationRoots() {
            return List.of();
        }
    };

    @Test
    void isDiscoveredByServiceLoader() {
        assertThat(ServiceLoader.load(TeeProvider.class).stream().map(p -> p.type().getName()))
                .contains(NvidiaGpuProvider.class.getName());
        assertThat(new NvidiaGpuProvider().teeType()).isEqualTo(TeeType.NVIDIA_GPU_CC);
        assertThat(new NvidiaGpuProvider().spiVersion()).isEqualTo(TeeProvider.SPI_VERSION);
    }

    @Test
    void rejectsEveryEvidenceAsUnsupported() {
        EvidenceVerifier verifier = new NvidiaGpuProvider().newVerifier(CONTEXT).orElseThrow();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verifier.verify(Evidence.of(TeeType.NVIDIA_GPU_CC, new byte[] {1, 2, 3})));
        assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
        assertThat(e.teeType()).contains(TeeType.NVIDIA_GPU_CC);
    }
}
