package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.impl.internal.crypto.ReportDataBinding;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Appraises authenticated claims against a policy and a challenge: the one place where trust decisions are
 * made, identically for every TEE type. This class is internal and is not meant to be used by applications;
 * it may change at any time.
 */
final class PolicyAppraiser {
    /** The claim through which accelerator providers report reference-manifest matching. */
    static final String RIM_STATUS = "rimStatus";

    private PolicyAppraiser() {}

    /**
     * Throws the first failed check, in the documented order: origin, TEE type, debug, TCB, measurements,
     * claims, challenge binding, key binding, age.
     */
    static void appraise(TeeClaims c, Evidence evidence, AttestationPolicy p, Challenge challenge, Instant now,
            boolean checkAge) throws AttestationVerificationException {
        checkOrigin(c, p);
        if (!p.allowedTees().contains(c.teeType())) {
            throw fail(ReasonCode.TEE_TYPE_NOT_ALLOWED, c, "TEE type: expected one of " + p.allowedTees() + ", got " + c.teeType());
        }
        if (c.isDebug()) {
            throw fail(ReasonCode.DEBUG_ENABLED, c, "debug: the TEE runs with debugging enabled, so its memory is not confidential");
        }
        checkTcb(c, p, now);
        checkMeasurements(c, p);
        checkClaims(c, p);
        checkBinding(c, evidence, challenge);
        if (checkAge) {
            Duration age = Duration.between(challenge.issuedAt(), now);
            if (age.compareTo(p.maxEvidenceAge()) > 0) {
                throw fail(ReasonCode.EVIDENCE_TOO_OLD, c, "age: challenge issued at " + challenge.issuedAt() + " is "
                        + age + " old, the policy allows " + p.maxEvidenceAge());
            }
        }
    }

    /**
     * Appraises the accelerators of a composite attestation whose CPU claims {@code cpu} already passed. Each
     * device, in order, must pass origin, debug, nonce derivation from the CPU report data, reference-manifest
     * matching, and the policy's measurement and claim constraints for its type; then the policy's minimum
     * counts are checked. Failures name the device as {@code accelerator[i]}.
     */
    static void appraiseAccelerators(TeeClaims cpu, List<TeeClaims> accelerators, AttestationPolicy p)
            throws AttestationVerificationException {
        ReportData expected = ReportData.padded(ReportDataBinding.gpuNonce(cpu.reportData()));
        for (int i = 0; i < accelerators.size(); i++) {
            TeeClaims a = accelerators.get(i);
            String device = "accelerator[" + i + "] (" + a.teeType() + "): ";
            try {
                checkOrigin(a, p);
                if (a.isDebug()) {
                    throw fail(ReasonCode.DEBUG_ENABLED, a, "debug: the device runs with debugging enabled");
                }
                if (!MessageDigest.isEqual(expected.toByteArray(), a.reportData().toByteArray())) {
                    throw fail(ReasonCode.NONCE_MISMATCH, a, "binding: the device nonce is not derived from the CPU "
                            + "evidence's report data (expected " + expected.toHex() + ", got " + a.reportData().toHex() + ")");
                }
                checkReferenceManifests(a);
                checkMeasurements(a, p);
                checkClaims(a, p);
            } catch (AttestationVerificationException e) {
                throw new AttestationVerificationException(e.reason(), a.teeType(), device + e.detail(), e);
            }
        }
        for (Map.Entry<TeeType, Integer> e : p.requiredAccelerators().entrySet()) {
            long present = accelerators.stream().filter(a -> a.teeType().equals(e.getKey())).count();
            if (present < e.getValue()) {
                throw new AttestationVerificationException(ReasonCode.ACCELERATOR_MISSING, e.getKey(), "accelerators: the "
                        + "policy requires at least " + e.getValue() + " " + e.getKey() + " device(s), the evidence has "
                        + present);
            }
        }
    }

    /**
     * Devices without a vendor TCB status (GPUs) are appraised by their signed reference integrity manifests: the
     * provider reports {@code rimStatus} = {@code match}, {@code mismatch} (with {@code rimMismatches} and
     * {@code rimMissing}) or {@code not-evaluated}.
     */
    private static void checkReferenceManifests(TeeClaims c) throws AttestationVerificationException {
        Object status = c.details().get(RIM_STATUS);
        if ("match".equals(status)) {
            return;
        }
        if ("mismatch".equals(status)) {
            throw fail(ReasonCode.MEASUREMENT_MISMATCH, c, "reference integrity manifests: measurement blocks "
                    + c.details().getOrDefault("rimMismatches", List.of()) + " differ from the signed reference values"
                    + missingBlocks(c));
        }
        throw fail(ReasonCode.COLLATERAL_UNAVAILABLE, c, "reference integrity manifests: none was available to appraise "
                + "the measurements (provide the driver and VBIOS RIMs as collateral)");
    }

    private static String missingBlocks(TeeClaims c) {
        Object missing = c.details().get("rimMissing");
        return missing instanceof List && !((List<?>) missing).isEmpty()
                ? ", and blocks " + missing + " that the manifests require are absent" : "";
    }

    private static void checkOrigin(TeeClaims c, AttestationPolicy p) throws AttestationVerificationException {
        if (p.evidenceOrigin() == AttestationPolicy.EvidenceOrigin.HARDWARE && !c.isHardware()) {
            throw fail(ReasonCode.NON_HARDWARE_EVIDENCE, c, "evidence origin: simulated evidence, the policy requires hardware");
        }
        if (p.evidenceOrigin() == AttestationPolicy.EvidenceOrigin.INSECURE_SIMULATED && c.isHardware()) {
            throw fail(ReasonCode.HARDWARE_EVIDENCE_NOT_ALLOWED, c,
                    "evidence origin: hardware evidence under the insecure development policy, which accepts only simulated evidence");
        }
    }

