/**
 * Internal implementation of the simulated TEE provider: the simulation PKI kept in the simulation root directory and
 * the writer of simulated TDX quotes. Not an API: nothing here is exported.
 */
@NullMarked
package io.confidentialai.sdk.tee.simulated.internal;

import org.jspecify.annotations.NullMarked;
