/**
 * Internal helpers of the API module. This package is internal and is not meant to be used by applications; it may change at any time.
 *
 * @since 0.1
 */
@NullMarked
package io.confidentialai.sdk.internal;

import org.jspecify.annotations.NullMarked;
