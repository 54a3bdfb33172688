/**
 * The chunked, authenticated streaming sealed-asset format ({@code CSDKSEAL} version 1), specified byte by
 * byte in {@code docs/sealed-format.md}.
 *
 * <p>This package is internal and is not meant to be used by applications; it may change at any time.
 */
@NullMarked
package io.confidentialai.sdk.impl.internal.seal;

import org.jspecify.annotations.NullMarked;
