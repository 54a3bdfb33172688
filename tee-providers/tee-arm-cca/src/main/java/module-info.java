/**
 * Arm CCA provider: verifies Arm CCA attestation tokens (draft-ffm-rats-cca-token; CBOR tag 399 and tag 907/CMW
 * collections of a platform and a realm COSE_Sign1 token) against configured platform keys (CPAKs) or simulation
 * roots, checks the platform-realm binding, and collects tokens inside a realm through configfs-tsm. The module
 * exports nothing; it is found through {@link java.util.ServiceLoader} as a
 * {@link io.confidentialai.sdk.spi.TeeProvider}.
 *
 * <p>System property: {@code csdk.tsm.base}, the configfs-tsm report directory (default
 * {@code /sys/kernel/config/tsm/report}), read once when the provider is created.
 *
 * @since 0.1
 */
module io.confidentialai.sdk.tee.cca {
    requires io.confidentialai.sdk;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.cbor;
    requires org.bouncycastle.provider;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.TeeProvider with io.confidentialai.sdk.tee.cca.internal.ArmCcaProvider;
}
