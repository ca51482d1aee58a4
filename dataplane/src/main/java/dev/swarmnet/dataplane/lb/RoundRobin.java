package dev.swarmnet.dataplane.lb;

import java.util.Arrays;

/**
 * Round-robin cursors for the services of one event loop: each call hands out the next
 * eligible backend after the one handed out last time.
 *
 * <p>Thread: owned by one event loop; not thread-safe. Each loop keeps its own instance, so
 * loops rotate independently (as IPVS does per CPU) and never share a cache line.
 *
 * <p>Weights only exclude ({@code <= 0}); every eligible backend gets one turn per cycle.
 * Services whose backends have unequal weights should use {@link MaglevTable} or
 * {@link LeastConnections}, both of which honour weights.
 */
public final class RoundRobin {
    private final int[] cursors;

    /**
     * @param services number of service slots; the caller numbers its services 0..services-1
     */
    public RoundRobin(final int services) {
        cursors = new int[services];
        Arrays.fill(cursors, -1);
    }

    /**
     * Index of the next {@link BackendState#ACTIVE} backend with weight {@code > 0} after this
     * service's cursor, or -1 when there is none. O(1) when most backends are eligible, O(n)
     * worst case. The backend arrays may change between calls (a new table was published);
     * the cursor is then simply reinterpreted against the new arrays.
     */
    public int next(final int service, final int[] states, final int[] weights) {
        final int n = states.length;
        int i = cursors[service];
        for (int k = 0; k < n; k++) {
            i++;
            if (i >= n || i < 0) {
                i = 0;
            }
            if (states[i] == BackendState.ACTIVE && weights[i] > 0) {
                cursors[service] = i;
                return i;
            }
        }
        return -1;
    }

    /** Forgets where a service was, e.g. when its slot is reused for another service. */
    public void reset(final int service) {
        cursors[service] = -1;
    }
}
