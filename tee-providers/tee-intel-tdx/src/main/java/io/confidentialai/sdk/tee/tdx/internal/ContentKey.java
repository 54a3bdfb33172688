package io.confidentialai.sdk.tee.tdx.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** A SHA-256 content hash used as a cache key, optionally over several byte strings (length-prefixed). */
final class ContentKey {
    private final byte[] hash;
    private final int hashCode;

    private ContentKey(byte[] hash) {
        this.hash = hash;
        this.hashCode = Arrays.hashCode(hash);
    }

    static ContentKey of(byte[]... parts) {
        MessageDigest md = sha256();
        for (byte[] p : parts) {
            int n = p.length;
            md.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            md.update(p);
        }
        return new ContentKey(md.digest());
    }

    /** A key combining two keys (e.g. a certificate and its issuer). */
    static ContentKey pair(ContentKey a, ContentKey b) {
        MessageDigest md = sha256();
        md.update(a.hash);
        md.update(b.hash);
        return new ContentKey(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentKey && Arrays.equals(((ContentKey) o).hash, hash);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public String toString() {
        return "ContentKey[" + HexText.encode(Arrays.copyOf(hash, 8)) + "]";
    }
}
