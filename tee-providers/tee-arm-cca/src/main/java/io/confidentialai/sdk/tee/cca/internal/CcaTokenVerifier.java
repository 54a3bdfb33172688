package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Arm CCA attestation tokens and normalizes them into {@link TeeClaims}.
 *
 * <p>Order of checks: size and structure of the collection, both COSE_Sign1 envelopes and both claims sets
 * (EVIDENCE_MALFORMED, UNSUPPORTED_EVIDENCE_FORMAT); the platform signature with a configured CPAK or a simulation
 * root (CERT_CHAIN_INVALID when none applies, SIGNATURE_INVALID when applicable CPAKs do not verify it); the realm
 * signature with the realm attestation key from the realm claims (SIGNATURE_INVALID); the binding, platform challenge
 * = hash of the RAK claim's bytes (KEY_BINDING_MISMATCH); finally the platform software against reference values
 * from the collateral, which sets the TCB status. Instances are immutable and thread-safe.
 */
final class CcaTokenVerifier implements EvidenceVerifier {
    private static final Logger log = LoggerFactory.getLogger(CcaTokenVerifier.class);
    private static final HexFormat HEX = HexFormat.of();

    static final MeasurementSlot RPV = MeasurementSlot.of(TeeType.ARM_CCA, "rpv");
    static final List<MeasurementSlot> REMS = List.of(MeasurementSlot.of(TeeType.ARM_CCA, "rem0"),
            MeasurementSlot.of(TeeType.ARM_CCA, "rem1"), MeasurementSlot.of(TeeType.ARM_CCA, "rem2"),
            MeasurementSlot.of(TeeType.ARM_CCA, "rem3"));
    static final String SW_SLOT_PREFIX = "sw-";

    private final ProviderContext context;
    private final CpakAnchors anchors;

    CcaTokenVerifier(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.anchors = CpakAnchors.of(context.trustAnchors(TeeType.ARM_CCA), context.simulationRoots());
        for (String problem : anchors.problems()) {
            log.warn("Arm CCA {}; it is ignored", problem);
        }
    }

    @Override
    public TeeClaims verify(Evidence evidence) throws AttestationVerificationException {
        Objects.requireNonNull(evidence, "evidence");
        try {
            return verifyToken(evidence);
        } catch (AttestationVerificationException e) {
            log.debug("CCA token rejected: code={}", e.reason());
            throw e;
        }
    }

    private TeeClaims verifyToken(Evidence evidence) throws AttestationVerificationException {
        if (!TeeType.ARM_CCA.equals(evidence.teeType())) {
            throw Failures.unsupported("evidence is labelled " + evidence.teeType() + ", expected " + TeeType.ARM_CCA);
        }
        InputLimits limits = context.limits();
        if (evidence.dataLength() > limits.maxEvidenceBytes()) {
            throw Failures.malformed("evidence of " + evidence.dataLength() + " bytes exceeds the limit of "
                    + limits.maxEvidenceBytes());
        }
        CcaToken token = CcaToken.parse(evidence.data());
        PlatformClaims platform = PlatformClaims.decode(token.platform.payload());
        RealmClaims realm = RealmClaims.decode(token.realm.payload());
        if (EcKey.Curve.forAlgorithm(token.platform.algorithm()) == null) {
            throw Failures.unsupported("the platform token is signed with "
                    + CoseSign1.algorithmName(token.platform.algorithm()) + "; only ES256 and ES384 are accepted");
        }
        if (token.realm.algorithm() != CoseSign1.ES384) {
            throw Failures.unsupported("the realm token is signed with "
                    + CoseSign1.algorithmName(token.realm.algorithm()) + "; only ES384 is accepted");
        }
        checkSignatureLength(token.platform, "platform");
        checkSignatureLength(token.realm, "realm");

        CpakAnchors.Anchor anchor = anchors.verify(token.platform, platform, context.clock().instant());

        EcKey rak = realm.key();
        if (!rak.verify(token.realm.algorithm(), token.realm.toBeSigned(), token.realm.signature())) {
            throw Failures.signature("the realm token signature (ES384) does not verify with the realm attestation "
                    + "key from its claim 44237 (" + rak.fingerprint() + ")");
        }

        byte[] expectedChallenge = hash(realm.publicKeyHashAlgorithm, realm.publicKey);
        if (!MessageDigest.isEqual(expectedChallenge, platform.challenge)) {
            throw Failures.binding("the platform challenge " + HEX.formatHex(platform.challenge) + " is not the "
                    + realm.publicKeyHashAlgorithm + " hash of the realm attestation key claim, "
                    + HEX.formatHex(expectedChallenge) + ": the platform did not attest this realm's key");
        }

        ReferenceValues.Result tcb = ReferenceValues.evaluate(context.collateral(), limits.maxCollateralBytes(),
                platform);
        TeeClaims claims = claims(token, platform, realm, anchor, tcb);
        log.debug("CCA token verified: tag={} hardware={} lifecycle={} rim={} anchor={} tcb={}", token.tag,
                anchor.hardware(), claims.details().get("lifecycle"), HEX.formatHex(realm.initialMeasurement),
                anchor.label(), tcb.status());
        return claims;
    }

