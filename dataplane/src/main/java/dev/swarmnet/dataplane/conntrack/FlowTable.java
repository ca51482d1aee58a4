package dev.swarmnet.dataplane.conntrack;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bounded connection-tracking table: flows in fixed slots, both directions' keys in one
 * open-addressed index, idle expiry through a hashed timer wheel. See {@code package-info} for
 * the layout.
 *
 * <p>Single-threaded: an instance is owned by one event-loop thread and every method must be
 * called from it. Lookup, create, {@link #onPacket} and {@link #expire} allocate nothing, box
 * nothing, take no locks and throw nothing on the per-packet path. Time is always passed in as
 * {@code nowNs} and must not go backwards.
 */
public final class FlowTable {

    public static final int ORIGINAL = 0;
    public static final int REPLY = 1;

    public static final int NOT_FOUND = -1;
    public static final int TABLE_FULL = -1;
    public static final int KEY_EXISTS = -2;

    public static final long DEFAULT_TICK_NS = 1_000_000_000L;
    public static final int DEFAULT_WHEEL_SIZE = 512;
    public static final int MAX_CAPACITY = 1 << 28;

    private static final int FREE = -1;

    private final int capacity;
    private final long[] timeoutNs;
    /** Per flow: original k0, k1, reply k0, k1; i.e. indexed by handle as {@code 2 * handle}. */
    private final long[] keys;
    /** Per flow: {@link FlowStateMachine} state word, or {@link #FREE}. */
    private final int[] word;
    private final long[] lastSeenNs;
    private final long[] peerMac;
    private final int[] tag;
    private final int[] freeStack;
    private final FlowIndex index;
    private final FlowTimerWheel wheel;

    private int freeTop;
    private int size;
    private long inserted;
    private long insertFailures;
    private long expired;
    private FlowRemovalListener listener = FlowRemovalListener.NO_OP;

    /** A table with a 1 s tick and a 512-tick wheel. */
    public FlowTable(int capacity, FlowTimeouts timeouts) {
        this(capacity, timeouts, DEFAULT_TICK_NS, DEFAULT_WHEEL_SIZE);
    }

    /**
     * @param capacity  maximum live flows, 1 .. {@link #MAX_CAPACITY}
     * @param timeouts  per-state idle timeouts
     * @param tickNs    timer-wheel tick; flows expire at most about one tick late
     * @param wheelSize buckets in the wheel, a power of two; deadlines further than
     *                  {@code tickNs * wheelSize} away are revisited once per revolution
     */
    public FlowTable(int capacity, FlowTimeouts timeouts, long tickNs, int wheelSize) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + ", was " + capacity);
        }
        Objects.requireNonNull(timeouts, "timeouts");
        this.capacity = capacity;
        this.timeoutNs = new long[FlowState.COUNT];
        for (int s = 0; s < FlowState.COUNT; s++) {
            timeoutNs[s] = timeouts.timeoutNs(s);
        }
        this.keys = new long[capacity * 4];
        this.word = new int[capacity];
        this.lastSeenNs = new long[capacity];
        this.peerMac = new long[capacity];
        this.tag = new int[capacity];
        this.freeStack = new int[capacity];
        Arrays.fill(word, FREE);
        for (int i = 0; i < capacity; i++) {
            freeStack[i] = capacity - 1 - i;
        }
        this.freeTop = capacity;
        this.index = new FlowIndex(Integer.highestOneBit(capacity * 4 - 1) << 1, keys);
        this.wheel = new FlowTimerWheel(capacity, tickNs, wheelSize);
    }

    /**
     * Replaces the per-state idle timeouts (a configuration reload). Existing flows keep their
     * entries; each one's deadline is computed from the new timeout the next time its timer is
     * looked at (a packet, or its old deadline), so a longer timeout extends it and a shorter one
     * ends it at the latest at its old deadline. Owner thread only.
     */
    public void setTimeouts(FlowTimeouts timeouts) {
        Objects.requireNonNull(timeouts, "timeouts");
        for (int s = 0; s < FlowState.COUNT; s++) {
            timeoutNs[s] = timeouts.timeoutNs(s);
        }
    }

    public static int flowId(int handle) {
        return handle >>> 1;
    }

    public static int direction(int handle) {
        return handle & 1;
    }

    /** Sets the listener told about every removal; {@code null} restores the no-op. */
    public void setRemovalListener(FlowRemovalListener listener) {
        this.listener = listener == null ? FlowRemovalListener.NO_OP : listener;
    }

    /** Handle {@code (flowId << 1) | direction} of the flow the packet belongs to, or {@link #NOT_FOUND}. */
    public int lookup(int vni, int proto, int srcIp, int dstIp, int srcPort, int dstPort) {
        long k0 = FlowKey.k0(vni, proto, srcIp);
        long k1 = FlowKey.k1(dstIp, srcPort, dstPort);
        return index.find(k0, k1, FlowKey.hash(k0, k1));
    }

    /**
     * Creates a flow for a packet {@code srcIp:srcPort -> dstIp:dstPort} whose replies come from
     * {@code replySrcIp:replySrcPort} (the NAT target) back to {@code srcIp:srcPort}.
     *
     * @return the flow id; {@link #KEY_EXISTS} if either direction's key is already tracked (or
     *     both keys are the same); {@link #TABLE_FULL} if {@link #capacity()} flows are live, which
     *     is counted in {@link #insertFailures()}. Nothing is inserted on failure.
     */
    public int create(int vni, int proto, int srcIp, int dstIp, int srcPort, int dstPort,
                      int replySrcIp, int replySrcPort, long nowNs) {
        long o0 = FlowKey.k0(vni, proto, srcIp);
        long o1 = FlowKey.k1(dstIp, srcPort, dstPort);
        long r0 = FlowKey.k0(vni, proto, replySrcIp);
        long r1 = FlowKey.k1(srcIp, replySrcPort, srcPort);
        int oHash = FlowKey.hash(o0, o1);
        int rHash = FlowKey.hash(r0, r1);
        if (o0 == r0 && o1 == r1
            || index.find(o0, o1, oHash) != FlowIndex.NOT_FOUND
            || index.find(r0, r1, rHash) != FlowIndex.NOT_FOUND) {
            return KEY_EXISTS;
        }
        if (size == capacity) {
            insertFailures++;
            return TABLE_FULL;
        }
        int id = freeStack[--freeTop];
        int k = id << 2;
        keys[k] = o0;
        keys[k + 1] = o1;
        keys[k + 2] = r0;
        keys[k + 3] = r1;
        int w = FlowStateMachine.initialWord(proto);
        word[id] = w;
        lastSeenNs[id] = nowNs;
        index.insert(id << 1, oHash);
        index.insert(id << 1 | REPLY, rHash);
        wheel.start(nowNs);
        wheel.schedule(id, nowNs + timeoutNs[w & FlowStateMachine.STATE_MASK]);
        size++;
        inserted++;
        return id;
    }

    /**
     * Accounts one packet of the flow in the handle's direction: refreshes last-seen and
     * advances the state machine. {@code payloadLength} is accepted for per-flow byte accounting
     * and does not affect the state. The wheel is only touched when the new state has a shorter
     * timeout than the old one; otherwise the flow is re-armed lazily at expiry time.
     */
    public void onPacket(int handle, int tcpFlags, int payloadLength, long nowNs) {
        int id = handle >>> 1;
        int old = word[id];
        int next = FlowStateMachine.next(old, FlowKey.proto(keys[id << 2]), handle & 1, tcpFlags);
        lastSeenNs[id] = nowNs;
        if (next != old) {
            word[id] = next;
            long timeout = timeoutNs[next & FlowStateMachine.STATE_MASK];
            if (timeout < timeoutNs[old & FlowStateMachine.STATE_MASK]) {
                wheel.reschedule(id, nowNs + timeout);
            }
        }
    }

    /**
     * Advances the timer wheel to {@code nowNs} and removes every flow idle for longer than its
     * state's timeout. Cheap when called repeatedly within one tick (no bucket is visited); a
     * long gap visits each bucket at most once.
     *
     * @return number of flows removed
     */
    public int expire(long nowNs) {
        FlowTimerWheel wheel = this.wheel;
        wheel.start(nowNs);
        long nowTick = wheel.tickOf(nowNs);
        int budget = wheel.wheelSize();
        int removed = 0;
        while (wheel.currentTick() <= nowTick && budget-- > 0) {
            int id = wheel.head(wheel.advance());
            while (id != FlowTimerWheel.NIL) {
                int nextId = wheel.next(id);
                long deadline = lastSeenNs[id] + timeoutNs[word[id] & FlowStateMachine.STATE_MASK];
                if (deadline < nowNs) {
                    removeLive(id);
                    removed++;
                } else {
                    wheel.reschedule(id, deadline);
                }
                id = nextId;
            }
        }
        wheel.skipPast(nowTick);
        expired += removed;
        return removed;
    }

    /** Removes a live flow; a no-op for an id that is not live. */
    public void remove(int flowId) {
        if (contains(flowId)) {
            removeLive(flowId);
        }
    }

    /** Removes every live flow the predicate selects; a full scan, for use off the per-packet path. */
    public void removeIf(FlowPredicate predicate) {
        for (int id = 0; id < capacity; id++) {
            if (word[id] != FREE && predicate.test(id)) {
                removeLive(id);
            }
        }
    }

    private void removeLive(int id) {
        listener.flowRemoved(id);
        int k = id << 2;
        index.delete(id << 1, FlowKey.hash(keys[k], keys[k + 1]));
        index.delete(id << 1 | REPLY, FlowKey.hash(keys[k + 2], keys[k + 3]));
        wheel.cancel(id);
        keys[k] = 0;
        keys[k + 1] = 0;
        keys[k + 2] = 0;
        keys[k + 3] = 0;
        word[id] = FREE;
        lastSeenNs[id] = 0;
        peerMac[id] = 0;
        tag[id] = 0;
        freeStack[freeTop++] = id;
        size--;
    }

    /** Whether {@code flowId} names a live flow. */
    public boolean contains(int flowId) {
        return flowId >= 0 && flowId < capacity && word[flowId] != FREE;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Flows created since construction. */
    public long inserted() {
        return inserted;
    }

    /** Creates refused because the table was full. */
    public long insertFailures() {
        return insertFailures;
    }

    /** Flows removed by {@link #expire}. */
    public long expired() {
        return expired;
    }

    public int vni(int flowId) {
        return FlowKey.vni(keys[flowId << 2]);
    }

    public int proto(int flowId) {
        return FlowKey.proto(keys[flowId << 2]);
    }

    public int origSrcIp(int flowId) {
        return FlowKey.srcIp(keys[flowId << 2]);
    }

    public int origDstIp(int flowId) {
        return FlowKey.dstIp(keys[(flowId << 2) + 1]);
    }

    public int origSrcPort(int flowId) {
        return FlowKey.srcPort(keys[(flowId << 2) + 1]);
    }

    public int origDstPort(int flowId) {
        return FlowKey.dstPort(keys[(flowId << 2) + 1]);
    }

    public int replySrcIp(int flowId) {
        return FlowKey.srcIp(keys[(flowId << 2) + 2]);
    }

    public int replySrcPort(int flowId) {
        return FlowKey.srcPort(keys[(flowId << 2) + 3]);
    }

    /** The flow's {@link FlowState}. */
    public int state(int flowId) {
        return word[flowId] & FlowStateMachine.STATE_MASK;
    }

    public long lastSeenNs(int flowId) {
        return lastSeenNs[flowId];
    }

    /** Opaque slot for the caller; the NAT layer keeps the backend's MAC here. Zero on create. */
    public long peerMac(int flowId) {
        return peerMac[flowId];
    }

    public void setPeerMac(int flowId, long mac) {
        peerMac[flowId] = mac;
    }

    /** Opaque int for the caller. Zero on create. */
    public int tag(int flowId) {
        return tag[flowId];
    }

    public void setTag(int flowId, int value) {
        tag[flowId] = value;
    }
}
