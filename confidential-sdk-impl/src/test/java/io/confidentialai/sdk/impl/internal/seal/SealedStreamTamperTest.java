package io.confidentialai.sdk.impl.internal.seal;

import static io.confidentialai.sdk.impl.internal.seal.SealFixtures.CHUNK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SealedStreamTamperTest {
    private static final ReasonCode FORMAT = ReasonCode.SEALED_FORMAT_INVALID;
    private static final ReasonCode FAILED = DecryptionException.DECRYPTION_FAILED;
    private static final byte[] KEY = SealFixtures.key(1);
    private static final byte[] SALT = SealFixtures.counting(0x40, SealedFormat.SALT_LENGTH);
    /** Header of the files built by {@link #sealedThreeRecords()} and {@link SealFixtures.RawSealer}: name "raw". */
    private static final int HEADER = SealedFormat.FIXED_HEADER_LENGTH + 3;
    private static final int FULL_RECORD = SealedFormat.RECORD_PREFIX_LENGTH + CHUNK + SealedFormat.TAG_LENGTH;

    private static ReasonCode reasonOf(byte[] sealed) {
        return reasonOf(sealed, KEY);
    }

    private static ReasonCode reasonOf(byte[] sealed, byte[] key) {
        return assertThrows(DecryptionException.class, () -> SealFixtures.unseal(sealed, key)).reason();
    }

    /** Two full data records, one of 100 bytes, then the manifest. */
    private static byte[] plaintext() {
        return SealFixtures.random(9, 2 * CHUNK + 100);
    }

    private static byte[] sealedThreeRecords() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SealingOutputStream s = SealingOutputStream.withSalt(out, KEY, SealedFormat.KIND_DATASET, "raw", CHUNK, SALT)) {
            s.write(plaintext());
        }
        return out.toByteArray();
    }

    @Test
    void rawSealerMatchesTheSealingStream() throws Exception {
        byte[] p = plaintext();
        byte[] raw = new SealFixtures.RawSealer(KEY, CHUNK, SALT)
                .record(1, Arrays.copyOfRange(p, 0, CHUNK))
                .record(1, Arrays.copyOfRange(p, CHUNK, 2 * CHUNK))
                .record(1, Arrays.copyOfRange(p, 2 * CHUNK, p.length))
                .manifest(p.length, 3, SealFixtures.sha256(p))
                .toByteArray();
        assertThat(raw).isEqualTo(sealedThreeRecords());
        assertThat(SealFixtures.unseal(raw, KEY)).isEqualTo(p);
    }

    @Test
    void wrongKeyFailsBeforeAnyRecord() throws Exception {
        byte[] sealed = sealedThreeRecords();
        assertThat(reasonOf(sealed, SealFixtures.key(2))).isEqualTo(FAILED);
        // only the header is needed to detect it
        byte[] headerOnly = Arrays.copyOf(sealed, HEADER);
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> UnsealingInputStream.open(new ByteArrayInputStream(headerOnly), SealFixtures.key(2), CHUNK));
        assertThat(e.reason()).isEqualTo(FAILED);
    }

    @Test
    void everyFlippedByteIsDetected() throws Exception {
        byte[] sealed = sealedThreeRecords();
        for (int mask : new int[] {0x01, 0x80, 0xFF}) {
            for (int i = 0; i < sealed.length; i++) {
                byte[] bad = sealed.clone();
                bad[i] ^= (byte) mask;
                int position = i;
                ReasonCode reason = reasonOf(bad);
                assertThat(reason).as("flip 0x%02x at %d", mask, position).isIn(FORMAT, FAILED);
                if (position >= HEADER && isCiphertextOrTag(position, sealed.length)) {
                    assertThat(reason).as("flip in ciphertext at %d", position).isEqualTo(FAILED);
                }
            }
        }
    }

    private static boolean isCiphertextOrTag(int position, int length) {
        int manifestStart = length - (SealedFormat.RECORD_PREFIX_LENGTH + SealedFormat.MANIFEST_LENGTH + SealedFormat.TAG_LENGTH);
        int[] starts = {HEADER, HEADER + FULL_RECORD, HEADER + 2 * FULL_RECORD, manifestStart};
        for (int start : starts) {
            if (position >= start && position < start + SealedFormat.RECORD_PREFIX_LENGTH) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyTruncationIsDetected() throws Exception {
        byte[] sealed = sealedThreeRecords();
        for (int length = 0; length < sealed.length; length++) {
            byte[] cut = Arrays.copyOf(sealed, length);
            assertThat(reasonOf(cut)).as("truncated to %d", length).isIn(FORMAT, FAILED);
        }
        // truncation at a record boundary is a framing error, not a tag failure
        assertThat(reasonOf(Arrays.copyOf(sealed, HEADER + 2 * FULL_RECORD))).isEqualTo(FORMAT);
        assertThat(reasonOf(Arrays.copyOf(sealed, HEADER))).isEqualTo(FORMAT);
        assertThat(reasonOf(Arrays.copyOf(sealed, HEADER + 2 * FULL_RECORD + SealedFormat.RECORD_PREFIX_LENGTH + 100
                + SealedFormat.TAG_LENGTH))).isEqualTo(FORMAT);
    }

    @Test
    void swappedDataRecordsAreDetected() throws Exception {
        byte[] sealed = sealedThreeRecords();
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, HEADER, swapped, HEADER + FULL_RECORD, FULL_RECORD);
        System.arraycopy(sealed, HEADER + FULL_RECORD, swapped, HEADER, FULL_RECORD);
        assertThat(reasonOf(swapped)).isEqualTo(FAILED);
    }

    @Test
    void duplicatedOrDroppedRecordsAreDetected() throws Exception {
        byte[] sealed = sealedThreeRecords();
        ByteArrayOutputStream dup = new ByteArrayOutputStream();
        dup.write(sealed, 0, HEADER + FULL_RECORD);
        dup.write(sealed, HEADER, FULL_RECORD);
        dup.write(sealed, HEADER + FULL_RECORD, sealed.length - HEADER - FULL_RECORD);
        assertThat(reasonOf(dup.toByteArray())).isEqualTo(FAILED);

        ByteArrayOutputStream dropped = new ByteArrayOutputStream();
        dropped.write(sealed, 0, HEADER);
        dropped.write(sealed, HEADER + FULL_RECORD, sealed.length - HEADER - FULL_RECORD);
        assertThat(reasonOf(dropped.toByteArray())).isEqualTo(FAILED);

        int manifestLength = SealedFormat.RECORD_PREFIX_LENGTH + SealedFormat.MANIFEST_LENGTH + SealedFormat.TAG_LENGTH;
        ByteArrayOutputStream twoManifests = new ByteArrayOutputStream();
        twoManifests.write(sealed, 0, sealed.length);
        twoManifests.write(sealed, sealed.length - manifestLength, manifestLength);
        assertThat(reasonOf(twoManifests.toByteArray())).isEqualTo(FORMAT);
    }

    @Test
    void appendedBytesAreDetected() throws Exception {
        byte[] sealed = sealedThreeRecords();
        assertThat(reasonOf(Arrays.copyOf(sealed, sealed.length + 1))).isEqualTo(FORMAT);
        byte[] empty = SealFixtures.seal(KEY, new byte[0], CHUNK);
        assertThat(reasonOf(Arrays.copyOf(empty, empty.length + 1))).isEqualTo(FORMAT);
    }

    @Test
    void oversizedLengthFieldsFailCleanly() throws Exception {
        byte[] sealed = sealedThreeRecords();
        for (int length : new int[] {-1, Integer.MAX_VALUE, CHUNK + 1, SealedFormat.MAX_CHUNK_SIZE, 0}) {
            byte[] bad = sealed.clone();
            SealedFormat.putInt(bad, HEADER + 1, length);
            assertThat(reasonOf(bad)).as("length %d", length).isEqualTo(FORMAT);
        }
        // the manifest length is fixed
        byte[] bad = sealed.clone();
        SealedFormat.putInt(bad, sealed.length - SealedFormat.MANIFEST_LENGTH - SealedFormat.TAG_LENGTH - 4, -1);
        assertThat(reasonOf(bad)).isEqualTo(FORMAT);
    }

    @Test
    void malformedHeadersFailCleanly() throws Exception {
        byte[] sealed = sealedThreeRecords();
        byte[] b = sealed.clone();
        b[0] = 'X';
        assertThat(reasonOf(b)).isEqualTo(FORMAT);
        b = sealed.clone();
        b[SealedFormat.OFFSET_VERSION] = 2;
        assertThat(reasonOf(b)).isEqualTo(FORMAT);
        for (int kind : new int[] {0, 4, 255}) {
            b = sealed.clone();
            b[SealedFormat.OFFSET_KIND] = (byte) kind;
            assertThat(reasonOf(b)).isEqualTo(FORMAT);
        }
        for (int chunk : new int[] {0, 1, CHUNK / 2, CHUNK + 1, 3 * CHUNK, SealedFormat.MAX_CHUNK_SIZE * 2, -1, Integer.MIN_VALUE}) {
            b = sealed.clone();
            SealedFormat.putInt(b, SealedFormat.OFFSET_CHUNK_SIZE, chunk);
            assertThat(reasonOf(b)).as("chunk size %d", chunk).isEqualTo(FORMAT);
        }
        for (int nameLength : new int[] {256, 0xFFFF}) {
            b = sealed.clone();
            b[SealedFormat.OFFSET_NAME_LENGTH] = (byte) (nameLength >>> 8);
            b[SealedFormat.OFFSET_NAME_LENGTH + 1] = (byte) nameLength;
            assertThat(reasonOf(b)).as("name length %d", nameLength).isEqualTo(FORMAT);
        }
        b = sealed.clone();
        b[SealedFormat.FIXED_HEADER_LENGTH] = (byte) 0xC3; // a lone UTF-8 lead byte
        assertThat(reasonOf(b)).isEqualTo(FORMAT);
    }

    @Test
    void chunkSizeAboveTheReadersLimitIsRejected() throws Exception {
        byte[] sealed = SealFixtures.seal(KEY, new byte[10], 2 * CHUNK);
        assertThat(assertThrows(DecryptionException.class, () -> SealFixtures.unseal(sealed, KEY, CHUNK)).reason()).isEqualTo(FORMAT);
        assertThat(SealFixtures.unseal(sealed, KEY, 2 * CHUNK)).hasSize(10);
        assertThatThrownBy(() -> UnsealingInputStream.open(new ByteArrayInputStream(sealed), KEY, CHUNK - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomGarbageFailsCleanly() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = SealFixtures.random(i, random.nextInt(3 * CHUNK));
            if (i % 2 == 0 && garbage.length >= SealedFormat.FIXED_HEADER_LENGTH) {
                // a plausible header start, so that the garbage reaches deeper checks
                System.arraycopy(SealedFormat.MAGIC, 0, garbage, 0, 8);
                garbage[SealedFormat.OFFSET_VERSION] = 1;
                garbage[SealedFormat.OFFSET_KIND] = 1;
                SealedFormat.putInt(garbage, SealedFormat.OFFSET_CHUNK_SIZE, CHUNK);
                garbage[SealedFormat.OFFSET_NAME_LENGTH] = 0;
                garbage[SealedFormat.OFFSET_NAME_LENGTH + 1] = 0;
                if (i % 4 == 0) {
                    System.arraycopy(SealedFormat.keyId(KEY), 0, garbage, SealedFormat.OFFSET_KEY_ID, SealedFormat.KEY_ID_LENGTH);
                }
            }
            assertThat(reasonOf(garbage)).isIn(FORMAT, FAILED);
        }
    }

    @Test
    void shortDataRecordMustBeTheLast() throws Exception {
        byte[] a = new byte[100];
        byte[] b = new byte[CHUNK];
        byte[] bad = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, a).record(1, b)
                .manifest(a.length + b.length, 2, SealFixtures.sha256(a, b)).toByteArray();
        assertThat(reasonOf(bad)).isEqualTo(FORMAT);
        byte[] twoShort = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, a).record(1, a)
                .manifest(200, 2, SealFixtures.sha256(a, a)).toByteArray();
        assertThat(reasonOf(twoShort)).isEqualTo(FORMAT);
    }

    @Test
    void authenticRecordsThatBreakTheFramingAreRejected() throws Exception {
        byte[] empty = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, new byte[0])
                .manifest(0, 1, SealFixtures.sha256()).toByteArray();
        assertThat(reasonOf(empty)).isEqualTo(FORMAT);
        byte[] oversized = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, new byte[CHUNK + 1])
                .manifest(CHUNK + 1, 1, SealFixtures.sha256(new byte[CHUNK + 1])).toByteArray();
        assertThat(reasonOf(oversized)).isEqualTo(FORMAT);
        byte[] unknownType = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(3, new byte[10])
                .manifest(0, 0, SealFixtures.sha256()).toByteArray();
        assertThat(reasonOf(unknownType)).isEqualTo(FORMAT);
        byte[] shortManifest = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(2, new byte[47]).toByteArray();
        assertThat(reasonOf(shortManifest)).isEqualTo(FORMAT);
        byte[] noManifest = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, new byte[10]).toByteArray();
        assertThat(reasonOf(noManifest)).isEqualTo(FORMAT);
        // a data record marked with the manifest's type byte in its nonce
        byte[] wrongNonceType = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(2, new byte[48]).toByteArray();
        wrongNonceType[HEADER] = 1;
        assertThat(reasonOf(wrongNonceType)).isEqualTo(FAILED);
        // an authentic record at the wrong index
        byte[] wrongIndex = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, 1, new byte[10])
                .manifest(10, 1, SealFixtures.sha256(new byte[10])).toByteArray();
        assertThat(reasonOf(wrongIndex)).isEqualTo(FAILED);
    }

    @Test
    void manifestMustMatchWhatWasDecrypted() throws Exception {
        byte[] a = SealFixtures.random(1, 100);
        byte[] good = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, a).manifest(100, 1, SealFixtures.sha256(a)).toByteArray();
        assertThat(SealFixtures.unseal(good, KEY)).isEqualTo(a);
        byte[] size = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, a).manifest(99, 1, SealFixtures.sha256(a)).toByteArray();
        assertThat(reasonOf(size)).isEqualTo(FORMAT);
        byte[] count = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, a).manifest(100, 2, SealFixtures.sha256(a)).toByteArray();
        assertThat(reasonOf(count)).isEqualTo(FORMAT);
        byte[] hash = new SealFixtures.RawSealer(KEY, CHUNK, SALT).record(1, a).manifest(100, 1, SealFixtures.sha256(a, a)).toByteArray();
        assertThat(reasonOf(hash)).isEqualTo(FORMAT);
    }

    @Test
    void plaintextIsReleasedOnlyAfterItsTagVerifies() throws Exception {
        byte[] sealed = sealedThreeRecords();
        byte[] bad = sealed.clone();
        bad[HEADER + FULL_RECORD - 1] ^= 1; // last tag byte of record 0
        try (UnsealingInputStream in = UnsealingInputStream.open(new ByteArrayInputStream(bad), KEY, CHUNK)) {
            byte[] buffer = new byte[CHUNK];
            IOException e = assertThrows(IOException.class, () -> in.read(buffer));
            assertThat(e).isInstanceOf(SealedStreamException.class);
            assertThat(UnsealingInputStream.unwrap(e).reason()).isEqualTo(FAILED);
            assertThat(buffer).containsOnly(0);
            // the failure sticks
            IOException again = assertThrows(IOException.class, in::read);
            assertThat(UnsealingInputStream.unwrap(again).reason()).isEqualTo(FAILED);
            assertThatThrownBy(in::plaintextSha256).isInstanceOf(IllegalStateException.class);
            assertThat(in.isComplete()).isFalse();
        }
    }

    @Test
    void lateFailureComesAfterEarlierPlaintext() throws Exception {
        byte[] sealed = sealedThreeRecords();
        byte[] cut = Arrays.copyOf(sealed, sealed.length - 1);
        try (UnsealingInputStream in = UnsealingInputStream.open(new ByteArrayInputStream(cut), KEY, CHUNK)) {
            assertThat(in.readNBytes(2 * CHUNK + 100)).isEqualTo(plaintext());
            IOException e = assertThrows(IOException.class, in::read);
            assertThat(UnsealingInputStream.unwrap(e).reason()).isEqualTo(FORMAT);
            assertThat(in.isComplete()).isFalse();
        }
    }

    @Test
    void plainIoErrorsAreNotDecryptionFailures() throws Exception {
        byte[] sealed = sealedThreeRecords();
        InputStream failing = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position >= HEADER + 10) {
                    throw new IOException("connection reset");
                }
                return sealed[position++] & 0xFF;
            }
        };
        try (UnsealingInputStream in = UnsealingInputStream.open(failing, KEY, CHUNK)) {
            IOException e = assertThrows(IOException.class, in::read);
            assertThat(e).isNotInstanceOf(SealedStreamException.class);
            assertThat(UnsealingInputStream.unwrap(e)).isNull();
            assertThrows(IOException.class, in::read);
        }
    }
}
