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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
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
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulation PKI: root CA → "PCK Platform CA" → "PCK certificate", all P-256 with ecdsa-with-SHA256, valid from
 * 2020-01-01 to 2099-12-31, shaped like Intel's so that the real TDX verifier runs its full chain path.
 *
 * <p>Created at first use in the simulation root directory and reused afterwards. Creation holds a file lock on
 * {@value #LOCK_FILE} (so two JVMs racing on one directory create one PKI), and every file is written to a temporary
 * file and moved into place atomically. Private keys are PKCS#8 PEM files with permissions {@code rw-------} where the
 * file system is POSIX. Instances are immutable and thread-safe.
 */
final class SimulationPki {
    private static final Logger log = LoggerFactory.getLogger(SimulationPki.class);

    /** The simulation root certificate (PEM), the trust anchor that tools and verifiers configure. */
    static final String ROOT_CERTIFICATE_FILE = "simulation-root.pem";
    static final String ROOT_KEY_FILE = "simulation-root.key";
    static final String PLATFORM_CA_CERTIFICATE_FILE = "simulation-pck-platform-ca.pem";
    static final String PLATFORM_CA_KEY_FILE = "simulation-pck-platform-ca.key";
    static final String PCK_CERTIFICATE_FILE = "simulation-pck.pem";
    static final String PCK_KEY_FILE = "simulation-pck.key";
    static final String LOCK_FILE = ".simulation-pki.lock";

    static final String ROOT_NAME = "CN=CSDK Simulation Root CA";
    static final String PLATFORM_CA_NAME = "CN=CSDK Simulated PCK Platform CA";
    static final String PCK_NAME = "CN=CSDK Simulated PCK Certificate";
    static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2099-12-31T23:59:59Z");

    /** Intel SGX PCK certificate extension and its sub-OIDs (the FMSPC is .4). */
    static final String SGX_EXTENSION_OID = "1.2.840.113741.1.13.1";
    static final int FMSPC_LENGTH = 6;
    private static final int MAX_PEM_FILE_BYTES = 64 << 10;
    private static final Object JVM_LOCK = new Object();

    private final X509Certificate root;
    private final PrivateKey rootKey;
    private final X509Certificate platformCa;
    private final X509Certificate pck;
    private final PrivateKey pckKey;

    private SimulationPki(X509Certificate root, PrivateKey rootKey, X509Certificate platformCa, X509Certificate pck,
            PrivateKey pckKey) {
        this.root = root;
        this.rootKey = rootKey;
        this.platformCa = platformCa;
        this.pck = pck;
        this.pckKey = pckKey;
    }

    X509Certificate root() {
        return root;
    }

    /** The root CA's private key, for the other simulated PKIs that chain to this root (the simulated GPUs). */
    PrivateKey rootKey() {
        return rootKey;
    }

    X509Certificate pck() {
        return pck;
    }

    PrivateKey pckKey() {
        return pckKey;
    }

    /** The chain as it appears in certification data type 5: PCK, platform CA, root, PEM, NUL-terminated. */
    byte[] chainPem() {
        String text = pem(pck) + pem(platformCa) + pem(root) + "\0";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Loads the simulation PKI from {@code directory}, creating the missing parts first.
     *
     * @throws ConfidentialException when the files cannot be created or read, or do not form a consistent PKI
     */
    static SimulationPki loadOrCreate(Path directory) {
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
                throw new ConfidentialException("cannot create or read the simulation PKI in " + directory, e);
            } catch (GeneralSecurityException | OperatorCreationException e) {
                throw new ConfidentialException("the simulation PKI in " + directory + " is unusable; delete its "
                        + "simulation-* files to create a new one", e);
            }
        }
    }

    private static SimulationPki loadOrCreateLocked(Path dir)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        boolean created = false;
        KeyAndCert root;
        if (Files.exists(dir.resolve(ROOT_CERTIFICATE_FILE))) {
            root = load(dir, ROOT_CERTIFICATE_FILE, ROOT_KEY_FILE);
        } else {
            KeyPair kp = newKeyPair();
            X509Certificate cert = issue(ROOT_NAME, kp.getPublic(), ROOT_NAME, kp, Role.ROOT);
            root = store(dir, ROOT_CERTIFICATE_FILE, ROOT_KEY_FILE, kp.getPrivate(), cert);
            created = true;
            log.info("created simulation root CA in {} (SHA-256 {})", dir.resolve(ROOT_CERTIFICATE_FILE),
                    sha256Hex(cert.getEncoded()));
        }
        KeyAndCert ca;
        if (!created && Files.exists(dir.resolve(PLATFORM_CA_CERTIFICATE_FILE))) {
            ca = load(dir, PLATFORM_CA_CERTIFICATE_FILE, PLATFORM_CA_KEY_FILE);
        } else {
            KeyPair kp = newKeyPair();
            X509Certificate cert = issue(PLATFORM_CA_NAME, kp.getPublic(), ROOT_NAME,
                    new KeyPair(root.cert.getPublicKey(), root.key), Role.PLATFORM_CA);
            ca = store(dir, PLATFORM_CA_CERTIFICATE_FILE, PLATFORM_CA_KEY_FILE, kp.getPrivate(), cert);
            created = true;
        }
        KeyAndCert leaf;
        if (!created && Files.exists(dir.resolve(PCK_CERTIFICATE_FILE))) {
            leaf = load(dir, PCK_CERTIFICATE_FILE, PCK_KEY_FILE);
        } else {
            KeyPair kp = newKeyPair();
            X509Certificate cert = issue(PCK_NAME, kp.getPublic(), PLATFORM_CA_NAME,
                    new KeyPair(ca.cert.getPublicKey(), ca.key), Role.PCK);
            leaf = store(dir, PCK_CERTIFICATE_FILE, PCK_KEY_FILE, kp.getPrivate(), cert);
        }
        root.cert.verify(root.cert.getPublicKey());
        ca.cert.verify(root.cert.getPublicKey());
        leaf.cert.verify(ca.cert.getPublicKey());
        return new SimulationPki(root.cert, root.key, ca.cert, leaf.cert, leaf.key);
    }

    private enum Role {
        ROOT, PLATFORM_CA, PCK
    }

    private static X509Certificate issue(String subject, PublicKey subjectKey, String issuer, KeyPair issuerKeys,
            Role role) throws GeneralSecurityException, OperatorCreationException, IOException {
        BigInteger serial = new BigInteger(127, new SecureRandom()).setBit(120);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), new X500Name(subject), subjectKey);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        switch (role) {
            case ROOT:
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                break;
            case PLATFORM_CA:
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                break;
            default:
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                b.addExtension(new ASN1ObjectIdentifier(SGX_EXTENSION_OID), false, sgxExtension());
                break;
        }
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    /**
     * A PCK-shaped SGX extension: PPID (16 zero bytes), TCB (16 zero component SVNs, PCESVN 0, CPUSVN zero),
     * PCE-ID 0000, FMSPC 000000000000 and SGX type 0 (standard).
     */
    private static ASN1Encodable sgxExtension() {
        ASN1ObjectIdentifier base = new ASN1ObjectIdentifier(SGX_EXTENSION_OID);
        ASN1EncodableVector tcb = new ASN1EncodableVector();
        ASN1ObjectIdentifier tcbOid = base.branch("2");
        for (int i = 1; i <= 16; i++) {
            tcb.add(entry(tcbOid.branch(Integer.toString(i)), new ASN1Integer(0)));
        }
        tcb.add(entry(tcbOid.branch("17"), new ASN1Integer(0)));
        tcb.add(entry(tcbOid.branch("18"), new DEROctetString(new byte[16])));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(entry(base.branch("1"), new DEROctetString(new byte[16])));
        v.add(entry(tcbOid, new DERSequence(tcb)));
        v.add(entry(base.branch("3"), new DEROctetString(new byte[2])));
        v.add(entry(base.branch("4"), new DEROctetString(new byte[FMSPC_LENGTH])));
        v.add(entry(base.branch("5"), new ASN1Enumerated(0)));
        return new DERSequence(v);
    }

    private static DERSequence entry(ASN1ObjectIdentifier oid, ASN1Encodable value) {
        return new DERSequence(new ASN1Encodable[] {oid, value});
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        return kpg.generateKeyPair();
    }

    private static final class KeyAndCert {
        final PrivateKey key;
        final X509Certificate cert;

        KeyAndCert(PrivateKey key, X509Certificate cert) {
            this.key = key;
            this.cert = cert;
        }
    }

    private static KeyAndCert store(Path dir, String certFile, String keyFile, PrivateKey key, X509Certificate cert)
            throws IOException, GeneralSecurityException {
        // the key first: a certificate on disk always has its key next to it
        writeAtomically(dir.resolve(keyFile), pemBlock("PRIVATE KEY", key.getEncoded()), true);
        writeAtomically(dir.resolve(certFile), pem(cert).getBytes(StandardCharsets.US_ASCII), false);
        return new KeyAndCert(key, cert);
    }

    private static KeyAndCert load(Path dir, String certFile, String keyFile)
            throws IOException, GeneralSecurityException {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(readBounded(dir.resolve(certFile))));
        String text = new String(readBounded(dir.resolve(keyFile)), StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException(dir.resolve(keyFile) + " is not a PKCS#8 PEM private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        if (!matches(key, cert.getPublicKey())) {
            throw new GeneralSecurityException(dir.resolve(keyFile) + " does not match " + dir.resolve(certFile));
        }
        return new KeyAndCert(key, cert);
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "csdk simulation key probe".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withECDSA");
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

    private static void writeAtomically(Path target, byte[] content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--");
        String prefix = "." + target.getFileName() + ".";
        Path tmp = posix
                ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, prefix, ".tmp");
        try {
            Files.write(tmp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            if (posix) {
                Files.setPosixFilePermissions(tmp, perms);
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

    static String pem(X509Certificate cert) {
        try {
            return new String(pemBlock("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a simulation certificate", e);
        }
    }

    private static byte[] pemBlock(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha256Hex(byte[] data) throws GeneralSecurityException {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
        StringBuilder sb = new StringBuilder();
        for (byte x : d) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }
}
