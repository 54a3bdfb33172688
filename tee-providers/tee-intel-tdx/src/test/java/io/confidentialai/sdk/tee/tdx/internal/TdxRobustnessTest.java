package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Truncation, garbage, encoding, limit and chain-rebuilding tests on the real gotdx SPR E4 quote. Single-byte
 * changes of every part of real quotes are in {@link QuoteMutationTest}.
 */
class TdxRobustnessTest {
    private static final String SPR_E4 = "tdx/gotdx-quote-v4-spr-e4.dat";
    private static final Instant AT = Instant.parse("2023-07-01T00:00:00Z");
    /** Layout of the SPR E4 quote (v4): the declared quote ends at 4935; 39 ASCII bytes follow. */
    private static final int SIGNED_END = 632;
    private static final int PEM_START = 1258;
    private static final int QUOTE_END = 4935;

    /** Skips the whole class when the shared vectors are absent. */
    @BeforeAll
    static void requiresVectors() {
        Vectors.dir();
    }

    @Test
    void quoteWithoutTrailingBytesVerifies() throws Exception {
        byte[] quote = Arrays.copyOf(Vectors.read(SPR_E4), QUOTE_END);
        assertThat(verify(quote, AT).isHardware()).isTrue();
    }

    @Test
    void everyTruncationIsMalformed() {
        byte[] quote = Vectors.read(SPR_E4);
        EvidenceVerifier verifier = verifier(Vectors.context(AT));
        List<Integer> lengths = new ArrayList<>();
        IntStream.rangeClosed(1, 80).forEach(lengths::add);
        IntStream.iterate(81, i -> i < QUOTE_END, i -> i + 11).forEach(lengths::add);
        lengths.addAll(List.of(SIGNED_END, SIGNED_END + 3, SIGNED_END + 4, PEM_START - 1, PEM_START, QUOTE_END - 1));
        for (int length : lengths) {
            byte[] cut = Arrays.copyOf(quote, length);
            assertThat(reasonOf(verifier, cut)).as("truncated to %d bytes", length)
                    .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        }
    }

