/**
 * The SDK's cryptographic building blocks: HPKE key wrapping (RFC 9180), Ed25519 signatures (RFC 8032) and
 * the report-data commitment that binds a TEE node's keys to its evidence ({@code docs/key-binding.md}).
 * This package is internal and is not meant to be used by applications; it may change at any time.
 *
 * <p>Everything here uses Bouncy Castle's lightweight API directly: no JCA provider is registered and no
 * global state is changed.
 */
package io.confidentialai.sdk.impl.internal.crypto;
