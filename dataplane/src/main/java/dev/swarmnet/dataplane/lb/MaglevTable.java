package dev.swarmnet.dataplane.lb;

import java.util.Arrays;

/**
 * Immutable Maglev lookup table of one service: {@link #size()} slots, each holding the index of
 * a backend in the arrays the table was built from.
 *
 * <p>Built off the event loop by {@link #build(long[], int[], int[])} (control plane) and then
 * read concurrently by any number of threads: every field is final and never written after
 * construction, so safe publication (a volatile or final reference) is all a reader needs.
 * {@link #lookup(int)} is allocation-free and O(1).
 *
 * <p>Invariants: the table size is 0 (no eligible backend) or the smallest prime
 * {@code >= max(minSize, 100 x listed backends)}, so it is also {@code >= 100 x eligible};
 * the size depends on how many backends are <em>listed</em>, not on their states, so a backend
 * turning DRAINING or DOWN keeps M and disturbs only about 1/N of the slots; only {@link BackendState#ACTIVE} backends with weight {@code > 0}
 * own slots; with equal weights every eligible backend owns {@code floor(M/N)} or
 * {@code ceil(M/N)} slots. See the package design note for the algorithm.
 */
public final class MaglevTable {
    /** Table size multiplier per eligible backend; the Maglev paper recommends M much larger than N. */
    static final int SLOTS_PER_BACKEND = 100;

    /** Largest table this class will build; beyond it the 100x rule no longer fits an int. */
    static final int MAX_SIZE = 1 << 30;

    private static final long OFFSET_SEED = 0x2545F4914F6CDD1DL;
    private static final long SKIP_SEED = 0x6A09E667F3BCC909L;
    private static final MaglevTable EMPTY = new MaglevTable(new int[0], new int[0]);

    private final int[] slots;
    private final int[] slotCounts;

    private MaglevTable(final int[] slots, final int[] slotCounts) {
        this.slots = slots;
        this.slotCounts = slotCounts;
    }

    /**
     * Builds the table of one service with M the smallest prime {@code >= 100 x backendIds.length}.
     *
     * @see #build(long[], int[], int[], int)
     */
    public static MaglevTable build(final long[] backendIds, final int[] weights, final int[] states) {
        return build(backendIds, weights, states, 0);
    }

    /**
     * Builds the table of one service. Off-loop only: allocates, and takes about
     * {@code M ln M} probes (a few milliseconds for 1,000 backends).
     *
     * <p>Maglev's minimal disruption holds only between tables of the same size M, because M is
     * part of every backend's permutation. A control plane that adds and removes backends can
     * keep M stable across those changes by passing the same {@code minSize} each time (for
     * example 100 x the largest backend count the service is expected to reach).
     *
     * @param backendIds stable backend identities; only hashed, never interpreted
     * @param weights    relative weights; backends with weight {@code <= 0} own no slots
     * @param states     {@link BackendState} per backend; only {@code ACTIVE} backends own slots
     * @param minSize    lower bound for M; 0 for the default {@code 100 x backendIds.length}
     * @throws IllegalArgumentException when the arrays differ in length or the table would be too large
     */
    public static MaglevTable build(
        final long[] backendIds, final int[] weights, final int[] states, final int minSize) {
        final int n = backendIds.length;
        if (weights.length != n || states.length != n) {
            throw new IllegalArgumentException("backendIds, weights and states must have the same length: " +
                n + ", " + weights.length + ", " + states.length);
        }

        int eligible = 0;
        int maxWeight = 0;
        for (int i = 0; i < n; i++) {
            if (isEligible(i, weights, states)) {
                eligible++;
                maxWeight = Math.max(maxWeight, weights[i]);
            }
        }
        if (eligible == 0) {
            return EMPTY;
        }
        final long wanted = Math.max(minSize, (long)n * SLOTS_PER_BACKEND);
        if (wanted > MAX_SIZE) {
            throw new IllegalArgumentException("Maglev table too large: " + n + " backends, minSize " + minSize);
        }

        final int m = smallestPrimeAtLeast((int)wanted);

        // Compact the eligible backends; each walks its permutation (offset + j * skip) mod M,
        // kept as the current position so no multiplication or division happens per probe.
        final int[] index = new int[eligible];
        final int[] weight = new int[eligible];
        final int[] position = new int[eligible];
        final int[] skip = new int[eligible];
        final long[] credit = new long[eligible];
        for (int i = 0, e = 0; i < n; i++) {
            if (isEligible(i, weights, states)) {
                index[e] = i;
                weight[e] = weights[i];
                position[e] = (int)Long.remainderUnsigned(FlowHash.fmix64(backendIds[i] ^ OFFSET_SEED), m);
                skip[e] = (int)Long.remainderUnsigned(FlowHash.fmix64(backendIds[i] ^ SKIP_SEED), m - 1) + 1;
                e++;
            }
        }

        final int[] slots = new int[m];
        Arrays.fill(slots, -1);
        final int[] slotCounts = new int[n];

        // Katran-style weighted population: every round each backend earns its weight in credit and
        // takes a turn (claims its next free preferred slot) whenever its credit reaches the
        // largest weight. With equal weights every backend takes a turn every round: plain Maglev.
        int filled = 0;
        while (true) {
            for (int e = 0; e < eligible; e++) {
                credit[e] += weight[e];
                if (credit[e] < maxWeight) {
                    continue;
                }
                credit[e] -= maxWeight;

                int p = position[e];
                while (slots[p] >= 0) {
                    p += skip[e];
                    if (p >= m) {
                        p -= m;
                    }
                }
                slots[p] = index[e];
                slotCounts[index[e]]++;
                p += skip[e];
                position[e] = p >= m ? p - m : p;

                if (++filled == m) {
                    return new MaglevTable(slots, slotCounts);
                }
            }
        }
    }

    /**
     * Backend index (into the arrays given to {@link #build}) for a flow, or -1 when the
     * service has no eligible backend. Per packet: no allocation, no division.
     */
    public int lookup(final int flowHash) {
        final int[] slots = this.slots;
        if (slots.length == 0) {
            return -1;
        }
        // Lemire's multiply-shift range reduction: maps the 32-bit hash uniformly onto [0, M).
        return slots[(int)(((flowHash & 0xFFFF_FFFFL) * slots.length) >>> 32)];
    }

    /** Number of slots M: 0 when no backend is eligible, otherwise a prime {@code >= 100 x listed backends}. */
    public int size() {
        return slots.length;
    }

    /** Slots owned by the backend at {@code backendIndex}; for tests and inspection. */
    public int slotsOf(final int backendIndex) {
        return backendIndex >= 0 && backendIndex < slotCounts.length ? slotCounts[backendIndex] : 0;
    }

    /** Backend index owning {@code slot}; for tests and inspection. */
    public int backendAt(final int slot) {
        return slots[slot];
    }

    private static boolean isEligible(final int i, final int[] weights, final int[] states) {
        return states[i] == BackendState.ACTIVE && weights[i] > 0;
    }

    static int smallestPrimeAtLeast(final int from) {
        int candidate = Math.max(2, from);
        while (!isPrime(candidate)) {
            candidate++;
        }
        return candidate;
    }

    static boolean isPrime(final int value) {
        if (value < 2) {
            return false;
        }
        if (value % 2 == 0) {
            return value == 2;
        }
        for (int d = 3; (long)d * d <= value; d += 2) {
            if (value % d == 0) {
                return false;
            }
        }
        return true;
    }
}
