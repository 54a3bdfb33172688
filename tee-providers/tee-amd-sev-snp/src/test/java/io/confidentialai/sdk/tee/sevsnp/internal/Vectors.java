package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared attestation vectors in place (never copied into the repository) and builds test contexts. */
final class Vectors {
    static final String SKIP = "attestation test vectors not found at ../shared/vectors; skipping";

    private Vectors() {}

    static Path dir() {
        String prop = System.getProperty("csdk.vectors.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../../shared/vectors");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("snp")), SKIP);
        return dir;
    }

    static byte[] read(String relative) {
        Path file = dir().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), SKIP);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProviderContext context(Instant at) {
        return TestContexts.at(at);
    }

    static ProviderContext context(Instant at, InputLimits limits, CollateralSource collateral,
            List<X509Certificate> simulationRoots) {
        return TestContexts.verifier(Clock.fixed(at, ZoneOffset.UTC), limits, collateral, simulationRoots, List.of());
    }

    /** A report file (binary or hex text) with one attached certificate file named {@code vcek.der}. */
    static Evidence evidence(String report, String certificate) {
        return Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(read(report))
                .attachment("vcek.der", read(certificate)).build();
    }

    static TeeClaims verify(Evidence evidence, Instant at) throws AttestationVerificationException {
        return new AmdSevSnpProvider().newVerifier(context(at)).orElseThrow().verify(evidence);
    }
}
