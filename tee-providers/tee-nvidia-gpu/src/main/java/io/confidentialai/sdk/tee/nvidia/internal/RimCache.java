package io.confidentialai.sdk.tee.nvidia.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small least-recently-used memo of verified RIM documents keyed by the SHA-256 of their bytes. A value depends only
 * on its key (the bytes fix the signature, the chain and the entries), so entries never go stale; what may change
 * between calls, the verification instant and the configured simulation roots, is re-checked by the caller on every
 * hit. Failures are never stored.
 *
 * <p>Thread-safe. This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class RimCache {
    private final LinkedHashMap<String, RimDocument> map;

    RimCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RimDocument> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized @Nullable RimDocument get(String sha256Hex) {
        return map.get(sha256Hex);
    }

    synchronized void put(String sha256Hex, RimDocument document) {
        map.put(sha256Hex, document);
    }

    synchronized int size() {
        return map.size();
    }
}
