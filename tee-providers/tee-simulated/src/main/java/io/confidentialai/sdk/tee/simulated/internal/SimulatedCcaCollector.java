package io.confidentialai.sdk.tee.simulated.internal;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.math.BigInteger;
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
 * Writes simulated Arm CCA attestation tokens in the current format (draft-ffm-rats-cca-token): a tag 907 collection
 * whose platform and realm entries are CMW records {@code [263, bstr]} holding tagged COSE_Sign1 messages.
 *
 * <pre>
 * platform token  ES384, signed by the simulated CPAK of {@link SimulationCcaPki}; profile
 *                 tag:arm.com,2023:cca_platform#1.0.0; challenge = SHA-256 of the RAK claim; implementation id =
 *                 "CSDK SIMULATED CCA PLATFORM" (zero padded to 32 bytes); instance id = 0x01 ‖ SHA-256(CPAK
 *                 SubjectPublicKeyInfo); configuration "CSDK"; lifecycle 0x3000 secured (0x5000
 *                 recoverable-cca-platform-rot-debug when {@link SimulationOptions#isDebug()}); hash algorithm sha-256;
 *                 software components BL and RMM (version 0.0.0-simulated, measurement SHA-256 of "csdk simulated
 *                 BL" / "csdk simulated RMM", signer id SHA-256 of "csdk simulation signer"); verification service
 *                 "csdk-simulation"
 * realm token     ES384, signed by a realm attestation key (RAK, P-384) fresh per collector, encoded as a COSE_Key;
 *                 profile tag:arm.com,2023:realm#1.0.0; challenge = the 64 bytes of report data; personalization
 *                 value, initial measurement and extensible measurements from the options (zero when not given);
 *                 hash algorithm sha-256, sha-384 or sha-512 by the measurement length (default 32 bytes, sha-256);
 *                 RAK hash algorithm sha-256
 * </pre>
 *
 * The platform token depends only on the RAK, so it is signed once per collector. The evidence is
 * {@code Evidence.of(ARM_CCA, token)}; the Arm CCA provider verifies it with {@code hardware=false} when
 * {@code simulation-cca-cpak.pem} is configured as a simulation root. Instances are immutable and thread-safe.
 */
final class SimulatedCcaCollector implements EvidenceCollector {
    static final String PLATFORM_PROFILE = "tag:arm.com,2023:cca_platform#1.0.0";
    static final String REALM_PROFILE = "tag:arm.com,2023:realm#1.0.0";
    static final byte[] IMPLEMENTATION_ID = Arrays.copyOf(
            "CSDK SIMULATED CCA PLATFORM".getBytes(StandardCharsets.US_ASCII), 32);
    static final byte[] CONFIGURATION = "CSDK".getBytes(StandardCharsets.US_ASCII);
    static final int LIFECYCLE_SECURED = 0x3000;
    static final int LIFECYCLE_DEBUG = 0x5000;
    static final String SOFTWARE_VERSION = "0.0.0-simulated";
    static final MeasurementSlot RPV = MeasurementSlot.of(TeeType.ARM_CCA, "rpv");
    static final List<MeasurementSlot> REMS = List.of(MeasurementSlot.of(TeeType.ARM_CCA, "rem0"),
            MeasurementSlot.of(TeeType.ARM_CCA, "rem1"), MeasurementSlot.of(TeeType.ARM_CCA, "rem2"),
            MeasurementSlot.of(TeeType.ARM_CCA, "rem3"));
    private static final long TAG_CMW_COLLECTION = 907;
    private static final long TAG_COSE_SIGN1 = 18;
    private static final long CMW_EAT_CWT = 263;
    private static final long ES384 = -35;
    private static final int RPV_LENGTH = 64;

    private final PrivateKey rak;
    private final byte[] rakClaim;
    private final byte[] platformToken;
    private final Map<MeasurementSlot, byte[]> measurements;
    private final String realmHashAlgorithm;

    private SimulatedCcaCollector(SimulationCcaPki pki, SimulationOptions options) {
        int length = measurementLength(options);
        this.realmHashAlgorithm = length == 32 ? "sha-256" : length == 48 ? "sha-384" : "sha-512";
        this.measurements = new LinkedHashMap<>();
        measurements.put(MeasurementSlot.CCA_REALM_INITIAL, value(options, MeasurementSlot.CCA_REALM_INITIAL, length));
        for (MeasurementSlot rem : REMS) {
            measurements.put(rem, value(options, rem, length));
        }
        measurements.put(RPV, value(options, RPV, RPV_LENGTH));
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp384r1"));
            KeyPair kp = kpg.generateKeyPair();
            this.rak = kp.getPrivate();
            this.rakClaim = coseKey((ECPublicKey) kp.getPublic());
            this.platformToken = platformToken(pki, sha256(rakClaim), options.isDebug());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a P-384 realm attestation key", e);
        }
    }

    /**
     * Checks the options, then loads or creates the simulated CPAK in the options' root directory.
     *
     * @throws IllegalArgumentException for a measurement slot other than the realm initial measurement
     *     ({@code arm-cca/rim}), {@code arm-cca/rem0}..{@code rem3} and {@code arm-cca/rpv}, realm measurements of
     *     different lengths or of a length other than 32, 48 or 64 bytes, or a personalization value that is not
     *     64 bytes
     * @throws io.confidentialai.sdk.ConfidentialException when the simulated CPAK cannot be created or read
     */
    static SimulatedCcaCollector create(SimulationOptions options) {
        Objects.requireNonNull(options, "options");
        checkOptions(options);
        return new SimulatedCcaCollector(SimulationCcaPki.loadOrCreate(options.rootDirectory()), options);
    }

    static void checkOptions(SimulationOptions options) {
        for (MeasurementSlot slot : options.measurements().keySet()) {
            if (!slot.equals(MeasurementSlot.CCA_REALM_INITIAL) && !REMS.contains(slot) && !slot.equals(RPV)) {
                throw new IllegalArgumentException("simulated CCA tokens have no measurement slot " + slot
                        + "; supported: " + MeasurementSlot.CCA_REALM_INITIAL + ", " + REMS + ", " + RPV);
            }
        }
        int length = measurementLength(options);
        value(options, RPV, RPV_LENGTH);
        value(options, MeasurementSlot.CCA_REALM_INITIAL, length);
        for (MeasurementSlot rem : REMS) {
            value(options, rem, length);
        }
    }

    /** The common length of the realm measurements given (RIM, REMs), 32 when none is. */
    private static int measurementLength(SimulationOptions options) {
        int length = 0;
        for (Map.Entry<MeasurementSlot, Measurement> e : options.measurements().entrySet()) {
            if (e.getKey().equals(RPV)) {
                continue;
            }
            int l = e.getValue().toByteArray().length;
            if (l != 32 && l != 48 && l != 64) {
                throw new IllegalArgumentException("CCA realm measurement " + e.getKey() + " must be 32, 48 or 64 "
                        + "bytes (sha-256, sha-384, sha-512), got " + l);
            }
            if (length != 0 && l != length) {
                throw new IllegalArgumentException("CCA realm measurements share one hash algorithm: "
                        + e.getKey() + " is " + l + " bytes, another is " + length);
            }
            length = l;
        }
        return length == 0 ? 32 : length;
    }

    private static byte[] value(SimulationOptions options, MeasurementSlot slot, int length) {
        Measurement m = options.measurements().get(slot);
        if (m == null) {
            return new byte[length];
        }
        byte[] v = m.toByteArray();
        if (v.length != length) {
            throw new IllegalArgumentException("CCA measurement " + slot + " must be " + length + " bytes, got "
                    + v.length);
        }
        return v;
    }

    @Override
    public Evidence collect(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        CborWriter claims = new CborWriter().map(8)
                .integer(265).text(REALM_PROFILE)
                .integer(10).bytes(reportData.toByteArray())
                .integer(44235).bytes(measurements.get(RPV))
                .integer(44236).text(realmHashAlgorithm)
                .integer(44237).bytes(rakClaim)
                .integer(44238).bytes(measurements.get(MeasurementSlot.CCA_REALM_INITIAL))
                .integer(44239).array(REMS.size());
        for (MeasurementSlot rem : REMS) {
            claims.bytes(measurements.get(rem));
        }
        claims.integer(44240).text("sha-256");
        byte[] realmToken = sign1(claims.toByteArray(), rak);

        byte[] token = new CborWriter().tag(TAG_CMW_COLLECTION).map(2)
                .integer(44234).array(2).integer(CMW_EAT_CWT).bytes(platformToken)
                .integer(44241).array(2).integer(CMW_EAT_CWT).bytes(realmToken)
                .toByteArray();
        return Evidence.of(TeeType.ARM_CCA, token);
    }

    private static byte[] platformToken(SimulationCcaPki pki, byte[] challenge, boolean debug)
            throws GeneralSecurityException {
        byte[] instanceId = new byte[33];
        instanceId[0] = 0x01;
        System.arraycopy(sha256(pki.certificate().getPublicKey().getEncoded()), 0, instanceId, 1, 32);
        byte[] signer = sha256("csdk simulation signer".getBytes(StandardCharsets.US_ASCII));
        CborWriter claims = new CborWriter().map(9)
                .integer(265).text(PLATFORM_PROFILE)
                .integer(10).bytes(challenge)
                .integer(2396).bytes(IMPLEMENTATION_ID)
                .integer(256).bytes(instanceId)
                .integer(2401).bytes(CONFIGURATION)
                .integer(2395).integer(debug ? LIFECYCLE_DEBUG : LIFECYCLE_SECURED)
                .integer(2402).text("sha-256")
                .integer(2400).text("csdk-simulation")
                .integer(2399).array(2);
        for (String type : List.of("BL", "RMM")) {
            claims.map(5)
                    .integer(1).text(type)
                    .integer(2).bytes(sha256(("csdk simulated " + type).getBytes(StandardCharsets.US_ASCII)))
                    .integer(4).text(SOFTWARE_VERSION)
                    .integer(5).bytes(signer)
                    .integer(6).text("sha-256");
        }
        return sign1(claims.toByteArray(), pki.key());
    }

    /** {@code 18([h'A1 01 38 22' (alg ES384), {}, payload, r‖s])} over the Sig_structure of RFC 9052 §4.4. */
    private static byte[] sign1(byte[] payload, PrivateKey key) {
        byte[] protectedHeader = new CborWriter().map(1).integer(1).integer(ES384).toByteArray();
        byte[] toBeSigned = new CborWriter().array(4).text("Signature1").bytes(protectedHeader).bytes(new byte[0])
                .bytes(payload).toByteArray();
        byte[] signature;
        try {
            Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
            s.initSign(key);
            s.update(toBeSigned);
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with a simulated P-384 key", e);
        }
        return new CborWriter().tag(TAG_COSE_SIGN1).array(4).bytes(protectedHeader).map(0).bytes(payload)
                .bytes(signature).toByteArray();
    }

    /** The RAK as a COSE_Key: {1: 2 (EC2), -1: 2 (P-384), -2: x, -3: y}. */
    private static byte[] coseKey(ECPublicKey key) {
        return new CborWriter().map(4).integer(1).integer(2).integer(-1).integer(2)
                .integer(-2).bytes(coordinate(key.getW().getAffineX()))
                .integer(-3).bytes(coordinate(key.getW().getAffineY()))
                .toByteArray();
    }

    private static byte[] coordinate(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[48];
        int n = Math.min(b.length, 48);
        System.arraycopy(b, b.length - n, out, 48 - n, n);
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
