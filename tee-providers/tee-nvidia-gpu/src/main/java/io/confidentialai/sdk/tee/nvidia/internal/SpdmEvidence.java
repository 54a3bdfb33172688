package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * NVIDIA GPU evidence as the driver returns it: an SPDM 1.1 GET_MEASUREMENTS request followed by its MEASUREMENTS
 * response (DMTF DSP0274 1.1, §10.11), parsed structurally with every length bounded against the bytes present.
 *
 * <pre>
 * request   0  SPDMVersion 0x11 ‖ RequestResponseCode 0xE0 ‖ Param1 (bit 0: signature requested; other bits
 *              reserved, zero) ‖ Param2 0xFF (all blocks) ‖ Nonce (32) ‖ SlotIDParam (slot 0-7)          37 bytes
 * response 37  SPDMVersion 0x11 ‖ 0x60 ‖ Param1 ‖ Param2 (SlotIDParam, bits 3:0 = the requested slot)
 *              ‖ NumberOfBlocks (1, at least 1) ‖ MeasurementRecordLength (3, LE) ‖ MeasurementRecord
 *              ‖ Nonce (32) ‖ OpaqueLength (2, LE, at most 1024) ‖ OpaqueData ‖ Signature (96)
 * record       NumberOfBlocks blocks that exactly fill MeasurementRecordLength, each
 *              Index (1-254, unique) ‖ MeasurementSpecification 0x01 (DMTF) ‖ MeasurementSize (2, LE)
 *              ‖ DMTFSpecMeasurementValueType (bit 7 clear: a digest) ‖ DMTFSpecMeasurementValueSize (2, LE) = 48
 *              ‖ value (SHA-384), with MeasurementSize = 3 + 48
 * </pre>
 *
 * The signature is ECDSA P-384, raw {@code r‖s}, over SHA-384 of every byte from the request start up to the
 * signature. Bytes after the signature are tolerated (real evidence may carry padding) and reported as
 * {@link #trailing}; nothing may be missing. Messages name offsets and lengths, never evidence bytes.
 *
 * <p>Instances are immutable after parsing and thread-safe. This class is internal and is not meant to be used by
 * applications; it may change at any time.
 */
final class SpdmEvidence {
    static final int SPDM_VERSION_11 = 0x11;
    static final int GET_MEASUREMENTS = 0xE0;
    static final int MEASUREMENTS = 0x60;
    static final int ALL_BLOCKS = 0xFF;
    static final int SIGNATURE_REQUESTED = 0x01;
    static final int NONCE_LENGTH = 32;
    static final int REQUEST_LENGTH = 4 + NONCE_LENGTH + 1;
    static final int RESPONSE_HEADER_LENGTH = 8;
    static final int DIGEST_LENGTH = 48;
    static final int SIGNATURE_LENGTH = 96;
    /** DSP0274 1.1: OpaqueLength shall not exceed 1024. */
    static final int MAX_OPAQUE_LENGTH = 1024;
    static final int DMTF_SPECIFICATION = 0x01;
    static final int RAW_BIT_STREAM = 0x80;
    /** The smallest evidence: request, response header with one block, nonce, empty opaque data, signature. */
    static final int MIN_LENGTH = REQUEST_LENGTH + RESPONSE_HEADER_LENGTH + 4 + 3 + DIGEST_LENGTH + NONCE_LENGTH + 2
            + SIGNATURE_LENGTH;

    private final byte[] bytes;
    final int slot;
    final int responseParam1;
    final int blockCount;
    /** SPDM block index (1-based) to its 48-byte digest, ascending. */
    private final Map<Integer, byte[]> blocks;
    private final Map<Integer, Integer> valueTypes;
    final OpaqueData opaque;
    private final int responderNonceOffset;
    /** Offset of the signature = length of the signed region. */
    final int signatureOffset;
    /** Bytes after the signature. */
    final int trailing;

    private SpdmEvidence(byte[] bytes, int slot, int responseParam1, Map<Integer, byte[]> blocks,
            Map<Integer, Integer> valueTypes, int responderNonceOffset, OpaqueData opaque, int signatureOffset) {
        this.bytes = bytes;
        this.responderNonceOffset = responderNonceOffset;
        this.slot = slot;
        this.responseParam1 = responseParam1;
        this.blockCount = blocks.size();
        this.blocks = Collections.unmodifiableMap(blocks);
        this.valueTypes = Collections.unmodifiableMap(valueTypes);
        this.opaque = opaque;
        this.signatureOffset = signatureOffset;
        this.trailing = bytes.length - signatureOffset - SIGNATURE_LENGTH;
    }

    /**
     * Parses evidence bytes (the array is kept, not copied: callers pass a private copy).
     *
     * @throws AttestationVerificationException EVIDENCE_MALFORMED for anything that is not a complete, signed SPDM
     *     1.1 GET_MEASUREMENTS exchange as described above
     */
    static SpdmEvidence parse(byte[] b) throws AttestationVerificationException {
        if (b.length < REQUEST_LENGTH + RESPONSE_HEADER_LENGTH) {
            throw Failures.malformed("evidence of " + b.length + " bytes is shorter than the " + REQUEST_LENGTH
                    + "-byte GET_MEASUREMENTS request and the " + RESPONSE_HEADER_LENGTH
                    + "-byte MEASUREMENTS response header");
        }
        expect(b, 0, SPDM_VERSION_11, "request SPDMVersion (SPDM 1.1)");
        expect(b, 1, GET_MEASUREMENTS, "request RequestResponseCode (GET_MEASUREMENTS)");
        int param1 = b[2] & 0xff;
        if (param1 != SIGNATURE_REQUESTED) {
            throw Failures.malformed(String.format(Locale.ROOT, "request Param1 at offset 2 is 0x%02x; the evidence "
                    + "must request a signature (bit 0) and SPDM 1.1 reserves the other bits", param1));
        }
        expect(b, 3, ALL_BLOCKS, "request Param2 (all measurement blocks)");
        int slot = b[REQUEST_LENGTH - 1] & 0xff;
        if (slot > 7) {
            throw Failures.malformed("request SlotIDParam at offset " + (REQUEST_LENGTH - 1) + " is " + slot
                    + "; SPDM slots are 0 to 7");
        }
        int r = REQUEST_LENGTH;
        expect(b, r, SPDM_VERSION_11, "response SPDMVersion (SPDM 1.1)");
        expect(b, r + 1, MEASUREMENTS, "response RequestResponseCode (MEASUREMENTS)");
        int responseParam1 = b[r + 2] & 0xff;
        int responseSlot = b[r + 3] & 0x0f;
        if (responseSlot != slot) {
            throw Failures.malformed("response Param2 at offset " + (r + 3) + " names slot " + responseSlot
                    + " but the request asked for slot " + slot);
        }
        int count = b[r + 4] & 0xff;
        if (count == 0) {
            throw Failures.malformed("response NumberOfBlocks at offset " + (r + 4) + " is 0; a request for all "
                    + "blocks must return at least one");
        }
        int recordLength = (b[r + 5] & 0xff) | (b[r + 6] & 0xff) << 8 | (b[r + 7] & 0xff) << 16;
        int recordStart = r + RESPONSE_HEADER_LENGTH;
        int afterRecord = recordStart + recordLength;
        int fixedTail = NONCE_LENGTH + 2 + SIGNATURE_LENGTH;
        if ((long) recordLength + fixedTail > b.length - recordStart) {
            throw Failures.malformed("MeasurementRecordLength at offset " + (r + 5) + " declares " + recordLength
                    + " bytes, but only " + (b.length - recordStart) + " bytes follow offset " + recordStart
                    + " and the nonce, opaque length and signature need " + fixedTail + " of them");
        }

        Map<Integer, byte[]> blocks = new TreeMap<>();
        Map<Integer, Integer> valueTypes = new TreeMap<>();
        int at = recordStart;
        for (int i = 0; i < count; i++) {
            if (afterRecord - at < 4 + 3) {
                throw Failures.malformed("measurement block " + (i + 1) + " of " + count + " at offset " + at
                        + " needs at least 7 header bytes, only " + (afterRecord - at)
                        + " remain before the record ends at offset " + afterRecord);
            }
            int index = b[at] & 0xff;
            int spec = b[at + 1] & 0xff;
            int size = (b[at + 2] & 0xff) | (b[at + 3] & 0xff) << 8;
            if (index == 0 || index == 0xff) {
                throw Failures.malformed("measurement block at offset " + at + " has the reserved index " + index);
            }
            if (blocks.containsKey(index)) {
                throw Failures.malformed("measurement block index " + index + " appears twice (second at offset "
                        + at + ")");
            }
            if (spec != DMTF_SPECIFICATION) {
                throw Failures.malformed(String.format(Locale.ROOT, "measurement block %d at offset %d uses "
                        + "MeasurementSpecification 0x%02x; only the DMTF format (0x01) is defined", index, at, spec));
            }
            if (size > afterRecord - at - 4) {
                throw Failures.malformed("measurement block " + index + " at offset " + at + " declares "
                        + size + " bytes, only " + (afterRecord - at - 4) + " remain before the record ends at offset "
                        + afterRecord);
            }
            int type = b[at + 4] & 0xff;
            int valueSize = (b[at + 5] & 0xff) | (b[at + 6] & 0xff) << 8;
            if (valueSize + 3 != size) {
                throw Failures.malformed("measurement block " + index + " at offset " + at + " has MeasurementSize "
                        + size + " but its DMTF value size is " + valueSize + " (expected " + (size - 3) + ")");
            }
            if ((type & RAW_BIT_STREAM) != 0) {
                throw Failures.malformed(String.format(Locale.ROOT, "measurement block %d at offset %d is a raw "
                        + "bit stream (DMTF value type 0x%02x); only digests are accepted", index, at, type));
            }
            if (valueSize != DIGEST_LENGTH) {
                throw Failures.malformed("measurement block " + index + " at offset " + at + " holds a "
                        + valueSize + "-byte digest; NVIDIA GPUs measure with SHA-384 (" + DIGEST_LENGTH + " bytes)");
            }
            blocks.put(index, Arrays.copyOfRange(b, at + 7, at + 7 + DIGEST_LENGTH));
            valueTypes.put(index, type);
            at += 4 + size;
        }
        if (at != afterRecord) {
            throw Failures.malformed("the " + count + " measurement blocks end at offset " + at
                    + " but MeasurementRecordLength ends the record at offset " + afterRecord + " ("
                    + (afterRecord - at) + " bytes unaccounted for)");
        }

        int opaqueLengthAt = afterRecord + NONCE_LENGTH;
        int opaqueLength = (b[opaqueLengthAt] & 0xff) | (b[opaqueLengthAt + 1] & 0xff) << 8;
        if (opaqueLength > MAX_OPAQUE_LENGTH) {
            throw Failures.malformed("OpaqueLength at offset " + opaqueLengthAt + " is " + opaqueLength
                    + "; SPDM allows at most " + MAX_OPAQUE_LENGTH);
        }
        int opaqueStart = opaqueLengthAt + 2;
        int signatureOffset = opaqueStart + opaqueLength;
        if ((long) signatureOffset + SIGNATURE_LENGTH > b.length) {
            throw Failures.malformed("OpaqueLength at offset " + opaqueLengthAt + " declares " + opaqueLength
                    + " bytes, so the " + SIGNATURE_LENGTH + "-byte signature would end at offset "
                    + ((long) signatureOffset + SIGNATURE_LENGTH) + ", but the evidence has " + b.length + " bytes");
        }
        OpaqueData opaque = OpaqueData.parse(b, opaqueStart, opaqueLength);
        return new SpdmEvidence(b, slot, responseParam1, blocks, valueTypes, afterRecord, opaque, signatureOffset);
    }

    private static void expect(byte[] b, int offset, int expected, String field) throws AttestationVerificationException {
        int actual = b[offset] & 0xff;
        if (actual != expected) {
            throw Failures.malformed(String.format(Locale.ROOT, "%s at offset %d is 0x%02x, expected 0x%02x", field,
                    offset, actual, expected));
        }
    }

    /** The 32-byte nonce of the request (the verifier's challenge). */
    byte[] requestNonce() {
        return Arrays.copyOfRange(bytes, 4, 4 + NONCE_LENGTH);
    }

    /** The 32-byte nonce the responder chose. */
    byte[] responderNonce() {
        return Arrays.copyOfRange(bytes, responderNonceOffset, responderNonceOffset + NONCE_LENGTH);
    }

    /** SPDM block index (1-based) to its digest (a copy), ascending. */
    Map<Integer, byte[]> blocks() {
        Map<Integer, byte[]> out = new TreeMap<>();
        blocks.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** The DMTF value type of a block (bits 6:0: 0 immutable ROM, 1 mutable firmware, ...). */
    int valueType(int index) {
        return valueTypes.get(index);
    }

    /** SHA-384 of the signed region (every byte before the signature). */
    byte[] signedDigest() {
        MessageDigest md = Digests.sha384();
        md.update(bytes, 0, signatureOffset);
        return md.digest();
    }

    BigInteger r() {
        return new BigInteger(1, Arrays.copyOfRange(bytes, signatureOffset, signatureOffset + SIGNATURE_LENGTH / 2));
    }

    BigInteger s() {
        return new BigInteger(1, Arrays.copyOfRange(bytes, signatureOffset + SIGNATURE_LENGTH / 2,
                signatureOffset + SIGNATURE_LENGTH));
    }
}
