package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import io.confidentialai.sdk.tee.testkit.TestContexts;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The device chain rules on simulated chains: anchors, lengths, links, CA flags, the device certificate, time. */
class DeviceChainTest {
    static TeeClaims verify(TestGpu gpu, byte[] pem, ProviderContext ctx) throws AttestationVerificationException {
        Evidence e = Evidence.builder().teeType(TeeType.NVIDIA_GPU_CC)
                .data(new TestGpu.Spdm().signWith(gpu.deviceKey()).bytes())
                .attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT, pem).build();
        return new NvidiaGpuProvider().newVerifier(ctx).orElseThrow().verify(e);
    }

    static TeeClaims verify(TestGpu gpu) throws AttestationVerificationException {
        return verify(gpu, gpu.pem(), gpu.context());
    }

    static AttestationVerificationException reject(TestGpu gpu, byte[] pem, ProviderContext ctx) {
        return assertThrows(AttestationVerificationException.class, () -> verify(gpu, pem, ctx));
    }

    static AttestationVerificationException reject(TestGpu gpu) {
        return reject(gpu, gpu.pem(), gpu.context());
    }

    @ParameterizedTest(name = "{0} intermediates")
    @ValueSource(ints = {0, 1, 2, 3})
    void simulatedChainsOfTwoToFiveCertificatesVerify(int intermediates) throws Exception {
        TestGpu gpu = TestGpu.builder().intermediates(intermediates).build();
        assertThat(gpu.chain).hasSize(2 + intermediates);
        TeeClaims c = verify(gpu);
        assertThat(c.isHardware()).isFalse();
        assertThat(c.details().get("rootCa")).isEqualTo("CSDK Simulation Root CA");
    }

    @Test
    void simulatedChainsOfSixCertificatesAreRejected() {
        AttestationVerificationException e = reject(TestGpu.builder().intermediates(4).build());
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("2 to 5");
    }

    @Test
    void moreThanEightCertificatesAreMalformed() {
        TestGpu gpu = TestGpu.create();
        List<X509Certificate> many = new ArrayList<>(gpu.chain);
        while (many.size() <= DeviceChain.MAX_CERTIFICATES) {
            many.add(gpu.root);
        }
        assertThat(reject(gpu, TestGpu.pem(many), gpu.context()).reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    }

    @Test
    void aChainWithoutItsRootIsCompletedWithTheSimulationRoot() throws Exception {
        TestGpu gpu = TestGpu.builder().intermediates(1).build();
        byte[] pem = TestGpu.pem(gpu.chain.subList(0, 2));
        assertThat(verify(gpu, pem, gpu.context()).isHardware()).isFalse();
    }

    @Test
    void anUnknownRootIsRejected() {
        TestGpu gpu = TestGpu.create();
        ProviderContext noRoots = TestContexts.at(TestGpu.AT);
        AttestationVerificationException e = reject(gpu, gpu.pem(), noRoots);
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("neither the pinned NVIDIA Device Identity CA");
        // another simulation root with the same name does not do
        TestGpu other = TestGpu.create();
        assertThat(reject(gpu, gpu.pem(), other.context()).reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void theDeviceCertificateAloneIsRejected() {
        TestGpu gpu = TestGpu.create();
        AttestationVerificationException e = reject(gpu, TestGpu.pem(gpu.chain.subList(0, 1)), gpu.context());
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void aBrokenLinkIsRejected() {
        TestGpu gpu = TestGpu.builder().intermediates(2).build();
        List<X509Certificate> skipped = List.of(gpu.chain.get(0), gpu.chain.get(2), gpu.chain.get(3));
        AttestationVerificationException e = reject(gpu, TestGpu.pem(skipped), gpu.context());
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("is issued by \"CSDK Test ICA 1\"");
        // same names, other keys: the signature does not verify
        TestGpu twin = TestGpu.builder().intermediates(2).build();
        List<X509Certificate> mixed = List.of(gpu.chain.get(0), twin.chain.get(1), gpu.chain.get(2), gpu.root);
        AttestationVerificationException e2 = reject(gpu, TestGpu.pem(mixed), gpu.context());
        assertThat(e2.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e2.getMessage()).contains("does not verify");
    }

    @Test
    void theDeviceCertificateMustCarryTheFwidAndNotBeACa() {
        AttestationVerificationException noFwid = reject(TestGpu.builder().withoutFwid().build());
        assertThat(noFwid.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(noFwid.getMessage()).contains("no FWID extension 2.23.133.5.4.1");
        assertThat(reject(TestGpu.builder().deviceIsCa().build()).reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        AttestationVerificationException p256 = reject(TestGpu.builder().deviceCurve("secp256r1").build());
        assertThat(p256.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(p256.getMessage()).contains("P-384");
        assertThat(reject(TestGpu.builder().fwid(new byte[32]).build()).reason())
                .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    }

    @Test
    void theTcgDiceTcbInfoLayoutIsAccepted() throws Exception {
        TestGpu gpu = TestGpu.builder().tcgLayout().build();
        assertThat(DiceTcbInfo.fwid(gpu.device())).hasValueSatisfying(f -> assertThat(f).isEqualTo(TestGpu.FWID));
        assertThat(verify(gpu).isHardware()).isFalse();
    }

    @Test
    void unknownCriticalExtensionsAreRejected() {
        AttestationVerificationException e = reject(TestGpu.builder().criticalExtension("1.2.3.4.5").build());
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains("1.2.3.4.5");
    }

    @Test
    void validityIsCheckedAtTheContextInstant() throws Exception {
        TestGpu gpu = TestGpu.builder().deviceValidity(Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z")).build();
        assertThat(verify(gpu, gpu.pem(), gpu.context(Instant.parse("2025-06-01T00:00:00Z"))).isHardware()).isFalse();
        for (String at : List.of("2024-12-31T23:59:59Z", "2026-01-01T00:00:01Z")) {
            AttestationVerificationException e = reject(gpu, gpu.pem(), gpu.context(Instant.parse(at)));
            assertThat(e.reason()).as(at).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
            assertThat(e.getMessage()).contains("not at the verification instant " + at);
        }
    }

    @Test
    void pemTextIsParsedStrictly() {
        TestGpu gpu = TestGpu.create();
        String pem = new String(gpu.pem(), StandardCharsets.US_ASCII);
        for (String bad : List.of(
                "junk\n" + pem,
                pem + "junk",
                pem.replace(DeviceChain.END + "\n" + DeviceChain.BEGIN, "\n" + DeviceChain.BEGIN),
                pem.substring(0, pem.length() - 30),
                pem.replaceFirst("[A-Za-z]{4}\n", "!!!!\n"),
                pem.replaceFirst("\n[A-Za-z0-9+/]{8}", "\nAAAA"))) {
            AttestationVerificationException e = reject(gpu, bad.getBytes(StandardCharsets.US_ASCII), gpu.context());
            assertThat(e.reason()).as(bad.length() + " characters").isIn(ReasonCode.EVIDENCE_MALFORMED,
                    ReasonCode.CERT_CHAIN_INVALID);
        }
        // NUL termination and blank lines around blocks are fine (NVML and NVIDIA's tools emit both)
        String tolerated = "\n\n" + pem.replace(DeviceChain.END + "\n", DeviceChain.END + "\r\n\r\n") + "\0";
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(
                () -> verify(gpu, tolerated.getBytes(StandardCharsets.US_ASCII), gpu.context()));
    }

    @Test
    void certificateSignaturesAreCheckedWithBouncyCastle() throws Exception {
        TestGpu gpu = TestGpu.builder().intermediates(1).build();
        X509Certificate device = gpu.chain.get(0);
        X509Certificate ica = gpu.chain.get(1);
        assertThat(Ecdsa.verifyCertificate(device, ica.getPublicKey())).isTrue(); // P-384 issuer, SHA-384
        assertThat(Ecdsa.verifyCertificate(ica, gpu.root.getPublicKey())).isTrue(); // P-256 issuer, SHA-256
        assertThat(Ecdsa.verifyCertificate(gpu.root, gpu.root.getPublicKey())).isTrue();
        assertThat(Ecdsa.verifyCertificate(device, gpu.root.getPublicKey())).isFalse();
        assertThat(Ecdsa.verifyCertificate(ica, device.getPublicKey())).isFalse();
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThat(Ecdsa.verifyCertificate(device, rsa.generateKeyPair().getPublic())).isFalse();
        assertThat(Ecdsa.verifyCertificate(device, TestGpu.keys("secp521r1").getPublic())).isFalse();
    }

    @Test
    void serialNumbersAreRenderedWithoutSignByte() {
        assertThat(DeviceChain.serialHex(new java.math.BigInteger("00ff", 16))).isEqualTo("ff");
        assertThat(DeviceChain.serialHex(new java.math.BigInteger("ff01", 16))).isEqualTo("ff01");
        assertThat(DeviceChain.serialHex(java.math.BigInteger.ONE)).isEqualTo("01");
        assertThat(DeviceChain.arch("GH100 A01 GSP FMC LF")).isEqualTo("GH100");
        assertThat(DeviceChain.arch("weird/name x")).isEqualTo("unknown");
    }
}
