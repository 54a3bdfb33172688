package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CCA platform claims set (draft-ffm-rats-cca-token §4.2; RMM specification A7.2.3.2), decoded strictly. Every
 * claim except the verification service is mandatory. Unknown claims are ignored, as EAT requires. Instances are
 * immutable and thread-safe (the byte arrays are never handed out to callers outside this package).
 */
final class PlatformClaims {
    static final String PROFILE_LEGACY = "http://arm.com/CCA-SSD/1.0.0";
    static final String PROFILE_2023 = "tag:arm.com,2023:cca_platform#1.0.0";
    static final List<String> PROFILES = List.of(PROFILE_LEGACY, PROFILE_2023);

    static final long PROFILE = 265;
    static final long CHALLENGE = 10;
    static final long IMPLEMENTATION_ID = 2396;
    static final long INSTANCE_ID = 256;
    static final long CONFIGURATION = 2401;
    static final long LIFECYCLE = 2395;
    static final long SW_COMPONENTS = 2399;
    static final long VERIFICATION_SERVICE = 2400;
    static final long HASH_ALGORITHM = 2402;

    /** The most software components accepted. */
    static final int MAX_SW_COMPONENTS = 128;
    /** Instance ids are UEIDs of type RAND: 0x01 followed by 32 bytes. */
    static final int INSTANCE_ID_LENGTH = 33;
    static final int IMPLEMENTATION_ID_LENGTH = 32;

    final String profile;
    final byte[] challenge;
    final byte[] implementationId;
    final byte[] instanceId;
    final byte[] configuration;
    final int lifecycle;
    final String hashAlgorithm;
    final List<SwComponent> swComponents;
    final Optional<String> verificationService;

    /** One measured platform software component (the claim's keys 1, 2, 4, 5, 6). */
    record SwComponent(Optional<String> type, byte[] measurement, Optional<String> version, byte[] signerId,
            Optional<String> hashAlgorithm) {
        static final long TYPE = 1;
        static final long MEASUREMENT = 2;
        static final long VERSION = 4;
        static final long SIGNER_ID = 5;
        static final long HASH_ALGORITHM = 6;
    }

    private PlatformClaims(ClaimReader r, String profile) throws AttestationVerificationException {
        this.profile = profile;
        this.challenge = r.bytes(CHALLENGE, "challenge", 32, 48, 64);
        this.implementationId = r.bytes(IMPLEMENTATION_ID, "implementation id", IMPLEMENTATION_ID_LENGTH);
        this.instanceId = r.bytes(INSTANCE_ID, "instance id", INSTANCE_ID_LENGTH);
        if (instanceId[0] != 0x01) {
            throw Failures.malformed(r.name("instance id", INSTANCE_ID) + " must be a UEID of type RAND (first byte "
                    + "0x01), got first byte " + String.format("0x%02x", instanceId[0] & 0xff));
        }
        this.configuration = r.bytes(CONFIGURATION, "configuration");
        long lc = Cbor.integer(r.required(LIFECYCLE, "lifecycle"), r.name("lifecycle", LIFECYCLE));
        if (Lifecycle.name(lc).isEmpty()) {
            throw Failures.malformed(r.name("lifecycle", LIFECYCLE) + " " + lc + " is in no defined lifecycle range");
        }
        this.lifecycle = (int) lc;
        this.hashAlgorithm = r.hashAlgorithm(HASH_ALGORITHM, "hash algorithm");
        this.verificationService = r.optionalText(VERIFICATION_SERVICE, "verification service");
        this.swComponents = swComponents(r);
    }

    /**
     * Decodes the platform token's payload.
     *
     * @throws AttestationVerificationException EVIDENCE_MALFORMED naming the first missing or ill-formed claim;
     *     UNSUPPORTED_EVIDENCE_FORMAT for a profile other than {@link #PROFILES}
     */
    static PlatformClaims decode(byte[] payload) throws AttestationVerificationException {
        Cbor.CborMap map = Cbor.map(Cbor.decode(payload, "platform claims"), "platform claims");
        ClaimReader r = new ClaimReader(map, "platform");
        String profile = r.text(PROFILE, "profile");
        if (!PROFILES.contains(profile)) {
            throw Failures.unsupported("platform profile '" + ClaimReader.printable(profile) + "' is not one of "
                    + PROFILES);
        }
        return new PlatformClaims(r, profile);
    }

    private static List<SwComponent> swComponents(ClaimReader r) throws AttestationVerificationException {
        String name = r.name("software components", SW_COMPONENTS);
        List<Object> items = Cbor.array(r.required(SW_COMPONENTS, "software components"), name);
        if (items.isEmpty()) {
            throw Failures.malformed(name + " must list at least one component");
        }
        if (items.size() > MAX_SW_COMPONENTS) {
            throw Failures.malformed(name + " lists " + items.size() + " components, more than the "
                    + MAX_SW_COMPONENTS + " accepted");
        }
        List<SwComponent> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemName = name + "[" + i + "]";
            Cbor.CborMap m = Cbor.map(items.get(i), itemName);
            for (Object key : m.entries().keySet()) {
                boolean known = key instanceof Long && (SwComponent.TYPE == (Long) key
                        || SwComponent.MEASUREMENT == (Long) key || SwComponent.VERSION == (Long) key
                        || SwComponent.SIGNER_ID == (Long) key || SwComponent.HASH_ALGORITHM == (Long) key);
                if (!known) {
                    throw Failures.malformed(itemName + " has the unknown key " + (key instanceof String
                            ? "'" + ClaimReader.printable((String) key) + "'" : key));
                }
            }
            ClaimReader c = new ClaimReader(m, itemName);
            Optional<String> type = c.optionalText(SwComponent.TYPE, "measurement type");
            byte[] measurement = c.bytes(SwComponent.MEASUREMENT, "measurement value", 32, 48, 64);
            Optional<String> version = c.optionalText(SwComponent.VERSION, "version");
            byte[] signer = c.bytes(SwComponent.SIGNER_ID, "signer id", 32, 48, 64);
            Optional<String> hash = c.optionalText(SwComponent.HASH_ALGORITHM, "hash algorithm");
            if (hash.isPresent()) {
                ClaimReader.checkHashName(hash.get(), c.name("hash algorithm", SwComponent.HASH_ALGORITHM));
            }
            out.add(new SwComponent(type, measurement, version, signer, hash));
        }
        return Collections.unmodifiableList(out);
    }

    /** The CCA platform lifecycle states (draft-ffm-rats-cca-token, cca-platform-lifecycle). */
    static final class Lifecycle {
        static final String SECURED = "secured";
        private static final Map<Integer, String> RANGES = Map.of(
                0x0000, "unknown",
                0x1000, "assembly-and-test",
                0x2000, "cca-platform-rot-provisioning",
                0x3000, SECURED,
                0x4000, "non-cca-platform-rot-debug",
                0x5000, "recoverable-cca-platform-rot-debug",
                0x6000, "decommissioned");

        private Lifecycle() {}

        /** Returns the state name of a lifecycle value, or empty outside the defined ranges. */
        static Optional<String> name(long value) {
            if (value < 0 || value > 0xffff) {
                return Optional.empty();
            }
            return Optional.ofNullable(RANGES.get((int) value & 0xff00));
        }

        /** The two debug states: debugging of the platform (or of its non-RoT parts) is enabled. */
        static boolean isDebug(int value) {
            int state = value & 0xff00;
            return state == 0x4000 || state == 0x5000;
        }
    }
}
