/**
 * Evidence, normalized claims, appraisal policies and attestation verdicts.
 *
 * @since 0.1
 */
@NullMarked
package io.confidentialai.sdk.attestation;

import org.jspecify.annotations.NullMarked;
