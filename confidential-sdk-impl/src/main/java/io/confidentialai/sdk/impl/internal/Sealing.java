package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.AssetKind;
import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.impl.internal.seal.SealedFormat;
import io.confidentialai.sdk.impl.internal.seal.SealingOutputStream;
import io.confidentialai.sdk.impl.internal.seal.UnsealingInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.function.LongConsumer;

/**
 * The engine's entry to the sealed format: kinds, chunk size and read limits in one place. This class is
 * internal and is not meant to be used by applications; it may change at any time.
 */
final class Sealing {
    /** The largest chunk size a reader accepts; it bounds the memory one open sealed stream can take. */
    static final int MAX_READ_CHUNK = 4 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sealing() {}

    static Writer newWriter(OutputStream out, byte[] key, AssetKind kind, String name, LongConsumer progress) {
        int code = switch (kind) {
            case DATASET -> SealedFormat.KIND_DATASET;
            case MODEL -> SealedFormat.KIND_MODEL;
            case RESULT -> SealedFormat.KIND_RESULT_OUTPUT;
        };
        return new Writer(new SealingOutputStream(out, key, code, name, SealedFormat.DEFAULT_CHUNK_SIZE, RANDOM, false, progress));
    }

    /** Opens a plaintext stream over sealed bytes; closing it closes {@code in}. */
    static InputStream open(InputStream in, byte[] key) throws DecryptionException, IOException {
        try {
            return UnsealingInputStream.open(in, key, MAX_READ_CHUNK);
        } catch (DecryptionException | IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Returns the plaintext digest of a fully read stream from {@link #open}. */
    static Digest plaintextDigest(InputStream unsealed) {
        return ((UnsealingInputStream) unsealed).plaintextDigest();
    }

    /** Returns the authentication failure behind an I/O exception from a sealed stream, or null. */
    static DecryptionException decryptionFailure(IOException e) {
        return UnsealingInputStream.unwrap(e);
    }

    static DigestingInput digesting(InputStream in) {
        return new DigestingInput(in);
    }

    /** A sealing stream plus the digests it computed. */
    static final class Writer {
        private final SealingOutputStream stream;

        Writer(SealingOutputStream stream) {
            this.stream = stream;
        }

        OutputStream stream() {
            return stream;
        }

        void write(byte[] b, int off, int len) throws IOException {
            stream.write(b, off, len);
        }

        void close() throws IOException {
            stream.close();
        }

        Digest sealedDigest() {
            return stream.sealedDigest();
        }

        long sealedSize() {
            return stream.sealedSize();
        }

        Digest plaintextDigest() {
            return stream.plaintextDigest();
        }

        long plaintextSize() {
            return stream.plaintextSize();
        }
    }

    /** Hashes the sealed bytes as they are read. */
    static final class DigestingInput extends FilterInputStream {
        private final MessageDigest md = FileDigests.sha256();

        DigestingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                md.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                md.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        Digest digest() {
            return Digest.ofSha256(md.digest());
        }
    }
}
