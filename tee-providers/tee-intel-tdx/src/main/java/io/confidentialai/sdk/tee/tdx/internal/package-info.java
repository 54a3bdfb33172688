/**
 * Internal implementation of the Intel TDX provider: the bounded quote parser, the certificate-chain and signature
 * checks, and the claim mapping. Not an API: nothing here is exported.
 */
@NullMarked
package io.confidentialai.sdk.tee.tdx.internal;

import org.jspecify.annotations.NullMarked;
