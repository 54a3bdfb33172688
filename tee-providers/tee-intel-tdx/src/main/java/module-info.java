/**
 * Intel TDX provider: verifies Intel TDX DCAP quotes (versions 4 and 5) up to the pinned Intel SGX Root CA, or up to a
 * configured simulation root for simulated quotes; evaluates the TCB from Intel collateral (TCB info, QE identity,
 * CRLs); replays CCEL event logs; and collects quotes inside a TD through configfs-tsm. The module exports nothing; it
 * is found through {@link java.util.ServiceLoader} as a {@link io.confidentialai.sdk.spi.TeeProvider}.
 *
 * <p>System property: {@code csdk.tsm.base}, the configfs-tsm report directory (default
 * {@code /sys/kernel/config/tsm/report}), read once when the provider is created.
 *
 * @since 0.1
 */
module io.confidentialai.sdk.tee.tdx {
    requires io.confidentialai.sdk;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.TeeProvider with io.confidentialai.sdk.tee.tdx.internal.IntelTdxProvider;
}
