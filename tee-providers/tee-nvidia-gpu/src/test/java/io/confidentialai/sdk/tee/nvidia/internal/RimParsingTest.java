package io.confidentialai.sdk.tee.nvidia.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parser hardening and bounds: hostile XML never reaches signature checking and never touches files or network. */
class RimParsingTest {
    static final Instant AT = Instant.parse("2026-11-21T00:00:00Z");
    static final String SWID = "<SoftwareIdentity xmlns=\"" + RimDocument.SWID_NS + "\" tagId=\"t\">";

    static AttestationVerificationException failure(String xml, int maxBytes) {
        return assertThrows(AttestationVerificationException.class, () -> RimDocument.parseAndVerify(
                xml.getBytes(StandardCharsets.UTF_8), AT, List.of(), maxBytes));
    }

    static Stream<Arguments> hostile() {
        String laughs = "<!DOCTYPE SoftwareIdentity [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>" + SWID + "&d;</SoftwareIdentity>";
        return Stream.of(
                Arguments.of("external entity", "<!DOCTYPE SoftwareIdentity [<!ENTITY x SYSTEM "
                        + "\"file:///etc/hostname\">]>" + SWID + "&x;</SoftwareIdentity>"),
                Arguments.of("external DTD", "<!DOCTYPE SoftwareIdentity SYSTEM \"http://127.0.0.1:9/rim.dtd\">"
                        + SWID + "</SoftwareIdentity>"),
                Arguments.of("parameter entity", "<!DOCTYPE SoftwareIdentity [<!ENTITY % p SYSTEM "
                        + "\"http://127.0.0.1:9/p\"> %p;]>" + SWID + "</SoftwareIdentity>"),
                Arguments.of("entity expansion", laughs),
                Arguments.of("deep nesting", SWID + "<a>".repeat(200) + "</a>".repeat(200) + "</SoftwareIdentity>"),
                Arguments.of("not XML", "\u0000\u0001 not xml"),
                Arguments.of("empty", ""),
                Arguments.of("truncated", SWID + "<Payload>"),
                Arguments.of("not a SWID tag", "<SoftwareIdentity tagId=\"no namespace\"/>"),
                Arguments.of("unsigned SWID tag", SWID + "<Meta colloquialVersion=\"550.90.07\"/></SoftwareIdentity>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileDocumentIsRejected(String name, String xml) {
        AttestationVerificationException e = failure(xml, 1 << 20);
        ReasonCode expected = name.equals("unsigned SWID tag") ? ReasonCode.SIGNATURE_INVALID
                : ReasonCode.EVIDENCE_MALFORMED;
        assertThat(e.reason()).as(name).isEqualTo(expected);
        assertThat(e.getMessage()).doesNotContain("hostname", "127.0.0.1", "aaaaaaaaaa");
    }

    @Test
    void sizeIsBoundedBeforeAnythingElse() {
        AttestationVerificationException e = failure("x".repeat(101), 100);
        assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
        assertThat(e.getMessage()).contains("101 bytes", "100");
    }
}
