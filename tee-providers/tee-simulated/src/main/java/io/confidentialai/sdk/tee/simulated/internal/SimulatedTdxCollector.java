package io.confidentialai.sdk.tee.simulated.internal;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes simulated Intel TDX DCAP quotes, version 4, in the exact byte layout of real quotes:
 *
 * <pre>
 * header (48)      version 4, attestation key type 2 (ECDSA-P256), TEE type 0x81, QE SVN 0, PCE SVN 0,
 *                  Intel QE vendor id, user data "CSDK-SIMULATED" (zero padded)
 * TD report (584)  TEE_TCB_SVN, MRSEAM, MRSIGNERSEAM, SEAMATTRIBUTES, TDATTRIBUTES, XFAM, MRTD, MRCONFIGID,
 *                  MROWNER, MROWNERCONFIG, RTMR0-3, REPORTDATA (measurements not given are zero)
 * u32              signature data length
 * 64 + 64          quote signature r‖s over header‖TD report, attestation key x‖y (fresh per collector)
 * u16 6, u32 size  certification data: QE report (384), QE report signature by the simulated PCK key (64),
 *                  u16 32 + QE auth data (32), u16 5, u32 size, PEM chain PCK → platform CA → root, NUL-terminated
 * </pre>
 *
 * The QE report's report data is SHA-256(attestation key ‖ QE auth data) followed by 32 zero bytes, as the verifier
 * requires. Instances are immutable and thread-safe.
 */
final class SimulatedTdxCollector implements EvidenceCollector {
    static final byte[] INTEL_QE_VENDOR_ID = hex("939a7233f79c4ca9940a0db3957f0607");
    /** TDATTRIBUTES bit 28: SEPT_VE_DISABLE, as set by typical production TDs. */
    static final long TD_ATTRIBUTES_SEPT_VE_DISABLE = 1L << 28;
    static final long TD_ATTRIBUTES_DEBUG = 1L;
    static final byte[] XFAM = hex("e700060000000000");
    static final byte[] TEE_TCB_SVN = hex("03000500000000000000000000000000");
    /** QE MRSIGNER and MRENCLAVE: ASCII text, recognisable in a hex dump, zero padded to 32 bytes. */
    static final byte[] QE_MRSIGNER = Arrays.copyOf("CSDK SIMULATED QE MRSIGNER".getBytes(StandardCharsets.US_ASCII), 32);
    static final byte[] QE_MRENCLAVE = Arrays.copyOf("CSDK SIMULATED QE MRENCLAVE".getBytes(StandardCharsets.US_ASCII), 32);
    static final int QE_ISV_PROD_ID = 2;
    static final int QE_ISV_SVN = 1;
    private static final byte[] USER_DATA = Arrays.copyOf("CSDK-SIMULATED".getBytes(StandardCharsets.US_ASCII), 20);
    private static final int HEADER_LENGTH = 48;
    private static final int BODY_LENGTH = 584;
    private static final int MEASUREMENT_LENGTH = 48;
    private static final int QE_REPORT_LENGTH = 384;
    private static final int QE_AUTH_DATA_LENGTH = 32;
    private static final List<String> BODY_SLOTS = List.of("mrseam", "mrsignerseam", "mrtd", "mrconfigid", "mrowner",
            "mrownerconfig", "rtmr0", "rtmr1", "rtmr2", "rtmr3");

    private final Map<String, byte[]> measurements;
    private final boolean debug;
    private final PrivateKey attestationKey;
    /** Everything after the quote signature: attestation key and certification data (constant per collector). */
    private final byte[] tail;

