package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.CollateralSource;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single-byte changes to signed collateral: a change inside the signed JSON fails SIGNATURE_INVALID when the document
 * is still well-formed JSON, EVIDENCE_MALFORMED when it is not; changes to CRLs fail too.
 */
class CollateralMutationTest {
    private static final String TCB_INFO = "tdx/gotdx-tcbinfo-50806f000000.json";

    /** Skips the whole class when the shared vectors are absent. */
    @BeforeAll
    static void requiresVectors() {
        Vectors.dir();
    }

    static Map<String, byte[]> withTcbInfo(byte[] tcbInfo) {
        Map<String, byte[]> m = TdxCollateralTest.sprCollateral();
        m.put("tcb-info.json", tcbInfo);
        return m;
    }

    static ReasonCode reason(Map<String, byte[]> attachments) {
        return assertThrows(AttestationVerificationException.class, () -> TdxCollateralTest.verify(
                TdxCollateralTest.SPR_E4, TdxCollateralTest.SPR_AT, attachments, CollateralSource.none())).reason();
    }

    /** Offsets inside the signed {@code "tcbInfo"} value: every 9th byte. */
    static IntStream signedOffsets() {
        byte[] doc = Vectors.read(TCB_INFO);
        String text = new String(doc, StandardCharsets.US_ASCII);
        int start = text.indexOf("{", 1);
        int end = text.lastIndexOf(",\"signature\"");
        return IntStream.iterate(start, i -> i < end, i -> i + 9);
    }

    @ParameterizedTest(name = "offset {0}")
    @MethodSource("signedOffsets")
    void flippedByteInSignedTcbInfoFails(int offset) {
        byte[] doc = Vectors.read(TCB_INFO);
        byte original = doc[offset];
        doc[offset] ^= 0x01;
        boolean wellFormed;
        try {
            RawJson.members(doc);
            wellFormed = true;
        } catch (IllegalArgumentException e) {
            wellFormed = false; // e.g. a quote or brace changed, or "15" became "05"
        }
        ReasonCode r = reason(withTcbInfo(doc));
        assertThat(r).as("byte '%s' at %d", (char) original, offset)
                .isEqualTo(wellFormed ? ReasonCode.SIGNATURE_INVALID : ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void flippedDigitInTheSignedJsonIsSignatureInvalid() {
        byte[] doc = Vectors.read(TCB_INFO);
        String text = new String(doc, StandardCharsets.US_ASCII);
        int at = text.indexOf("\"pcesvn\":11") + "\"pcesvn\":1".length();
        doc[at] = '2';
        assertThat(reason(withTcbInfo(doc))).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void flippedSignatureIsSignatureInvalid() {
        byte[] doc = Vectors.read(TCB_INFO);
        String text = new String(doc, StandardCharsets.US_ASCII);
        int at = text.indexOf("\"signature\":\"") + "\"signature\":\"".length() + 10;
        doc[at] = (byte) (doc[at] == 'a' ? 'b' : 'a');
        assertThat(reason(withTcbInfo(doc))).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void reformattedJsonIsSignatureInvalid() {
        // the signature covers the exact bytes: pretty-printing the same object invalidates it
        String text = new String(Vectors.read(TCB_INFO), StandardCharsets.US_ASCII).replace(",\"", ", \"");
        assertThat(reason(withTcbInfo(text.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void flippedByteInQeIdentityIsSignatureInvalid() {
        byte[] doc = Vectors.read("tdx/gotdx-qe-identity.json");
        String text = new String(doc, StandardCharsets.US_ASCII);
        doc[text.indexOf("\"isvprodid\":2") + "\"isvprodid\":".length()] = '3';
        Map<String, byte[]> m = TdxCollateralTest.sprCollateral();
        m.put("qe-identity.json", doc);
        assertThat(reason(m)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void flippedByteInTheCombinedFormIsSignatureInvalid() {
        byte[] doc = Vectors.read(TdxCollateralTest.DCAP_COLLATERAL);
        String text = new String(doc, StandardCharsets.US_ASCII);
        int at = text.indexOf("tcbEvaluationDataNumber") + 2;
        doc[at] ^= 0x01;
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> TdxCollateralTest.verify(TdxCollateralTest.DCAP_QUOTE, TdxCollateralTest.DCAP_AT,
                        Map.of("collateral.json", doc), CollateralSource.none()));
        assertThat(e.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void flippedByteInACrlSignatureFails() {
        Map<String, byte[]> m = TdxCollateralTest.sprCollateral();
        byte[] crl = m.get("root-ca-crl.der");
        crl[crl.length - 3] ^= 0x01; // inside the ECDSA signature value
        m.put("root-ca-crl.der", crl);
        assertThat(reason(m)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }

    @Test
    void flippedByteInThePckCrlBodyFails() {
        Map<String, byte[]> m = TdxCollateralTest.sprCollateral();
        byte[] crl = m.get("pck-crl.der");
        crl[400] ^= 0x01; // inside a revoked serial number
        m.put("pck-crl.der", crl);
        assertThat(reason(m)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    }
}
