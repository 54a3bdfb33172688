package io.confidentialai.sdk.tee.simulated.internal;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.spi.TeeProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulated {@link TeeProvider}: collects evidence in the real vendor formats, signed by a simulation PKI, for
 * development without TEE hardware. {@link SimulationOptions#format()} picks the format: an Intel TDX DCAP quote v4
 * ({@link TeeType#INTEL_TDX}, the default), an AMD SEV-SNP report ({@link TeeType#AMD_SEV_SNP}), an Arm CCA token
 * ({@link TeeType#ARM_CCA}) or, for {@link TeeType#NVIDIA_GPU_CC}, SPDM 1.1 measurement evidence of
 * {@link SimulationOptions#gpus()} simulated NVIDIA H100 GPUs (at least one) together with signed driver and VBIOS
 * reference integrity manifests in {@code <rootDirectory>/nvidia-gpu-cc/}. The provider of the real format verifies
 * the evidence, with {@code hardware=false}, when the simulation root is configured; this provider therefore has no
 * verifier of its own.
 *
 * <p>The simulation PKI lives in {@link SimulationOptions#rootDirectory()}; it is created at first use and reused.
 * Tools that need the trust anchor read the PEM certificate at {@code <rootDirectory>/simulation-root.pem}
 * ({@link #ROOT_CERTIFICATE_FILE}). Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SimulatedTeeProvider implements TeeProvider {
    /** File name of the simulation root certificate (PEM) inside the simulation root directory. */
    public static final String ROOT_CERTIFICATE_FILE = SimulationPki.ROOT_CERTIFICATE_FILE;

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public SimulatedTeeProvider() {
        // stateless
    }

    @Override
    public TeeType teeType() {
        return TeeType.SIMULATED;
    }

    @Override
    public int spiVersion() {
        return TeeProvider.SPI_VERSION;
    }

    /** Returns empty: simulated evidence is verified by the provider of its real format (e.g. tee-intel-tdx). */
    @Override
    public Optional<EvidenceVerifier> newVerifier(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return Optional.empty();
    }

    /**
     * Returns a collector of simulated evidence.
     *
     * @throws IllegalStateException when the context carries no simulation options
     * @throws IllegalArgumentException when a measurement does not fit the format (unknown slot, wrong length)
     * @throws ConfidentialException when the format is not supported yet, or the simulation PKI cannot be created
     *     or read
     */
    @Override
    public Optional<EvidenceCollector> newCollector(CollectorContext context) {
        Objects.requireNonNull(context, "context");
        SimulationOptions options = context.simulation().orElseThrow(() -> new IllegalStateException(
                "simulation options are required to collect simulated evidence: set NodeOptions.builder()"
                        + ".simulation(SimulationOptions...)"));
        if (TeeType.AMD_SEV_SNP.equals(options.format())) {
            return Optional.of(SimulatedSnpCollector.create(options));
        }
        if (TeeType.ARM_CCA.equals(options.format())) {
            return Optional.of(SimulatedCcaCollector.create(options));
        }
        if (TeeType.NVIDIA_GPU_CC.equals(options.format())) {
            return Optional.of(SimulatedGpuCollector.create(options));
        }
        if (!TeeType.INTEL_TDX.equals(options.format())) {
            throw new ConfidentialException("simulated " + options.format() + " evidence is not supported yet");
        }
        SimulatedTdxCollector.checkOptions(options);
        SimulationPki pki = SimulationPki.loadOrCreate(options.rootDirectory());
        return Optional.of(new SimulatedTdxCollector(pki, options));
    }

    @Override
    public String toString() {
        return "SimulatedTeeProvider[" + TeeType.SIMULATED + "]";
    }
}
