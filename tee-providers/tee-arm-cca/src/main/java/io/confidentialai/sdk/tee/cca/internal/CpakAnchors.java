package io.confidentialai.sdk.tee.cca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.attestation.TrustAnchor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The keys a platform token may be signed with: the CCA platform attestation keys (CPAKs) the application
 * configured as {@link TrustAnchor}s (hardware), and the application's simulation roots (not hardware).
 *
 * <p>Accepted anchor encodings (the bytes of {@link TrustAnchor#encoded()}):
 *
 * <ul>
 *   <li>PEM: {@code PUBLIC KEY} (SubjectPublicKeyInfo) or {@code CERTIFICATE} blocks, one anchor per block;
 *   <li>DER: a SubjectPublicKeyInfo or a certificate;
 *   <li>JSON: an EC JWK ({@code kty} EC, {@code crv} P-256 or P-384), a JWK set ({@code {"keys": [..]}}), or
 *       trust-anchor entries as in Veraison's rust-ccatoken store, {@code {"pkey": JWK, "implementation-id": hex,
 *       "instance-id": hex}}, alone or in an array.
 * </ul>
 *
 * Private key material (a PEM private key block, a JWK with {@code d}) is refused. Keys must be on P-256 or P-384.
 * An anchor with an instance id (and/or implementation id) applies only to tokens with that id; one without applies
 * to every platform. Instances are immutable and thread-safe.
 */
final class CpakAnchors {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /** One usable key. Identity bytes and validity are null when the anchor does not restrict them. */
    record Anchor(EcKey key, byte @Nullable [] implementationId, byte @Nullable [] instanceId, boolean hardware,
            String label, @Nullable Instant notBefore, @Nullable Instant notAfter) {
        boolean appliesTo(PlatformClaims claims) {
            return (instanceId == null || MessageDigest.isEqual(instanceId, claims.instanceId))
                    && (implementationId == null || MessageDigest.isEqual(implementationId, claims.implementationId));
        }

        boolean validAt(Instant now) {
            return (notBefore == null || !now.isBefore(notBefore)) && (notAfter == null || !now.isAfter(notAfter));
        }
    }

    private final List<Anchor> anchors;
    private final List<String> problems;

