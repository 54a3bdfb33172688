package io.confidentialai.sdk.tee.tdx.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A small least-recently-used map for values derived from content (parsed collateral, verified certificate links),
 * keyed by a content hash. Thread-safe; entries are never invalidated because they depend only on their key.
 */
final class BoundedCache<K, V> {
    private final int capacity;
    private final LinkedHashMap<K, V> map;

    BoundedCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    synchronized @Nullable V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    /** Returns the cached value, computing it outside the lock when absent (two threads may both compute). */
    <E extends Exception> V computeIfAbsent(K key, ThrowingSupplier<V, E> compute) throws E {
        V v = get(key);
        if (v == null) {
            v = compute.get();
            put(key, v);
        }
        return v;
    }

    synchronized int size() {
        return map.size();
    }

    /** A {@link Supplier} that may throw. */
    @FunctionalInterface
    interface ThrowingSupplier<V, E extends Exception> {
        V get() throws E;
    }
}
