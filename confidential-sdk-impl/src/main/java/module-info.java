/**
 * The default implementation of the Confidential SDK. Exports nothing: applications use the API module,
 * and {@link io.confidentialai.sdk.ConfidentialClient#builder()} finds this engine with
 * {@link java.util.ServiceLoader}.
 */
module io.confidentialai.sdk.impl {
    requires io.confidentialai.sdk;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires static org.jspecify;

    provides io.confidentialai.sdk.spi.ClientEngineProvider with io.confidentialai.sdk.impl.internal.DefaultEngineProvider;

    uses io.confidentialai.sdk.spi.TeeProvider;
}
