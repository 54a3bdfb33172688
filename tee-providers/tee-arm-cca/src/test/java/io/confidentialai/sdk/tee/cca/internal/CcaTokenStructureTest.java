package io.confidentialai.sdk.tee.cca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import io.confidentialai.sdk.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Synthetic tokens with fresh keys: both collection forms, both platform algorithms, and each defect by reason. */
class CcaTokenStructureTest {
    private static final HexFormat HEX = HexFormat.of();

    static TeeClaims verify(byte[] token, ProviderContext ctx) throws AttestationVerificationException {
        return new ArmCcaProvider().newVerifier(ctx).orElseThrow().verify(Evidence.of(TeeType.ARM_CCA, token));
    }

    static AttestationVerificationException reject(byte[] token, ProviderContext ctx, ReasonCode reason) {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(token, ctx));
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.teeType()).contains(TeeType.ARM_CCA);
        return e;
    }

    static AttestationVerificationException reject(TestTokens t, ReasonCode reason) {
        return reject(t.build(CcaToken.TAG_CMW), Vectors.context(t.pemAnchor()), reason);
    }

    @ParameterizedTest(name = "tag {0}")
    @ValueSource(longs = {399, 907})
    void bothCollectionFormsVerify(long tag) throws Exception {
        TestTokens t = TestTokens.es384();
        TeeClaims c = verify(t.build(tag), Vectors.context(t.pemAnchor()));
        assertThat(c.isHardware()).isTrue();
        assertThat(c.details().get("collectionTag")).isEqualTo(tag);
        assertThat(c.reportData().toByteArray()).isEqualTo(TestTokens.REALM_CHALLENGE);
        assertThat(c.measurement(MeasurementSlot.CCA_REALM_INITIAL).orElseThrow().toByteArray())
                .isEqualTo(TestTokens.RIM);
        assertThat(c.measurement(MeasurementSlot.of(TeeType.ARM_CCA, "sw-bl")).orElseThrow().toByteArray())
                .isEqualTo(TestTokens.BL_MEASUREMENT);
        assertThat(c.measurement(MeasurementSlot.of(TeeType.ARM_CCA, "sw-rmm")).orElseThrow().toByteArray())
                .isEqualTo(TestTokens.RMM_MEASUREMENT);
        assertThat(c.details().get("realmPublicKeyEncoding")).isEqualTo("cose-key");
        assertThat(c.details().get("verificationService")).isEqualTo("https://verifier.example");
    }

    @Test
    void es256PlatformAndSec1RakVerify() throws Exception {
        TestTokens t = TestTokens.es256();
        t.rakEncoding = TestTokens.RakEncoding.SEC1;
        TeeClaims c = verify(t.build(CcaToken.TAG_LEGACY), Vectors.context(t.pemAnchor()));
        assertThat(c.details().get("platformSignatureAlgorithm")).isEqualTo("ES256");
        assertThat(c.details().get("realmPublicKeyEncoding")).isEqualTo("sec1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sha-384", "sha-512"})
    void theBindingUsesTheNamedHashAlgorithm(String hash) throws Exception {
        TestTokens t = TestTokens.es384();
        t.rakHash = hash;
        TeeClaims c = verify(t.build(CcaToken.TAG_CMW), Vectors.context(t.pemAnchor()));
        assertThat(HEX.parseHex((String) c.details().get("platformChallenge")))
                .isEqualTo(TestTokens.hash(hash, t.rakClaimBytes()));
    }

    @Test
    void aPlatformChallengeOtherThanTheRakHashIsABindingFailure() {
        TestTokens t = TestTokens.es384();
        t.platformChallenge = TestTokens.filled(32, 9);
        reject(t, ReasonCode.KEY_BINDING_MISMATCH);
    }

    @Test
    void aWeakBindingHashIsUnsupported() {
        TestTokens t = TestTokens.es384();
        t.rakHash = "sha-1";
        t.platformChallenge = TestTokens.filled(32, 1);
        assertThat(reject(t, ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT).getMessage()).contains("sha-1");
    }

    @Test
    void theRealmMustBeSignedByItsOwnRak() {
        TestTokens t = TestTokens.es384();
        byte[] foreignRealm = TestTokens.sign1(t.realmProtected, t.realmPayload(),
                TestTokens.keyPair("secp384r1").getPrivate(), CoseSign1.ES384);
        AttestationVerificationException e = reject(TestTokens.collection(399, t.platformToken(), foreignRealm),
                Vectors.context(t.pemAnchor()), ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("realm token signature");
    }

    @Test
    void anotherCpakIsASignatureFailure() {
        TestTokens t = TestTokens.es384();
        TrustAnchor other = TestTokens.pemAnchor(TestTokens.keyPair("secp384r1").getPublic());
        AttestationVerificationException e = reject(t.build(399), Vectors.context(other), ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("platform token signature");
    }

    @Test
    void aKeyOfTheOtherCurveDoesNotApply() {
        TestTokens t = TestTokens.es384();
        TrustAnchor p256 = TestTokens.pemAnchor(TestTokens.keyPair("secp256r1").getPublic());
        reject(t.build(399), Vectors.context(p256), ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void trustAnchorEntriesAreMatchedByInstanceAndImplementationId() throws Exception {
        TestTokens t = TestTokens.es384();
        TeeClaims c = verify(t.build(907), Vectors.context(entry(t, TestTokens.INSTANCE_ID, TestTokens.IMPLEMENTATION_ID)));
        assertThat(c.details().get("trustAnchor").toString()).contains(HEX.formatHex(TestTokens.INSTANCE_ID));
        reject(t.build(907), Vectors.context(entry(t, TestTokens.concat(new byte[] {1}, TestTokens.filled(32, 7)),
                null)), ReasonCode.CERT_CHAIN_INVALID);
        reject(t.build(907), Vectors.context(entry(t, null, TestTokens.filled(32, 7))), ReasonCode.CERT_CHAIN_INVALID);
        // an entry for this very instance whose key does not verify: a signature failure, not an unknown platform
        TestTokens other = TestTokens.es384();
        reject(t.build(907), Vectors.context(entry(other, TestTokens.INSTANCE_ID, null)), ReasonCode.SIGNATURE_INVALID);
    }

    private static TrustAnchor entry(TestTokens t, byte[] instance, byte[] implementation) {
        ECPublicKey k = (ECPublicKey) t.cpak.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String json = "[{\"pkey\":{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\""
                + b64.encodeToString(TestTokens.fixed(k.getW().getAffineX(), 48)) + "\",\"y\":\""
                + b64.encodeToString(TestTokens.fixed(k.getW().getAffineY(), 48)) + "\"}"
                + (instance != null ? ",\"instance-id\":\"" + HEX.formatHex(instance) + "\"" : "")
                + (implementation != null ? ",\"implementation-id\":\"" + HEX.formatHex(implementation) + "\"" : "")
                + "}]";
        return TrustAnchor.of(TeeType.ARM_CCA, json.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> unusableAnchors() {
        String offCurve = "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + "A".repeat(64) + "\",\"y\":\"" + "A".repeat(63)
                + "B\"}";
        return Stream.of(
                Arguments.of("off-curve JWK", offCurve, "off-curve"),
                Arguments.of("private JWK", "{\"kty\":\"EC\",\"crv\":\"P-384\",\"d\":\"AA\",\"x\":\"AA\",\"y\":\"AA\"}",
                        "private key"),
                Arguments.of("private PEM", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                        "private key"),
                Arguments.of("P-521 JWK", "{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"AA\",\"y\":\"AA\"}", "P-521"),
                Arguments.of("garbage", "hello", "neither PEM"),
                Arguments.of("bad JSON", "{\"kty\":", "JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableAnchors")
    void unusableAnchorsAreNamedWhenNothingVerifies(String name, String encoded, String expected) {
        TestTokens t = TestTokens.es384();
        TrustAnchor bad = TrustAnchor.of(TeeType.ARM_CCA, encoded.getBytes(StandardCharsets.UTF_8));
        AttestationVerificationException e = reject(t.build(907), Vectors.context(bad), ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("trust anchor #1 is unusable").contains(expected);
    }

    @Test
    void anOffCurveRealmKeyIsASignatureFailureNamedAsSuch() {
        for (TestTokens.RakEncoding enc : TestTokens.RakEncoding.values()) {
            TestTokens t = TestTokens.es384();
            t.rakEncoding = enc;
            byte[] claim = t.rakClaimBytes().clone();
            claim[claim.length - 1] ^= 1; // the last byte of y
            t.rakClaim = claim;
            AttestationVerificationException e = reject(t, ReasonCode.SIGNATURE_INVALID);
            assertThat(e.getMessage()).contains("not a point on P-384 (off-curve key)");
        }
    }

    @Test
    void aRealmKeyOnAnotherCurveIsUnsupported() {
        TestTokens t = TestTokens.es384();
        t.rakClaim = CborOut.map(1, CborOut.integer(2), -1, CborOut.integer(1), -2, CborOut.bytes(new byte[32]), -3,
                CborOut.bytes(new byte[32])).bytes();
        reject(t, ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
    }

    static Stream<Arguments> mandatoryPlatformClaims() {
        return Stream.of(
                Arguments.of(PlatformClaims.PROFILE, "platform profile (265)"),
                Arguments.of(PlatformClaims.IMPLEMENTATION_ID, "platform implementation id (2396)"),
                Arguments.of(PlatformClaims.INSTANCE_ID, "platform instance id (256)"),
                Arguments.of(PlatformClaims.CONFIGURATION, "platform configuration (2401)"),
                Arguments.of(PlatformClaims.LIFECYCLE, "platform lifecycle (2395)"),
                Arguments.of(PlatformClaims.HASH_ALGORITHM, "platform hash algorithm (2402)"),
                Arguments.of(PlatformClaims.SW_COMPONENTS, "platform software components (2399)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mandatoryPlatformClaims")
    void aMissingPlatformClaimIsMalformedAndNamed(long key, String name) {
        TestTokens t = TestTokens.es384();
        t.platform.remove(key);
        assertThat(reject(t, ReasonCode.EVIDENCE_MALFORMED).getMessage()).contains("mandatory claim " + name);
    }

    @Test
    void aMissingPlatformChallengeIsMalformedAndNamed() {
        TestTokens t = TestTokens.es384();
        t.platform.put("no-challenge", CborOut.nul());
        assertThat(reject(t, ReasonCode.EVIDENCE_MALFORMED).getMessage())
                .contains("mandatory claim platform challenge (10)");
    }

    static Stream<Arguments> mandatoryRealmClaims() {
        return Stream.of(
                Arguments.of(RealmClaims.CHALLENGE, "realm challenge (10)"),
                Arguments.of(RealmClaims.PERSONALIZATION_VALUE, "realm personalization value (44235)"),
                Arguments.of(RealmClaims.HASH_ALGORITHM, "realm hash algorithm (44236)"),
                Arguments.of(RealmClaims.INITIAL_MEASUREMENT, "realm initial measurement (44238)"),
                Arguments.of(RealmClaims.EXTENSIBLE_MEASUREMENTS, "realm extensible measurements (44239)"),
                Arguments.of("no-rak", "realm public key (44237)"),
                Arguments.of("no-rak-hash", "realm public key hash algorithm (44240)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mandatoryRealmClaims")
    void aMissingRealmClaimIsMalformedAndNamed(Object key, String name) {
        TestTokens t = TestTokens.es384();
        if (key instanceof String) {
            t.realm.put(key, CborOut.nul());
        } else {
            t.realm.remove(key);
        }
        assertThat(reject(t, ReasonCode.EVIDENCE_MALFORMED).getMessage()).contains("mandatory claim " + name);
    }

    @Test
    void theVectorWithoutRealmChallengeIsMalformedInsideASignedToken() {
        byte[] claims = Vectors.read(Vectors.MISSING_CHALLENGE);
        TestTokens t = TestTokens.es384();
        byte[] realm = TestTokens.sign1(t.realmProtected, claims, t.rak.getPrivate(), CoseSign1.ES384);
        AttestationVerificationException e = reject(TestTokens.collection(907, t.platformToken(), realm),
                Vectors.context(t.pemAnchor()), ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("realm challenge (10)");
    }

    @Test
    void aTextKeyIsNeverTakenForAnIntegerClaimKey() {
        TestTokens t = TestTokens.es384();
        CborOut.Item challenge = t.realm.remove(RealmClaims.CHALLENGE);
        t.realm.put("10", challenge);
        assertThat(reject(t, ReasonCode.EVIDENCE_MALFORMED).getMessage()).contains("realm challenge (10)");
    }

    @Test
    void unknownClaimsAreIgnored() throws Exception {
        TestTokens t = TestTokens.es384();
        t.realm.put(99999L, CborOut.tag(1, CborOut.integer(5)));
        t.realm.put("note", CborOut.text("x"));
        t.platform.put(-70000L, CborOut.array());
        verify(t.build(907), Vectors.context(t.pemAnchor()));
    }

    @Test
    void duplicateKeysAreMalformed() {
        TestTokens t = TestTokens.es384();
        byte[] realm = TestTokens.sign1(t.realmProtected, CborOut.map(10, CborOut.bytes(new byte[64]), 10,
                CborOut.bytes(new byte[64])).bytes(), t.rak.getPrivate(), CoseSign1.ES384);
        AttestationVerificationException e = reject(TestTokens.collection(907, t.platformToken(), realm),
                Vectors.context(t.pemAnchor()), ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("twice");
    }

    static Stream<Arguments> badClaimValues() {
        return Stream.of(
                Arguments.of(true, PlatformClaims.INSTANCE_ID, CborOut.bytes(new byte[32]), "instance id"),
                Arguments.of(true, PlatformClaims.INSTANCE_ID, CborOut.bytes(TestTokens.concat(new byte[] {2},
                        new byte[32])), "UEID of type RAND"),
                Arguments.of(true, PlatformClaims.LIFECYCLE, CborOut.integer(0x7000), "lifecycle range"),
                Arguments.of(true, PlatformClaims.LIFECYCLE, CborOut.text("secured"), "integer"),
                Arguments.of(true, PlatformClaims.HASH_ALGORITHM, CborOut.text("sha256"), "IANA hash"),
                Arguments.of(true, PlatformClaims.SW_COMPONENTS, CborOut.array(), "at least one component"),
                Arguments.of(true, PlatformClaims.SW_COMPONENTS, CborOut.array(CborOut.map(2,
                        CborOut.bytes(new byte[32]))), "signer id (5)"),
                Arguments.of(true, PlatformClaims.SW_COMPONENTS, CborOut.array(CborOut.map(2,
                        CborOut.bytes(new byte[32]), 5, CborOut.bytes(new byte[32]), 7, CborOut.integer(1))),
                        "unknown key 7"),
                Arguments.of(true, PlatformClaims.IMPLEMENTATION_ID, CborOut.tag(64, CborOut.bytes(new byte[32])),
                        "tag 64"),
                Arguments.of(false, RealmClaims.CHALLENGE, CborOut.bytes(new byte[32]), "must be 64 bytes"),
                Arguments.of(false, RealmClaims.INITIAL_MEASUREMENT, CborOut.bytes(new byte[48]),
                        "must be 32 bytes"),
                Arguments.of(false, RealmClaims.EXTENSIBLE_MEASUREMENTS, CborOut.array(CborOut.bytes(new byte[32])),
                        "4 measurements"),
                Arguments.of(false, RealmClaims.PERSONALIZATION_VALUE, CborOut.text("x"), "byte string"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("badClaimValues")
    void illFormedClaimsAreMalformed(boolean platform, long key, CborOut.Item value, String expected) {
        TestTokens t = TestTokens.es384();
        (platform ? t.platform : t.realm).put(key, value);
        assertThat(reject(t, ReasonCode.EVIDENCE_MALFORMED).getMessage()).contains(expected);
    }

    @Test
    void unknownProfilesAreUnsupported() {
        TestTokens t = TestTokens.es384();
        t.platform.put(PlatformClaims.PROFILE, CborOut.text("tag:arm.com,2099:cca_platform#9"));
        reject(t, ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
        TestTokens r = TestTokens.es384();
        r.realm.put(RealmClaims.PROFILE, CborOut.text("tag:arm.com,2099:realm#9"));
        reject(r, ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
    }

    @ParameterizedTest(name = "lifecycle {0}")
    @ValueSource(ints = {0x0000, 0x1000, 0x2001, 0x3000, 0x30ff, 0x4000, 0x50ff, 0x6000})
    void lifecycleNamesAndTheDebugFlag(int lifecycle) throws Exception {
        TestTokens t = TestTokens.es384();
        t.platform.put(PlatformClaims.LIFECYCLE, CborOut.integer(lifecycle));
        TeeClaims c = verify(t.build(907), Vectors.context(t.pemAnchor()));
        String[] names = {"unknown", "assembly-and-test", "cca-platform-rot-provisioning", "secured",
            "non-cca-platform-rot-debug", "recoverable-cca-platform-rot-debug", "decommissioned"};
        assertThat(c.details().get("lifecycle")).isEqualTo(names[lifecycle >> 12]);
        assertThat(c.details().get("lifecycleValue")).isEqualTo((long) lifecycle);
        assertThat(c.isDebug()).isEqualTo(lifecycle >= 0x4000 && lifecycle < 0x6000);
    }

    static Stream<Arguments> badEnvelopes() {
        TestTokens t = TestTokens.es384();
        byte[] p = t.platformToken();
        byte[] r = t.realmToken();
        byte[] good = TestTokens.collection(907, p, r);
        byte[] trailing = TestTokens.concat(good, new byte[] {0});
        byte[] untaggedCose = CborOut.array(CborOut.bytes(new byte[] {(byte) 0xa1, 1, 0x38, 0x22}), CborOut.map(),
                CborOut.bytes(t.realmPayload()), CborOut.bytes(new byte[96])).bytes();
        CborOut.Item es384 = CborOut.map(1, CborOut.integer(CoseSign1.ES384));
        return Stream.of(
                Arguments.of("not CBOR", new byte[] {(byte) 0xff, 1, 2}, ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("trailing byte", trailing, ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("truncated", java.util.Arrays.copyOf(good, good.length - 1), ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("untagged collection", CborOut.map(44234, CborOut.bytes(p), 44241, CborOut.bytes(r))
                        .bytes(), ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("tag 400", CborOut.tag(400, CborOut.map(44234, CborOut.bytes(p), 44241,
                        CborOut.bytes(r))).bytes(), ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("self-described tag 399", CborOut.tag(55799, CborOut.raw(TestTokens.collection(399, p,
                        r))).bytes(), ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("a bare COSE_Sign1", p, ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("realm missing", CborOut.tag(399, CborOut.map(44234, CborOut.bytes(p))).bytes(),
                        ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("extra key", CborOut.tag(399, CborOut.map(44234, CborOut.bytes(p), 44241,
                        CborOut.bytes(r), 1, CborOut.bytes(r))).bytes(), ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("tag 907 with bare byte strings", CborOut.tag(907, CborOut.map(44234, CborOut.bytes(p),
                        44241, CborOut.bytes(r))).bytes(), ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("CMW type 264", CborOut.tag(907, CborOut.map(44234, CborOut.array(CborOut.integer(264),
                        CborOut.bytes(p)), 44241, CborOut.array(CborOut.integer(263), CborOut.bytes(r)))).bytes(),
                        ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("CMW with 3 elements", CborOut.tag(907, CborOut.map(44234, CborOut.array(
                        CborOut.integer(263), CborOut.bytes(p), CborOut.integer(1)), 44241, CborOut.array(
                        CborOut.integer(263), CborOut.bytes(r)))).bytes(), ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("untagged COSE_Sign1", TestTokens.collection(399, p, untaggedCose),
                        ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("critical header", TestTokens.collection(399, p, TestTokens.sign1(CborOut.map(1,
                        CborOut.integer(CoseSign1.ES384), 2, CborOut.array(CborOut.integer(99))), t.realmPayload(),
                        t.rak.getPrivate(), CoseSign1.ES384)), ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("no algorithm", TestTokens.collection(399, p, TestTokens.sign1(CborOut.map(4,
                        CborOut.bytes(new byte[1])), t.realmPayload(), t.rak.getPrivate(), CoseSign1.ES384)),
                        ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("realm ES256", TestTokens.collection(399, p, TestTokens.sign1(CborOut.map(1,
                        CborOut.integer(CoseSign1.ES256)), t.realmPayload(), t.rak.getPrivate(), CoseSign1.ES384)),
                        ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("platform ES512", TestTokens.collection(399, TestTokens.sign1(CborOut.map(1,
                        CborOut.integer(-36)), t.platformPayload(), t.cpak.getPrivate(), CoseSign1.ES384), r),
                        ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("detached payload", TestTokens.collection(399, p, CborOut.tag(18, CborOut.array(
                        CborOut.bytes(es384.bytes()), CborOut.map(), CborOut.nul(), CborOut.bytes(new byte[96])))
                        .bytes()), ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT),
                Arguments.of("short signature", TestTokens.collection(399, p, CborOut.tag(18, CborOut.array(
                        CborOut.bytes(es384.bytes()), CborOut.map(), CborOut.bytes(t.realmPayload()),
                        CborOut.bytes(new byte[95]))).bytes()), ReasonCode.EVIDENCE_MALFORMED),
                Arguments.of("too deep", nested(40), ReasonCode.EVIDENCE_MALFORMED));
    }

    private static byte[] nested(int depth) {
        CborOut.Item item = CborOut.integer(0);
        for (int i = 0; i < depth; i++) {
            item = CborOut.array(item);
        }
        return CborOut.tag(399, CborOut.map(44234, item, 44241, CborOut.bytes(new byte[1]))).bytes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEnvelopes")
    void envelopeDefectsAreRejectedWithTheirReason(String name, byte[] token, ReasonCode reason) {
        reject(token, Vectors.context(TestTokens.es384().pemAnchor()), reason);
    }

    @Test
    void evidenceOfAnotherTeeIsUnsupported() {
        TestTokens t = TestTokens.es384();
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> new ArmCcaProvider().newVerifier(Vectors.context(t.pemAnchor())).orElseThrow()
                        .verify(Evidence.of(TeeType.INTEL_TDX, t.build(907))));
        assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
    }

    @Test
    void referenceValuesSetTheTcbStatus() throws Exception {
        TestTokens t = TestTokens.es384();
        byte[] token = t.build(907);
        String impl = HEX.formatHex(TestTokens.IMPLEMENTATION_ID);
        String bl = "{\"component-type\":\"BL\",\"measurement-value\":\"" + HEX.formatHex(TestTokens.BL_MEASUREMENT)
                + "\",\"signer-id\":\"" + HEX.formatHex(TestTokens.SIGNER) + "\",\"version\":\"1.0\"}";
        String rmm = "{\"measurement-value\":\"" + HEX.formatHex(TestTokens.RMM_MEASUREMENT).toUpperCase()
                + "\",\"signer-id\":\"" + HEX.formatHex(TestTokens.SIGNER) + "\"}";
        String good = "{\"platform\":[{\"implementation-id\":\"" + impl + "\",\"platform-configuration\":\"01020304\","
                + "\"sw-components\":[" + rmm + "," + bl + "]}]}";
        assertThat(tcb(token, t, good).tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);

        String otherVersion = good.replace("\"1.0\"", "\"0.9\"");
        TeeClaims outdated = tcb(token, t, otherVersion);
        assertThat(outdated.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(outdated.tcbDetail()).contains("'BL' version 1.0");

        assertThat(tcb(token, t, good.replace("01020304", "01020305")).tcbDetail()).contains("configuration 01020304");
        assertThat(tcb(token, t, good.replace(impl, "22".repeat(32))).tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(tcb(token, t, "{\"platform\":[]}").tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);

        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> tcb(token, t, "{\"platform\": 5}"));
        assertThat(e.reason()).isEqualTo(ReasonCode.COLLATERAL_UNAVAILABLE);
    }

    private static TeeClaims tcb(byte[] token, TestTokens t, String rv) throws AttestationVerificationException {
        CollateralSource src = Vectors.referenceValues(rv.getBytes(StandardCharsets.UTF_8));
        return verify(token, Vectors.context(src, List.of(), t.pemAnchor()));
    }

    @Test
    void swSlotNamesAreValidAndUnique() {
        byte[] m = new byte[32];
        List<PlatformClaims.SwComponent> comps = List.of(
                new PlatformClaims.SwComponent(java.util.Optional.of("BL"), m, java.util.Optional.empty(), m,
                        java.util.Optional.empty()),
                new PlatformClaims.SwComponent(java.util.Optional.of("bl"), m, java.util.Optional.empty(), m,
                        java.util.Optional.empty()),
                new PlatformClaims.SwComponent(java.util.Optional.empty(), m, java.util.Optional.empty(), m,
                        java.util.Optional.empty()),
                new PlatformClaims.SwComponent(java.util.Optional.of("Some Very Long Component.Type/Name 123"), m,
                        java.util.Optional.empty(), m, java.util.Optional.empty()));
        List<String> names = CcaTokenVerifier.swSlotNames(comps);
        assertThat(names).containsExactly("sw-bl", "sw-bl-1", "sw-2", "sw-some_very_long_component_type");
        names.forEach(n -> MeasurementSlot.of(TeeType.ARM_CCA, n));
    }
}
