package dev.swarmnet.dataplane.lb;

/**
 * Bounded client-affinity table of one event loop: remembers which backend a client was sent
 * to for a (vni, vip, vipPort) service, so that its next new flow within a timeout goes to
 * the same backend (IPVS "persistence", Docker's {@code --endpoint-mode vip} with sticky
 * sessions).
 *
 * <p>Thread: owned by one event loop; not thread-safe; no allocation after construction.
 *
 * <p>Layout: one {@code long[]} of open-addressed slots, linear probing, four words a slot:
 * <pre>
 *   word 0  KEY_HIGH   vni (32) | vip (32)
 *   word 1  KEY_LOW    1 (occupied) | 0 (15) | vipPort (16) | clientIp (32)
 *   word 2  BACKEND    backend id
 *   word 3  LAST_USED  nowNs of the last remember or hit
 * </pre>
 * A slot is empty when {@code KEY_LOW == 0}; the occupied bit makes that unambiguous for any
 * key. The slot count is a power of two at least twice {@link #capacity()}, so probe chains
 * stay short and there is always an empty slot to end a probe. Entries are removed with
 * backward-shift deletion (no tombstones), so lookups never degrade with churn.
 *
 * <p>Expiry: an entry is live while {@code nowNs - lastUsed < timeoutNs}; a hit refreshes
 * {@code lastUsed} (sliding timeout). The timeout is passed to {@link #lookup} per service,
 * so {@link #remember} cannot judge expiry itself: expired entries are reclaimed when a
 * lookup meets them or by {@link #expire(long, long, int)}, which the loop calls on a timer
 * with its longest affinity timeout. Until then they count towards the capacity.
 *
 * <p>The caller must check that a remembered backend is still {@link BackendState#ACTIVE}
 * (and still a backend of the service) before using it, and otherwise choose afresh and
 * {@link #remember} the new choice, which overwrites the stale one.
 */
public final class ClientAffinity {
    /** Returned by {@link #lookup} when no live entry exists. */
    public static final long NONE = -1L;

    private static final int KEY_HIGH = 0;
    private static final int KEY_LOW = 1;
    private static final int BACKEND = 2;
    private static final int LAST_USED = 3;
    private static final int WORDS = 4;
    private static final int SHIFT = 2;
    private static final long OCCUPIED = 1L << 63;
    private static final int MAX_CAPACITY = 1 << 26;

    private final long[] slots;
    private final int mask;
    private final int capacity;
    private int size;
    private int sweepCursor;

    /**
     * @param capacity most entries held at once; {@link #remember} fails beyond it
     */
    public ClientAffinity(final int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
        final int slotCount = Integer.highestOneBit(capacity * 2 - 1) << 1;
        this.capacity = capacity;
        this.mask = slotCount - 1;
        this.slots = new long[slotCount << SHIFT];
    }

    /**
     * Backend id remembered for this client of this service, or {@link #NONE} when there is
     * none or it has not been used for {@code timeoutNs} (such an entry is reclaimed now).
     * A hit refreshes the entry's last-used time.
     */
    public long lookup(
        final int vni, final int vip, final int vipPort, final int clientIp, final long timeoutNs, final long nowNs) {
        final int slot = probe(keyHigh(vni, vip), keyLow(vipPort, clientIp));
        if (slot < 0) {
            return NONE;
        }
        final int base = slot << SHIFT;
        if (nowNs - slots[base + LAST_USED] >= timeoutNs) {
            delete(slot);
            return NONE;
        }
        slots[base + LAST_USED] = nowNs;
        return slots[base + BACKEND];
    }

    /**
     * Remembers {@code backendId} for this client of this service, overwriting any previous
     * choice. Returns {@code false}, changing nothing, when the key is new and the table
     * already holds {@link #capacity()} entries.
     */
    public boolean remember(
        final int vni, final int vip, final int vipPort, final int clientIp, final long backendId, final long nowNs) {
        final long keyHigh = keyHigh(vni, vip);
        final long keyLow = keyLow(vipPort, clientIp);
        int slot = probe(keyHigh, keyLow);
        if (slot < 0) {
            if (size >= capacity) {
                return false;
            }
            slot = ~slot;
            slots[(slot << SHIFT) + KEY_HIGH] = keyHigh;
            slots[(slot << SHIFT) + KEY_LOW] = keyLow;
            size++;
        }
        final int base = slot << SHIFT;
        slots[base + BACKEND] = backendId;
        slots[base + LAST_USED] = nowNs;
        return true;
    }

