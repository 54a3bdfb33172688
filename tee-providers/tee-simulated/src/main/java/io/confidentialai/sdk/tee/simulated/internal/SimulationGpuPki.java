package io.confidentialai.sdk.tee.simulated.internal;

import io.confidentialai.sdk.ConfidentialException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated NVIDIA GPU PKI, under the simulation root of {@link SimulationPki}:
 *
 * <pre>
 * simulation root (P-256)  ─┬─ "GH100 CSDK Simulated GSP FMC LF" device certificate, one per simulated GPU index
 *                           │   (P-384; simulation-gpu-&lt;index&gt;.pem/.key)
 *                           └─ "CSDK Simulated RIM Signer" (P-384; simulation-gpu-rim-signer.pem/.key)
 * </pre>
 *
 * A device certificate is shaped like the real GH100 leaf ("GH100 A01 GSP FMC LF"): subject serialNumber, C, O, CN;
 * serial number derived from the public key; key usage digitalSignature (critical); subject and authority key
 * identifiers; a subject alternative name otherName 1.3.6.1.4.1.412.274.1 ({@code CSDK:GH100:<serial prefix>}); and the
 * TCG DICE TcbInfo extension {@value #TCB_INFO_OID} encoded like NVIDIA's ({@code SEQUENCE { INTEGER 1,
 * SubjectPublicKeyInfo, SEQUENCE { sha384, OCTET STRING fwid } }}, so its last 48 bytes are the FWID; NVIDIA's key
 * there is the issuing BROM key, the simulation puts the device key, which no verifier uses), whose FWID is
 * {@link SimulatedGpuFirmware#fwid(int)}. Certificates are issued with ecdsa-with-SHA256 by the P-256 simulation root
 * and valid from 2020-01-01 to 2099-12-31.
 *
 * <p>Created at first use in the simulation root directory and reused afterwards; devices are added as more GPUs are
 * asked for. A certificate that no longer chains to the current simulation root, or whose FWID is not the expected
 * one, is issued again with a new key. Creation holds a file lock on {@value #LOCK_FILE} (and a JVM-wide lock), every
 * file is written to a temporary file and moved into place atomically, the key first, and private keys are PKCS#8 PEM
 * files with permissions {@code rw-------} where the file system is POSIX. Instances are immutable and thread-safe.
 */
final class SimulationGpuPki {
    private static final Logger log = LoggerFactory.getLogger(SimulationGpuPki.class);

    static final String LOCK_FILE = ".simulation-gpu-pki.lock";
    static final String RIM_SIGNER_CERTIFICATE_FILE = "simulation-gpu-rim-signer.pem";
    static final String RIM_SIGNER_KEY_FILE = "simulation-gpu-rim-signer.key";
    /** TCG DICE TcbInfo (tcg-dice-TcbInfo), carrying the FWID in NVIDIA's device certificates. */
    static final String TCB_INFO_OID = "2.23.133.5.4.1";
    /** NVIDIA's otherName type in the device certificate's subject alternative name. */
    static final String DEVICE_NAME_OID = "1.3.6.1.4.1.412.274.1";
    static final String DEVICE_COMMON_NAME = "GH100 CSDK Simulated GSP FMC LF";
    static final String RIM_SIGNER_NAME = "CN=CSDK Simulated RIM Signer,O=Confidential SDK (simulation),C=US";
    static final String ORGANIZATION = "Confidential SDK (simulated NVIDIA device)";

    private static final Object JVM_LOCK = new Object();

    /** One simulated GPU: its index, device certificate and key, and the FWID its certificate carries. */
    static final class Device {
        private final int index;
        private final X509Certificate certificate;
        private final PrivateKey key;
        private final byte[] fwid;

        Device(int index, X509Certificate certificate, PrivateKey key, byte[] fwid) {
            this.index = index;
            this.certificate = certificate;
            this.key = key;
            this.fwid = fwid.clone();
        }

        int index() {
            return index;
        }

        X509Certificate certificate() {
            return certificate;
        }

        PrivateKey key() {
            return key;
        }

        byte[] fwid() {
            return fwid.clone();
        }
    }

    private final X509Certificate root;
    private final List<Device> devices;
    private final X509Certificate rimSigner;
    private final PrivateKey rimSignerKey;

    private SimulationGpuPki(X509Certificate root, List<Device> devices, X509Certificate rimSigner,
            PrivateKey rimSignerKey) {
        this.root = root;
        this.devices = List.copyOf(devices);
        this.rimSigner = rimSigner;
        this.rimSignerKey = rimSignerKey;
    }

    /** The simulation root that every simulated GPU certificate chains to. */
    X509Certificate root() {
        return root;
    }

    /** The simulated GPUs, in index order. */
    List<Device> devices() {
        return devices;
    }

    X509Certificate rimSigner() {
        return rimSigner;
    }

    PrivateKey rimSignerKey() {
        return rimSignerKey;
    }

    static String deviceCertificateFile(int index) {
        return "simulation-gpu-" + index + ".pem";
    }

    static String deviceKeyFile(int index) {
        return "simulation-gpu-" + index + ".key";
    }

    /**
     * Loads the simulated GPU PKI for devices {@code 0..devices-1} from {@code directory}, creating the simulation root
     * and the missing or stale parts first.
     *
     * @throws IllegalArgumentException if {@code devices} is not positive
     * @throws ConfidentialException when the files cannot be created or read, or a key does not match its certificate
     */
    static SimulationGpuPki loadOrCreate(Path directory, int devices) {
        if (devices < 1) {
            throw new IllegalArgumentException("devices must be positive: " + devices);
        }
        SimulationPki base = SimulationPki.loadOrCreate(directory);
        synchronized (JVM_LOCK) {
            try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    return loadOrCreateLocked(directory, base, devices);
                } finally {
                    lock.release();
                }
            } catch (IOException e) {
                throw new ConfidentialException("cannot create or read the simulated GPU PKI in " + directory, e);
            } catch (GeneralSecurityException | OperatorCreationException | RuntimeException e) {
                throw new ConfidentialException("the simulated GPU PKI in " + directory + " is unusable; delete its "
                        + "simulation-gpu-* files to create a new one", e);
            }
        }
    }

    private static SimulationGpuPki loadOrCreateLocked(Path dir, SimulationPki base, int count)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair rootKeys = new KeyPair(base.root().getPublicKey(), base.rootKey());
        List<Device> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] fwid = SimulatedGpuFirmware.fwid(i);
            Path certFile = dir.resolve(deviceCertificateFile(i));
            Path keyFile = dir.resolve(deviceKeyFile(i));
            if (Files.exists(certFile)) {
                X509Certificate cert = SimulationFiles.readCertificate(certFile);
                PrivateKey key = SimulationFiles.readPrivateKey(keyFile);
                if (!SimulationFiles.matches(key, cert.getPublicKey())) {
                    throw new GeneralSecurityException(keyFile + " does not match " + certFile);
                }
                if (issuedBy(cert, base.root()) && Arrays.equals(fwidOf(cert), fwid)) {
                    devices.add(new Device(i, cert, key, fwid));
                    continue;
                }
                log.info("re-issuing simulated GPU {}: its certificate does not chain to the current simulation root "
                        + "or carries another FWID", i);
            }
            KeyPair kp = newP384KeyPair();
            X509Certificate cert = issueDevice(kp.getPublic(), fwid, rootKeys, base.root());
            store(dir, certFile, keyFile, kp.getPrivate(), cert);
            log.info("created simulated GPU {} in {} (FWID {})", i, certFile, HexFormat.of().formatHex(fwid));
            devices.add(new Device(i, cert, kp.getPrivate(), fwid));
        }

        Path signerCertFile = dir.resolve(RIM_SIGNER_CERTIFICATE_FILE);
        Path signerKeyFile = dir.resolve(RIM_SIGNER_KEY_FILE);
        if (Files.exists(signerCertFile)) {
            X509Certificate cert = SimulationFiles.readCertificate(signerCertFile);
            PrivateKey key = SimulationFiles.readPrivateKey(signerKeyFile);
            if (!SimulationFiles.matches(key, cert.getPublicKey())) {
                throw new GeneralSecurityException(signerKeyFile + " does not match " + signerCertFile);
            }
            if (issuedBy(cert, base.root())) {
                return new SimulationGpuPki(base.root(), devices, cert, key);
            }
            log.info("re-issuing the simulated RIM signer: its certificate does not chain to the current simulation "
                    + "root");
        }
        KeyPair kp = newP384KeyPair();
        X509Certificate cert = issueRimSigner(kp.getPublic(), rootKeys, base.root());
        store(dir, signerCertFile, signerKeyFile, kp.getPrivate(), cert);
        log.info("created the simulated RIM signer in {}", signerCertFile);
        return new SimulationGpuPki(base.root(), devices, cert, kp.getPrivate());
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate root) {
        if (!cert.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(root.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The FWID of a device certificate: the digest of the last FWID in its TcbInfo extension, or an empty array when
     * the extension is missing or malformed.
     */
    static byte[] fwidOf(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(TCB_INFO_OID);
        if (ext == null) {
            return new byte[0];
        }
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
            ASN1Sequence tcbInfo = ASN1Sequence.getInstance(value);
            ASN1Sequence fwid = ASN1Sequence.getInstance(tcbInfo.getObjectAt(tcbInfo.size() - 1));
            if (!NISTObjectIdentifiers.id_sha384.equals(fwid.getObjectAt(0))) {
                return new byte[0];
            }
            return ASN1OctetString.getInstance(fwid.getObjectAt(1)).getOctets();
        } catch (IOException | IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static X509Certificate issueDevice(PublicKey key, byte[] fwid, KeyPair issuer, X509Certificate root)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        byte[] serialBytes = Arrays.copyOf(MessageDigest.getInstance("SHA-384").digest(key.getEncoded()), 20);
        serialBytes[0] = (byte) ((serialBytes[0] & 0x7F) | 0x40);
        BigInteger serial = new BigInteger(1, serialBytes);
        String serialHex = HexFormat.of().withUpperCase().formatHex(serialBytes);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.SERIALNUMBER, serialHex)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, DEVICE_COMMON_NAME)
                .build();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(
                root.getSubjectX500Principal().getEncoded()), serial, Date.from(SimulationPki.NOT_BEFORE),
                Date.from(SimulationPki.NOT_AFTER), subject, key);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.getPublic()));
        DERSequence otherName = new DERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier(DEVICE_NAME_OID),
            new DERTaggedObject(true, 0, new DERUTF8String("CSDK:GH100:" + serialHex.substring(0, 16)))});
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.otherName, otherName)));
        b.addExtension(new ASN1ObjectIdentifier(TCB_INFO_OID), false, tcbInfo(key, fwid));
        return sign(b, issuer.getPrivate());
    }

    /** NVIDIA's TcbInfo encoding: {@code SEQUENCE { INTEGER 1, SubjectPublicKeyInfo, SEQUENCE { sha384, fwid } }}. */
    private static ASN1Encodable tcbInfo(PublicKey key, byte[] fwid) {
        return new DERSequence(new ASN1Encodable[] {
            new ASN1Integer(1),
            SubjectPublicKeyInfo.getInstance(key.getEncoded()),
            new DERSequence(new ASN1Encodable[] {NISTObjectIdentifiers.id_sha384, new DEROctetString(fwid)})});
    }

    private static X509Certificate issueRimSigner(PublicKey key, KeyPair issuer, X509Certificate root)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        BigInteger serial = new BigInteger(127, new SecureRandom()).setBit(120);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(
                root.getSubjectX500Principal().getEncoded()), serial, Date.from(SimulationPki.NOT_BEFORE),
                Date.from(SimulationPki.NOT_AFTER), new X500Name(RIM_SIGNER_NAME), key);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.getPublic()));
        return sign(b, issuer.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static KeyPair newP384KeyPair() throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp384r1"));
        return kpg.generateKeyPair();
    }

    private static void store(Path dir, Path certFile, Path keyFile, PrivateKey key, X509Certificate cert)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        // the key first: a certificate on disk always has its key next to it
        SimulationFiles.writeAtomically(keyFile, SimulationFiles.pemBlock("PRIVATE KEY", key.getEncoded()), true);
        SimulationFiles.writeAtomically(certFile,
                SimulationFiles.pem(cert).getBytes(StandardCharsets.US_ASCII), false);
    }
}
