/**
 * Internal implementation of the AMD SEV-SNP provider: the bounded report parser, the pinned AMD certificates, the
 * endorsement chain and binding checks, the claim mapping and the configfs-tsm collector. Not an API: nothing here is
 * exported; it may change at any time.
 */
@NullMarked
package io.confidentialai.sdk.tee.sevsnp.internal;

import org.jspecify.annotations.NullMarked;
