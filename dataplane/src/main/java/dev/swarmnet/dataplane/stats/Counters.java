package dev.swarmnet.dataplane.stats;

/**
 * One event loop's counters, indexed by {@link Counter} ids.
 *
 * <p>Written only by the owning event loop with plain increments; other threads may read
 * slightly stale values through {@link #get} or {@link #snapshot}.
 */
public final class Counters {
    private final long[] values = new long[Counter.COUNT];

    public void increment(int id) {
        values[id]++;
    }

    public void add(int id, long delta) {
        values[id] += delta;
    }

    public long get(int id) {
        return values[id];
    }

    /** Copies the current values (off the packet path). */
    public long[] snapshot() {
        return values.clone();
    }

    /** Adds this loop's values into {@code into}, for summing several loops on a scrape. */
    public void addTo(long[] into) {
        for (int i = 0; i < values.length; i++) {
            into[i] += values[i];
        }
    }
}