    /** Removes the entry for this client of this service; {@code true} when there was one. */
    public boolean forget(final int vni, final int vip, final int vipPort, final int clientIp) {
        final int slot = probe(keyHigh(vni, vip), keyLow(vipPort, clientIp));
        if (slot < 0) {
            return false;
        }
        delete(slot);
        return true;
    }

    /** The slot holding the key, or {@code ~slot} of the empty slot where it would go (linear probing). */
    private int probe(final long keyHigh, final long keyLow) {
        final long[] slots = this.slots;
        for (int slot = home(keyHigh, keyLow); ; slot = (slot + 1) & mask) {
            final int base = slot << SHIFT;
            final long low = slots[base + KEY_LOW];
            if (low == 0) {
                return ~slot;
            }
            if (low == keyLow && slots[base + KEY_HIGH] == keyHigh) {
                return slot;
            }
        }
    }

    /**
     * Incremental sweep: advances over up to {@code maxSlots} slots (at most one full pass)
     * from where the previous sweep stopped and reclaims entries unused for
     * {@code timeoutNs}. Returns how many it removed. Bounded work for the loop's timer:
     * {@code maxSlots} advances plus one re-check per removal. A full pass reclaims every
     * expired entry, because backward shifts only move entries towards the cursor, never
     * behind it.
     */
    public int expire(final long timeoutNs, final long nowNs, final int maxSlots) {
        final long[] slots = this.slots;
        final int limit = Math.min(maxSlots, mask + 1);
        int removed = 0;
        int slot = sweepCursor;
        for (int advanced = 0; advanced < limit && size > 0; ) {
            final int base = slot << SHIFT;
            if (slots[base + KEY_LOW] != 0 && nowNs - slots[base + LAST_USED] >= timeoutNs) {
                delete(slot);
                removed++;
                if (slots[base + KEY_LOW] != 0) {
                    continue; // the backward shift moved another entry into this slot: examine it too
                }
            }
            slot = (slot + 1) & mask;
            advanced++;
        }
        sweepCursor = slot;
        return removed;
    }

    /** Entries currently held, live or expired but not yet reclaimed. */
    public int size() {
        return size;
    }

    /** Most entries this table holds at once. */
    public int capacity() {
        return capacity;
    }

    /** Backward-shift deletion (Knuth 6.4, algorithm R): refills the hole so probes need no tombstones. */
    private void delete(final int removedSlot) {
        final long[] slots = this.slots;
        int hole = removedSlot;
        int slot = removedSlot;
        while (true) {
            slot = (slot + 1) & mask;
            final int base = slot << SHIFT;
            if (slots[base + KEY_LOW] == 0) {
                break;
            }
            final int home = home(slots[base + KEY_HIGH], slots[base + KEY_LOW]);
            // The entry may move into the hole only if its home is not cyclically within (hole, slot].
            if (((slot - home) & mask) >= ((slot - hole) & mask)) {
                System.arraycopy(slots, base, slots, hole << SHIFT, WORDS);
                hole = slot;
            }
        }
        final int holeBase = hole << SHIFT;
        slots[holeBase + KEY_HIGH] = 0;
        slots[holeBase + KEY_LOW] = 0;
        slots[holeBase + BACKEND] = 0;
        slots[holeBase + LAST_USED] = 0;
        size--;
    }

    private int home(final long keyHigh, final long keyLow) {
        return (int)FlowHash.fmix64(keyHigh ^ FlowHash.fmix64(keyLow)) & mask;
    }

    private static long keyHigh(final int vni, final int vip) {
        return ((long)vni << 32) | (vip & 0xFFFF_FFFFL);
    }

    private static long keyLow(final int vipPort, final int clientIp) {
        return OCCUPIED | ((long)(vipPort & 0xFFFF) << 32) | (clientIp & 0xFFFF_FFFFL);
    }
}
