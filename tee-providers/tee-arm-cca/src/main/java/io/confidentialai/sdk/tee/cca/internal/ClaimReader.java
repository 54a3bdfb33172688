package io.confidentialai.sdk.tee.cca.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed claims from a decoded claims map by their integer keys, naming the claim in every failure. Unknown
 * keys are never looked at (EAT: unknown claims are ignored). Instances are not thread-safe and short-lived.
 */
final class ClaimReader {
    /** IANA "Hash Function Textual Names" (the values CCA hash-algorithm claims take). */
    static final Set<String> IANA_HASH_NAMES = Set.of("md2", "md5", "sha-1", "sha-224", "sha-256", "sha-384", "sha-512",
            "shake128", "shake256", "sha-512/224", "sha-512/256", "sha3-224", "sha3-256", "sha3-384", "sha3-512");

    private final Cbor.CborMap map;
    private final String scope;

    ClaimReader(Cbor.CborMap map, String scope) {
        this.map = map;
        this.scope = scope;
    }

    /** Names a claim for messages: {@code "realm challenge (10)"}. */
    String name(String claim, long key) {
        return scope + " " + claim + " (" + key + ")";
    }

    Optional<Object> optional(long key) {
        return map.get(key);
    }

    Object required(long key, String claim) throws AttestationVerificationException {
        Optional<Object> v = map.get(key);
        if (v.isEmpty()) {
            throw Failures.malformed("the mandatory claim " + name(claim, key) + " is missing");
        }
        return v.get();
    }

    byte[] bytes(long key, String claim) throws AttestationVerificationException {
        return Cbor.bytes(required(key, claim), name(claim, key));
    }

    /** A required byte string of exactly one of the given lengths. */
    byte[] bytes(long key, String claim, int... lengths) throws AttestationVerificationException {
        byte[] b = bytes(key, claim);
        checkLength(b, name(claim, key), lengths);
        return b;
    }

    String text(long key, String claim) throws AttestationVerificationException {
        return Cbor.text(required(key, claim), name(claim, key));
    }

    Optional<String> optionalText(long key, String claim) throws AttestationVerificationException {
        Optional<Object> v = map.get(key);
        return v.isEmpty() ? Optional.empty() : Optional.of(Cbor.text(v.get(), name(claim, key)));
    }

    /** A required hash algorithm name from the IANA registry. */
    String hashAlgorithm(long key, String claim) throws AttestationVerificationException {
        String h = text(key, claim);
        checkHashName(h, name(claim, key));
        return h;
    }

    static void checkHashName(String h, String name) throws AttestationVerificationException {
        if (!IANA_HASH_NAMES.contains(h)) {
            throw Failures.malformed(name + " must be an IANA hash function name such as sha-256, got '"
                    + printable(h) + "'");
        }
    }

    static void checkLength(byte[] b, String name, int... lengths) throws AttestationVerificationException {
        StringBuilder allowed = new StringBuilder();
        for (int l : lengths) {
            if (b.length == l) {
                return;
            }
            allowed.append(allowed.length() == 0 ? "" : " or ").append(l);
        }
        throw Failures.malformed(name + " must be " + allowed + " bytes, got " + b.length);
    }

    /** The digest length of the sha-2 names, or 0 when not one of them. */
    static int digestLength(String hashName) {
        switch (hashName) {
            case "sha-256":
                return 32;
            case "sha-384":
                return 48;
            case "sha-512":
                return 64;
            default:
                return 0;
        }
    }

    /** Shortens and neutralizes token text for messages (at most 64 printable ASCII characters). */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 64; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 64 ? sb + "…" : sb.toString();
    }
}
