package io.confidentialai.sdk.tee.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every TEE provider's tests extend (STYLE.md B11): discovery and SPI version, thread safety and
 * determinism of verdicts, size limits, malformed input always yielding a verification exception, and that a
 * verifier uses no collateral beyond its context.
 *
 * <p>Subclasses supply the provider and one sample of evidence it must accept, with the context to accept it
 * in (clock, anchors). Providers that verify nothing yet return null from {@link #sample()}; the
 * sample-based checks are then reported as skipped, never as passed.
 */
public abstract class TeeProviderContractTest {
    /** Returns a new instance of the provider under test. */
    protected abstract TeeProvider provider();

    /** A piece of evidence the provider accepts in {@link Sample#context()}, and whether it is hardware. */
    public record Sample(Evidence evidence, ProviderContext context, boolean hardware) {
    }

    /** Returns an accepted sample, or null if the provider accepts nothing yet. */
    protected abstract Sample sample() throws Exception;

    private EvidenceVerifier verifier(ProviderContext ctx) {
        return provider().newVerifier(ctx).orElseThrow(() -> new AssertionError("provider has no verifier"));
    }

    @Test
    void isDiscoveredWithTheCurrentSpiVersion() {
        TeeProvider p = provider();
        assertThat(p.spiVersion()).isEqualTo(TeeProvider.SPI_VERSION);
        assertThat(ServiceLoader.load(TeeProvider.class).stream().map(s -> s.type().getName()))
                .contains(p.getClass().getName());
    }

    @Test
    void acceptsItsSampleAndReportsOriginTruthfully() throws Exception {
        Sample s = sample();
        Assumptions.assumeTrue(s != null, "the provider accepts no evidence yet");
        TeeClaims claims = verifier(s.context()).verify(s.evidence());
        assertThat(claims.teeType()).isEqualTo(s.evidence().teeType());
        assertThat(claims.isHardware()).isEqualTo(s.hardware());
    }

    @Test
    void verdictsAreThreadSafeAndDeterministic() throws Exception {
        Sample s = sample();
        Assumptions.assumeTrue(s != null, "the provider accepts no evidence yet");
        EvidenceVerifier v = verifier(s.context());
        TeeClaims expected = v.verify(s.evidence());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<TeeClaims>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> v.verify(s.evidence())));
            }
            for (Future<TeeClaims> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evidenceOverTheSizeLimitIsMalformed() throws Exception {
        Sample s = sample();
        Assumptions.assumeTrue(s != null, "the provider accepts no evidence yet");
        int size = s.evidence().dataLength();
        ProviderContext tight = TestContexts.verifier(s.context().clock(),
                new InputLimits(Math.max(1, size - 1), 64 << 10, 8, 4 << 20), s.context().collateral(),
                s.context().simulationRoots(), s.context().trustAnchors(s.evidence().teeType()));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verifier(tight).verify(s.evidence()));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void malformedInputAlwaysYieldsAVerificationException() throws Exception {
        Sample s = sample();
        ProviderContext ctx = s != null ? s.context() : TestContexts.at(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        EvidenceVerifier v = verifier(ctx);
        Random r = new Random(99);
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(new byte[1]);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[1 + r.nextInt(6000)];
            r.nextBytes(b);
            inputs.add(b);
        }
        if (s != null) {
            byte[] data = s.evidence().data();
            for (int cut = 1; cut < data.length; cut += Math.max(1, data.length / 50)) {
                inputs.add(java.util.Arrays.copyOf(data, cut));
            }
        }
        for (byte[] in : inputs) {
            Evidence e = (s != null ? s.evidence().toBuilder() : Evidence.builder().teeType(provider().teeType())).data(in).build();
            assertThrows(AttestationVerificationException.class, () -> v.verify(e), () -> in.length + " bytes");
        }
    }

    @Test
    void collateralComesOnlyFromTheContext() throws Exception {
        Sample s = sample();
        Assumptions.assumeTrue(s != null, "the provider accepts no evidence yet");
        List<String> asked = new ArrayList<>();
        CollateralSource recording = (tee, name, max) -> {
            synchronized (asked) {
                asked.add(tee + "/" + name);
            }
            return s.context().collateral().find(tee, name, max);
        };
        Clock clock = s.context().clock();
        ProviderContext ctx = TestContexts.verifier(clock, s.context().limits(), recording, s.context().simulationRoots(),
                s.context().trustAnchors(s.evidence().teeType()));
        assertThat(verifier(ctx).verify(s.evidence())).isEqualTo(verifier(s.context()).verify(s.evidence()));
        assertThat(asked).allSatisfy(a -> assertThat(a).startsWith(s.evidence().teeType().id() + "/"));
    }
}
