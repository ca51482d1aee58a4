package dev.swarmnet.dataplane.conntrack;

/**
 * Hashed timer wheel over flow ids with intrusive doubly linked bucket lists in primitive
 * arrays. Owned by the event-loop thread that owns the enclosing {@link FlowTable}; not
 * thread-safe.
 *
 * <p>Time is cut into ticks of {@code tickNs}; tick {@code t} maps to bucket
 * {@code t & (wheelSize - 1)}. A deadline goes to the first tick boundary strictly after it
 * ({@code floor(deadline / tickNs) + 1}), so when a tick is processed every deadline in its
 * bucket that belongs to this revolution has passed, and a flow found still alive (deadline
 * {@code >= now}) always lands on a tick after the one being processed, even during a
 * catch-up pass that then skips ahead. Deadlines more than one revolution away share a
 * bucket with nearer ones; the table recomputes such a flow's deadline when its bucket comes
 * round and leaves it in place (see {@link #reschedule}). The wheel never stores deadlines:
 * the table derives them from last-seen time and state, which is what makes re-arming lazy.
 */
final class FlowTimerWheel {

    static final int NIL = -1;

    private final long tickNs;
    private final int bucketMask;
    private final int[] heads;
    private final int[] next;
    private final int[] prev;
    private final int[] bucketOf;
    private long currentTick;
    private boolean started;

    FlowTimerWheel(int capacity, long tickNs, int wheelSize) {
        if (tickNs <= 0) {
            throw new IllegalArgumentException("tickNs must be positive, was " + tickNs);
        }
        if (wheelSize < 2 || Integer.bitCount(wheelSize) != 1) {
            throw new IllegalArgumentException("wheelSize must be a power of two >= 2, was " + wheelSize);
        }
        this.tickNs = tickNs;
        this.bucketMask = wheelSize - 1;
        this.heads = new int[wheelSize];
        this.next = new int[capacity];
        this.prev = new int[capacity];
        this.bucketOf = new int[capacity];
        java.util.Arrays.fill(heads, NIL);
        java.util.Arrays.fill(bucketOf, NIL);
    }

    int wheelSize() {
        return heads.length;
    }

    long tickNs() {
        return tickNs;
    }

    /** Anchors the wheel at the first time it sees; later calls are no-ops. */
    void start(long nowNs) {
        if (!started) {
            currentTick = Math.floorDiv(nowNs, tickNs);
            started = true;
        }
    }

    /** The next tick to be processed; every earlier tick has been. */
    long currentTick() {
        return currentTick;
    }

    long tickOf(long nowNs) {
        return Math.floorDiv(nowNs, tickNs);
    }

    /** Claims the current tick for processing: returns its bucket and moves on to the next tick. */
    int advance() {
        int bucket = (int) (currentTick & bucketMask);
        currentTick++;
        return bucket;
    }

    /** After a catch-up pass that visited every bucket once, jumps straight past {@code tick}. */
    void skipPast(long tick) {
        if (currentTick <= tick) {
            currentTick = tick + 1;
        }
    }

    int head(int bucket) {
        return heads[bucket];
    }

    int next(int id) {
        return next[id];
    }

    void schedule(int id, long deadlineNs) {
        link(id, bucketFor(deadlineNs));
    }

    /**
     * Moves a linked flow to the bucket for {@code deadlineNs}. When that is the bucket it is
     * already in (a deadline a whole number of revolutions away), the flow stays where it is,
     * so a bucket being walked never revisits it.
     */
    void reschedule(int id, long deadlineNs) {
        int bucket = bucketFor(deadlineNs);
        if (bucket != bucketOf[id]) {
            unlink(id);
            link(id, bucket);
        }
    }

    void cancel(int id) {
        if (bucketOf[id] != NIL) {
            unlink(id);
        }
    }

    private int bucketFor(long deadlineNs) {
        long tick = Math.floorDiv(deadlineNs, tickNs) + 1;
        if (tick < currentTick) {
            tick = currentTick;
        }
        return (int) (tick & bucketMask);
    }

    private void link(int id, int bucket) {
        int head = heads[bucket];
        next[id] = head;
        prev[id] = NIL;
        if (head != NIL) {
            prev[head] = id;
        }
        heads[bucket] = id;
        bucketOf[id] = bucket;
    }

    private void unlink(int id) {
        int n = next[id];
        int p = prev[id];
        if (p == NIL) {
            heads[bucketOf[id]] = n;
        } else {
            next[p] = n;
        }
        if (n != NIL) {
            prev[n] = p;
        }
        next[id] = NIL;
        prev[id] = NIL;
        bucketOf[id] = NIL;
    }
}
