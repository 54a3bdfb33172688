/**
 * The Confidential SDK's public API and SPI: sealed assets, attestation policies and verdicts, key grants,
 * orders, integrity reports, and the provider interfaces that TEE modules implement.
 *
 * <h2>Configuration</h2>
 * Everything is configured in code on {@link io.confidentialai.sdk.ConfidentialClient.Builder}. The following
 * system properties are read once, in {@code build()}:
 * <table>
 *   <caption>System properties</caption>
 *   <tr><th>property</th><th>meaning</th></tr>
 *   <tr><td>{@code csdk.tee.provider.<tee-type>}</td><td>fully qualified class name of the provider to use for
 *   that TEE type (e.g. {@code csdk.tee.provider.intel-tdx}), overriding discovery</td></tr>
 * </table>
 */
module io.confidentialai.sdk {
    requires static org.jspecify;

    exports io.confidentialai.sdk;
    exports io.confidentialai.sdk.attestation;
    exports io.confidentialai.sdk.spi;

    uses io.confidentialai.sdk.spi.ClientEngineProvider;
}
