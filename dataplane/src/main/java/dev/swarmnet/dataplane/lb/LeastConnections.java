package dev.swarmnet.dataplane.lb;

/**
 * Weighted least-connections choice: the eligible backend with the smallest
 * {@code activeFlows / weight}, as IPVS's {@code wlc} scheduler.
 *
 * <p>Thread: stateless; runs on the event loop that owns the {@link BackendLoad} it reads.
 * One linear scan over the service's backends, no allocation, no division: ratios are
 * compared by cross-multiplication in {@code long}, which cannot overflow for
 * {@code int} loads and weights.
 */
public final class LeastConnections {
    private LeastConnections() {
    }

    /**
     * Index of the {@link BackendState#ACTIVE} backend with weight {@code > 0} and the
     * smallest load per unit of weight, or -1 when there is none.
     *
     * @param loadKeys  per backend, its key in {@code load}
     * @param tieBreak  any int (a flow hash or a per-loop counter); the scan starts at
     *                  {@code tieBreak mod n}, so among equally loaded backends the first
     *                  one at or after that index wins instead of always index 0
     */
    public static int choose(
        final long[] loadKeys, final int[] states, final int[] weights, final BackendLoad load, final int tieBreak) {
        final int n = loadKeys.length;
        if (n == 0) {
            return -1;
        }
        int i = Integer.remainderUnsigned(tieBreak, n);
        int best = -1;
        long bestLoad = 0;
        long bestWeight = 1;
        for (int k = 0; k < n; k++, i = i + 1 == n ? 0 : i + 1) {
            final int weight = weights[i];
            if (states[i] != BackendState.ACTIVE || weight <= 0) {
                continue;
            }
            final long flows = load.get(loadKeys[i]);
            // flows / weight < bestLoad / bestWeight, without division.
            if (best < 0 || flows * bestWeight < bestLoad * weight) {
                best = i;
                bestLoad = flows;
                bestWeight = weight;
            }
        }
        return best;
    }
}
