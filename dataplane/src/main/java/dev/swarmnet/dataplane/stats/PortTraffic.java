package dev.swarmnet.dataplane.stats;

import java.util.Arrays;

/**
 * Frames and bytes read from and written to each local TAP port, indexed by port id.
 *
 * <p>Owned by the data-plane event loop: the packet path adds to plain {@code long[]} slots
 * (no allocation, no atomics); the arrays grow only when a port with a higher id is attached,
 * which happens on the loop but off the packet path. A port's slots are zeroed when it is
 * attached, so a reused id starts from nothing. Other threads read through {@link #snapshot}
 * run on the loop, or racily, accepting values a few frames old.
 */
public final class PortTraffic {
    /** Indices into one port's row of a {@link #snapshot}. */
    public static final int RX_FRAMES = 0;
    public static final int RX_BYTES = 1;
    public static final int TX_FRAMES = 2;
    public static final int TX_BYTES = 3;
    public static final int FIELDS = 4;

    private long[] values = new long[16 * FIELDS];
    private boolean[] attached = new boolean[16];

    /** Starts counting port {@code id} from zero (off the packet path). */
    public void attached(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("port id must not be negative: " + id);
        }
        if (id >= attached.length) {
            int size = Math.max(id + 1, attached.length * 2);
            values = Arrays.copyOf(values, size * FIELDS);
            attached = Arrays.copyOf(attached, size);
        }
        Arrays.fill(values, id * FIELDS, id * FIELDS + FIELDS, 0);
        attached[id] = true;
    }

    /** Stops reporting port {@code id}; unknown ids are ignored. */
    public void detached(int id) {
        if (id >= 0 && id < attached.length) {
            attached[id] = false;
        }
    }

    /** Counts {@code frames} frames of {@code bytes} bytes in all read from port {@code id}. */
    public void received(int id, int frames, int bytes) {
        if (id >= 0 && id < attached.length) {
            int at = id * FIELDS;
            values[at + RX_FRAMES] += frames;
            values[at + RX_BYTES] += bytes;
        }
    }

    /** Counts {@code frames} frames of {@code bytes} bytes in all written to port {@code id}. */
    public void sent(int id, int frames, int bytes) {
        if (id >= 0 && id < attached.length) {
            int at = id * FIELDS;
            values[at + TX_FRAMES] += frames;
            values[at + TX_BYTES] += bytes;
        }
    }

    /**
     * The attached ports' counters: element {@code id} is null for an id not attached, else a
     * row of {@link #FIELDS} values ({@link #RX_FRAMES} ...). Allocates; not for the packet path.
     */
    public long[][] snapshot() {
        long[][] rows = new long[attached.length][];
        for (int id = 0; id < attached.length; id++) {
            if (attached[id]) {
                rows[id] = Arrays.copyOfRange(values, id * FIELDS, id * FIELDS + FIELDS);
            }
        }
        return rows;
    }
}
