/**
 * The SDK's entry point ({@link io.confidentialai.sdk.ConfidentialClient}), its sub-clients, and the values they exchange: sealed assets, keys, orders, grants and integrity reports.
 *
 * @since 0.1
 */
@NullMarked
package io.confidentialai.sdk;

import org.jspecify.annotations.NullMarked;