    @Test
    void randomBytesAreMalformed() {
        EvidenceVerifier verifier = verifier(Vectors.context(AT));
        Random random = new Random(20240601L);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[1 + random.nextInt(6000)];
            random.nextBytes(garbage);
            assertThat(reasonOf(verifier, garbage)).as("random #%d", i).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        }
    }

    @Test
    void randomBytesBehindAValidHeaderAreMalformed() {
        byte[] header = Arrays.copyOf(Vectors.read(SPR_E4), 48);
        EvidenceVerifier verifier = verifier(Vectors.context(AT));
        Random random = new Random(7L);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[48 + random.nextInt(6000)];
            random.nextBytes(garbage);
            System.arraycopy(header, 0, garbage, 0, 48);
            assertThat(reasonOf(verifier, garbage)).as("random #%d", i).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        }
    }

    @Test
    void hexTextIsAccepted() throws Exception {
        byte[] quote = Vectors.read(SPR_E4);
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < quote.length; i++) {
            hex.append(String.format("%02X", quote[i] & 0xff));
            if (i % 32 == 31) {
                hex.append("\r\n");
            }
        }
        TeeClaims claims = verify(hex.toString().getBytes(StandardCharsets.US_ASCII), AT);
        assertThat(claims.isHardware()).isTrue();
        assertThat(claims.platformId()).contains("50806f000000");
    }

    @Test
    void oddHexTextIsMalformed() {
        assertThat(reasonOf(verifier(Vectors.context(AT)), "04000200810".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void evidenceLargerThanTheLimitIsMalformed() {
        byte[] quote = Vectors.read(SPR_E4);
        ProviderContext ctx = Vectors.context(AT, new InputLimits(4000, 64 << 10, 8, 1 << 20), List.of());
        assertThat(reasonOf(verifier(ctx), quote)).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void chainLargerThanTheLimitIsMalformed() {
        byte[] quote = Vectors.read(SPR_E4);
        ProviderContext ctx = Vectors.context(AT, new InputLimits(1 << 20, 3000, 8, 1 << 20), List.of());
        assertThat(reasonOf(verifier(ctx), quote)).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void chainLongerThanTheLimitIsRejected() {
        byte[] quote = Vectors.read(SPR_E4);
        ProviderContext ctx = Vectors.context(AT, new InputLimits(1 << 20, 64 << 10, 2, 1 << 20), List.of());
        assertThat(reasonOf(verifier(ctx), quote)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void evidenceLabelledForAnotherTeeIsUnsupported() {
        byte[] quote = Vectors.read(SPR_E4);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> verifier(Vectors.context(AT)).verify(Evidence.of(TeeType.AMD_SEV_SNP, quote)));
        assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
    }

    @Test
    void chainWithoutRootIsRejected() throws Exception {
        byte[] quote = Vectors.read(SPR_E4);
        List<String> blocks = pemBlocks(quote);
        byte[] rebuilt = withPem(quote, (blocks.get(0) + blocks.get(1)).getBytes(StandardCharsets.US_ASCII));
        assertThat(reasonOf(verifier(Vectors.context(AT)), rebuilt)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void rebuiltChainWithTheSameCertificatesStillVerifies() throws Exception {
        byte[] quote = Vectors.read(SPR_E4);
        List<String> blocks = pemBlocks(quote);
        byte[] rebuilt = withPem(quote, (String.join("", blocks) + "\0").getBytes(StandardCharsets.US_ASCII));
        assertThat(verify(rebuilt, AT).isHardware()).isTrue();
    }

    @Test
    void chainEndingAtAnUnknownRootIsRejected() throws Exception {
        byte[] quote = Vectors.read(SPR_E4);
        List<String> blocks = pemBlocks(quote);
        String other = new String(Vectors.read("roots/intel-sgx-tcb-signing-2018-2025.pem"), StandardCharsets.US_ASCII);
        byte[] rebuilt = withPem(quote, (blocks.get(0) + blocks.get(1) + other).getBytes(StandardCharsets.US_ASCII));
        assertThat(reasonOf(verifier(Vectors.context(AT)), rebuilt)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void simulationRootMustStillBeSelfSigned() throws Exception {
        byte[] quote = Vectors.read(SPR_E4);
        List<String> blocks = pemBlocks(quote);
        byte[] rebuilt = withPem(quote, (blocks.get(0) + blocks.get(1)).getBytes(StandardCharsets.US_ASCII));
        X509Certificate platformCa = certificate(blocks.get(1));
        ProviderContext ctx = Vectors.context(AT, InputLimits.defaults(), List.of(platformCa));
        assertThat(reasonOf(verifier(ctx), rebuilt)).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void intelRootListedAsSimulationRootIsStillHardware() throws Exception {
        byte[] quote = Vectors.read(SPR_E4);
        ProviderContext ctx = Vectors.context(AT, InputLimits.defaults(), List.of(IntelRootCa.certificate()));
        assertThat(verifier(ctx).verify(Evidence.of(TeeType.INTEL_TDX, quote)).isHardware()).isTrue();
    }

    private static TeeClaims verify(byte[] quote, Instant at) throws AttestationVerificationException {
        return TdxVectorTest.verify(quote, at);
    }

    private static EvidenceVerifier verifier(ProviderContext ctx) {
        return new IntelTdxProvider().newVerifier(ctx).orElseThrow();
    }

    /** The reason code of the rejection; any other outcome (acceptance, another exception type) fails the test. */
    private static ReasonCode reasonOf(EvidenceVerifier verifier, byte[] data) {
        try {
            verifier.verify(Evidence.of(TeeType.INTEL_TDX, data));
        } catch (AttestationVerificationException e) {
            return e.reason();
        }
        return fail("the mutated evidence was accepted");
    }

    private static List<String> pemBlocks(byte[] quote) {
        String pem = new String(quote, PEM_START, QUOTE_END - PEM_START, StandardCharsets.US_ASCII);
        List<String> blocks = new ArrayList<>();
        int from = 0;
        String end = "-----END CERTIFICATE-----\n";
        while (pem.indexOf(end, from) >= 0) {
            int stop = pem.indexOf(end, from) + end.length();
            blocks.add(pem.substring(pem.indexOf("-----BEGIN", from), stop));
            from = stop;
        }
        assertThat(blocks).hasSize(3);
        return blocks;
    }

    /** Rebuilds a v4 quote around a new PEM chain, with all nested sizes recomputed. */
    private static byte[] withPem(byte[] quote, byte[] pem) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(quote, 0, SIGNED_END);
        int qeBlock = 384 + 64 + 2 + 32;
        int certSize = qeBlock + 6 + pem.length;
        out.writeBytes(le32(64 + 64 + 6 + certSize));
        out.write(quote, SIGNED_END + 4, 128);
        out.writeBytes(new byte[] {6, 0});
        out.writeBytes(le32(certSize));
        out.write(quote, SIGNED_END + 4 + 128 + 6, qeBlock);
        out.writeBytes(new byte[] {5, 0});
        out.writeBytes(le32(pem.length));
        out.writeBytes(pem);
        return out.toByteArray();
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
