package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The CCA realm claims set (draft-ffm-rats-cca-token §4.1; RMM specification A7.2.3.1), decoded strictly. Every
 * claim except the profile is mandatory; unknown claims are ignored, as EAT requires. Instances are immutable and
 * thread-safe (the byte arrays are never handed out to callers outside this package).
 */
final class RealmClaims {
    static final String PROFILE_2023 = "tag:arm.com,2023:realm#1.0.0";

    static final long PROFILE = 265;
    static final long CHALLENGE = 10;
    static final long PERSONALIZATION_VALUE = 44235;
    static final long HASH_ALGORITHM = 44236;
    static final long PUBLIC_KEY = 44237;
    static final long INITIAL_MEASUREMENT = 44238;
    static final long EXTENSIBLE_MEASUREMENTS = 44239;
    static final long PUBLIC_KEY_HASH_ALGORITHM = 44240;

    static final int CHALLENGE_LENGTH = 64;
    static final int REM_COUNT = 4;

    /** How the realm attestation key (RAK) is encoded in claim 44237. */
    enum KeyEncoding {
        /** An uncompressed SEC1 point (RMM 1.0 tokens, legacy profile). */
        SEC1,
        /** A COSE_Key map, wrapped in the byte string (draft-ffm profile). */
        COSE_KEY
    }

    final Optional<String> profile;
    final byte[] challenge;
    final byte[] personalizationValue;
    final String hashAlgorithm;
    /** Claim 44237's byte string exactly as received: the bytes the platform challenge hashes. */
    final byte[] publicKey;
    final KeyEncoding publicKeyEncoding;
    final String publicKeyHashAlgorithm;
    final byte[] initialMeasurement;
    final List<byte[]> extensibleMeasurements;

    private RealmClaims(ClaimReader r, Optional<String> profile) throws AttestationVerificationException {
        this.profile = profile;
        this.challenge = r.bytes(CHALLENGE, "challenge", CHALLENGE_LENGTH);
        this.personalizationValue = r.bytes(PERSONALIZATION_VALUE, "personalization value", 64);
        this.hashAlgorithm = r.hashAlgorithm(HASH_ALGORITHM, "hash algorithm");
        this.publicKey = r.bytes(PUBLIC_KEY, "public key");
        this.publicKeyEncoding = encoding(publicKey, r.name("public key", PUBLIC_KEY));
        this.publicKeyHashAlgorithm = r.hashAlgorithm(PUBLIC_KEY_HASH_ALGORITHM, "public key hash algorithm");
        int digest = ClaimReader.digestLength(hashAlgorithm);
        int[] sizes = digest == 0 ? new int[] {32, 48, 64} : new int[] {digest};
        this.initialMeasurement = r.bytes(INITIAL_MEASUREMENT, "initial measurement", sizes);
        String remName = r.name("extensible measurements", EXTENSIBLE_MEASUREMENTS);
        List<Object> rems = Cbor.array(r.required(EXTENSIBLE_MEASUREMENTS, "extensible measurements"), remName);
        if (rems.size() != REM_COUNT) {
            throw Failures.malformed(remName + " must hold " + REM_COUNT + " measurements, got " + rems.size());
        }
        List<byte[]> values = new ArrayList<>(REM_COUNT);
        for (int i = 0; i < REM_COUNT; i++) {
            byte[] rem = Cbor.bytes(rems.get(i), remName + "[" + i + "]");
            ClaimReader.checkLength(rem, remName + "[" + i + "]", sizes);
            values.add(rem);
        }
        this.extensibleMeasurements = Collections.unmodifiableList(values);
    }

    /**
     * Decodes the realm token's payload.
     *
     * @throws AttestationVerificationException EVIDENCE_MALFORMED naming the first missing or ill-formed claim;
     *     UNSUPPORTED_EVIDENCE_FORMAT for a realm profile other than {@link #PROFILE_2023}
     */
    static RealmClaims decode(byte[] payload) throws AttestationVerificationException {
        Cbor.CborMap map = Cbor.map(Cbor.decode(payload, "realm claims"), "realm claims");
        ClaimReader r = new ClaimReader(map, "realm");
        Optional<String> profile = r.optionalText(PROFILE, "profile");
        if (profile.isPresent() && !PROFILE_2023.equals(profile.get())) {
            throw Failures.unsupported("realm profile '" + ClaimReader.printable(profile.get()) + "' is not "
                    + PROFILE_2023);
        }
        return new RealmClaims(r, profile);
    }

    private static KeyEncoding encoding(byte[] key, String name) throws AttestationVerificationException {
        if (key.length > 0 && key[0] == 0x04) {
            if (key.length != 1 + 2 * EcKey.Curve.P384.size) {
                throw Failures.malformed(name + " as a SEC1 point must be 97 bytes (0x04, X, Y on P-384), got "
                        + key.length);
            }
            return KeyEncoding.SEC1;
        }
        if (key.length > 0 && (key[0] & 0xe0) == 0xa0) {
            return KeyEncoding.COSE_KEY;
        }
        throw Failures.malformed(name + " is neither an uncompressed SEC1 point nor a COSE_Key");
    }

    /**
     * Returns the realm attestation key (P-384).
     *
     * @throws AttestationVerificationException EVIDENCE_MALFORMED for an ill-formed COSE_Key;
     *     UNSUPPORTED_EVIDENCE_FORMAT for another key type, curve or algorithm; SIGNATURE_INVALID when the point is
     *     not on P-384
     */
    EcKey key() throws AttestationVerificationException {
        String name = "realm public key (" + PUBLIC_KEY + ")";
        try {
            if (publicKeyEncoding == KeyEncoding.SEC1) {
                return EcKey.ofUncompressed(EcKey.Curve.P384, publicKey);
            }
            Cbor.CborMap m = Cbor.map(Cbor.decode(publicKey, name + " COSE_Key"), name + " COSE_Key");
            ClaimReader r = new ClaimReader(m, name + " COSE_Key");
            long kty = Cbor.integer(r.required(1, "kty"), r.name("kty", 1));
            long crv = Cbor.integer(r.required(-1, "crv"), r.name("crv", -1));
            if (kty != 2 || crv != 2) {
                throw Failures.unsupported(name + " must be an EC2 key (kty 2) on P-384 (crv 2), got kty " + kty
                        + " crv " + crv);
            }
            Optional<Object> alg = r.optional(3);
            if (alg.isPresent() && !Long.valueOf(CoseSign1.ES384).equals(alg.get())) {
                throw Failures.unsupported(name + " is restricted to an algorithm other than ES384");
            }
            Object y = r.required(-3, "y");
            if (y instanceof Boolean) {
                throw Failures.unsupported(name + " uses point compression");
            }
            byte[] yBytes = Cbor.bytes(y, r.name("y", -3));
            ClaimReader.checkLength(yBytes, r.name("y", -3), 48);
            return EcKey.of(EcKey.Curve.P384, r.bytes(-2, "x", 48), yBytes);
        } catch (InvalidKeyException e) {
            throw Failures.signature(name + ": " + e.getMessage());
        }
    }
}
