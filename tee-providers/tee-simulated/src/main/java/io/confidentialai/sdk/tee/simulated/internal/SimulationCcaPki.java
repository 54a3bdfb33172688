package io.confidentialai.sdk.tee.simulated.internal;

import io.confidentialai.sdk.ConfidentialException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Arm CCA platform attestation key (CPAK): a P-384 key and a self-signed certificate holding its public
 * key ({@code CN=CSDK Simulated CCA Platform (CPAK)}, ecdsa-with-SHA384, valid 2020-01-01 to 2099-12-31). Real CCA
 * platforms have no certificate; the certificate only lets relying parties configure the CPAK as a simulation root
 * ({@code ConfidentialClient.Builder#insecureTrustSimulationRoot}), so that the Arm CCA provider verifies simulated
 * tokens with {@code hardware=false}.
 *
 * <p>Created at first use in the simulation root directory next to the other simulation PKIs and reused afterwards.
 * Creation holds a file lock on {@value #LOCK_FILE}; every file is written to a temporary file and moved into place
 * atomically, the key first; the private key is a PKCS#8 PEM file with permissions {@code rw-------} where the file
 * system is POSIX. Instances are immutable and thread-safe.
 */
final class SimulationCcaPki {
    private static final Logger log = LoggerFactory.getLogger(SimulationCcaPki.class);

    /** The simulated CPAK certificate (PEM): the simulation root that Arm CCA verifiers configure. */
    static final String CPAK_CERTIFICATE_FILE = "simulation-cca-cpak.pem";
    static final String CPAK_KEY_FILE = "simulation-cca-cpak.key";
    static final String LOCK_FILE = ".simulation-cca-pki.lock";
    static final String CPAK_NAME = "CN=CSDK Simulated CCA Platform (CPAK),OU=Simulation,O=Confidential SDK";
    static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2099-12-31T23:59:59Z");

    private static final int MAX_PEM_FILE_BYTES = 64 << 10;
    private static final Object JVM_LOCK = new Object();

    private final X509Certificate certificate;
    private final PrivateKey key;

    private SimulationCcaPki(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The self-signed certificate holding the CPAK public key. */
    X509Certificate certificate() {
        return certificate;
    }

    /** The CPAK private key (P-384). */
    PrivateKey key() {
        return key;
    }

    /**
     * Loads the simulated CPAK from {@code directory}, creating it first when it is missing.
     *
     * @throws ConfidentialException when the files cannot be created or read, or do not match
     */
    static SimulationCcaPki loadOrCreate(Path directory) {
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(directory);
                try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    FileLock lock = channel.lock();
                    try {
                        return loadOrCreateLocked(directory);
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new ConfidentialException("cannot create or read the simulated CCA platform key in " + directory,
                        e);
            } catch (GeneralSecurityException | OperatorCreationException | RuntimeException e) {
                throw new ConfidentialException("the simulated CCA platform key in " + directory + " is unusable; "
                        + "delete its simulation-cca-* files to create a new one", e);
            }
        }
    }

    private static SimulationCcaPki loadOrCreateLocked(Path dir)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        if (!Files.exists(dir.resolve(CPAK_CERTIFICATE_FILE))) {
            create(dir);
        }
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(readBounded(dir.resolve(CPAK_CERTIFICATE_FILE))));
        PrivateKey key = privateKey(dir.resolve(CPAK_KEY_FILE));
        cert.verify(cert.getPublicKey());
        if (!matches(key, cert.getPublicKey())) {
            throw new GeneralSecurityException(dir.resolve(CPAK_KEY_FILE) + " does not match "
                    + dir.resolve(CPAK_CERTIFICATE_FILE));
        }
        return new SimulationCcaPki(cert, key);
    }

    private static void create(Path dir) throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair kp = ec.generateKeyPair();
        BigInteger serial = new BigInteger(127, new SecureRandom()).setBit(120);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(CPAK_NAME), serial,
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), new X500Name(CPAK_NAME), kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(kp.getPrivate())));
        // the key first: a certificate on disk always has its key next to it
        write(dir.resolve(CPAK_KEY_FILE), pemBlock("PRIVATE KEY", kp.getPrivate().getEncoded()), true);
        write(dir.resolve(CPAK_CERTIFICATE_FILE), pemBlock("CERTIFICATE", cert.getEncoded()), false);
        log.info("created the simulated CCA platform key (CPAK) in {}", dir.resolve(CPAK_CERTIFICATE_FILE));
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String text = new String(readBounded(file), StandardCharsets.US_ASCII);
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

    private static boolean matches(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
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

    private static byte[] readBounded(Path file) throws IOException {
        if (Files.size(file) > MAX_PEM_FILE_BYTES) {
            throw new IOException(file + " is larger than " + MAX_PEM_FILE_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
    }

    private static void write(Path target, byte[] content, boolean secret) throws IOException {
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

    private static byte[] pemBlock(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
