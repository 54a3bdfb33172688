/**
 * Simulated TEE provider: emits evidence in the real vendor formats (an Intel TDX DCAP quote v4, an AMD SEV-SNP report,
 * an Arm CCA token, NVIDIA H100 SPDM measurements with their reference integrity manifests), signed by simulation keys
 * generated in the simulation root directory ({@code <rootDirectory>/simulation-root.pem} and its siblings), for
 * development without TEE hardware.
 * Verifiers mark such evidence as not hardware-backed. The module exports nothing; it is found through
 * {@link java.util.ServiceLoader} as a {@link io.confidentialai.sdk.spi.TeeProvider}.
 *
 * @since 0.1
 */
module io.confidentialai.sdk.tee.simulated {
    requires io.confidentialai.sdk;
    requires org.slf4j;
    requires java.xml;
    requires java.xml.crypto;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.TeeProvider
            with io.confidentialai.sdk.tee.simulated.internal.SimulatedTeeProvider;
}
