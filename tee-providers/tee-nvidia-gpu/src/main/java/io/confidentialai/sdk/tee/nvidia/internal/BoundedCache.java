package io.confidentialai.sdk.tee.nvidia.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small thread-safe least-recently-used map from content hashes (hex) to validated results. Only successes are
 * stored, so rejected input can never occupy or evict more than {@code capacity} entries' worth of memory.
 *
 * <p>Instances are thread-safe. This class is internal and is not meant to be used by applications; it may change at
 * any time.
 */
final class BoundedCache<V> {
    private final int capacity;
    private final Map<String, V> map;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    synchronized Optional<V> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    synchronized void put(String key, V value) {
        map.put(key, value);
    }

    synchronized int size() {
        return map.size();
    }
}