    private static void checkTcb(TeeClaims c, AttestationPolicy p, Instant now) throws AttestationVerificationException {
        if (c.details().containsKey(RIM_STATUS)) {
            checkReferenceManifests(c); // a device appraised by manifests, verified on its own
            return;
        }
        TcbStatus s = c.tcbStatus();
        String detail = c.tcbDetail().isEmpty() ? "" : " (" + c.tcbDetail() + ")";
        if (s == TcbStatus.REVOKED) {
            throw fail(ReasonCode.TCB_OUT_OF_DATE, c, "TCB: status REVOKED" + detail);
        }
        if (s == TcbStatus.NOT_EVALUATED) {
            if (p.tcbByReferenceValues().contains(c.teeType())) {
                return; // the policy's claim constraints, checked next, stand in for a vendor TCB status
            }
            if (p.minimumTcbStatus() != TcbStatus.NOT_EVALUATED) {
                throw fail(ReasonCode.COLLATERAL_UNAVAILABLE, c, "TCB: not evaluated (no collateral), the policy requires "
                        + p.minimumTcbStatus() + " or better" + detail);
            }
            return;
        }
        if (s.isOutOfDate() && p.minimumTcbStatus() != TcbStatus.NOT_EVALUATED) {
            Optional<Instant> since = c.outOfDateSince();
            boolean inGrace = !p.outOfDateTcbGrace().isZero() && since.isPresent()
                    && !since.get().plus(p.outOfDateTcbGrace()).isBefore(now);
            if (!inGrace) {
                throw fail(ReasonCode.TCB_OUT_OF_DATE, c, "TCB: status " + s + (since.map(i -> " since " + i).orElse(""))
                        + ", the policy's grace is " + p.outOfDateTcbGrace() + detail);
            }
            return;
        }
        if (s.ordinal() > p.minimumTcbStatus().ordinal()) {
            throw fail(ReasonCode.TCB_OUT_OF_DATE, c, "TCB: expected " + p.minimumTcbStatus() + " or better, got " + s + detail);
        }
    }

    private static void checkMeasurements(TeeClaims c, AttestationPolicy p) throws AttestationVerificationException {
        for (Map.Entry<MeasurementSlot, Set<Measurement>> e : p.measurements().entrySet()) {
            MeasurementSlot slot = e.getKey();
            if (!slot.teeType().equals(c.teeType())) {
                continue;
            }
            Optional<Measurement> actual = c.measurement(slot);
            if (actual.isEmpty() || !e.getValue().contains(actual.get())) {
                List<String> expected = new ArrayList<>();
                e.getValue().forEach(m -> expected.add(m.toHex()));
                throw fail(ReasonCode.MEASUREMENT_MISMATCH, c, "measurement " + slot + ": expected one of " + expected
                        + ", got " + actual.map(Measurement::toHex).orElse("(absent)"));
            }
        }
    }

    private static void checkClaims(TeeClaims c, AttestationPolicy p) throws AttestationVerificationException {
        String prefix = c.teeType().id() + "/";
        for (Map.Entry<String, Set<String>> e : p.claimValues().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String name = e.getKey().substring(prefix.length());
                Object actual = c.details().get(name);
                String text = actual == null ? null : String.valueOf(actual);
                if (text == null || !e.getValue().contains(text)) {
                    throw fail(ReasonCode.CLAIM_MISMATCH, c, "claim " + name + ": expected one of " + e.getValue() + ", got "
                            + (text == null ? "(absent)" : text));
                }
            }
        }
        for (Map.Entry<String, Long> e : p.claimMinimums().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String name = e.getKey().substring(prefix.length());
                Object actual = c.details().get(name);
                if (!(actual instanceof Long) || (Long) actual < e.getValue()) {
                    throw fail(ReasonCode.CLAIM_MISMATCH, c, "claim " + name + ": expected at least " + e.getValue()
                            + ", got " + (actual == null ? "(absent)" : actual));
                }
            }
        }
    }

    private static void checkBinding(TeeClaims c, Evidence evidence, Challenge challenge)
            throws AttestationVerificationException {
        if (challenge.kind() == Challenge.Kind.REPORT_DATA) {
            if (!MessageDigest.isEqual(challenge.value(), c.reportData().toByteArray())) {
                throw fail(ReasonCode.NONCE_MISMATCH, c, "binding: report data " + c.reportData().toHex()
                        + " differs from the expected value");
            }
            return;
        }
        Optional<TeePublicKeys> keys = evidence.keys();
        if (keys.isEmpty()) {
            throw fail(ReasonCode.KEY_BINDING_MISMATCH, c, "binding: the evidence carries no node keys to bind");
        }
        switch (ReportDataBinding.check(c.reportData(), challenge, keys.get())) {
            case MATCH:
                return;
            case CHALLENGE_MISMATCH:
                throw fail(ReasonCode.NONCE_MISMATCH, c, "binding: report data does not commit to the expected "
                        + (challenge.kind() == Challenge.Kind.NONCE ? "nonce" : "order digest"));
            default:
                throw fail(ReasonCode.KEY_BINDING_MISMATCH, c,
                        "binding: report data commits to the challenge but not to the presented node keys");
        }
    }

    private static AttestationVerificationException fail(ReasonCode code, TeeClaims c, String message) {
        return new AttestationVerificationException(code, c.teeType(), message);
    }
}
