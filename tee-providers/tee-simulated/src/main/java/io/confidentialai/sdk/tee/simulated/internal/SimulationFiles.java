package io.confidentialai.sdk.tee.simulated.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * File helpers of the simulated PKIs: bounded reads, atomic writes (temporary file, then an atomic move; private keys
 * {@code rw-------} where the file system is POSIX), PEM encoding and a key/certificate match check. Stateless and
 * thread-safe.
 */
final class SimulationFiles {
    /** The largest PEM file read from the simulation root directory. */
    static final int MAX_PEM_FILE_BYTES = 64 << 10;

    private SimulationFiles() {}

    static byte[] readBounded(Path file, int maxBytes) throws IOException {
        if (Files.size(file) > maxBytes) {
            throw new IOException(file + " is larger than " + maxBytes + " bytes");
        }
        return Files.readAllBytes(file);
    }

    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(readBounded(file, MAX_PEM_FILE_BYTES)));
    }

    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String text = new String(readBounded(file, MAX_PEM_FILE_BYTES), StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException(file + " is not a PKCS#8 PEM private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** Whether {@code key} signs what {@code publicKey} verifies (EC keys). */
    static boolean matches(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "csdk simulation key probe".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("SHA384withECDSA");
        s.initSign(key);
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA384withECDSA");
        v.initVerify(publicKey);
        v.update(probe);
        return v.verify(sig);
    }

    /** Writes {@code content} to a temporary file next to {@code target} and moves it into place atomically. */
    static void writeAtomically(Path target, byte[] content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        String prefix = "." + target.getFileName() + ".";
        Path tmp = posix
                ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, prefix, ".tmp");
        try {
            Files.write(tmp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            if (posix) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static byte[] pemBlock(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static String pem(X509Certificate cert) {
        try {
            return new String(pemBlock("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a simulation certificate", e);
        }
    }
}
