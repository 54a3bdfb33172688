package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A tiny simulated GPU PKI and SPDM evidence writer for tests: a P-256 "CN=CSDK Simulation Root CA", optional
 * intermediates, and a P-384 device certificate with the DICE TcbInfo FWID extension; evidence in NVIDIA's layout
 * signed with the device key. Every part can be bent to build negative cases.
 */
final class TestGpu {
    static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2099-12-31T23:59:59Z");
    static final Instant AT = Instant.parse("2026-11-21T00:00:00Z");
    static final String ROOT_NAME = "CN=CSDK Simulation Root CA";
    static final String DEVICE_NAME = "CN=GH100 CSDK Test GSP FMC LF,O=Confidential SDK (test),C=US";
    static final byte[] FWID = sha384("test fwid");
    static final byte[] NONCE = sha384("test nonce", 32);
    static final String DRIVER = "550.90.07";

    final KeyPair rootKeys;
    final X509Certificate root;
    final List<KeyPair> chainKeys = new ArrayList<>();
    /** The chain as attached, device certificate first (the root last unless {@link #withoutRoot}). */
    final List<X509Certificate> chain = new ArrayList<>();

    private TestGpu(KeyPair rootKeys, X509Certificate root) {
        this.rootKeys = rootKeys;
        this.root = root;
    }

