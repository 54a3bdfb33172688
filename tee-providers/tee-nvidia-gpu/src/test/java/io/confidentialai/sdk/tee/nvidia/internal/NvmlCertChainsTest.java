package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.ConfidentialException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Both encodings NVML may use for the attestation certificate chain become the same PEM. */
class NvmlCertChainsTest {
    private static final NvmlTestCerts CERTS = NvmlTestCerts.generate("Test GPU AK");

    private static String pem(byte[] der, String eol) {
        return "-----BEGIN CERTIFICATE-----" + eol
                + Base64.getMimeEncoder(64, eol.getBytes(StandardCharsets.US_ASCII)).encodeToString(der) + eol
                + "-----END CERTIFICATE-----" + eol;
    }

    private static final String EXPECTED = pem(CERTS.leaf, "\n") + pem(CERTS.root, "\n");

    @Test
    void concatenatedDerBecomesPemLeafFirst() {
        assertThat(NvmlCertChains.toPem(CERTS.der(), 8)).isEqualTo(EXPECTED);
    }

    @Test
    void pemIsAcceptedAndNormalized() {
        String crlf = pem(CERTS.leaf, "\r\n") + "\r\n" + pem(CERTS.root, "\r\n");
        byte[] withNuls = Arrays.copyOf(crlf.getBytes(StandardCharsets.US_ASCII), crlf.length() + 3);
        assertThat(NvmlCertChains.toPem(withNuls, 8)).isEqualTo(EXPECTED);
        assertThat(NvmlCertChains.toPem(EXPECTED.getBytes(StandardCharsets.US_ASCII), 8)).isEqualTo(EXPECTED);
    }

    @Test
    void derWithTrailingNulsIsAccepted() {
        assertThat(NvmlCertChains.toPem(Arrays.copyOf(CERTS.der(), CERTS.der().length + 16), 8)).isEqualTo(EXPECTED);
    }

    @Test
    void aDerCertificateEndingInZeroIsKeptWhole() {
        byte[] endsInZero = {0x30, 0x03, 0x02, 0x01, 0x00};
        assertThat(NvmlCertChains.split(endsInZero, 8)).singleElement().isEqualTo(endsInZero);
        assertThat(NvmlCertChains.split(Arrays.copyOf(endsInZero, 9), 8)).singleElement().isEqualTo(endsInZero);
    }

    @Test
    void tooManyCertificatesAreRefused() {
        assertThat(assertThrows(ConfidentialException.class, () -> NvmlCertChains.toPem(CERTS.der(), 1)).getMessage())
                .contains("more than 1 certificates");
        byte[] pem = EXPECTED.getBytes(StandardCharsets.US_ASCII);
        assertThat(assertThrows(ConfidentialException.class, () -> NvmlCertChains.toPem(pem, 1)).getMessage())
                .contains("more than 1 certificates");
    }

    @Test
    void truncatedDerIsRefused() {
        byte[] der = CERTS.der();
        byte[] truncated = Arrays.copyOf(der, der.length - 10);
        assertThat(assertThrows(ConfidentialException.class, () -> NvmlCertChains.toPem(truncated, 8)).getMessage())
                .contains("malformed").contains("certificate 1");
    }

    @Test
    void malformedPemIsRefused() {
        String unterminated = "-----BEGIN CERTIFICATE-----\nMIIB\n";
        String badBase64 = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
        String trailingText = EXPECTED + "garbage";
        String notOneSequence = pem(new byte[] {0x30, 0x01, 0x00, 0x00}, "\n");
        for (String s : new String[] {unterminated, badBase64, trailingText, notOneSequence}) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(assertThrows(ConfidentialException.class, () -> NvmlCertChains.toPem(b, 8)).getMessage())
                    .contains("malformed");
        }
    }

    @Test
    void emptyOrUnknownEncodingsAreRefused() {
        assertThat(assertThrows(ConfidentialException.class, () -> NvmlCertChains.toPem(new byte[] {0, 0, '\n'}, 8))
                .getMessage()).contains("empty");
        assertThat(assertThrows(ConfidentialException.class, () -> NvmlCertChains.toPem(new byte[] {4, 1, 0}, 8))
                .getMessage()).contains("malformed");
    }

    @Test
    void aDerSequenceThatIsNotACertificateIsRefused() {
        byte[] notACert = {0x30, 0x03, 0x02, 0x01, 0x07};
        assertThat(assertThrows(ConfidentialException.class, () -> NvmlCertChains.toPem(notACert, 8)).getMessage())
                .contains("certificate 0").contains("does not parse as X.509");
    }

    @Test
    void derLengthsAreReadStrictly() {
        assertThat(NvmlCertChains.derLength(new byte[] {0x30, 0x00}, 0)).isEqualTo(2);
        assertThat(NvmlCertChains.derLength(new byte[] {0x30, (byte) 0x81, 0x01, 0x00}, 0)).isEqualTo(4);
        assertThat(NvmlCertChains.derLength(new byte[] {0x30, (byte) 0x80, 0x00, 0x00}, 0)).isEqualTo(-1); // indefinite
        assertThat(NvmlCertChains.derLength(new byte[] {0x30, (byte) 0x84, 0, 0, 0, 1, 0}, 0)).isEqualTo(-1);
        assertThat(NvmlCertChains.derLength(new byte[] {0x30, (byte) 0x82, 0x7f}, 0)).isEqualTo(-1);
        assertThat(NvmlCertChains.derLength(new byte[] {0x30, 0x05, 0x00}, 0)).isEqualTo(-1);
        assertThat(NvmlCertChains.derLength(new byte[] {0x31, 0x00}, 0)).isEqualTo(-1);
    }
}
