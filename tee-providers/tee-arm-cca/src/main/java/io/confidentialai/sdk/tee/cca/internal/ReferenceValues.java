package io.confidentialai.sdk.tee.cca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.TcbStatus;
import io.confidentialai.sdk.attestation.TeeType;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Endorsed reference values for CCA platforms, in the JSON layout of Veraison's rust-ccatoken reference-value store
 * ({@code {"platform": [{"implementation-id": hex, "platform-configuration": hex, "sw-components":
 * [{"component-type", "measurement-value", "signer-id", "version"}]}], "realm": [..]}}), read from the collateral
 * document {@value #COLLATERAL_NAME} of {@link TeeType#ARM_CCA}.
 *
 * <p>CCA has no vendor TCB-level collateral; the platform's TCB is its measured firmware. So the TCB status is
 * evaluated as Veraison appraises a platform: {@link TcbStatus#UP_TO_DATE} when the token's software components (as a
 * set, every field a reference component states) and configuration equal one reference set for its implementation
 * id; {@link TcbStatus#OUT_OF_DATE} when reference sets exist for the implementation id but none matches;
 * {@link TcbStatus#NOT_EVALUATED} when there are no reference values for it. The {@code "realm"} part is not used
 * here: realm measurements are appraised by the policy. Instances are immutable and thread-safe.
 */
final class ReferenceValues {
    static final String COLLATERAL_NAME = "reference-values.json";

    /** The outcome of an evaluation. */
    record Result(TcbStatus status, String detail) {}

    record Component(@Nullable String type, byte[] measurement, byte[] signerId, @Nullable String version) {
        boolean matches(PlatformClaims.SwComponent c) {
            return MessageDigest.isEqual(measurement, c.measurement()) && MessageDigest.isEqual(signerId, c.signerId())
                    && (type == null || c.type().filter(type::equals).isPresent())
                    && (version == null || c.version().filter(version::equals).isPresent());
        }
    }

    record PlatformEntry(byte[] implementationId, byte @Nullable [] configuration, List<Component> components) {}

    private final List<PlatformEntry> platforms;

    private ReferenceValues(List<PlatformEntry> platforms) {
        this.platforms = List.copyOf(platforms);
    }

    /**
     * Reads the reference values from the context's collateral and evaluates the platform against them.
     *
     * @throws AttestationVerificationException COLLATERAL_UNAVAILABLE when the document exists but is unusable
     */
    static Result evaluate(CollateralSource source, int maxBytes, PlatformClaims claims)
            throws AttestationVerificationException {
        Optional<byte[]> doc = source.find(TeeType.ARM_CCA, COLLATERAL_NAME, maxBytes);
        if (doc.isEmpty()) {
            return new Result(TcbStatus.NOT_EVALUATED, "no reference values (collateral " + TeeType.ARM_CCA.id() + "/"
                    + COLLATERAL_NAME + "): platform software not evaluated");
        }
        ReferenceValues rv;
        try {
            rv = parse(doc.get());
        } catch (IllegalArgumentException e) {
            throw Failures.collateral(COLLATERAL_NAME + ": " + e.getMessage(), e);
        }
        return rv.evaluate(claims);
    }

    /**
     * Parses a reference-value document.
     *
     * @throws IllegalArgumentException if it does not have the documented layout
     */
    static ReferenceValues parse(byte[] json) {
        JsonNode root = Json.parse(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("the document must be a JSON object");
        }
        JsonNode platform = root.get("platform");
        List<PlatformEntry> entries = new ArrayList<>();
        if (platform != null) {
            if (!platform.isArray()) {
                throw new IllegalArgumentException("'platform' must be an array");
            }
            for (int i = 0; i < platform.size(); i++) {
                try {
                    entries.add(entry(platform.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("platform[" + i + "]: " + e.getMessage(), e);
                }
            }
        }
        return new ReferenceValues(entries);
    }

    private static PlatformEntry entry(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        byte[] impl = Json.hex(node, "implementation-id", PlatformClaims.IMPLEMENTATION_ID_LENGTH);
        byte[] config = node.has("platform-configuration") ? Json.hex(node, "platform-configuration") : null;
        JsonNode sw = node.get("sw-components");
        if (sw == null || !sw.isArray() || sw.isEmpty()) {
            throw new IllegalArgumentException("'sw-components' must be a non-empty array");
        }
        List<Component> components = new ArrayList<>();
        for (int i = 0; i < sw.size(); i++) {
            JsonNode c = sw.get(i);
            if (!c.isObject()) {
                throw new IllegalArgumentException("sw-components[" + i + "] is not an object");
            }
            try {
                components.add(new Component(
                        c.has("component-type") ? Json.text(c, "component-type") : null,
                        Json.hex(c, "measurement-value", 32, 48, 64),
                        Json.hex(c, "signer-id", 32, 48, 64),
                        c.has("version") ? Json.text(c, "version") : null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sw-components[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new PlatformEntry(impl, config, List.copyOf(components));
    }

    /** Evaluates a platform's claims against these reference values. */
    Result evaluate(PlatformClaims claims) {
        String implId = HexFormat.of().formatHex(claims.implementationId);
        List<PlatformEntry> candidates = new ArrayList<>();
        for (PlatformEntry e : platforms) {
            if (MessageDigest.isEqual(e.implementationId(), claims.implementationId)) {
                candidates.add(e);
            }
        }
        if (candidates.isEmpty()) {
            return new Result(TcbStatus.NOT_EVALUATED, "no reference values for implementation id " + implId
                    + ": platform software not evaluated");
        }
        String firstDifference = null;
        for (int i = 0; i < candidates.size(); i++) {
            String difference = difference(candidates.get(i), claims);
            if (difference == null) {
                return new Result(TcbStatus.UP_TO_DATE, "platform software components and configuration match "
                        + "reference values for implementation id " + implId);
            }
            if (firstDifference == null) {
                firstDifference = difference;
            }
        }
        return new Result(TcbStatus.OUT_OF_DATE, "platform software matches none of the " + candidates.size()
                + " reference value set(s) for implementation id " + implId + " (first set: " + firstDifference + ")");
    }

    /** Returns null when the claims match the entry, else the first difference (non-secret values only). */
    private static @Nullable String difference(PlatformEntry e, PlatformClaims c) {
        if (e.configuration() != null && !MessageDigest.isEqual(e.configuration(), c.configuration)) {
            return "configuration " + HexFormat.of().formatHex(c.configuration) + " differs from the reference "
                    + HexFormat.of().formatHex(e.configuration());
        }
        List<PlatformClaims.SwComponent> actual = c.swComponents;
        List<Component> expected = e.components();
        if (actual.size() != expected.size()) {
            return "the token lists " + actual.size() + " software components, the reference " + expected.size();
        }
        // a maximum bipartite matching (Kuhn): reference components may leave fields open, so greedy can fail
        int[] refOwner = new int[expected.size()];
        Arrays.fill(refOwner, -1);
        for (int a = 0; a < actual.size(); a++) {
            if (!augment(a, actual, expected, refOwner, new boolean[expected.size()])) {
                return "software component " + describe(actual.get(a)) + " matches no reference component";
            }
        }
        return null;
    }

    private static boolean augment(int a, List<PlatformClaims.SwComponent> actual, List<Component> expected,
            int[] refOwner, boolean[] seen) {
        for (int r = 0; r < expected.size(); r++) {
            if (!seen[r] && expected.get(r).matches(actual.get(a))) {
                seen[r] = true;
                if (refOwner[r] < 0 || augment(refOwner[r], actual, expected, refOwner, seen)) {
                    refOwner[r] = a;
                    return true;
                }
            }
        }
        return false;
    }

    static String describe(PlatformClaims.SwComponent c) {
        return c.type().map(t -> "'" + ClaimReader.printable(t) + "'").orElse("(untyped)")
                + c.version().map(v -> " version " + ClaimReader.printable(v)).orElse("")
                + " measurement " + HexFormat.of().formatHex(c.measurement());
    }
}
