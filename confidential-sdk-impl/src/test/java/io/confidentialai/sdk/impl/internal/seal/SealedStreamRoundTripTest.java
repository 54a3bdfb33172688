package io.confidentialai.sdk.impl.internal.seal;

import static io.confidentialai.sdk.impl.internal.seal.SealFixtures.CHUNK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SealedStreamRoundTripTest {
    private static final byte[] KEY = SealFixtures.key(1);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17})
    void roundTripsChunkEdges(int size) throws Exception {
        roundTrip(SealFixtures.random(size, size), CHUNK, new Random(size));
    }

    @Test
    void roundTripsRandomSizes() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 30; i++) {
            int size = random.nextInt(6 * CHUNK);
            roundTrip(SealFixtures.random(i, size), CHUNK, random);
        }
    }

    @Test
    void roundTripsWithLargerChunks() throws Exception {
        roundTrip(SealFixtures.random(7, 3 * 65536 + 5), 65536, new Random(7));
        roundTrip(SealFixtures.random(8, 100), SealedFormat.DEFAULT_CHUNK_SIZE, new Random(8));
    }

    /** Seals with random write sizes, checks the reported values and the sealed length, then unseals. */
    private static void roundTrip(byte[] plaintext, int chunkSize, Random random) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> progress = new ArrayList<>();
        SealingOutputStream sealer = new SealingOutputStream(out, KEY, SealedFormat.KIND_MODEL, "model/weights.bin", chunkSize,
                new SecureRandom(), false, progress::add);
        for (int off = 0; off < plaintext.length; ) {
            int n = random.nextInt(4) == 0 ? 1 : Math.min(plaintext.length - off, 1 + random.nextInt(2 * chunkSize));
            if (n == 1) {
                sealer.write(plaintext[off]);
            } else {
                sealer.write(plaintext, off, n);
            }
            off += n;
        }
        sealer.close();
        byte[] sealed = out.toByteArray();

        int fullRecords = plaintext.length / chunkSize;
        int tail = plaintext.length % chunkSize;
        long expectedSize = SealedFormat.FIXED_HEADER_LENGTH + "model/weights.bin".length()
                + (long) fullRecords * (SealedFormat.RECORD_PREFIX_LENGTH + chunkSize + SealedFormat.TAG_LENGTH)
                + (tail == 0 ? 0 : SealedFormat.RECORD_PREFIX_LENGTH + tail + SealedFormat.TAG_LENGTH)
                + SealedFormat.RECORD_PREFIX_LENGTH + SealedFormat.MANIFEST_LENGTH + SealedFormat.TAG_LENGTH;
        assertThat(sealed).hasSize((int) expectedSize);
        assertThat(sealer.sealedSize()).isEqualTo(expectedSize);
        assertThat(sealer.sealedSha256()).isEqualTo(SealFixtures.sha256(sealed));
        assertThat(sealer.sealedDigest().toHex()).hasSize(64);
        assertThat(sealer.plaintextSize()).isEqualTo(plaintext.length);
        assertThat(sealer.plaintextSha256()).isEqualTo(SealFixtures.sha256(plaintext));
        assertThat(sealer.plaintextDigest().toByteArray()).isEqualTo(SealFixtures.sha256(plaintext));
        assertThat(progress).hasSize(fullRecords + (tail == 0 ? 0 : 1));
        if (!progress.isEmpty()) {
            assertThat(progress.get(progress.size() - 1)).isEqualTo(plaintext.length);
        }

        try (UnsealingInputStream in = UnsealingInputStream.open(new ByteArrayInputStream(sealed), KEY, SealedFormat.MAX_CHUNK_SIZE)) {
            assertThat(in.kind()).isEqualTo(SealedFormat.KIND_MODEL);
            assertThat(in.name()).isEqualTo("model/weights.bin");
            assertThat(in.chunkSize()).isEqualTo(chunkSize);
            assertThat(in.keyId()).isEqualTo(SealedFormat.keyId(KEY)).isEqualTo(sealer.keyId());
            assertThat(in.isComplete()).isFalse();
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
            assertThat(in.isComplete()).isTrue();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.plaintextSize()).isEqualTo(plaintext.length);
            assertThat(in.plaintextSha256()).isEqualTo(SealFixtures.sha256(plaintext));
            assertThat(in.plaintextDigest()).isEqualTo(sealer.plaintextDigest());
        }
    }

    @Test
    void singleByteReadsAndSkip() throws Exception {
        byte[] plaintext = SealFixtures.random(3, 2 * CHUNK + 10);
        byte[] sealed = SealFixtures.seal(KEY, plaintext, CHUNK);
        try (UnsealingInputStream in = UnsealingInputStream.open(new ByteArrayInputStream(sealed), KEY, CHUNK)) {
            for (int i = 0; i < 10; i++) {
                assertThat(in.read()).isEqualTo(plaintext[i] & 0xFF);
            }
            assertThat(in.skip(CHUNK)).isEqualTo(CHUNK);
            assertThat(in.read()).isEqualTo(plaintext[CHUNK + 10] & 0xFF);
            assertThat(in.read(new byte[0], 0, 0)).isZero();
            byte[] rest = in.readAllBytes();
            assertThat(rest).hasSize(CHUNK - 1).isEqualTo(java.util.Arrays.copyOfRange(plaintext, CHUNK + 11, plaintext.length));
            assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
        }
    }

    @Test
    void sealsEachRecordWithAFreshSalt() {
        byte[] plaintext = SealFixtures.random(4, 100);
        byte[] a = SealFixtures.seal(KEY, plaintext, CHUNK);
        byte[] b = SealFixtures.seal(KEY, plaintext, CHUNK);
        assertThat(a).hasSameSizeAs(b).isNotEqualTo(b);
    }

    @Test
    void closeLeavesUnderlyingOpenUnlessAsked() throws IOException {
        ClosingTracker left = new ClosingTracker();
        new SealingOutputStream(left, KEY, SealedFormat.KIND_DATASET, "", CHUNK, new SecureRandom()).close();
        assertThat(left.closed).isFalse();
        assertThat(left.flushed).isTrue();

        ClosingTracker closed = new ClosingTracker();
        SealingOutputStream s = new SealingOutputStream(closed, KEY, SealedFormat.KIND_DATASET, "", CHUNK, new SecureRandom(), true, null);
        s.close();
        s.close();
        assertThat(closed.closed).isTrue();
        assertThat(closed.bytes.size()).isEqualTo(SealedFormat.FIXED_HEADER_LENGTH + SealedFormat.RECORD_PREFIX_LENGTH
                + SealedFormat.MANIFEST_LENGTH + SealedFormat.TAG_LENGTH);
    }

    @Test
    void sealerRejectsMisuse() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecureRandom r = new SecureRandom();
        assertThatThrownBy(() -> new SealingOutputStream(out, new byte[31], 1, "", CHUNK, r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealingOutputStream(out, KEY, 0, "", CHUNK, r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealingOutputStream(out, KEY, 4, "", CHUNK, r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealingOutputStream(out, KEY, 1, "", CHUNK + 1, r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealingOutputStream(out, KEY, 1, "", CHUNK / 2, r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealingOutputStream(out, KEY, 1, "", SealedFormat.MAX_CHUNK_SIZE * 2, r))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealingOutputStream(out, KEY, 1, "x".repeat(256), CHUNK, r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealingOutputStream(out, KEY, 1, "\u00e9".repeat(128), CHUNK, r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealingOutputStream(out, KEY, 1, "\ud800", CHUNK, r)).isInstanceOf(IllegalArgumentException.class);
        new SealingOutputStream(out, KEY, 1, "x".repeat(255), CHUNK, r).close();

        SealingOutputStream s = new SealingOutputStream(out, KEY, 1, "", CHUNK, r);
        assertThatThrownBy(s::plaintextSize).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(s::sealedSha256).isInstanceOf(IllegalStateException.class);
        s.write(1);
        s.close();
        assertThatThrownBy(() -> s.write(1)).isInstanceOf(IOException.class);
        assertThatThrownBy(s::flush).isInstanceOf(IOException.class);
        assertThat(s.plaintextSize()).isEqualTo(1);
    }

    @Test
    void failedUnderlyingWriteLeavesNoResults() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        SealingOutputStream s = new SealingOutputStream(broken, KEY, 1, "", CHUNK, new SecureRandom());
        assertThatThrownBy(() -> s.write(new byte[CHUNK])).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> s.write(1)).isInstanceOf(IOException.class);
        assertThatThrownBy(s::close).isInstanceOf(IOException.class);
        assertThatThrownBy(s::sealedSha256).isInstanceOf(IllegalStateException.class);
    }

    private static final class ClosingTracker extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean closed;
        boolean flushed;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
