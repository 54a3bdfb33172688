package io.confidentialai.sdk.impl.internal.crypto;

import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 64-byte report-data commitment that binds a TEE node's public keys and a relying party's challenge to
 * hardware evidence (layout in {@code docs/key-binding.md}, version {@code csdk-binding-v1}).
 * This class is internal and is not meant to be used by applications; it may change at any time.
 *
 * <pre>
 * report_data[0..32)  = SHA-256("csdk-binding-v1/challenge" || 0x00 || kind u8 (1 nonce, 2 order digest)
 *                               || u16be len || challenge bytes)
 * report_data[32..64) = SHA-256("csdk-binding-v1/keys" || 0x00 || report_data[0..32)
 *                               || u16be kem id (0x0020) || u16be len || HPKE public key
 *                               || u16be signature algorithm (0x0001) || u16be len || signing public key)
 * gpu nonce           = SHA-256("csdk-binding-v1/gpu" || 0x00 || report_data[0..64))
 * </pre>
 *
 * <p>The first half depends on the challenge only, so a verifier can tell a stale or foreign challenge
 * ({@link Outcome#CHALLENGE_MISMATCH}) from evidence that answers the challenge but binds other keys
 * ({@link Outcome#KEY_MISMATCH}). The methods are thread-safe.
 */
public final class ReportDataBinding {
    /** The challenge kind byte of a nonce challenge. */
    static final int KIND_NONCE = 1;
    /** The challenge kind byte of an order-digest challenge. */
    static final int KIND_ORDER = 2;

    private static final byte[] CHALLENGE_LABEL = "csdk-binding-v1/challenge".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYS_LABEL = "csdk-binding-v1/keys".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GPU_LABEL = "csdk-binding-v1/gpu".getBytes(StandardCharsets.US_ASCII);
    private static final int HALF = 32;

    private ReportDataBinding() {}

    /** The result of {@link #check}. */
    public enum Outcome {
        /** Both halves match: the evidence answers the challenge and binds the presented keys. */
        MATCH,
        /** The first half differs: the evidence does not answer this challenge (nonce or order). */
        CHALLENGE_MISMATCH,
        /** The first half matches but the second differs: the evidence binds other keys than those presented. */
        KEY_MISMATCH
    }

    /**
     * Computes the report data that a node with {@code keys} puts into its evidence for {@code challenge}.
     *
     * @param challenge a {@link Challenge.Kind#NONCE} or {@link Challenge.Kind#ORDER} challenge
     * @param keys the node's public keys
     * @return the 64-byte commitment
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the challenge is of kind {@link Challenge.Kind#REPORT_DATA}, which
     *     binds no keys
     */
    public static ReportData commit(Challenge challenge, TeePublicKeys keys) {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(keys, "keys");
        byte[] first = challengeHalf(challenge);
        byte[] second = keysHalf(first, keys);
        byte[] out = new byte[ReportData.LENGTH];
        System.arraycopy(first, 0, out, 0, HALF);
        System.arraycopy(second, 0, out, HALF, HALF);
        return ReportData.of(out);
    }

    /**
     * Classifies how {@code actual} relates to the commitment for {@code challenge} and {@code keys}; the
     * comparisons take constant time.
     *
     * @param actual the report data found in verified evidence
     * @param challenge a {@link Challenge.Kind#NONCE} or {@link Challenge.Kind#ORDER} challenge
     * @param keys the public keys the node presented with its evidence
     * @return {@link Outcome#MATCH}, {@link Outcome#CHALLENGE_MISMATCH} or {@link Outcome#KEY_MISMATCH}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the challenge is of kind {@link Challenge.Kind#REPORT_DATA}
     */
    public static Outcome check(ReportData actual, Challenge challenge, TeePublicKeys keys) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(keys, "keys");
        byte[] got = actual.toByteArray();
        byte[] first = challengeHalf(challenge);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(got, 0, HALF), first)) {
            return Outcome.CHALLENGE_MISMATCH;
        }
        byte[] second = keysHalf(first, keys);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(got, HALF, ReportData.LENGTH), second)) {
            return Outcome.KEY_MISMATCH;
        }
        return Outcome.MATCH;
    }

    /**
     * Derives the 32-byte nonce for GPU evidence (NVIDIA SPDM) from the CPU report data, so that CPU and GPU
     * evidence form one composite attestation: {@code SHA-256("csdk-binding-v1/gpu" || 0x00 || report data)}.
     * A verifier recomputes it from the report data of the verified CPU evidence and requires it in the GPU
     * evidence.
     *
     * @param reportData the CPU evidence's report data (normally a {@link #commit} result)
     * @return the 32-byte GPU nonce
     * @throws NullPointerException if {@code reportData} is null
     */
    public static byte[] gpuNonce(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        MessageDigest md = sha256();
        md.update(GPU_LABEL);
        md.update((byte) 0);
        md.update(reportData.toByteArray());
        return md.digest();
    }

    static byte[] challengeHalf(Challenge challenge) {
        int kind;
        switch (challenge.kind()) {
            case NONCE:
                kind = KIND_NONCE;
                break;
            case ORDER:
                kind = KIND_ORDER;
                break;
            default:
                throw new IllegalArgumentException("a " + challenge.kind()
                        + " challenge binds no keys; compare the report data directly");
        }
        byte[] value = challenge.value();
        MessageDigest md = sha256();
        md.update(CHALLENGE_LABEL);
        md.update((byte) 0);
        md.update((byte) kind);
        putLengthPrefixed(md, value);
        return md.digest();
    }

    static byte[] keysHalf(byte[] challengeHalf, TeePublicKeys keys) {
        MessageDigest md = sha256();
        md.update(KEYS_LABEL);
        md.update((byte) 0);
        md.update(challengeHalf);
        putU16(md, keys.hpkeKemId());
        putLengthPrefixed(md, keys.hpkePublicKey());
        putU16(md, keys.signatureAlgorithm());
        putLengthPrefixed(md, keys.signingPublicKey());
        return md.digest();
    }

    private static void putLengthPrefixed(MessageDigest md, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("a bound value is at most 65535 bytes");
        }
        putU16(md, value.length);
        md.update(value);
    }

    private static void putU16(MessageDigest md, int v) {
        md.update((byte) (v >>> 8));
        md.update((byte) v);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
