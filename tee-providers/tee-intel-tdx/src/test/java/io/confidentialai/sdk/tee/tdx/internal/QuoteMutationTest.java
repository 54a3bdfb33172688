package io.confidentialai.sdk.tee.tdx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-byte change of a real quote fails, with the reason code of the part it hits: each byte of the header,
 * the v5 body descriptor, the TD report body, every length and type field, the quote signature, the attestation key,
 * the QE report, the QE report signature, the QE authentication data and each certificate of the PCK chain is
 * flipped in turn (XOR 0x01, then XOR 0x80), and every byte after the declared end of the quote is flipped and must
 * change nothing. Three quotes: gotdx SPR E4 (v4, 39 junk bytes after the quote), gotdx v5 sample (v5, TDX 1.5 body,
 * nothing after the quote) and dcap-qvl (v4, zero padding) with its collateral attached, so that the collateral path
 * sees every mutation too.
 *
 * <p>Each quote is verified by one long-lived verifier that has already verified the original, so the content-hash
 * caches (CA links, keys, collateral) are warm: a mutation must not slip through a cache either.
 */
class QuoteMutationTest {
    private static final int[] MASKS = {0x01, 0x80};
    private static final Set<ReasonCode> SIGNATURE = Set.of(ReasonCode.SIGNATURE_INVALID);
    private static final Set<ReasonCode> MALFORMED = Set.of(ReasonCode.EVIDENCE_MALFORMED);
    private static final Set<ReasonCode> UNSUPPORTED = Set.of(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT);
    private static final Set<ReasonCode> FORMAT = Set.of(ReasonCode.UNSUPPORTED_EVIDENCE_FORMAT,
            ReasonCode.EVIDENCE_MALFORMED);
    private static final Set<ReasonCode> CHAIN = Set.of(ReasonCode.CERT_CHAIN_INVALID);

    /** Skips the whole class when the shared vectors are absent. */
    @BeforeAll
    static void requiresVectors() {
        Vectors.dir();
    }

    /** A real quote, the instant at which it verifies, and optional collateral to attach. */
    record Subject(String name, String file, Instant at, String collateral) {
        byte[] bytes() {
            return Vectors.read(file);
        }

        Evidence evidence(byte[] quote) {
            Evidence.Builder b = Evidence.builder().teeType(TeeType.INTEL_TDX).data(quote);
            if (collateral != null) {
                b.attachment("collateral.json", Vectors.read(collateral));
            }
            return b.build();
        }
    }

    /** A byte range of a quote and the reason codes a change inside it may produce; empty: it must be accepted. */
    record Region(Subject subject, String name, int from, int to, Set<ReasonCode> reasons) {
        @Override
        public String toString() {
            return subject.name + ": " + name + " [" + from + ", " + to + ")";
        }
    }

    static final Subject SPR_E4 = new Subject("SPR E4 v4", "tdx/gotdx-quote-v4-spr-e4.dat",
            Instant.parse("2023-07-01T00:00:00Z"), null);
    static final Subject V5 = new Subject("v5 sample", "tdx/gotdx-quote-v5-sample.dat",
            Instant.parse("2026-02-03T00:00:00Z"), null);
    static final Subject DCAP = new Subject("dcap-qvl v4 + collateral", TdxCollateralTest.DCAP_QUOTE,
            TdxCollateralTest.DCAP_AT, TdxCollateralTest.DCAP_COLLATERAL);

    static Stream<Region> regions() {
        return Stream.of(SPR_E4, V5, DCAP).flatMap(s -> layout(s).stream());
    }

