/**
 * The Arm CCA provider's implementation. This package is internal and is not meant to be used by applications;
 * it may change at any time.
 */
@NullMarked
package io.confidentialai.sdk.tee.cca.internal;

import org.jspecify.annotations.NullMarked;
