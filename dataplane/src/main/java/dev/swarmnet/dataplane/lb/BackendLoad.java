package dev.swarmnet.dataplane.lb;

import org.agrona.collections.Long2LongHashMap;

/**
 * Active-flow count per backend for one event loop, keyed by a caller-chosen {@code long}
 * (swarmnet uses {@code (vni << 32) | backendIp}), read by {@link LeastConnections}.
 *
 * <p>Thread: owned by one event loop; not thread-safe. The conntrack of that loop calls
 * {@link #increment(long)} when it creates a flow to a backend and {@link #decrement(long)}
 * when the flow ends, so counts are per loop, not global (as with per-CPU IPVS counters).
 *
 * <p>Allocation: the map is an open-addressed primitive map (Agrona {@link Long2LongHashMap},
 * backward-shift removal, no boxing on the {@code long} methods used here). It is pre-sized
 * for {@code expectedBackends} keys; it allocates only when more distinct backends than that
 * carry flows at the same time, when it doubles its arrays once. Keys whose count returns to
 * zero are removed, so the map holds only backends with live flows.
 */
public final class BackendLoad {
    private static final long ABSENT = 0;
    private static final float LOAD_FACTOR = 0.5f;

    private final Long2LongHashMap counts;

    /**
     * @param expectedBackends how many backends may carry flows at once without the map growing
     */
    public BackendLoad(final int expectedBackends) {
        counts = new Long2LongHashMap(
            Math.max(8, (int)Math.min(1 << 30, (long)Math.ceil(expectedBackends / LOAD_FACTOR) + 1)),
            LOAD_FACTOR, ABSENT);
    }

    /** Counts one more active flow to {@code key}. */
    public void increment(final long key) {
        counts.put(key, counts.get(key) + 1);
    }

    /** Counts one flow fewer to {@code key}; never below zero, and the key is removed at zero. */
    public void decrement(final long key) {
        final long count = counts.get(key);
        if (count > 1) {
            counts.put(key, count - 1);
        } else if (count == 1) {
            counts.remove(key);
        }
    }

    /** Active flows to {@code key}; 0 when unknown. Saturates at {@link Integer#MAX_VALUE}. */
    public int get(final long key) {
        return (int)Math.min(Integer.MAX_VALUE, counts.get(key));
    }

    /** Number of backends with at least one active flow. */
    public int backends() {
        return counts.size();
    }

    /** Current slot capacity of the underlying map; grows only past the pre-size. For tests. */
    int capacity() {
        return counts.capacity();
    }
}
