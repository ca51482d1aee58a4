package dev.swarmnet.controlplane.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Immutable sorted copies of string-keyed maps. Replicated state iterates its maps in key order
 * on every replica, so no hash order ever leaks into a decision or a snapshot.
 */
public final class SortedMaps {
    private SortedMaps() {
    }

    /** An unmodifiable sorted copy; {@code null} becomes empty; null keys or values are refused. */
    public static <V> SortedMap<String, V> copyOf(Map<String, ? extends V> map) {
        if (map == null || map.isEmpty()) {
            return Collections.emptySortedMap();
        }
        TreeMap<String, V> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, () -> "value of " + k)));
        return Collections.unmodifiableSortedMap(copy);
    }
}
