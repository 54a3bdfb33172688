package io.confidentialai.sdk.samples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints verification results: a readable report with a line per check, or one JSON object per evidence
 * file (JSON Lines). The JSON layout is documented in {@code docs/cli.md}.
 */
final class Report {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintWriter out;
    private final boolean json;
    private int printed;

    Report(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /**
     * Prints the result for one evidence file.
     *
     * @param timing repeated-run latency, or null without {@code --repeat}
     * @param policy the policy, or null without {@code --policy}
     * @param nonceChecked whether {@code --nonce} was given
     */
    void print(EvidenceInput.Loaded input, VerifyCommand.Outcome outcome, Timing timing, AttestationPolicy policy,
            boolean nonceChecked) {
        if (json) {
            out.println(toJson(json(input, outcome, timing, policy)));
        } else {
            if (printed > 0) {
                out.println();
            }
            text(input, outcome, timing, policy, nonceChecked);
        }
        printed++;
        out.flush();
    }

    /** After several inputs, a readable report ends with a count; JSON Lines carry no summary. */
    void summary(int verified, int total) {
        if (!json && total > 1) {
            out.println();
            line("summary", verified + " of " + total + " verified, " + (total - verified) + " rejected");
            out.flush();
        }
    }

    static Map<String, Object> json(EvidenceInput.Loaded input, VerifyCommand.Outcome outcome, Timing timing,
            AttestationPolicy policy) {
        Evidence evidence = input.evidence();
        Optional<TeeClaims> claims = outcome.claims();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("evidence", input.name());
        o.put("tee", evidence.teeType().id());
        o.put("verified", outcome.verified());
        o.put("hardware", claims.map(TeeClaims::isHardware).orElse(false));
        o.put("debug", claims.map(TeeClaims::isDebug).orElse(null));
        o.put("tcbStatus", claims.map(c -> c.tcbStatus().name()).orElse(null));
        o.put("tcbDetail", claims.map(TeeClaims::tcbDetail).orElse(null));
        o.put("reportData", claims.map(c -> c.reportData().toHex()).orElse(null));
        Map<String, Object> measurements = new LinkedHashMap<>();
        claims.ifPresent(c -> c.measurements().forEach((slot, m) -> measurements.put(slot.name(), m.toHex())));
        o.put("measurements", measurements);
        if (policy != null) {
            o.put("policy", policy.digest().toString());
        }
        List<Map<String, Object>> failures = new ArrayList<>();
        outcome.failure().ifPresent(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", f.code());
            m.put("message", f.message());
            failures.add(m);
        });
        o.put("failures", failures);
        o.put("claims", claims.map(ClaimObjects::forJson).orElse(Map.of()));
        if (!evidence.accelerators().isEmpty()) {
            List<Map<String, Object>> devices = new ArrayList<>();
            for (TeeClaims a : outcome.accelerators()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("tee", a.teeType().id());
                d.put("hardware", a.isHardware());
                d.put("reportData", a.reportData().toHex());
                d.put("claims", ClaimObjects.forJson(a));
                devices.add(d);
            }
            o.put("accelerators", devices);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("verifyMillis", Math.round(outcome.nanos() / 1000.0) / 1000.0);
        if (timing != null) {
            t.put("repeat", timing.repeat());
            t.put("warmup", timing.warmup());
            t.put("medianMicros", timing.medianMicros());
            t.put("p99Micros", timing.p99Micros());
        }
        o.put("timing", t);
        return o;
    }

    private void text(EvidenceInput.Loaded input, VerifyCommand.Outcome outcome, Timing timing,
            AttestationPolicy policy, boolean nonceChecked) {
        Evidence evidence = input.evidence();
        String encoding = input.encoding().equals("binary") ? "" : ", " + input.encoding();
        line("evidence", input.name() + " (" + evidence.dataLength() + " bytes, " + evidence.teeType().id() + encoding
                + ")");
        Optional<TeeClaims> claims = outcome.claims();
        if (claims.isPresent()) {
            TeeClaims c = claims.get();
            line("signatures", "OK");
            line("chain", c.isHardware() ? "OK (hardware root)" : "OK (simulation root: NOT hardware)");
            String detail = c.tcbDetail().isEmpty()
                    ? (c.tcbStatus() == TcbStatus.NOT_EVALUATED ? " (no collateral)" : "")
                    : " (" + c.tcbDetail() + ")";
            line("tcb", c.tcbStatus().name() + detail);
            line("debug", c.isDebug() ? "YES (TEE memory is not confidential)" : "no");
            for (Measurement m : c.measurements().values()) {
                line(m.slot().name(), m.toHex());
            }
            line("reportData", c.reportData().toHex());
            List<TeeClaims> devices = outcome.accelerators();
            for (int i = 0; i < devices.size(); i++) {
                TeeClaims a = devices.get(i);
                line("gpu[" + i + "]", a.teeType().id() + (a.isHardware() ? "" : " (simulated)") + ", driver "
                        + a.details().getOrDefault("driverVersion", "?") + ", VBIOS "
                        + a.details().getOrDefault("vbiosVersion", "?") + ", RIMs " + a.details().getOrDefault("rimStatus", "?"));
            }
            boolean nonceFailed = outcome.failure().map(f -> f.code().equals("NONCE_MISMATCH")).orElse(false);
            if (nonceChecked && policy == null) {
                line("nonce", nonceFailed ? "MISMATCH" : "OK");
            }
            if (policy != null) {
                line("policy", (outcome.verified() ? "OK " : "FAILED ") + policy.digest());
            }
        }
        line("time", String.format(java.util.Locale.ROOT, "%.3f ms", outcome.nanos() / 1e6));
        if (timing != null) {
            line("repeat", "median " + timing.medianMicros() + " us, p99 " + timing.p99Micros() + " us over "
                    + timing.repeat() + " runs (after " + timing.warmup() + " warm-up runs)");
        }
        line("result", outcome.failure().map(f -> "REJECTED " + f.code() + ": " + f.message()).orElse("VERIFIED"));
    }

    private void line(String label, String value) {
        out.println(String.format(java.util.Locale.ROOT, "%-10s %s", label, value));
    }

    private static String toJson(Map<String, Object> o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
