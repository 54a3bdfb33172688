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
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated AMD SEV-SNP endorsement chain, shaped like AMD's so that the real SEV-SNP verifier runs its full path:
 *
 * <pre>
 * ARK   CN=ARK-Simulated   RSA-2048, self-signed           basicConstraints CA, keyCertSign|cRLSign (critical)
 * ASK   CN=SEV-Simulated   RSA-2048, signed by the ARK     basicConstraints CA pathLen 0, keyCertSign|cRLSign
 * VCEK  CN=SEV-VCEK        P-384, signed by the ASK, serial number 0, with the AMD extensions
 *                          1.3.6.1.4.1.3704.1.{1 structVersion, 2 productName "simulated", 3.1 blSPL, 3.2 teeSPL,
 *                          3.3 snpSPL, 3.4-3.7 0, 3.8 ucodeSPL, 4 hwID (OCTET STRING of 64 random bytes)}
 * </pre>
 *
 * All certificates are signed with RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48), valid from 2020-01-01 to
 * 2099-12-31. The VCEK's TCB is {@link #TCB_BOOTLOADER} / {@link #TCB_TEE} / {@link #TCB_SNP} / {@link #TCB_MICROCODE}
 * (the microcode SPL is at least 128 so that its DER INTEGER takes two bytes, as on real VCEKs).
 *
 * <p>Created at first use in the simulation root directory next to the TDX simulation PKI and reused afterwards.
 * Creation holds a file lock on {@value #LOCK_FILE}; every file is written to a temporary file and moved into place
 * atomically; private keys are PKCS#8 PEM files with permissions {@code rw-------} where the file system is POSIX.
 * Relying parties trust {@value #ARK_CERTIFICATE_FILE} as a simulation root. Instances are immutable and thread-safe.
 */
final class SimulationSnpPki {
    private static final Logger log = LoggerFactory.getLogger(SimulationSnpPki.class);

    /** The simulation ARK (PEM): the simulation root that SEV-SNP verifiers configure. */
    static final String ARK_CERTIFICATE_FILE = "simulation-snp-ark.pem";
    static final String ARK_KEY_FILE = "simulation-snp-ark.key";
    static final String ASK_CERTIFICATE_FILE = "simulation-snp-ask.pem";
    static final String ASK_KEY_FILE = "simulation-snp-ask.key";
    static final String VCEK_CERTIFICATE_FILE = "simulation-snp-vcek.pem";
    static final String VCEK_KEY_FILE = "simulation-snp-vcek.key";
    static final String LOCK_FILE = ".simulation-snp-pki.lock";

    /** Names in X.500 (encoding) order; RFC 2253 prints them reversed, e.g. "CN=ARK-Simulated,OU=...,O=...". */
    static final String ARK_NAME = "O=Confidential SDK,OU=Simulation,CN=ARK-Simulated";
    static final String ASK_NAME = "O=Confidential SDK,OU=Simulation,CN=SEV-Simulated";
    static final String VCEK_NAME = "O=Confidential SDK,OU=Simulation,CN=SEV-VCEK";
    static final String PRODUCT_NAME = "simulated";
    static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2099-12-31T23:59:59Z");
    static final int TCB_BOOTLOADER = 4;
    static final int TCB_TEE = 0;
    static final int TCB_SNP = 22;
    static final int TCB_MICROCODE = 213;
    static final int CHIP_ID_LENGTH = 64;

    private static final String AMD_ARC = "1.3.6.1.4.1.3704.1";
    private static final int RSA_BITS = 2048;
    private static final int MAX_PEM_FILE_BYTES = 64 << 10;
    private static final Object JVM_LOCK = new Object();
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final X509Certificate ark;
    private final X509Certificate ask;
    private final X509Certificate vcek;
    private final PrivateKey vcekKey;
    private final byte[] chipId;

    private SimulationSnpPki(X509Certificate ark, X509Certificate ask, X509Certificate vcek, PrivateKey vcekKey,
            byte[] chipId) {
        this.ark = ark;
        this.ask = ask;
        this.vcek = vcek;
        this.vcekKey = vcekKey;
        this.chipId = chipId;
    }

    X509Certificate ark() {
        return ark;
    }

    X509Certificate ask() {
        return ask;
    }

    X509Certificate vcek() {
        return vcek;
    }

    PrivateKey vcekKey() {
        return vcekKey;
    }

    /** The simulated chip id: the VCEK's hwID. */
    byte[] chipId() {
        return chipId.clone();
    }

    /**
     * Loads the simulated SEV-SNP chain from {@code directory}, creating it first when any part is missing.
     *
     * @throws ConfidentialException when the files cannot be created or read, or do not form a consistent chain
     */
    static SimulationSnpPki loadOrCreate(Path directory) {
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
                throw new ConfidentialException("cannot create or read the simulated SEV-SNP chain in " + directory, e);
            } catch (GeneralSecurityException | OperatorCreationException | RuntimeException e) {
                throw new ConfidentialException("the simulated SEV-SNP chain in " + directory + " is unusable; delete "
                        + "its simulation-snp-* files to create a new one", e);
            }
        }
    }

    private static SimulationSnpPki loadOrCreateLocked(Path dir)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        boolean complete = Files.exists(dir.resolve(ARK_CERTIFICATE_FILE)) && Files.exists(dir.resolve(ASK_CERTIFICATE_FILE))
                && Files.exists(dir.resolve(VCEK_CERTIFICATE_FILE));
        if (!complete) {
            create(dir);
        }
        X509Certificate ark = certificate(dir.resolve(ARK_CERTIFICATE_FILE));
        X509Certificate ask = certificate(dir.resolve(ASK_CERTIFICATE_FILE));
        X509Certificate vcek = certificate(dir.resolve(VCEK_CERTIFICATE_FILE));
        PrivateKey vcekKey = privateKey(dir.resolve(VCEK_KEY_FILE), "EC");
        ark.verify(ark.getPublicKey());
        ask.verify(ark.getPublicKey());
        vcek.verify(ask.getPublicKey());
        if (!matches(vcekKey, vcek.getPublicKey())) {
            throw new GeneralSecurityException(dir.resolve(VCEK_KEY_FILE) + " does not match "
                    + dir.resolve(VCEK_CERTIFICATE_FILE));
        }
        return new SimulationSnpPki(ark, ask, vcek, vcekKey, hwId(vcek));
    }

    private static void create(Path dir) throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(RSA_BITS);
        KeyPair arkKeys = rsa.generateKeyPair();
        KeyPair askKeys = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair vcekKeys = ec.generateKeyPair();
        SecureRandom random = new SecureRandom();
        byte[] chipId = new byte[CHIP_ID_LENGTH];
        random.nextBytes(chipId);

        X509Certificate ark = ca(ARK_NAME, arkKeys.getPublic(), ARK_NAME, arkKeys.getPrivate(), -1,
                new BigInteger(63, random).setBit(62));
        X509Certificate ask = ca(ASK_NAME, askKeys.getPublic(), ARK_NAME, arkKeys.getPrivate(), 0,
                new BigInteger(63, random).setBit(62));
        X509Certificate vcek = vcek(vcekKeys.getPublic(), askKeys.getPrivate(), chipId);
        // keys first: a certificate on disk always has its key next to it; the ARK last, so a crash leaves no
        // complete set
        write(dir.resolve(VCEK_KEY_FILE), pemBlock("PRIVATE KEY", vcekKeys.getPrivate().getEncoded()), true);
        write(dir.resolve(ASK_KEY_FILE), pemBlock("PRIVATE KEY", askKeys.getPrivate().getEncoded()), true);
        write(dir.resolve(ARK_KEY_FILE), pemBlock("PRIVATE KEY", arkKeys.getPrivate().getEncoded()), true);
        write(dir.resolve(VCEK_CERTIFICATE_FILE), pemBlock("CERTIFICATE", vcek.getEncoded()), false);
        write(dir.resolve(ASK_CERTIFICATE_FILE), pemBlock("CERTIFICATE", ask.getEncoded()), false);
        write(dir.resolve(ARK_CERTIFICATE_FILE), pemBlock("CERTIFICATE", ark.getEncoded()), false);
        log.info("created the simulated SEV-SNP chain (ARK, ASK, VCEK) in {}", dir);
    }

    private static X509Certificate ca(String subject, PublicKey key, String issuer, PrivateKey issuerKey,
            int pathLength, BigInteger serial) throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), new X500Name(subject), key);
        b.addExtension(Extension.basicConstraints, true,
                pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new JcaX509CertificateConverter().getCertificate(b.build(pss(issuerKey)));
    }

    private static X509Certificate vcek(PublicKey key, PrivateKey askKey, byte[] chipId)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(ASK_NAME), BigInteger.ZERO,
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), new X500Name(VCEK_NAME), key);
        b.addExtension(oid("1"), false, new ASN1Integer(1));
        b.addExtension(oid("2"), false, new DERIA5String(PRODUCT_NAME));
        int[] spl = {TCB_BOOTLOADER, TCB_TEE, TCB_SNP, 0, 0, 0, 0, TCB_MICROCODE};
        for (int i = 0; i < spl.length; i++) {
            b.addExtension(oid("3." + (i + 1)), false, new ASN1Integer(spl[i]));
        }
        b.addExtension(oid("4"), false, new DEROctetString(chipId));
        return new JcaX509CertificateConverter().getCertificate(b.build(pss(askKey)));
    }

    private static ASN1ObjectIdentifier oid(String suffix) {
        return new ASN1ObjectIdentifier(AMD_ARC + "." + suffix);
    }

    /**
     * RSASSA-PSS with SHA-384, MGF1-SHA-384, salt 48, trailer 1: AMD's signature profile. Bouncy Castle's provider is
     * passed as an instance (never installed globally) because the JDK has no named algorithm for this profile that
     * the certificate builder understands.
     */
    static ContentSigner pss(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA384withRSAandMGF1").setProvider(BOUNCY_CASTLE).build(key);
    }

    /** The hwID of a simulated VCEK: extension 1.3.6.1.4.1.3704.1.4 holds an OCTET STRING of 64 bytes. */
    private static byte[] hwId(X509Certificate vcek) throws GeneralSecurityException {
        byte[] ext = vcek.getExtensionValue(AMD_ARC + ".4");
        // 04 42 | 04 40 <64 bytes>
        if (ext == null || ext.length != CHIP_ID_LENGTH + 4 || ext[2] != 0x04 || ext[3] != CHIP_ID_LENGTH) {
            throw new GeneralSecurityException("the simulated VCEK has no 64-byte hwID");
        }
        return Arrays.copyOfRange(ext, 4, ext.length);
    }

    private static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(readBounded(file)));
    }

    private static PrivateKey privateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
        String text = new String(readBounded(file), StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException(file + " is not a PKCS#8 PEM private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
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
