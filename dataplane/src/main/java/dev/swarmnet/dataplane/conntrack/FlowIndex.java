package dev.swarmnet.dataplane.conntrack;

/**
 * Open-addressed hash index from a packed flow key to a flow handle
 * ({@code (flowId << 1) | direction}). Linear probing, backward-shift deletion, no tombstones.
 * Owned by the event-loop thread that owns the enclosing {@link FlowTable}; not thread-safe.
 *
 * <p>Each slot is one {@code long}: the key's 32-bit hash in the high half (used both to skip
 * non-matching slots without touching the keys and to recompute an entry's home slot during
 * backward shift) and {@code handle + 1} in the low half, so {@code 0} means empty and a fresh
 * array needs no fill. The keys themselves live in the table's {@code keys} array, indexed by
 * handle ({@code keys[2 * handle]}, {@code keys[2 * handle + 1]}), which this index reads.
 */
final class FlowIndex {

    static final int NOT_FOUND = -1;

    private final long[] slots;
    private final int mask;
    private final long[] keys;

    /**
     * @param size power of two, at least twice the number of handles ever stored, so a probe
     *             always ends at an empty slot
     * @param keys the owning table's key array, indexed by handle
     */
    FlowIndex(int size, long[] keys) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("index size must be a power of two, was " + size);
        }
        this.slots = new long[size];
        this.mask = size - 1;
        this.keys = keys;
    }

    int size() {
        return slots.length;
    }

    /** Handle stored for the key, or {@link #NOT_FOUND}. */
    int find(long k0, long k1, int hash) {
        long[] slots = this.slots;
        int mask = this.mask;
        int i = hash & mask;
        long e;
        while ((e = slots[i]) != 0) {
            if ((int) (e >>> 32) == hash) {
                int handle = (int) e - 1;
                if (keys[handle << 1] == k0 && keys[(handle << 1) + 1] == k1) {
                    return handle;
                }
            }
            i = (i + 1) & mask;
        }
        return NOT_FOUND;
    }

    /** Inserts a handle whose key (already written to {@code keys}) is known to be absent. */
    void insert(int handle, int hash) {
        long[] slots = this.slots;
        int i = hash & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = entry(handle, hash);
    }

    /**
     * Removes a handle known to be present, then shifts later members of the probe run back
     * into the hole so every remaining key stays reachable from its home slot.
     */
    void delete(int handle, int hash) {
        long[] slots = this.slots;
        int mask = this.mask;
        long want = entry(handle, hash);
        int i = hash & mask;
        long e;
        while ((e = slots[i]) != want) {
            if (e == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        int j = i;
        while ((e = slots[j = (j + 1) & mask]) != 0) {
            int home = (int) (e >>> 32) & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                slots[i] = e;
                i = j;
            }
        }
        slots[i] = 0;
    }

    private static long entry(int handle, int hash) {
        return (long) hash << 32 | ((handle + 1) & 0xFFFFFFFFL);
    }
}
