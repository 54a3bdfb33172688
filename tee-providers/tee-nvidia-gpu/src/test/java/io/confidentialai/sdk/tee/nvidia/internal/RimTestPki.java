package io.confidentialai.sdk.tee.nvidia.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test PKI shaped like tee-simulated's: a P-256 "CN=CSDK Simulation Root CA" (ecdsa-with-SHA256), optionally a
 * P-384 intermediate, and a P-384 RIM signing leaf, all valid 2020-01-01 to 2099-12-31 unless told otherwise.
 */
final class RimTestPki {
    static final String ROOT_NAME = "CN=CSDK Simulation Root CA";
    static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2099-12-31T23:59:59Z");
    private static final AtomicLong SERIALS = new AtomicLong(1000);

    final KeyPair rootKeys;
    final X509Certificate root;
    final KeyPair intermediateKeys;
    final X509Certificate intermediate;
    final KeyPair leafKeys;
    final X509Certificate leaf;

    private RimTestPki(KeyPair rootKeys, X509Certificate root, KeyPair intermediateKeys, X509Certificate intermediate,
            KeyPair leafKeys, X509Certificate leaf) {
        this.rootKeys = rootKeys;
        this.root = root;
        this.intermediateKeys = intermediateKeys;
        this.intermediate = intermediate;
        this.leafKeys = leafKeys;
        this.leaf = leaf;
    }

    /** Root → intermediate → leaf, everything valid 2020..2099. */
    static RimTestPki create() {
        return create(NOT_BEFORE, NOT_AFTER);
    }

    /** As {@link #create()}, with the leaf valid only in [leafNotBefore, leafNotAfter]. */
    static RimTestPki create(Instant leafNotBefore, Instant leafNotAfter) {
        try {
            KeyPair rootKeys = keys("secp256r1");
            X509Certificate root = certificate(ROOT_NAME, rootKeys.getPublic(), ROOT_NAME, rootKeys.getPrivate(),
                    Role.ROOT, NOT_BEFORE, NOT_AFTER);
            KeyPair intermediateKeys = keys("secp384r1");
            X509Certificate intermediate = certificate("CN=CSDK Simulated RIM CA", intermediateKeys.getPublic(),
                    ROOT_NAME, rootKeys.getPrivate(), Role.CA, NOT_BEFORE, NOT_AFTER);
            KeyPair leafKeys = keys("secp384r1");
            X509Certificate leaf = certificate("CN=CSDK Simulated RIM Signer", leafKeys.getPublic(),
                    "CN=CSDK Simulated RIM CA", intermediateKeys.getPrivate(), Role.LEAF, leafNotBefore,
                    leafNotAfter);
            return new RimTestPki(rootKeys, root, intermediateKeys, intermediate, leafKeys, leaf);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    enum Role { ROOT, CA, LEAF, CA_AS_LEAF }

    static KeyPair keys(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
            Role role, Instant notBefore, Instant notAfter) throws GeneralSecurityException, OperatorCreationException {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                new X500Name(subject), subjectKey);
        try {
            switch (role) {
                case ROOT:
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    break;
                case CA:
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    break;
                case CA_AS_LEAF:
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
                    break;
                default:
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    break;
            }
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        String algorithm = issuer.equals(ROOT_NAME) ? "SHA256withECDSA" : "SHA384withECDSA";
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }
}
