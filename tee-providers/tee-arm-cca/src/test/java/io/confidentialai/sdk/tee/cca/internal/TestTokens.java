package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds signed CCA tokens with fresh test keys, claim by claim, so that tests can remove, replace or corrupt any
 * part. The platform challenge is the hash of the RAK claim unless a test overrides it.
 */
final class TestTokens {
    static final byte[] IMPLEMENTATION_ID = filled(32, 0x11);
    static final byte[] INSTANCE_ID = concat(new byte[] {0x01}, filled(32, 0x22));
    static final byte[] BL_MEASUREMENT = filled(32, 0x33);
    static final byte[] SIGNER = filled(32, 0x44);
    static final byte[] RMM_MEASUREMENT = filled(32, 0x55);
    static final byte[] RIM = filled(32, 0x66);
    static final byte[] RPV = filled(64, 0x77);
    static final byte[] REALM_CHALLENGE = filled(64, 0x5a);

    /** How the realm public key claim is encoded. */
    enum RakEncoding {
        SEC1, COSE_KEY
    }

    final KeyPair cpak;
    final long platformAlgorithm;
    final KeyPair rak;
    final Map<Object, CborOut.Item> platform = new LinkedHashMap<>();
    final Map<Object, CborOut.Item> realm = new LinkedHashMap<>();
    RakEncoding rakEncoding = RakEncoding.COSE_KEY;
    String rakHash = "sha-256";
    byte[] platformChallenge; // null: the hash of the RAK claim
    byte[] rakClaim; // null: encode rak per rakEncoding
    CborOut.Item platformProtected;
    CborOut.Item realmProtected;

    private TestTokens(KeyPair cpak, long platformAlgorithm) {
        this.cpak = cpak;
        this.platformAlgorithm = platformAlgorithm;
        this.rak = keyPair("secp384r1");
        platform.put(PlatformClaims.PROFILE, CborOut.text(PlatformClaims.PROFILE_2023));
        platform.put(PlatformClaims.IMPLEMENTATION_ID, CborOut.bytes(IMPLEMENTATION_ID));
        platform.put(PlatformClaims.INSTANCE_ID, CborOut.bytes(INSTANCE_ID));
        platform.put(PlatformClaims.CONFIGURATION, CborOut.bytes(new byte[] {1, 2, 3, 4}));
        platform.put(PlatformClaims.LIFECYCLE, CborOut.integer(0x3000));
        platform.put(PlatformClaims.HASH_ALGORITHM, CborOut.text("sha-256"));
        platform.put(PlatformClaims.SW_COMPONENTS, CborOut.array(
                CborOut.map(1, CborOut.text("BL"), 2, CborOut.bytes(BL_MEASUREMENT), 4, CborOut.text("1.0"),
                        5, CborOut.bytes(SIGNER), 6, CborOut.text("sha-256")),
                CborOut.map(1, CborOut.text("RMM"), 2, CborOut.bytes(RMM_MEASUREMENT), 5, CborOut.bytes(SIGNER))));
        platform.put(PlatformClaims.VERIFICATION_SERVICE, CborOut.text("https://verifier.example"));
        realm.put(RealmClaims.PROFILE, CborOut.text(RealmClaims.PROFILE_2023));
        realm.put(RealmClaims.CHALLENGE, CborOut.bytes(REALM_CHALLENGE));
        realm.put(RealmClaims.PERSONALIZATION_VALUE, CborOut.bytes(RPV));
        realm.put(RealmClaims.HASH_ALGORITHM, CborOut.text("sha-256"));
        realm.put(RealmClaims.INITIAL_MEASUREMENT, CborOut.bytes(RIM));
        realm.put(RealmClaims.EXTENSIBLE_MEASUREMENTS, CborOut.array(CborOut.bytes(filled(32, 1)),
                CborOut.bytes(filled(32, 2)), CborOut.bytes(filled(32, 3)), CborOut.bytes(filled(32, 4))));
        platformProtected = CborOut.map(1, CborOut.integer(platformAlgorithm));
        realmProtected = CborOut.map(1, CborOut.integer(CoseSign1.ES384));
    }

    /** A token signed by a fresh P-384 CPAK (ES384). */
    static TestTokens es384() {
        return new TestTokens(keyPair("secp384r1"), CoseSign1.ES384);
    }

    /** A token signed by a fresh P-256 CPAK (ES256). */
    static TestTokens es256() {
        return new TestTokens(keyPair("secp256r1"), CoseSign1.ES256);
    }

    /** The CPAK public key as a PEM trust anchor. */
    TrustAnchor pemAnchor() {
        return pemAnchor(cpak.getPublic());
    }