    SimulatedTdxCollector(SimulationPki pki, SimulationOptions options) {
        Objects.requireNonNull(pki, "pki");
        Objects.requireNonNull(options, "options");
        this.measurements = measurements(options);
        this.debug = options.isDebug();
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = kpg.generateKeyPair();
            this.attestationKey = kp.getPrivate();
            this.tail = tail(pki, rawPublicKey((ECPublicKey) kp.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a P-256 attestation key", e);
        }
    }

    @Override
    public Evidence collect(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        ByteBuffer signed = ByteBuffer.allocate(HEADER_LENGTH + BODY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        signed.putShort((short) 4).putShort((short) 2).putInt(0x81).putShort((short) 0).putShort((short) 0)
                .put(INTEL_QE_VENDOR_ID).put(USER_DATA);
        long tdAttributes = TD_ATTRIBUTES_SEPT_VE_DISABLE | (debug ? TD_ATTRIBUTES_DEBUG : 0);
        signed.put(TEE_TCB_SVN)
                .put(measurements.get("mrseam"))
                .put(measurements.get("mrsignerseam"))
                .putLong(0L)
                .putLong(tdAttributes)
                .put(XFAM)
                .put(measurements.get("mrtd"))
                .put(measurements.get("mrconfigid"))
                .put(measurements.get("mrowner"))
                .put(measurements.get("mrownerconfig"))
                .put(measurements.get("rtmr0"))
                .put(measurements.get("rtmr1"))
                .put(measurements.get("rtmr2"))
                .put(measurements.get("rtmr3"))
                .put(reportData.toByteArray());
        byte[] signedRegion = signed.array();
        byte[] signature = sign(attestationKey, signedRegion);

        ByteArrayOutputStream out = new ByteArrayOutputStream(signedRegion.length + 4 + 64 + tail.length);
        out.writeBytes(signedRegion);
        out.writeBytes(le32(signature.length + tail.length));
        out.writeBytes(signature);
        out.writeBytes(tail);
        return Evidence.of(TeeType.INTEL_TDX, out.toByteArray());
    }

    private static byte[] tail(SimulationPki pki, byte[] attestationKeyRaw) throws GeneralSecurityException {
        byte[] authData = new byte[QE_AUTH_DATA_LENGTH];
        for (int i = 0; i < authData.length; i++) {
            authData[i] = (byte) i;
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(attestationKeyRaw);
        sha256.update(authData);
        byte[] qeReport = qeReport(sha256.digest());
        byte[] qeSignature = sign(pki.pckKey(), qeReport);
        byte[] pem = pki.chainPem();

        ByteArrayOutputStream cert = new ByteArrayOutputStream();
        cert.writeBytes(qeReport);
        cert.writeBytes(qeSignature);
        cert.writeBytes(le16(authData.length));
        cert.writeBytes(authData);
        cert.writeBytes(le16(5));
        cert.writeBytes(le32(pem.length));
        cert.writeBytes(pem);
        byte[] certData = cert.toByteArray();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(attestationKeyRaw);
        out.writeBytes(le16(6));
        out.writeBytes(le32(certData.length));
        out.writeBytes(certData);
        return out.toByteArray();
    }

    /** A 384-byte SGX report body for the simulated quoting enclave. */
    private static byte[] qeReport(byte[] binding) {
        ByteBuffer r = ByteBuffer.allocate(QE_REPORT_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        r.position(48).put((byte) 0x15); // ATTRIBUTES.FLAGS: INIT | MODE64BIT | PROVISIONKEY
        r.position(56).put((byte) 0x07); // ATTRIBUTES.XFRM: x87 | SSE | AVX
        r.position(64).put(QE_MRENCLAVE);
        r.position(128).put(QE_MRSIGNER);
        r.position(256).putShort((short) QE_ISV_PROD_ID).putShort((short) QE_ISV_SVN);
        r.position(320).put(binding);
        return r.array();
    }

    /**
     * Checks that the options' measurements fit a TDX quote, before any PKI is created.
     *
     * @throws IllegalArgumentException for an unknown slot or a value that is not 48 bytes
     */
    static void checkOptions(SimulationOptions options) {
        measurements(options);
    }

    private static Map<String, byte[]> measurements(SimulationOptions options) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (String slot : BODY_SLOTS) {
            values.put(slot, new byte[MEASUREMENT_LENGTH]);
        }
        for (Map.Entry<MeasurementSlot, Measurement> e : options.measurements().entrySet()) {
            MeasurementSlot slot = e.getKey();
            if (!TeeType.INTEL_TDX.equals(slot.teeType()) || !values.containsKey(slot.name())) {
                throw new IllegalArgumentException("simulated TDX quotes have no measurement slot " + slot
                        + "; supported: " + BODY_SLOTS);
            }
            byte[] value = e.getValue().toByteArray();
            if (value.length != MEASUREMENT_LENGTH) {
                throw new IllegalArgumentException("TDX measurement " + slot + " must be " + MEASUREMENT_LENGTH
                        + " bytes, got " + value.length);
            }
            values.put(slot.name(), value);
        }
        return values;
    }

    private static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with a simulated P-256 key", e);
        }
    }

    private static byte[] rawPublicKey(ECPublicKey key) {
        byte[] out = new byte[64];
        unsigned(key.getW().getAffineX(), out, 0);
        unsigned(key.getW().getAffineY(), out, 32);
        return out;
    }

    private static void unsigned(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, offset + 32 - n, n);
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8)};
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
