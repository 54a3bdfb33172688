package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the NVIDIA vectors of ../shared/vectors in place (never copied into the repository) and builds evidence
 * and contexts from them. Test classes call {@link #dir()} in a {@code @BeforeAll} so they skip as a whole when the
 * vectors are absent.
 */
final class GpuVectors {
    static final String SKIP = "attestation test vectors not found at ../shared/vectors; skipping";

    static final String REPORT = "nvidia/nvtrust-hopper-attestation-report.hex.txt";
    static final String CHAIN = "nvidia/nvtrust-hopper-cert-chain.pem.txt";
    static final String FLIPPED = "nvidia/negative/nvtrust-hopper-report-neg-block2-byte107-xor01.hex.txt";
    static final String CASE2 = "nvidia/negative/trustee-hopper_cert_chain_case2.txt";
    static final String CASE3 = "nvidia/negative/trustee-hopper_cert_chain_case3.txt";
    static final String CASE4 = "nvidia/negative/trustee-hopper_cert_chain_case4.txt";
    static final String SIGNING_CERT = "nvidia/trustee-hopper_signing_cert.pem";
    static final String DRIVER_RIM = "nvidia/nvtrust-driver-rim-test_no_gpu.swidtag";
    static final String VBIOS_RIM = "nvidia/nvtrust-vbios-rim-96005E0001-PROD.swidtag";
    static final String ROOT = "roots/nvidia-device-identity-root-ca.pem";

    /** The day the vectors were collected; the device chain is valid until 9999-12-31. */
    static final Instant AT = Instant.parse("2026-11-21T00:00:00Z");
    /** Inside the validity of the RIM signing certificates (the L4 signers expire 2025-06-22). */
    static final Instant RIMS_VALID = Instant.parse("2024-06-01T00:00:00Z");

    private GpuVectors() {}

    static Path dir() {
        String prop = System.getProperty("csdk.vectors.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../../shared/vectors");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("nvidia")), SKIP);
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

    /** The H100 report as raw bytes (decoded from the hex file). */
    static byte[] report() {
        return HexFormat.of().parseHex(new String(read(REPORT), StandardCharsets.US_ASCII).strip());
    }

    static Evidence evidence(byte[] data, byte[] chainPem) {
        return Evidence.builder().teeType(TeeType.NVIDIA_GPU_CC).data(data)
                .attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT, chainPem).build();
    }

    /** The H100 report (raw bytes) with its chain. */
    static Evidence evidence() {
        return evidence(report(), read(CHAIN));
    }

    static ProviderContext context(Instant at) {
        return context(at, CollateralSource.none());
    }

    static ProviderContext context(Instant at, CollateralSource collateral) {
        return TestContexts.verifier(Clock.fixed(at, ZoneOffset.UTC), InputLimits.defaults(), collateral, List.of(),
                List.of());
    }
}
