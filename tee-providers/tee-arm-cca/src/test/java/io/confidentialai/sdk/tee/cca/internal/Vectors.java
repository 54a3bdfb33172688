package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
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
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared attestation vectors in place (never copied into the repository) and builds test contexts. */
final class Vectors {
    static final String SKIP = "attestation test vectors not found at ../shared/vectors; skipping";
    /** CCA tokens carry no time; any instant works. */
    static final Instant AT = Instant.parse("2026-11-21T00:00:00Z");

    static final String TOKEN_01 = "cca/rustcca-cca-token-01.cbor";
    static final String TOKEN_FFM = "cca/rustcca-cca-token-draft-ffm-00.cbor";
    static final String BUG_33 = "cca/negative/rustcca-bug-33-repro.cbor";
    static final String LAST_BYTE = "cca/negative/rustcca-cca-token-01-neg-lastbyte-xor01.cbor";
    static final String MISSING_CHALLENGE = "cca/negative/rustcca-realm-claims-missing-challenge.cbor";
    static final String CPAK_PEM = "cca/ccatoken-tfrmm-cca_platform.pub.pem";
    static final String CPAK_JWK = "cca/rustcca-cpak.json";
    static final String CPAK_TA = "cca/rustcca-ta-tfa.json";
    static final String REFERENCE_VALUES = "cca/rustcca-rv.json";

    private Vectors() {}

    static Path dir() {
        String prop = System.getProperty("csdk.vectors.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../../shared/vectors");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("cca")), SKIP);
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

    static TrustAnchor anchor(String relative) {
        return TrustAnchor.of(TeeType.ARM_CCA, read(relative));
    }

    /** A context trusting the given anchors, with no collateral. */
    static ProviderContext context(TrustAnchor... anchors) {
        return context(CollateralSource.none(), List.of(), anchors);
    }

    static ProviderContext context(CollateralSource collateral, List<X509Certificate> simulationRoots,
            TrustAnchor... anchors) {
        return TestContexts.verifier(Clock.fixed(AT, ZoneOffset.UTC), InputLimits.defaults(), collateral,
                simulationRoots, List.of(anchors));
    }

    /** Collateral holding only {@code arm-cca/reference-values.json}. */
    static CollateralSource referenceValues(byte[] json) {
        return (tee, name, max) -> tee.equals(TeeType.ARM_CCA) && name.equals(ReferenceValues.COLLATERAL_NAME)
                ? Optional.of(json.clone()) : Optional.empty();
    }
}