    private static void checkSignatureLength(CoseSign1 message, String which) throws AttestationVerificationException {
        EcKey.Curve curve = EcKey.Curve.forAlgorithm(message.algorithm());
        if (message.signature().length != 2 * curve.size) {
            throw Failures.malformed("the " + which + " signature must be " + 2 * curve.size + " bytes (r and s of "
                    + CoseSign1.algorithmName(message.algorithm()) + "), got " + message.signature().length);
        }
    }

    /** Hashes the RAK claim's bytes with the algorithm its hash-algorithm claim names. */
    private static byte[] hash(String algorithm, byte[] data) throws AttestationVerificationException {
        String jdk;
        switch (algorithm) {
            case "sha-256":
                jdk = "SHA-256";
                break;
            case "sha-384":
                jdk = "SHA-384";
                break;
            case "sha-512":
                jdk = "SHA-512";
                break;
            default:
                throw Failures.unsupported("realm public key hash algorithm " + algorithm
                        + " is not accepted for the platform binding; use sha-256, sha-384 or sha-512");
        }
        try {
            return MessageDigest.getInstance(jdk).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + jdk, e);
        }
    }

    private static TeeClaims claims(CcaToken token, PlatformClaims p, RealmClaims r, CpakAnchors.Anchor anchor,
            ReferenceValues.Result tcb) {
        boolean debug = PlatformClaims.Lifecycle.isDebug(p.lifecycle);
        String lifecycle = PlatformClaims.Lifecycle.name(p.lifecycle).orElseThrow();
        String instanceId = HEX.formatHex(p.instanceId);
        TeeClaims.Builder b = TeeClaims.builder()
                .teeType(TeeType.ARM_CCA)
                .hardware(anchor.hardware())
                .debug(debug)
                .reportData(ReportData.of(r.challenge))
                .addMeasurement(Measurement.of(MeasurementSlot.CCA_REALM_INITIAL, r.initialMeasurement));
        for (int i = 0; i < REMS.size(); i++) {
            b.addMeasurement(Measurement.of(REMS.get(i), r.extensibleMeasurements.get(i)));
        }
        b.addMeasurement(Measurement.of(RPV, r.personalizationValue));
        List<String> slots = swSlotNames(p.swComponents);
        for (int i = 0; i < slots.size(); i++) {
            b.addMeasurement(Measurement.of(MeasurementSlot.of(TeeType.ARM_CCA, slots.get(i)),
                    p.swComponents.get(i).measurement()));
        }
        b.tcbStatus(tcb.status(), tcb.detail()).platformId(instanceId);

        b.detail("collectionTag", token.tag)
                .detail("profile", p.profile)
                .detail("platformChallenge", HEX.formatHex(p.challenge))
                .detail("implementationId", HEX.formatHex(p.implementationId))
                .detail("instanceId", instanceId)
                .detail("configuration", HEX.formatHex(p.configuration))
                .detail("lifecycle", lifecycle)
                .detail("lifecycleValue", (long) p.lifecycle)
                .detail("platformHashAlgorithm", p.hashAlgorithm)
                .detail("swComponents", swComponents(p.swComponents, slots));
        p.verificationService.ifPresent(v -> b.detail("verificationService", v));
        b.detail("platformSignatureAlgorithm", CoseSign1.algorithmName(token.platform.algorithm()));
        r.profile.ifPresent(v -> b.detail("realmProfile", v));
        b.detail("realmChallenge", HEX.formatHex(r.challenge))
                .detail("realmPersonalizationValue", HEX.formatHex(r.personalizationValue))
                .detail("realmInitialMeasurement", HEX.formatHex(r.initialMeasurement))
                .detail("realmExtensibleMeasurements", r.extensibleMeasurements.stream().map(HEX::formatHex).toList())
                .detail("realmHashAlgorithm", r.hashAlgorithm)
                .detail("realmPublicKey", HEX.formatHex(r.publicKey))
                .detail("realmPublicKeyEncoding", r.publicKeyEncoding == RealmClaims.KeyEncoding.SEC1 ? "sec1" : "cose-key")
                .detail("realmPublicKeyHashAlgorithm", r.publicKeyHashAlgorithm)
                .detail("hardware", anchor.hardware())
                .detail("debug", debug)
                .detail("trustAnchor", anchor.label())
                .detail("tcbStatus", tcbName(tcb.status()));
        return b.build();
    }

    /** One line per component, in token order: {@code slot=sw-bl type=BL version=3.4.2 measurement=… signerId=…}. */
    private static List<String> swComponents(List<PlatformClaims.SwComponent> components, List<String> slots) {
        List<String> out = new ArrayList<>(components.size());
        for (int i = 0; i < components.size(); i++) {
            PlatformClaims.SwComponent c = components.get(i);
            StringBuilder sb = new StringBuilder("slot=").append(slots.get(i));
            c.type().ifPresent(t -> sb.append(" type=").append(ClaimReader.printable(t)));
            c.version().ifPresent(v -> sb.append(" version=").append(ClaimReader.printable(v)));
            sb.append(" measurement=").append(HEX.formatHex(c.measurement()));
            sb.append(" signerId=").append(HEX.formatHex(c.signerId()));
            c.hashAlgorithm().ifPresent(h -> sb.append(" hashAlgorithm=").append(h));
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * The measurement slot names of the software components: {@code sw-<type>} with the type in lower case and
     * characters outside {@code [a-z0-9_-]} replaced by {@code _}, cut to 32 characters; {@code sw-<index>} for a
     * component without a type; and {@code sw-<type>-<index>} (the next free index) when a name would repeat.
     */
    static List<String> swSlotNames(List<PlatformClaims.SwComponent> components) {
        List<String> names = new ArrayList<>(components.size());
        Set<String> used = new HashSet<>();
        for (int i = 0; i < components.size(); i++) {
            String base = components.get(i).type().map(CcaTokenVerifier::slotPart).orElse("");
            String name = base.isEmpty() ? SW_SLOT_PREFIX + i : SW_SLOT_PREFIX + base;
            if (name.length() > 32) {
                name = name.substring(0, 32);
            }
            String unique = name;
            for (int n = i; !used.add(unique); n++) {
                String suffix = "-" + n;
                unique = (name.length() + suffix.length() > 32 ? name.substring(0, 32 - suffix.length()) : name)
                        + suffix;
            }
            names.add(unique);
        }
        return names;
    }

    private static String slotPart(String type) {
        StringBuilder sb = new StringBuilder();
        for (char c : type.toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ? c : '_');
        }
        return sb.toString();
    }

    static String tcbName(TcbStatus status) {
        switch (status) {
            case UP_TO_DATE:
                return "UpToDate";
            case OUT_OF_DATE:
                return "OutOfDate";
            default:
                return "NotEvaluated";
        }
    }
}
