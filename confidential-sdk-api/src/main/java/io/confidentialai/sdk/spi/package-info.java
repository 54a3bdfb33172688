/**
 * The service-provider interfaces for TEE providers, the engine and workloads. For provider authors only.
 *
 * @since 0.1
 */
@NullMarked
package io.confidentialai.sdk.spi;

import org.jspecify.annotations.NullMarked;
