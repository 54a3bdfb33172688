package io.confidentialai.sdk.tee.sevsnp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.TeeClaims;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Turin has no real report in the vectors: the binding of the real Turin VCEK (8-byte hwID, FMC, Turin TCB layout) is
 * checked against synthetic report bytes (unsigned; the binding runs before the signature).
 */
class TurinBindingTest {
    private static final byte[] HW_ID = HexFormat.of().parseHex("1e550a8ee5cf9f4d");
    private static Endorsement turin;

    @BeforeAll
    static void chain() throws Exception {
        byte[] vcek = Vectors.read("snp/virtee-turin-vcek.der");
        turin = ChainBuilder.build(EndorsementDocuments.parse(
                List.of(new EndorsementDocuments.Document("vcek.der", vcek)), InputLimits.defaults()),
                SnpReport.SigningKey.VCEK, List.of());
    }

    /** A version 3 report with Turin CPUID, TCB fmc0 bl0 tee0 snp0 ucode9 in the Turin layout, CHIP_ID = hwID. */
    private static byte[] report() {
        ByteBuffer b = ByteBuffer.allocate(SnpReport.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 3);
        b.putLong(8, 0x30000L);
        b.putInt(0x34, 1);
        long tcb = TcbVersion.compose(Product.TURIN, 0, 0, 0, 0, 9).raw();
        b.putLong(0x38, tcb).putLong(0x180, tcb).putLong(0x1E0, tcb).putLong(0x1F0, tcb);
        b.put(0x188, (byte) 0x1a).put(0x189, (byte) 0x02).put(0x18A, (byte) 0x00);
        b.put(0x1A0, HW_ID);
        return b.array();
    }

    @Test
    void turinReportBindsToTheTurinVcek() throws Exception {
        SnpReport r = SnpReport.parse(report());
        SnpReportVerifier.Binding.check(r, turin);
        TeeClaims claims = SnpClaims.of(r, turin, "detail", false);
        Map<String, Object> d = claims.details();
        assertThat(d).containsEntry("product", "Turin").containsEntry("reportedTcb.fmc", 0L)
                .containsEntry("reportedTcb.microcode", 9L).containsEntry("reportedTcb.value", "0x0900000000000000")
                .containsEntry("cpuid.family", 0x1aL);
        assertThat(claims.platformId()).contains(HexFormat.of().formatHex(HW_ID) + "00".repeat(56));
    }

    @Test
    void chipIdMustStartWithTheHwIdAndEndInZeros() throws Exception {
        byte[] other = report();
        other[0x1A0] ^= 1;
        assertBinding(other, "hwID");
        byte[] tail = report();
        tail[0x1DF] = 1;
        assertBinding(tail, "rest zero");
    }

    @Test
    void theTurinLayoutIsUsed() throws Exception {
        byte[] snpInMilanPosition = report();
        snpInMilanPosition[0x180 + 6] = 1;
        assertBinding(snpInMilanPosition, "REPORTED_TCB");
        byte[] fmc = report();
        fmc[0x180] = 1;
        assertBinding(fmc, "fmc=1");
    }

    @Test
    void cpuidOfAnotherProductFailsTheBinding() throws Exception {
        byte[] milan = report();
        milan[0x188] = 0x19;
        milan[0x189] = 0x01;
        assertBinding(milan, "Milan");
    }

    private static void assertBinding(byte[] report, String messagePart) throws Exception {
        SnpReport r = SnpReport.parse(report);
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                () -> SnpReportVerifier.Binding.check(r, turin));
        assertThat(e.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
        assertThat(e.getMessage()).contains(messagePart);
    }
}
