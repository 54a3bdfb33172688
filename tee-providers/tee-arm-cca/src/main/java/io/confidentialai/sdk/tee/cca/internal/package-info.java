/**
 * Internal implementation of the Arm CCA provider: the CBOR/COSE token reader (on Jackson's CBOR parser), the
 * platform and realm claims, CPAK trust anchors, the platform-realm binding, reference values and the configfs-tsm
 * collector. Not an API: nothing here is exported, and it may change at any time.
 */
@NullMarked
package io.confidentialai.sdk.tee.cca.internal;

import org.jspecify.annotations.NullMarked;