    /** A device certificate directly under the root, with the NVIDIA TcbInfo layout and {@link #FWID}. */
    static TestGpu create() {
        return builder().build();
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        int intermediates;
        boolean tcgLayout;
        byte[] fwid = FWID;
        boolean withFwid = true;
        boolean deviceIsCa;
        String deviceCurve = "secp384r1";
        Instant deviceNotBefore = NOT_BEFORE;
        Instant deviceNotAfter = NOT_AFTER;
        ASN1ObjectIdentifier criticalExtension;

        Builder intermediates(int n) {
            intermediates = n;
            return this;
        }

        Builder tcgLayout() {
            tcgLayout = true;
            return this;
        }

        Builder fwid(byte[] f) {
            fwid = f;
            return this;
        }

        Builder withoutFwid() {
            withFwid = false;
            return this;
        }

        Builder deviceIsCa() {
            deviceIsCa = true;
            return this;
        }

        Builder deviceCurve(String curve) {
            deviceCurve = curve;
            return this;
        }

        Builder deviceValidity(Instant from, Instant to) {
            deviceNotBefore = from;
            deviceNotAfter = to;
            return this;
        }

        Builder criticalExtension(String oid) {
            criticalExtension = new ASN1ObjectIdentifier(oid);
            return this;
        }

        TestGpu build() {
            try {
                KeyPair rootKeys = keys("secp256r1");
                X500Name rootName = new X500Name(ROOT_NAME);
                X509v3CertificateBuilder rb = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE,
                        Date.from(NOT_BEFORE), Date.from(NOT_AFTER), rootName, rootKeys.getPublic());
                rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                rb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                X509Certificate root = sign(rb, rootKeys.getPrivate(), "SHA256withECDSA");
                TestGpu gpu = new TestGpu(rootKeys, root);

                X500Name issuer = rootName;
                KeyPair issuerKeys = rootKeys;
                String issuerAlg = "SHA256withECDSA";
                List<X509Certificate> cas = new ArrayList<>();
                for (int i = 0; i < intermediates; i++) {
                    KeyPair k = keys("secp384r1");
                    X500Name name = new X500Name("CN=CSDK Test ICA " + (intermediates - i));
                    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(10 + i),
                            Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name, k.getPublic());
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
                    cas.add(0, sign(b, issuerKeys.getPrivate(), issuerAlg));
                    issuer = name;
                    issuerKeys = k;
                    issuerAlg = "SHA384withECDSA";
                }
                KeyPair device = keys(deviceCurve);
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                        new BigInteger("53c22ba15e5d68088282da074ed9fb37aa585771", 16), Date.from(deviceNotBefore),
                        Date.from(deviceNotAfter), new X500Name(DEVICE_NAME), device.getPublic());
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                if (deviceIsCa) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                }
                if (withFwid) {
                    b.addExtension(new ASN1ObjectIdentifier(DiceTcbInfo.OID), false,
                            tcgLayout ? tcgTcbInfo(fwid) : nvidiaTcbInfo(issuerKeys, fwid));
                }
                if (criticalExtension != null) {
                    b.addExtension(criticalExtension, true, new DEROctetString(new byte[] {1}));
                }
                gpu.chain.add(sign(b, issuerKeys.getPrivate(), issuerAlg));
                gpu.chain.addAll(cas);
                gpu.chain.add(root);
                gpu.chainKeys.add(device);
                return gpu;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** NVIDIA's layout: SEQUENCE { INTEGER 1, issuer SubjectPublicKeyInfo, SEQUENCE { sha384, fwid } }. */
    static ASN1Encodable nvidiaTcbInfo(KeyPair issuer, byte[] fwid) {
        return new DERSequence(new ASN1Encodable[] {new ASN1Integer(1),
            SubjectPublicKeyInfo.getInstance(issuer.getPublic().getEncoded()),
            new DERSequence(new ASN1Encodable[] {NISTObjectIdentifiers.id_sha384, new DEROctetString(fwid)})});
    }

    /** TCG DiceTcbInfo: vendor [0], model [1], fwids [6] IMPLICIT SEQUENCE OF FWID (SHA-256 and SHA-384). */
    static ASN1Encodable tcgTcbInfo(byte[] fwid) {
        DERSequence fwids = new DERSequence(new ASN1Encodable[] {
            new DERSequence(new ASN1Encodable[] {NISTObjectIdentifiers.id_sha256, new DEROctetString(new byte[32])}),
            new DERSequence(new ASN1Encodable[] {NISTObjectIdentifiers.id_sha384, new DEROctetString(fwid)})});
        return new DERSequence(new ASN1Encodable[] {new DERTaggedObject(false, 0, new DERUTF8String("NVIDIA")),
            new DERTaggedObject(false, 1, new DERUTF8String("GH100")), new DERTaggedObject(false, 6, fwids)});
    }

    PrivateKey deviceKey() {
        return chainKeys.get(0).getPrivate();
    }

    X509Certificate device() {
        return chain.get(0);
    }

    /** The chain as PEM, device certificate first. */
    byte[] pem() {
        return pem(chain);
    }

    static byte[] pem(List<X509Certificate> certs) {
        StringBuilder sb = new StringBuilder();
        Base64.Encoder b64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        for (X509Certificate c : certs) {
            try {
                sb.append(DeviceChain.BEGIN).append('\n').append(b64.encodeToString(c.getEncoded())).append('\n')
                        .append(DeviceChain.END).append('\n');
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A context at {@link #AT} trusting this root as a simulation root. */
    ProviderContext context() {
        return context(AT);
    }

    ProviderContext context(Instant at) {
        return context(at, CollateralSource.none());
    }

    ProviderContext context(Instant at, CollateralSource collateral) {
        return TestContexts.verifier(Clock.fixed(at, ZoneOffset.UTC), InputLimits.defaults(), collateral,
                List.of(root), List.of());
    }

    /** Evidence with the default content, signed, with the chain attached. */
    Evidence evidence() {
        return evidence(new Spdm().signWith(deviceKey()).bytes());
    }

    Evidence evidence(byte[] data) {
        return Evidence.builder().teeType(TeeType.NVIDIA_GPU_CC).data(data)
                .attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT, pem()).build();
    }

    /**
     * An SPDM exchange under construction, in NVIDIA's layout by default: request 11 E0 01 FF ‖ nonce ‖ slot 0,
     * response 11 60 00 00 with 64 SHA-384 blocks (block i holds SHA-384("block i"), blocks 9 and 11 zero), a
     * responder nonce, and NVIDIA's opaque TLVs.
     */
    static final class Spdm {
        byte[] requestHeader = {0x11, (byte) 0xE0, 0x01, (byte) 0xFF};
        byte[] nonce = NONCE.clone();
        int slot;
        byte[] responseHeader = {0x11, 0x60, 0x00, 0x00};
        final Map<Integer, byte[]> blocks = new LinkedHashMap<>();
        int blockSpec = 1;
        int valueType = 1;
        byte[] responderNonce = sha384("responder", 32);
        final Map<Integer, byte[]> opaque = new LinkedHashMap<>();
        byte[] extraOpaque = new byte[0];
        byte[] trailing = new byte[0];
        private PrivateKey key;
        private byte[] signatureOverride;

        Spdm() {
            for (int i = 1; i <= 64; i++) {
                blocks.put(i, i == 9 || i == 11 ? new byte[48] : sha384("block " + i));
            }
            opaque.put(OpaqueData.VBIOS_VERSION, new byte[] {0x00, (byte) 0x9f, 0x00, (byte) 0x96, 0x01, 0, 0, 0});
            opaque.put(OpaqueData.BOARD_ID, new byte[] {(byte) 0xb1, 0x03, 0x00, 0x00});
            opaque.put(OpaqueData.CHIP_SKU, Arrays.copyOf("882".getBytes(StandardCharsets.US_ASCII), 9));
            opaque.put(OpaqueData.CHIP_SKU_MOD, Arrays.copyOf("0".getBytes(StandardCharsets.US_ASCII), 5));
            opaque.put(OpaqueData.PROJECT, Arrays.copyOf("1010".getBytes(StandardCharsets.US_ASCII), 5));
            opaque.put(OpaqueData.PROJECT_SKU, Arrays.copyOf("0200".getBytes(StandardCharsets.US_ASCII), 5));
            opaque.put(OpaqueData.PROJECT_SKU_MOD, new byte[2]);
            opaque.put(OpaqueData.DRIVER_VERSION, Arrays.copyOf(DRIVER.getBytes(StandardCharsets.US_ASCII), 10));
            opaque.put(OpaqueData.GPU_INFO, new byte[] {(byte) 0x80, 0x01, 0, 0, 0, 0, 0, 0});
            byte[] counts = new byte[256];
            for (int i = 0; i < 64; i++) {
                counts[4 * i] = (byte) (i == 8 || i == 10 ? 0 : 1);
            }
            opaque.put(OpaqueData.MSRSCNT, counts);
            opaque.put(OpaqueData.CPRINFO, new byte[] {0x00, (byte) 0xc0, 0x01, 0x00});
            opaque.put(OpaqueData.NVDEC0_STATUS, new byte[] {0x55});
            opaque.put(OpaqueData.FWID, FWID.clone());
            opaque.put(OpaqueData.PROTECTED_PCIE_STATUS, new byte[] {0x55});
        }

        Spdm signWith(PrivateKey k) {
            key = k;
            return this;
        }

        Spdm signature(byte[] s) {
            signatureOverride = s;
            return this;
        }

        byte[] opaqueBytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            opaque.forEach((type, value) -> {
                out.write(type & 0xff);
                out.write(type >> 8);
                out.write(value.length & 0xff);
                out.write(value.length >> 8);
                out.writeBytes(value);
            });
            out.writeBytes(extraOpaque);
            return out.toByteArray();
        }

        byte[] record() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            blocks.forEach((index, value) -> {
                out.write(index);
                out.write(blockSpec);
                out.write((value.length + 3) & 0xff);
                out.write((value.length + 3) >> 8);
                out.write(valueType);
                out.write(value.length & 0xff);
                out.write(value.length >> 8);
                out.writeBytes(value);
            });
            return out.toByteArray();
        }

        /** The signed region (everything before the signature). */
        byte[] signed() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(requestHeader);
            out.writeBytes(nonce);
            out.write(slot);
            out.writeBytes(responseHeader);
            out.write(blocks.size());
            byte[] record = record();
            out.write(record.length & 0xff);
            out.write((record.length >> 8) & 0xff);
            out.write((record.length >> 16) & 0xff);
            out.writeBytes(record);
            out.writeBytes(responderNonce);
            byte[] opaqueBytes = opaqueBytes();
            out.write(opaqueBytes.length & 0xff);
            out.write(opaqueBytes.length >> 8);
            out.writeBytes(opaqueBytes);
            return out.toByteArray();
        }

        byte[] bytes() {
            byte[] signed = signed();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(signed);
            // a P-256 key's 64-byte signature is padded to the 96 bytes the format reserves (for chain tests)
            out.writeBytes(signatureOverride != null ? signatureOverride
                    : Arrays.copyOf(TestGpu.sign(key, signed), SpdmEvidence.SIGNATURE_LENGTH));
            out.writeBytes(trailing);
            return out.toByteArray();
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha384(String label) {
        return sha384(label, 48);
    }

    static byte[] sha384(String label, int length) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-384").digest(label.getBytes(StandardCharsets.UTF_8)),
                    length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair keys(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key, String algorithm) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(algorithm)
                .build(key)));
    }
}
