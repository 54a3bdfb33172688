package io.confidentialai.sdk.tee.cca.internal;

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

class ArmCcaProviderTest {
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
                .contains(ArmCcaProvider.class.getName());
        assertThat(new ArmCcaProvider().teeType()).isEqualTo(TeeType.ARM_CCA);
        assertThat(new ArmCcaProvider().spiVersion()).isEqualTo(TeeProvider.SPI_VERSION);
    }

    @Test
    void rejectsEveryEvidenceAsUnsupported() {
        EvidenceVerifier verifier = new ArmCcaProvider().newVerifier(CONTEXT).orElseThrow();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verifier.verify(Evidence.of(TeeType.ARM_CCA, new byte[] {1, 2, 3})));
        assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
        assertThat(e.teeType()).contains(TeeType.ARM_CCA);
    }
}
