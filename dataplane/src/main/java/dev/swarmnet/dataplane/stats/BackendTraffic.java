package dev.swarmnet.dataplane.stats;

import org.agrona.collections.Long2LongHashMap;

/**
 * New flows and IP bytes (both directions) per VIP backend, keyed like the least-connections
 * load: {@code (vni << 32) | backendIp}.
 *
 * <p>Owned by the data-plane event loop. The packet path uses only the primitive
 * {@code get}/{@code put} of Agrona's open-addressed {@link Long2LongHashMap} (no boxing, no
 * locks); the maps are pre-sized and allocate only when more backends than that carry traffic,
 * doubling once. {@link #retainOnly} drops backends a new program no longer has, so the maps
 * hold only current backends. Other threads read through {@link #flows}/{@link #bytes} run on
 * the loop.
 */
public final class BackendTraffic {
    private static final float LOAD_FACTOR = 0.5f;

    private final Long2LongHashMap flows;
    private final Long2LongHashMap bytes;

    /** @param expectedBackends how many backends may carry traffic without the maps growing */
    public BackendTraffic(int expectedBackends) {
        int capacity = Math.max(8, (int) Math.min(1 << 30, (long) Math.ceil(expectedBackends / LOAD_FACTOR) + 1));
        flows = new Long2LongHashMap(capacity, LOAD_FACTOR, 0);
        bytes = new Long2LongHashMap(capacity, LOAD_FACTOR, 0);
    }

    /** The key of backend {@code address} on the network with {@code vni}. */
    public static long key(int vni, int address) {
        return (long) vni << 32 | (address & 0xffff_ffffL);
    }

    /** Counts a new flow to backend {@code key}. */
    public void flowOpened(long key) {
        flows.put(key, flows.get(key) + 1);
    }

    /** Counts {@code length} IP bytes to or from backend {@code key}. */
    public void packet(long key, int length) {
        bytes.put(key, bytes.get(key) + length);
    }

    /** New flows to backend {@code key} so far (0 when none). */
    public long flows(long key) {
        return flows.get(key);
    }

    /** IP bytes to and from backend {@code key} so far (0 when none). */
    public long bytes(long key) {
        return bytes.get(key);
    }

    /** Forgets every backend for which {@code keep} is false (off the packet path). */
    public void retainOnly(java.util.function.LongPredicate keep) {
        flows.keySet().removeIfLong(key -> !keep.test(key));
        bytes.keySet().removeIfLong(key -> !keep.test(key));
    }
}
