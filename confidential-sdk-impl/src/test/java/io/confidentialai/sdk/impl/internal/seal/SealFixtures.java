package io.confidentialai.sdk.impl.internal.seal;

import io.confidentialai.sdk.DecryptionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Shared helpers for the sealed-format tests. */
final class SealFixtures {
    static final int CHUNK = SealedFormat.MIN_CHUNK_SIZE;

    private SealFixtures() {
    }

    static byte[] key(int seed) {
        byte[] key = new byte[SealedFormat.KEY_LENGTH];
        new Random(seed).nextBytes(key);
        return key;
    }

    static byte[] counting(int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    static byte[] random(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] seal(byte[] key, byte[] plaintext, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SealingOutputStream s = new SealingOutputStream(out, key, SealedFormat.KIND_DATASET, "test.bin", chunkSize, new SecureRandom())) {
            s.write(plaintext);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] unseal(byte[] sealed, byte[] key) throws DecryptionException {
        return unseal(sealed, key, SealedFormat.MAX_CHUNK_SIZE);
    }

    static byte[] unseal(byte[] sealed, byte[] key, int maxChunkSize) throws DecryptionException {
        try (UnsealingInputStream in = UnsealingInputStream.open(new ByteArrayInputStream(sealed), key, maxChunkSize)) {
            byte[] plaintext = in.readAllBytes();
            if (!in.isComplete()) {
                throw new AssertionError("end of stream without a complete verification");
            }
            return plaintext;
        } catch (IOException e) {
            DecryptionException d = UnsealingInputStream.unwrap(e);
            if (d != null) {
                throw d;
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Offset where record {@code index} starts in a file of full chunks (before any short record). */
    static int recordOffset(int headerLength, int chunkSize, int index) {
        return headerLength + index * (SealedFormat.RECORD_PREFIX_LENGTH + chunkSize + SealedFormat.TAG_LENGTH);
    }

    /** Writes records by hand, so tests can build files the sealing stream never writes. */
    static final class RawSealer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final SecretKeySpec fileKey;
        private long index;

        RawSealer(byte[] key, int chunkSize, byte[] salt) {
            byte[] header = SealedFormat.header(SealedFormat.KIND_DATASET, SealedFormat.keyId(key), chunkSize, salt, SealedFormat.encodeName("raw"));
            fileKey = SealedFormat.fileKey(key, salt, header);
            out.writeBytes(header);
        }

        RawSealer record(int type, byte[] plaintext) {
            return record(type, index, plaintext);
        }

        RawSealer record(int type, long nonceIndex, byte[] plaintext) {
            byte[] nonce = new byte[SealedFormat.NONCE_LENGTH];
            byte[] aad = new byte[SealedFormat.AAD_LENGTH];
            SealedFormat.nonce(nonce, nonceIndex, type);
            SealedFormat.aad(aad, type, nonceIndex, plaintext.length);
            byte[] sealed;
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, fileKey, new GCMParameterSpec(128, nonce));
                c.updateAAD(aad);
                sealed = c.doFinal(plaintext);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            byte[] prefix = new byte[SealedFormat.RECORD_PREFIX_LENGTH];
            prefix[0] = (byte) type;
            SealedFormat.putInt(prefix, 1, plaintext.length);
            out.writeBytes(prefix);
            out.writeBytes(sealed);
            index++;
            return this;
        }

        RawSealer manifest(long size, long count, byte[] sha256) {
            byte[] m = new byte[SealedFormat.MANIFEST_LENGTH];
            SealedFormat.putLong(m, 0, size);
            SealedFormat.putLong(m, 8, count);
            System.arraycopy(sha256, 0, m, 16, 32);
            return record(SealedFormat.RECORD_MANIFEST, m);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    static byte[] sha256(byte[]... parts) {
        var md = SealedFormat.sha256();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }
}
