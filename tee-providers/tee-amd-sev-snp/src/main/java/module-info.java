/**
 * AMD SEV-SNP provider: verifies SEV-SNP attestation reports (versions 2, 3, 5; Milan, Genoa, Turin; VCEK or VLEK)
 * up to the AMD Root Keys pinned in the provider, or up to a configured simulation root for simulated reports, and
 * collects reports in an SEV-SNP guest through configfs-tsm. The module exports nothing; it is found through
 * {@link java.util.ServiceLoader} as a {@link io.confidentialai.sdk.spi.TeeProvider}.
 *
 * @since 0.1
 */
module io.confidentialai.sdk.tee.sevsnp {
    requires io.confidentialai.sdk;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.TeeProvider with io.confidentialai.sdk.tee.sevsnp.internal.AmdSevSnpProvider;
}
