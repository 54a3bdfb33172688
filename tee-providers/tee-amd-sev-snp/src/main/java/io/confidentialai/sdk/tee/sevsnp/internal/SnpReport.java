package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A parsed SEV-SNP ATTESTATION_REPORT (AMD SEV-SNP ABI specification, table "ATTESTATION_REPORT Structure"): exactly
 * 1184 bytes, little-endian integers. Parsing checks the length, the version (2, 3 or 5), the signature algorithm
 * (1 = ECDSA P-384 with SHA-384), the signing key selector and that the unsigned bytes after the signature's r and s
 * are zero; every other field is taken as signed by the firmware.
 *
 * <p>Instances are immutable and thread-safe (the arrays are never exposed).
 */
final class SnpReport {
    static final int LENGTH = 0x4A0;
    /** The signature covers bytes [0, 0x2A0). */
    static final int SIGNED_LENGTH = 0x2A0;
    static final int SIGNATURE_OFFSET = 0x2A0;
    /** r and s are each stored as 72 little-endian bytes (the P-384 value in the low 48, zero above). */
    static final int SIGNATURE_COMPONENT_LENGTH = 72;
    static final int SIGNATURE_ALGORITHM_ECDSA_P384_SHA384 = 1;

    static final long POLICY_SMT = 1L << 16;
    static final long POLICY_RESERVED_ONE = 1L << 17;
    static final long POLICY_MIGRATE_MA = 1L << 18;
    static final long POLICY_DEBUG = 1L << 19;
    static final long POLICY_SINGLE_SOCKET = 1L << 20;
    static final long POLICY_CXL_ALLOW = 1L << 21;
    static final long POLICY_MEM_AES_256_XTS = 1L << 22;
    static final long POLICY_RAPL_DIS = 1L << 23;
    static final long POLICY_CIPHERTEXT_HIDING = 1L << 24;

    /** The endorsement key that signed the report: KEY_INFO bits 4:2 (0 = VCEK, 1 = VLEK, 7 = none). */
    enum SigningKey {
        VCEK, VLEK;

        String id() {
            return this == VCEK ? "vcek" : "vlek";
        }
    }

    final int version;
    final long guestSvn;
    final long policy;
    final byte[] familyId;
    final byte[] imageId;
    final long vmpl;
    final long signatureAlgorithm;
    final long currentTcb;
    final long platformInfo;
    final long keyInfo;
    final SigningKey signingKey;
    final byte[] reportData;
    final byte[] measurement;
    final byte[] hostData;
    final byte[] idKeyDigest;
    final byte[] authorKeyDigest;
    final byte[] reportId;
    final byte[] reportIdMa;
    final long reportedTcb;
    /** CPUID family, model and stepping (versions 3 and later); -1 in version 2 reports. */
    final int cpuidFamily;
    final int cpuidModel;
    final int cpuidStepping;
    final byte[] chipId;
    final long committedTcb;
    final int currentBuild;
    final int currentMinor;
    final int currentMajor;
    final int committedBuild;
    final int committedMinor;
    final int committedMajor;
    final long launchTcb;
    /** LAUNCH_MIT_VECTOR and CURRENT_MIT_VECTOR (version 5); 0 otherwise. */
    final long launchMitVector;
    final long currentMitVector;
    final BigInteger r;
    final BigInteger s;
    private final byte[] raw;

