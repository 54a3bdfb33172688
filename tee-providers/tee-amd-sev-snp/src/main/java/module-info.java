/** The AMD SEV-SNP provider. Exports nothing; found through {@link java.util.ServiceLoader}. */
module io.confidentialai.sdk.tee.sevsnp {
    requires io.confidentialai.sdk;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.TeeProvider with io.confidentialai.sdk.tee.sevsnp.internal.AmdSevSnpProvider;
}