    static TrustAnchor pemAnchor(PublicKey key) {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return TrustAnchor.of(TeeType.ARM_CCA, pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** The RAK claim's bytes as they will be encoded. */
    byte[] rakClaimBytes() {
        if (rakClaim != null) {
            return rakClaim;
        }
        ECPublicKey k = (ECPublicKey) rak.getPublic();
        byte[] x = fixed(k.getW().getAffineX(), 48);
        byte[] y = fixed(k.getW().getAffineY(), 48);
        if (rakEncoding == RakEncoding.SEC1) {
            return concat(new byte[] {0x04}, concat(x, y));
        }
        return CborOut.map(1, CborOut.integer(2), -1, CborOut.integer(2), -2, CborOut.bytes(x), -3, CborOut.bytes(y))
                .bytes();
    }

    byte[] platformPayload() {
        Map<Object, CborOut.Item> claims = new LinkedHashMap<>(platform);
        if (!claims.containsKey(PlatformClaims.CHALLENGE) && platformChallenge != null) {
            claims.put(PlatformClaims.CHALLENGE, CborOut.bytes(platformChallenge));
        } else if (!claims.containsKey(PlatformClaims.CHALLENGE) && !platform.containsKey("no-challenge")) {
            claims.put(PlatformClaims.CHALLENGE, CborOut.bytes(hash(rakHash, rakClaimBytes())));
        }
        claims.remove("no-challenge");
        return encodeMap(claims);
    }

    byte[] realmPayload() {
        Map<Object, CborOut.Item> claims = new LinkedHashMap<>(realm);
        if (!claims.containsKey(RealmClaims.PUBLIC_KEY) && !realm.containsKey("no-rak")) {
            claims.put(RealmClaims.PUBLIC_KEY, CborOut.bytes(rakClaimBytes()));
        }
        if (!claims.containsKey(RealmClaims.PUBLIC_KEY_HASH_ALGORITHM) && !realm.containsKey("no-rak-hash")) {
            claims.put(RealmClaims.PUBLIC_KEY_HASH_ALGORITHM, CborOut.text(rakHash));
        }
        claims.remove("no-rak");
        claims.remove("no-rak-hash");
        return encodeMap(claims);
    }

    /** A COSE_Sign1 message, tagged 18, over {@code payload}. */
    static byte[] sign1(CborOut.Item protectedHeader, byte[] payload, PrivateKey key, long alg) {
        byte[] prot = protectedHeader.bytes();
        byte[] tbs = CborOut.array(CborOut.text("Signature1"), CborOut.bytes(prot), CborOut.bytes(new byte[0]),
                CborOut.bytes(payload)).bytes();
        byte[] signature = sign(key, alg, tbs);
        return CborOut.tag(18, CborOut.array(CborOut.bytes(prot), CborOut.map(), CborOut.bytes(payload),
                CborOut.bytes(signature))).bytes();
    }

    byte[] platformToken() {
        return sign1(platformProtected, platformPayload(), cpak.getPrivate(), platformAlgorithm);
    }

    byte[] realmToken() {
        return sign1(realmProtected, realmPayload(), rak.getPrivate(), CoseSign1.ES384);
    }

    /** The collection: tag 399 with bare byte strings, or tag 907 with CMW records. */
    byte[] build(long tag) {
        return collection(tag, platformToken(), realmToken());
    }

    static byte[] collection(long tag, byte[] platformToken, byte[] realmToken) {
        if (tag == CcaToken.TAG_CMW) {
            return CborOut.tag(tag, CborOut.map(CcaToken.PLATFORM_KEY,
                    CborOut.array(CborOut.integer(263), CborOut.bytes(platformToken)), CcaToken.REALM_KEY,
                    CborOut.array(CborOut.integer(263), CborOut.bytes(realmToken)))).bytes();
        }
        return CborOut.tag(tag, CborOut.map(CcaToken.PLATFORM_KEY, CborOut.bytes(platformToken), CcaToken.REALM_KEY,
                CborOut.bytes(realmToken))).bytes();
    }

    private static byte[] encodeMap(Map<Object, CborOut.Item> claims) {
        Object[] kv = new Object[2 * claims.size()];
        int i = 0;
        for (Map.Entry<Object, CborOut.Item> e : claims.entrySet()) {
            kv[i++] = e.getKey();
            kv[i++] = e.getValue();
        }
        return CborOut.map(kv).bytes();
    }

    static byte[] sign(PrivateKey key, long alg, byte[] message) {
        try {
            Signature s = Signature.getInstance(alg == CoseSign1.ES256 ? "SHA256withECDSAinP1363Format"
                    : "SHA384withECDSAinP1363Format");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hash(String name, byte[] data) {
        try {
            return MessageDigest.getInstance(name.toUpperCase(java.util.Locale.ROOT)).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair keyPair(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] fixed(BigInteger v, int size) {
        byte[] b = v.toByteArray();
        if (b.length == size) {
            return b;
        }
        if (b.length > size) {
            return Arrays.copyOfRange(b, b.length - size, b.length);
        }
        byte[] out = new byte[size];
        System.arraycopy(b, 0, out, size - b.length, b.length);
        return out;
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
