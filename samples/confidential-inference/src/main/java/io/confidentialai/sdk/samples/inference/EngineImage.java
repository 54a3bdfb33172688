package io.confidentialai.sdk.samples.inference;

import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The launch measurement of the inference engine. On real TDX hardware MRTD is computed by the TDX module from
 * the TD image; in this simulation it is SHA-384 over the engine's class files, which the engine owner publishes
 * as the reference value and the simulated TEE reports.
 */
final class EngineImage {
    private EngineImage() {}

    static Measurement mrtd() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-384");
            md.update("csdk-sample-engine-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (Class<?> c : new Class<?>[] {LogisticRegressionWorkload.class, LogisticModel.class}) {
                try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                    if (in == null) {
                        throw new IllegalStateException("engine class file not found: " + c.getName());
                    }
                    md.update(in.readAllBytes());
                }
            }
            return Measurement.of(MeasurementSlot.MRTD, md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is required by every Java platform", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
