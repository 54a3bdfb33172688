package io.confidentialai.sdk.tee.nvidia.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A small real certificate chain (leaf, then a self-signed root), made fresh for tests. */
final class NvmlTestCerts {
    final byte[] leaf;
    final byte[] root;

    private NvmlTestCerts(byte[] leaf, byte[] root) {
        this.leaf = leaf;
        this.root = root;
    }

    static NvmlTestCerts generate(String leafName) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair rootKeys = kpg.generateKeyPair();
            KeyPair leafKeys = kpg.generateKeyPair();
            X500Name rootName = new X500Name("CN=Test GPU Root,O=csdk test");
            byte[] root = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, from(), to(), rootName,
                    rootKeys.getPublic()), rootKeys.getPrivate());
            byte[] leaf = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO, from(), to(),
                    new X500Name("CN=" + leafName + ",O=csdk test"), leafKeys.getPublic()), rootKeys.getPrivate());
            return new NvmlTestCerts(leaf, root);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chain as concatenated DER, leaf first. */
    byte[] der() {
        byte[] out = new byte[leaf.length + root.length];
        System.arraycopy(leaf, 0, out, 0, leaf.length);
        System.arraycopy(root, 0, out, leaf.length, root.length);
        return out;
    }

    private static byte[] sign(X509v3CertificateBuilder builder, PrivateKey key) throws OperatorCreationException {
        try {
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Date from() {
        return Date.from(Instant.parse("2024-01-01T00:00:00Z"));
    }

    private static Date to() {
        return Date.from(Instant.parse("2024-01-01T00:00:00Z").plus(3650, ChronoUnit.DAYS));
    }
}
