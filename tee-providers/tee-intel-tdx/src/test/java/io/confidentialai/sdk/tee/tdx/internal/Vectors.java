package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared attestation vectors in place (never copied into the repository) and builds test contexts. */
final class Vectors {
    static final String SKIP = "attestation test vectors not found at ../shared/vectors; skipping";

    private Vectors() {}

    static Path dir() {
        String prop = System.getProperty("csdk.vectors.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../../shared/vectors");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("tdx")), SKIP);
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
        return new TestContext(Clock.fixed(at, ZoneOffset.UTC), InputLimits.defaults(), List.of(),
                CollateralSource.none());
    }

    static ProviderContext context(Instant at, InputLimits limits, List<X509Certificate> simulationRoots) {
        return new TestContext(Clock.fixed(at, ZoneOffset.UTC), limits, simulationRoots, CollateralSource.none());
    }

    static ProviderContext context(Instant at, CollateralSource collateral) {
        return new TestContext(Clock.fixed(at, ZoneOffset.UTC), InputLimits.defaults(), List.of(), collateral);
    }

    /** A collateral source over in-memory documents for TEE type intel-tdx, by name. */
    static CollateralSource memory(Map<String, byte[]> docs) {
        return (teeType, name, maxBytes) -> {
            byte[] d = teeType.equals(TeeType.INTEL_TDX) ? docs.get(name) : null;
            return d == null ? Optional.empty() : Optional.of(d.clone());
        };
    }

    record TestContext(Clock clock, InputLimits limits, List<X509Certificate> simulationRoots,
            CollateralSource collateral) implements ProviderContext {}
}