    /** Splits the quote into its parts, from the lengths the parser found. */
    static List<Region> layout(Subject s) {
        byte[] bytes = s.bytes();
        TdxQuote q;
        try {
            q = TdxQuoteParser.parse(bytes, InputLimits.defaults());
        } catch (AttestationVerificationException e) {
            throw new AssertionError("the original quote must parse", e);
        }
        List<Region> r = new ArrayList<>();
        r.add(new Region(s, "header: version", 0, 2, FORMAT));
        r.add(new Region(s, "header: attestation key type", 2, 4, UNSUPPORTED));
        r.add(new Region(s, "header: TEE type", 4, 8, FORMAT));
        r.add(new Region(s, "header: QE/PCE SVN, QE vendor id, user data", 8, 48, SIGNATURE));
        int pos = 48;
        if (q.version == 5) {
            r.add(new Region(s, "v5 body descriptor", pos, pos + 6, FORMAT));
            pos += 6;
        }
        int body = q.teeTcbSvn2 != null ? TdxQuoteParser.BODY_TDX15_LENGTH : TdxQuoteParser.BODY_TDX10_LENGTH;
        assertThat(pos + body).isEqualTo(q.signedRegion.length);
        pos = add(r, s, "TD report body", pos, body, SIGNATURE);
        pos = add(r, s, "signature data length", pos, 4, MALFORMED);
        pos = add(r, s, "quote signature", pos, 64, SIGNATURE);
        pos = add(r, s, "attestation key", pos, 64, SIGNATURE);
        pos = add(r, s, "certification data type", pos, 2, UNSUPPORTED);
        pos = add(r, s, "certification data size", pos, 4, MALFORMED);
        pos = add(r, s, "QE report", pos, TdxQuote.QE_REPORT_LENGTH, SIGNATURE);
        pos = add(r, s, "QE report signature", pos, 64, SIGNATURE);
        pos = add(r, s, "QE authentication data length", pos, 2, FORMAT);
        pos = add(r, s, "QE authentication data", pos, q.qeAuthData.length, SIGNATURE);
        pos = add(r, s, "PCK certification data type", pos, 2, UNSUPPORTED);
        pos = add(r, s, "PCK certification data size", pos, 4, MALFORMED);
        String pem = new String(bytes, pos, q.pckChainPem.length, StandardCharsets.US_ASCII);
        List<Integer> starts = new ArrayList<>();
        for (int i = pem.indexOf("-----BEGIN"); i >= 0; i = pem.indexOf("-----BEGIN", i + 1)) {
            starts.add(i);
        }
        assertThat(starts).hasSize(3).first().isEqualTo(0);
        String[] names = {"PCK leaf certificate (PEM)", "PCK CA certificate (PEM)", "root CA certificate (PEM)"};
        for (int i = 0; i < 3; i++) {
            int end = i < 2 ? starts.get(i + 1) : q.pckChainPem.length;
            r.add(new Region(s, names[i], pos + starts.get(i), pos + end, CHAIN));
        }
        pos += q.pckChainPem.length;
        if (bytes.length > pos) {
            r.add(new Region(s, "bytes after the declared end", pos, bytes.length, Set.of()));
        }
        return r;
    }

    private static int add(List<Region> r, Subject s, String name, int from, int length, Set<ReasonCode> reasons) {
        r.add(new Region(s, name, from, from + length, reasons));
        return from + length;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regions")
    void everyFlippedByteIsRejectedWithTheRegionsReason(Region region) throws Exception {
        Subject s = region.subject();
        byte[] original = s.bytes();
        EvidenceVerifier verifier = new IntelTdxProvider().newVerifier(Vectors.context(s.at())).orElseThrow();
        TeeClaims expected = verifier.verify(s.evidence(original));

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (int offset = region.from(); offset < region.to(); offset++) {
            for (int mask : MASKS) {
                byte[] mutated = original.clone();
                mutated[offset] ^= (byte) mask;
                checked++;
                try {
                    TeeClaims claims = verifier.verify(s.evidence(mutated));
                    if (!region.reasons().isEmpty()) {
                        wrong.add("offset " + offset + " ^0x" + Integer.toHexString(mask) + ": accepted");
                    } else if (!claims.equals(expected)) {
                        wrong.add("offset " + offset + " ^0x" + Integer.toHexString(mask) + ": other claims");
                    }
                } catch (AttestationVerificationException e) {
                    if (!region.reasons().contains(e.reason())) {
                        wrong.add("offset " + offset + " ^0x" + Integer.toHexString(mask) + ": " + e.reason()
                                + " (" + e.getMessage() + ")");
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(2 * (region.to() - region.from()));
        assertThat(wrong).as("%s, expected %s", region, region.reasons().isEmpty() ? "acceptance" : region.reasons())
                .isEmpty();
    }

    @Test
    void theRegionsCoverEveryByteOfEachQuote() {
        for (Subject s : List.of(SPR_E4, V5, DCAP)) {
            List<Region> regions = layout(s);
            int next = 0;
            for (Region r : regions) {
                assertThat(r.from()).as("%s starts where the previous region ends", r).isEqualTo(next);
                assertThat(r.to()).as("%s is not empty", r).isGreaterThan(r.from());
                next = r.to();
            }
            assertThat(next).isEqualTo(s.bytes().length);
        }
    }
}