    private SnpReport(byte[] b, SigningKey signingKey) {
        this.raw = b;
        this.version = (int) u32(b, 0x000);
        this.guestSvn = u32(b, 0x004);
        this.policy = u64(b, 0x008);
        this.familyId = Arrays.copyOfRange(b, 0x010, 0x020);
        this.imageId = Arrays.copyOfRange(b, 0x020, 0x030);
        this.vmpl = u32(b, 0x030);
        this.signatureAlgorithm = u32(b, 0x034);
        this.currentTcb = u64(b, 0x038);
        this.platformInfo = u64(b, 0x040);
        this.keyInfo = u32(b, 0x048);
        this.signingKey = signingKey;
        this.reportData = Arrays.copyOfRange(b, 0x050, 0x090);
        this.measurement = Arrays.copyOfRange(b, 0x090, 0x0C0);
        this.hostData = Arrays.copyOfRange(b, 0x0C0, 0x0E0);
        this.idKeyDigest = Arrays.copyOfRange(b, 0x0E0, 0x110);
        this.authorKeyDigest = Arrays.copyOfRange(b, 0x110, 0x140);
        this.reportId = Arrays.copyOfRange(b, 0x140, 0x160);
        this.reportIdMa = Arrays.copyOfRange(b, 0x160, 0x180);
        this.reportedTcb = u64(b, 0x180);
        boolean hasCpuid = version >= 3;
        this.cpuidFamily = hasCpuid ? b[0x188] & 0xff : -1;
        this.cpuidModel = hasCpuid ? b[0x189] & 0xff : -1;
        this.cpuidStepping = hasCpuid ? b[0x18A] & 0xff : -1;
        this.chipId = Arrays.copyOfRange(b, 0x1A0, 0x1E0);
        this.committedTcb = u64(b, 0x1E0);
        this.currentBuild = b[0x1E8] & 0xff;
        this.currentMinor = b[0x1E9] & 0xff;
        this.currentMajor = b[0x1EA] & 0xff;
        this.committedBuild = b[0x1EC] & 0xff;
        this.committedMinor = b[0x1ED] & 0xff;
        this.committedMajor = b[0x1EE] & 0xff;
        this.launchTcb = u64(b, 0x1F0);
        this.launchMitVector = version >= 5 ? u64(b, 0x1F8) : 0;
        this.currentMitVector = version >= 5 ? u64(b, 0x200) : 0;
        this.r = littleEndian(b, SIGNATURE_OFFSET);
        this.s = littleEndian(b, SIGNATURE_OFFSET + SIGNATURE_COMPONENT_LENGTH);
    }

    /**
     * Parses a report.
     *
     * @throws AttestationVerificationException EVIDENCE_MALFORMED for a wrong length or non-zero unsigned reserved
     *     bytes; UNSUPPORTED_EVIDENCE_FORMAT for another version, signature algorithm or a reserved signing key;
     *     SIGNATURE_INVALID for a report that says it is not signed (signing key "none")
     */
    static SnpReport parse(byte[] bytes) throws AttestationVerificationException {
        if (bytes.length < 4) {
            throw Failures.malformed("the report has " + bytes.length + " bytes; an attestation report has " + LENGTH);
        }
        long version = u32(bytes, 0);
        if (bytes.length != LENGTH) {
            throw Failures.malformed("the report has " + bytes.length + " bytes; an attestation report has exactly "
                    + LENGTH);
        }
        if (version != 2 && version != 3 && version != 5) {
            throw Failures.unsupported("report version " + version + " (supported: 2, 3, 5)");
        }
        long algorithm = u32(bytes, 0x034);
        if (algorithm != SIGNATURE_ALGORITHM_ECDSA_P384_SHA384) {
            throw Failures.unsupported("signature algorithm " + algorithm + " (supported: 1, ECDSA P-384 with SHA-384)");
        }
        int selector = (int) ((u32(bytes, 0x048) >>> 2) & 0x7);
        SigningKey key;
        if (selector == 0) {
            key = SigningKey.VCEK;
        } else if (selector == 1) {
            key = SigningKey.VLEK;
        } else if (selector == 7) {
            throw Failures.signature("the report is not signed (SIGNING_KEY = 7, none)");
        } else {
            throw Failures.unsupported("reserved SIGNING_KEY value " + selector + " (0 = VCEK, 1 = VLEK)");
        }
        for (int i = SIGNATURE_OFFSET + 2 * SIGNATURE_COMPONENT_LENGTH; i < LENGTH; i++) {
            if (bytes[i] != 0) {
                throw Failures.malformed("reserved byte 0x" + Integer.toHexString(i)
                        + " after the signature is not zero");
            }
        }
        return new SnpReport(bytes.clone(), key);
    }

    /** Feeds the signed region, bytes [0, 0x2A0), to {@code digest}. */
    void updateSignedRegion(MessageDigest digest) {
        digest.update(raw, 0, SIGNED_LENGTH);
    }

    boolean isDebug() {
        return (policy & POLICY_DEBUG) != 0;
    }

    boolean hasCpuid() {
        return cpuidFamily >= 0;
    }

    boolean authorKeyEnabled() {
        return (keyInfo & 1) != 0;
    }

    boolean maskChipKey() {
        return (keyInfo & 2) != 0;
    }

    boolean isChipIdZero() {
        int acc = 0;
        for (byte x : chipId) {
            acc |= x;
        }
        return acc == 0;
    }

    static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    private static BigInteger littleEndian(byte[] b, int off) {
        byte[] be = new byte[SIGNATURE_COMPONENT_LENGTH];
        for (int i = 0; i < SIGNATURE_COMPONENT_LENGTH; i++) {
            be[i] = b[off + SIGNATURE_COMPONENT_LENGTH - 1 - i];
        }
        return new BigInteger(1, be);
    }
}