    private CpakAnchors(List<Anchor> anchors, List<String> problems) {
        this.anchors = List.copyOf(anchors);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads the configured anchors and simulation roots. Unusable anchors are not fatal here: they are reported by
     * {@link #problems()} and named when a token finds no anchor.
     */
    static CpakAnchors of(Collection<TrustAnchor> configured, Collection<X509Certificate> simulationRoots) {
        List<Anchor> anchors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (TrustAnchor t : configured) {
            i++;
            String label = "trust anchor #" + i;
            try {
                anchors.addAll(parse(t.encoded(), label));
            } catch (IllegalArgumentException e) {
                problems.add(label + " is unusable: " + e.getMessage());
            }
        }
        for (X509Certificate root : simulationRoots) {
            try {
                EcKey key = EcKey.ofSubjectPublicKeyInfo(root.getPublicKey().getEncoded());
                anchors.add(new Anchor(key, null, null, false, "simulation root '"
                        + root.getSubjectX500Principal().getName() + "' (" + key.fingerprint() + ")",
                        root.getNotBefore().toInstant(), root.getNotAfter().toInstant()));
            } catch (InvalidKeyException e) {
                // a simulation root of another TEE type (e.g. an RSA root): not a CPAK, silently not applicable
            }
        }
        return new CpakAnchors(anchors, problems);
    }

    List<Anchor> anchors() {
        return anchors;
    }

    /** Human-readable reasons why configured anchors could not be used. */
    List<String> problems() {
        return problems;
    }

    /**
     * Finds the anchor whose key verifies the platform token.
     *
     * @return the anchor that verified it
     * @throws AttestationVerificationException SIGNATURE_INVALID when configured CPAKs apply to this platform but
     *     none verifies the signature; CERT_CHAIN_INVALID when no configured CPAK applies (none configured, all
     *     restricted to other instance or implementation ids, or only simulation roots apply and none verifies)
     */
    Anchor verify(CoseSign1 platform, PlatformClaims claims, Instant now) throws AttestationVerificationException {
        EcKey.Curve curve = EcKey.Curve.forAlgorithm(platform.algorithm());
        byte[] toBeSigned = platform.toBeSigned();
        List<String> hardwareTried = new ArrayList<>();
        List<String> otherwise = new ArrayList<>();
        for (Anchor a : anchors) {
            if (!a.appliesTo(claims)) {
                continue;
            }
            boolean identified = a.instanceId() != null || a.implementationId() != null;
            if (a.key().curve() != curve) {
                if (identified) {
                    hardwareTried.add(a.label() + " (a " + a.key().curve().label + " key cannot verify "
                            + CoseSign1.algorithmName(platform.algorithm()) + ")");
                }
                continue;
            }
            if (!a.validAt(now)) {
                otherwise.add(a.label() + " is outside its validity at " + now);
                continue;
            }
            if (a.key().verify(platform.algorithm(), toBeSigned, platform.signature())) {
                return a;
            }
            if (a.hardware()) {
                hardwareTried.add(a.label());
            } else {
                otherwise.add(a.label() + " does not verify it");
            }
        }
        String platformId = "instance id " + HexFormat.of().formatHex(claims.instanceId) + ", implementation id "
                + HexFormat.of().formatHex(claims.implementationId);
        if (!hardwareTried.isEmpty()) {
            throw Failures.signature("the platform token signature (" + CoseSign1.algorithmName(platform.algorithm())
                    + ") verifies with none of the configured CPAKs that apply to " + platformId + ": "
                    + String.join("; ", hardwareTried));
        }
        List<String> why = new ArrayList<>(otherwise);
        why.addAll(problems);
        long configured = anchors.stream().filter(Anchor::hardware).count();
        throw Failures.anchor("no trust anchor for the platform with " + platformId + " ("
                + (configured == 0 && problems.isEmpty() ? "no Arm CCA trust anchor is configured"
                        : configured + " usable Arm CCA trust anchor(s) configured, none for this platform")
                + (why.isEmpty() ? "" : "; " + String.join("; ", why)) + ")");
    }

    /** Parses one configured anchor into its keys. */
    static List<Anchor> parse(byte[] encoded, String label) {
        int start = 0;
        while (start < encoded.length && (encoded[start] == ' ' || encoded[start] == '\t' || encoded[start] == '\r'
                || encoded[start] == '\n' || (encoded[start] & 0xff) == 0xef || (encoded[start] & 0xff) == 0xbb
                || (encoded[start] & 0xff) == 0xbf)) {
            start++;
        }
        if (start == encoded.length) {
            throw new IllegalArgumentException("it is empty");
        }
        byte first = encoded[start];
        if (first == '-') {
            return pem(new String(encoded, StandardCharsets.US_ASCII), label);
        }
        if (first == '{' || first == '[') {
            return json(Json.parse(encoded), label);
        }
        if (first == 0x30) {
            return List.of(der(encoded, label));
        }
        throw new IllegalArgumentException("it is neither PEM, DER, a JWK nor trust-anchor JSON");
    }

    private static List<Anchor> pem(String text, String label) {
        List<Anchor> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
            String type = m.group(1);
            String blockLabel = label + " (PEM block " + n + ")";
            if (type.contains("PRIVATE")) {
                throw new IllegalArgumentException("it holds a private key (" + type + "); configure only the CPAK "
                        + "public key");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PEM block " + n + " is not Base64", e);
            }
            if (type.equals("PUBLIC KEY")) {
                out.add(spki(der, blockLabel));
            } else if (type.equals("CERTIFICATE")) {
                out.add(certificate(der, blockLabel));
            } else {
                throw new IllegalArgumentException("PEM block " + n + " is a " + type
                        + "; expected PUBLIC KEY or CERTIFICATE");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("it holds no PEM PUBLIC KEY or CERTIFICATE block");
        }
        return out;
    }

    private static Anchor der(byte[] der, String label) {
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException notACertificate) {
            return spki(der, label);
        }
        return certificate(der, label);
    }

    private static Anchor spki(byte[] der, String label) {
        try {
            EcKey key = EcKey.ofSubjectPublicKeyInfo(der);
            return new Anchor(key, null, null, true, label + " (" + key.fingerprint() + ")", null, null);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Anchor certificate(byte[] der, String label) {
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a SubjectPublicKeyInfo or X.509 certificate", e);
        }
        try {
            EcKey key = EcKey.ofSubjectPublicKeyInfo(cert.getPublicKey().getEncoded());
            return new Anchor(key, null, null, true, label + " (certificate '"
                    + cert.getSubjectX500Principal().getName() + "', " + key.fingerprint() + ")",
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("certificate key: " + e.getMessage(), e);
        }
    }

    private static List<Anchor> json(JsonNode node, String label) {
        List<Anchor> out = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(entry(node.get(i), label + " entry " + i));
            }
        } else if (node.isObject() && node.has("keys")) {
            JsonNode keys = node.get("keys");
            if (!keys.isArray()) {
                throw new IllegalArgumentException("'keys' must be an array of JWKs");
            }
            for (int i = 0; i < keys.size(); i++) {
                out.add(jwkAnchor(keys.get(i), label + " key " + i));
            }
        } else if (node.isObject()) {
            out.add(entry(node, label));
        } else {
            throw new IllegalArgumentException("JSON anchors are a JWK, a JWK set, or trust-anchor entries");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("it lists no key");
        }
        return out;
    }

    /** A trust-anchor entry {@code {"pkey": JWK, "implementation-id": hex, "instance-id": hex}}, or a bare JWK. */
    private static Anchor entry(JsonNode node, String label) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(label + " is not a JSON object");
        }
        if (!node.has("pkey")) {
            return jwkAnchor(node, label);
        }
        try {
            EcKey key = jwk(node.get("pkey"));
            byte[] impl = node.has("implementation-id")
                    ? Json.hex(node, "implementation-id", PlatformClaims.IMPLEMENTATION_ID_LENGTH) : null;
            byte[] inst = node.has("instance-id")
                    ? Json.hex(node, "instance-id", PlatformClaims.INSTANCE_ID_LENGTH) : null;
            String ids = (inst != null ? ", instance id " + HexFormat.of().formatHex(inst) : "")
                    + (impl != null ? ", implementation id " + HexFormat.of().formatHex(impl) : "");
            return new Anchor(key, impl, inst, true, label + " (" + key.fingerprint() + ids + ")", null, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
    }

    private static Anchor jwkAnchor(JsonNode node, String label) {
        try {
            EcKey key = jwk(node);
            return new Anchor(key, null, null, true, label + " (JWK, " + key.fingerprint() + ")", null, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
    }

    /** An EC public JWK (RFC 7518 §6.2.1) on P-256 or P-384. */
    static EcKey jwk(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the key must be a JWK object");
        }
        if (node.has("d")) {
            throw new IllegalArgumentException("the JWK holds a private key ('d'); configure only the public key");
        }
        if (!"EC".equals(Json.text(node, "kty"))) {
            throw new IllegalArgumentException("the JWK must have kty EC");
        }
        String crv = Json.text(node, "crv");
        EcKey.Curve curve = null;
        for (EcKey.Curve c : EcKey.Curve.values()) {
            if (c.label.equals(crv)) {
                curve = c;
            }
        }
        if (curve == null) {
            throw new IllegalArgumentException("the JWK curve must be P-256 or P-384, got '"
                    + ClaimReader.printable(crv) + "'");
        }
        try {
            return EcKey.of(curve, base64url(node, "x"), base64url(node, "y"));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static byte[] base64url(JsonNode node, String name) {
        try {
            return Base64.getUrlDecoder().decode(Json.text(node, name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JWK '" + name + "' is not base64url", e);
        }
    }
}
