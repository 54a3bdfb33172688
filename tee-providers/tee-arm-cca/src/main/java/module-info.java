/** The Arm CCA provider. Exports nothing; found through {@link java.util.ServiceLoader}. */
module io.confidentialai.sdk.tee.cca {
    requires io.confidentialai.sdk;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.TeeProvider with io.confidentialai.sdk.tee.cca.internal.ArmCcaProvider;
}
