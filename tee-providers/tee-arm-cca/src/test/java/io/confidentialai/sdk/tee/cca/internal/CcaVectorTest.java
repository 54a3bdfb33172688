package io.confidentialai.sdk.tee.cca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import io.confidentialai.sdk.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every CCA vector of ../shared/vectors/INDEX.md: values, anchors in each encoding, negatives, and byte flips. */
class CcaVectorTest {
    /** Skips the whole class when the shared vectors are absent (reads inside assertThrows would fail instead). */
    @org.junit.jupiter.api.BeforeAll
    static void requiresVectors() {
        Vectors.dir();
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final String ZERO32 = "00".repeat(32);
    private static final String RPV = HEX.formatHex(
            "The quick brown fox jumps over 13 lazy dogs.The quick brown fox ".getBytes(StandardCharsets.US_ASCII));
    private static final String IMPLEMENTATION_ID = "7f454c4602010100000000000000000003003e00010000005058000000000000";
    private static final String INSTANCE_ID = "0107060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918";

    static TeeClaims verify(byte[] token, ProviderContext ctx) throws AttestationVerificationException {
        return new ArmCcaProvider().newVerifier(ctx).orElseThrow().verify(Evidence.of(TeeType.ARM_CCA, token));
    }

    static Stream<String> anchorFiles() {
        return Stream.of(Vectors.CPAK_PEM, Vectors.CPAK_JWK, Vectors.CPAK_TA);
    }

    @ParameterizedTest(name = "anchor {0}")
    @MethodSource("anchorFiles")
    void token01VerifiesWithTheIndexValues(String anchorFile) throws Exception {
        TeeClaims c = verify(Vectors.read(Vectors.TOKEN_01), Vectors.context(Vectors.anchor(anchorFile)));

        assertThat(c.teeType()).isEqualTo(TeeType.ARM_CCA);
        assertThat(c.isHardware()).isTrue();
        assertThat(c.isDebug()).isFalse();
        assertThat(c.reportData().toHex()).isEqualTo("ab".repeat(64));
        assertThat(c.platformId()).contains(INSTANCE_ID);
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(c.measurement(MeasurementSlot.CCA_REALM_INITIAL).orElseThrow().toHex()).isEqualTo(ZERO32);
        for (int i = 0; i < 4; i++) {
            assertThat(c.measurement(MeasurementSlot.of(TeeType.ARM_CCA, "rem" + i)).orElseThrow().toHex())
                    .isEqualTo(ZERO32);
        }
        assertThat(c.measurement(MeasurementSlot.of(TeeType.ARM_CCA, "rpv")).orElseThrow().toHex()).isEqualTo(RPV);
        String sw = "07060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918";
        for (String type : List.of("bl", "m1", "m2", "m3")) {
            assertThat(c.measurement(MeasurementSlot.of(TeeType.ARM_CCA, "sw-" + type)).orElseThrow().toHex())
                    .isEqualTo(sw);
        }

        Map<String, Object> d = c.details();
        assertThat(d.get("collectionTag")).isEqualTo(399L);
        assertThat(d.get("profile")).isEqualTo("http://arm.com/CCA-SSD/1.0.0");
        assertThat(d).doesNotContainKey("realmProfile");
        assertThat(d.get("realmChallenge")).isEqualTo("ab".repeat(64));
        assertThat(d.get("realmPersonalizationValue")).isEqualTo(RPV);
        assertThat(d.get("realmInitialMeasurement")).isEqualTo(ZERO32);
        assertThat(d.get("realmExtensibleMeasurements")).isEqualTo(List.of(ZERO32, ZERO32, ZERO32, ZERO32));
        assertThat(d.get("realmHashAlgorithm")).isEqualTo("sha-256");
        assertThat(d.get("realmPublicKeyHashAlgorithm")).isEqualTo("sha-256");
        assertThat(d.get("realmPublicKeyEncoding")).isEqualTo("sec1");
        assertThat((String) d.get("realmPublicKey")).hasSize(2 * 97).startsWith("0476f988091be585");
        assertThat((String) d.get("platformChallenge")).startsWith("b5973cb6").endsWith("11ea");
        assertThat(d.get("platformChallenge")).isEqualTo(HEX.formatHex(MessageDigest.getInstance("SHA-256")
                .digest(HEX.parseHex((String) d.get("realmPublicKey")))));
        assertThat(d.get("implementationId")).isEqualTo(IMPLEMENTATION_ID);
        assertThat(d.get("instanceId")).isEqualTo(INSTANCE_ID);
        assertThat(d.get("configuration")).isEqualTo(INSTANCE_ID);
        assertThat(d.get("lifecycle")).isEqualTo("secured");
        assertThat(d.get("lifecycleValue")).isEqualTo(0x3003L);
        assertThat(d.get("platformHashAlgorithm")).isEqualTo("sha-256");
        assertThat(d.get("verificationService")).isEqualTo("whatever.com");
        assertThat(d.get("platformSignatureAlgorithm")).isEqualTo("ES384");
        assertThat(d.get("hardware")).isEqualTo(true);
        assertThat(d.get("debug")).isEqualTo(false);
        assertThat(d.get("tcbStatus")).isEqualTo("NotEvaluated");
        assertThat(d.get("swComponents")).isEqualTo(List.of(
                "slot=sw-bl type=BL version=3.4.2 measurement=" + sw + " signerId=" + sw + " hashAlgorithm=sha-256",
                "slot=sw-m1 type=M1 version=1.2 measurement=" + sw + " signerId=" + sw,
                "slot=sw-m2 type=M2 version=1.2.3 measurement=" + sw + " signerId=" + sw,
                "slot=sw-m3 type=M3 version=1 measurement=" + sw + " signerId=" + sw));
    }

    @Test
    void draftFfm00TokenWithCoseKeyRakVerifiesWithTheTrustAnchorEntry() throws Exception {
        TeeClaims c = verify(Vectors.read(Vectors.TOKEN_FFM), Vectors.context(Vectors.anchor(Vectors.CPAK_TA)));
        Map<String, Object> d = c.details();
        assertThat(c.isHardware()).isTrue();
        assertThat(d.get("profile")).isEqualTo("tag:arm.com,2023:cca_platform#1.0.0");
        assertThat(d.get("realmProfile")).isEqualTo("tag:arm.com,2023:realm#1.0.0");
        assertThat(d.get("realmPublicKeyEncoding")).isEqualTo("cose-key");
        assertThat(c.measurement(MeasurementSlot.CCA_REALM_INITIAL).orElseThrow().toHex())
                .isEqualTo("311314ab73620350cf758834ae5c65d9e8c2dc7febe6e7d9654bbe864e300d49");
        assertThat(d.get("realmPersonalizationValue")).isEqualTo(RPV);
        assertThat(c.reportData().toHex()).startsWith("6e86d6d9").endsWith("1504");
        assertThat((String) d.get("platformChallenge")).startsWith("0d22e08a").endsWith("d711");
        assertThat(d.get("realmExtensibleMeasurements")).isEqualTo(List.of(
                "24d5b0a296cc05cbd8068c5067c5bd473b770dda6ae082fe3ba30abe3f9a6ab1",
                "788fc090bfc6b8ed903152ba8414e73daf5b8c7bb1e79ad502ab0699b659ed16",
                "dac46a58415dc3a00d7a741852008e9cae64f52d03b9f76d76f4b3644fefc416",
                "32c6afc627e55585c03155359f331a0e225f6840db947dd96efab81be2671939"));
        assertThat(d.get("lifecycle")).isEqualTo("secured");
        assertThat(c.measurements()).containsKeys(MeasurementSlot.of(TeeType.ARM_CCA, "sw-rse_bl1_2"),
                MeasurementSlot.of(TeeType.ARM_CCA, "sw-rmm"), MeasurementSlot.of(TeeType.ARM_CCA, "sw-hw_config"));
        assertThat(d.get("trustAnchor").toString()).contains("instance id " + INSTANCE_ID);
    }

    @Test
    void theRealSignedTokensVerifyInTheTag907CmwForm() throws Exception {
        // the collection wrapper is not signed: the same two COSE_Sign1 messages as CMW records must verify
        CcaToken legacy = CcaToken.parse(Vectors.read(Vectors.TOKEN_01));
        byte[] token = Vectors.read(Vectors.TOKEN_01);
        byte[] platform = Cbor.bytes(((Cbor.CborMap) ((Cbor.Tagged) Cbor.decode(token, "t")).value())
                .get(CcaToken.PLATFORM_KEY).orElseThrow(), "p");
        byte[] realm = Cbor.bytes(((Cbor.CborMap) ((Cbor.Tagged) Cbor.decode(token, "t")).value())
                .get(CcaToken.REALM_KEY).orElseThrow(), "r");
        TeeClaims c = verify(TestTokens.collection(CcaToken.TAG_CMW, platform, realm),
                Vectors.context(Vectors.anchor(Vectors.CPAK_TA)));
        assertThat(c.details().get("collectionTag")).isEqualTo(907L);
        assertThat(c.reportData().toHex()).isEqualTo("ab".repeat(64));
        assertThat(legacy.tag).isEqualTo(399L);
    }

    @Test
    void detailNamesAreExactlyTheDocumentedOnes() throws Exception {
        Set<String> names = new LinkedHashSet<>(List.of("collectionTag", "profile", "platformChallenge",
                "implementationId", "instanceId", "configuration", "lifecycle", "lifecycleValue",
                "platformHashAlgorithm", "swComponents", "verificationService", "platformSignatureAlgorithm",
                "realmChallenge", "realmPersonalizationValue", "realmInitialMeasurement",
                "realmExtensibleMeasurements", "realmHashAlgorithm", "realmPublicKey", "realmPublicKeyEncoding",
                "realmPublicKeyHashAlgorithm", "hardware", "debug", "trustAnchor", "tcbStatus"));
        TeeClaims c = verify(Vectors.read(Vectors.TOKEN_01), Vectors.context(Vectors.anchor(Vectors.CPAK_PEM)));
        assertThat(c.details().keySet()).containsExactlyInAnyOrderElementsOf(names);
        names.add("realmProfile");
        TeeClaims ffm = verify(Vectors.read(Vectors.TOKEN_FFM), Vectors.context(Vectors.anchor(Vectors.CPAK_PEM)));
        assertThat(ffm.details().keySet()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void referenceValuesFromTheCollateralSetTheTcbStatus() throws Exception {
        byte[] rv = Vectors.read(Vectors.REFERENCE_VALUES);
        ProviderContext ctx = Vectors.context(Vectors.referenceValues(rv), List.of(), Vectors.anchor(Vectors.CPAK_PEM));
        TeeClaims c = verify(Vectors.read(Vectors.TOKEN_01), ctx);
        assertThat(c.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(c.tcbDetail()).contains("match reference values for implementation id " + IMPLEMENTATION_ID);
        assertThat(c.details().get("tcbStatus")).isEqualTo("UpToDate");

        // the draft-ffm token's platform has other firmware than the reference set for the same implementation id
        TeeClaims ffm = verify(Vectors.read(Vectors.TOKEN_FFM), ctx);
        assertThat(ffm.details().get("implementationId")).isEqualTo(IMPLEMENTATION_ID);
        assertThat(ffm.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(ffm.tcbDetail()).contains("matches none of the 1 reference value set(s)");
    }

    @Test
    void bug33TokenFailsTheRealmBinding() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(Vectors.read(Vectors.BUG_33), Vectors.context(Vectors.anchor(Vectors.CPAK_TA))));
        assertThat(e.reason()).isEqualTo(ReasonCode.KEY_BINDING_MISMATCH);
        assertThat(e.teeType()).contains(TeeType.ARM_CCA);
        assertThat(e.getMessage()).contains("0706050403020100");
    }

    @Test
    void flippedLastByteFailsTheRealmSignature() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(Vectors.read(Vectors.LAST_BYTE), Vectors.context(Vectors.anchor(Vectors.CPAK_PEM))));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).contains("realm token signature");
    }

