/**
 * Intel TDX provider: verifies Intel TDX DCAP quotes (versions 4 and 5) up to the pinned Intel SGX Root CA, or up to a
 * configured simulation root for simulated quotes. The module exports nothing; it is found through
 * {@link java.util.ServiceLoader} as a {@link io.confidentialai.sdk.spi.TeeProvider}.
 *
 * @since 0.1
 */
module io.confidentialai.sdk.tee.tdx {
    requires io.confidentialai.sdk;
    requires org.slf4j;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.TeeProvider with io.confidentialai.sdk.tee.tdx.internal.IntelTdxProvider;
}
