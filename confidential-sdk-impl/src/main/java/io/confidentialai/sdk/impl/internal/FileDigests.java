package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Streaming SHA-256 of files. This class is internal and is not meant to be used by applications. */
final class FileDigests {
    private FileDigests() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static Digest of(Path file) {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new TransportException("cannot read " + file.getFileName(), e, false);
        }
        return Digest.ofSha256(md.digest());
    }
}