    @Test
    void realmClaimsWithoutChallengeAreMalformedNamingTheClaim() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> RealmClaims.decode(Vectors.read(Vectors.MISSING_CHALLENGE)));
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("realm challenge (10)");
    }

    @Test
    void unsignedClaimSetsDecode() throws Exception {
        RealmClaims realm = RealmClaims.decode(Vectors.read("cca/rustcca-realm-claims.cbor"));
        assertThat(realm.challenge).hasSize(64);
        assertThat(realm.extensibleMeasurements).hasSize(4);
        PlatformClaims platform = PlatformClaims.decode(Vectors.read("cca/rustcca-platform-claims.cbor"));
        assertThat(HEX.formatHex(platform.implementationId)).isEqualTo("aa".repeat(32));
        assertThat(platform.swComponents).isNotEmpty();
    }

    @Test
    void withoutAnAnchorTheTokenIsNotAnchored() {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(Vectors.read(Vectors.TOKEN_01), Vectors.context()));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("no Arm CCA trust anchor is configured");
    }

    @Test
    void anEntryForAnotherInstanceDoesNotApply() throws Exception {
        String entry = new String(Vectors.read(Vectors.CPAK_TA), StandardCharsets.UTF_8)
                .replace("0107060504030201000f0e0d0c0b0a09", "01ffffffffffffffffffffffffffffff");
        TrustAnchor other = TrustAnchor.of(TeeType.ARM_CCA, entry.getBytes(StandardCharsets.UTF_8));
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verify(Vectors.read(Vectors.TOKEN_01), Vectors.context(other)));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("none for this platform");
    }

    @Test
    void everyNegativeFileIsCovered() throws Exception {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(Vectors.dir().resolve("cca/negative"))) {
            assertThat(files.map(p -> "cca/negative/" + p.getFileName()))
                    .containsExactlyInAnyOrder(Vectors.BUG_33, Vectors.LAST_BYTE, Vectors.MISSING_CHALLENGE);
        }
    }

    /**
     * Flips every byte of both signed payloads and both signatures of a real token: every copy must fail, the
     * signature flips with SIGNATURE_INVALID.
     */
    @Test
    void everyByteOfBothPayloadsAndBothSignaturesMatters() throws Exception {
        byte[] token = Vectors.read(Vectors.TOKEN_01);
        ProviderContext ctx = Vectors.context(Vectors.anchor(Vectors.CPAK_PEM));
        var verifier = new ArmCcaProvider().newVerifier(ctx).orElseThrow();
        CcaToken parsed = CcaToken.parse(token);
        Set<ReasonCode> allowed = Set.of(ReasonCode.SIGNATURE_INVALID, ReasonCode.EVIDENCE_MALFORMED,
                ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT, ReasonCode.KEY_BINDING_MISMATCH, ReasonCode.CERT_CHAIN_INVALID);
        int flipped = 0;
        for (byte[] region : List.of(parsed.platform.payload(), parsed.platform.signature(), parsed.realm.payload(),
                parsed.realm.signature())) {
            int start = indexOf(token, region);
            assertThat(start).isPositive();
            boolean signature = region.length == 96;
            for (int i = start; i < start + region.length; i++) {
                byte[] copy = token.clone();
                copy[i] ^= (byte) 0x01;
                AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                        () -> verifier.verify(Evidence.of(TeeType.ARM_CCA, copy)), "byte " + i);
                assertThat(e.reason()).as("byte %d", i).isIn(allowed);
                if (signature) {
                    assertThat(e.reason()).as("byte %d", i).isEqualTo(ReasonCode.SIGNATURE_INVALID);
                }
                flipped++;
            }
        }
        assertThat(flipped).isEqualTo(550 + 96 + 438 + 96);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
