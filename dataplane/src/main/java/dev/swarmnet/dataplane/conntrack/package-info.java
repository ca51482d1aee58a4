/**
 * Connection tracking for the data plane: a bounded, allocation-free flow table owned by one
 * event-loop thread.
 *
 * <h2>Keys</h2>
 * A flow key is (VNI, protocol, source IP, destination IP, source port, destination port),
 * packed into two {@code long}s by {@link dev.swarmnet.dataplane.conntrack.FlowKey}. ICMP echo
 * uses the identifier as both ports. Every flow has two keys: the original one, as the client
 * sent it to the VIP, and the reply one, from the NAT target (backend) back to the client.
 *
 * <h2>Layout</h2>
 * {@link dev.swarmnet.dataplane.conntrack.FlowTable} keeps flows in slots
 * {@code 0 .. capacity-1} of primitive parallel arrays (keys, state word, last-seen, opaque MAC
 * and tag, timer links), with a stack of free slot ids. A flow's id is its slot; a
 * <em>handle</em> {@code (id << 1) | direction} names one of its two keys, and the keys array
 * is laid out by handle ({@code keys[2 * handle]}, {@code keys[2 * handle + 1]}) so the key
 * pair of one direction shares a cache line.
 *
 * <h2>Index and hashing</h2>
 * {@link dev.swarmnet.dataplane.conntrack.FlowIndex} maps keys to handles: a power-of-two
 * {@code long[]} of at least four slots per flow (two keys per flow, so load stays at or below
 * one half), linear probing. A slot packs the key's 32-bit hash (murmur3 finalizer over both
 * key words) with {@code handle + 1}; 0 is empty. A probe reads one {@code long} per step and
 * touches the keys only when the stored hash matches, so a hit costs about two cache misses
 * and a miss about one. Deletion shifts later members of the probe run back into the hole
 * (backward-shift deletion), using the stored hash to find each entry's home slot: there are
 * no tombstones, and probe lengths do not degrade under churn.
 *
 * <h2>Expiry: hashed timer wheel with lazy re-arm</h2>
 * {@link dev.swarmnet.dataplane.conntrack.FlowTimerWheel} has a power-of-two number of buckets
 * (default 512) of a fixed tick (default 1 s), each an intrusive doubly linked list through
 * per-flow {@code int} links. A flow is linked once, at creation, in the bucket of its deadline
 * ({@code lastSeen + timeout(state)}). Packets only write {@code lastSeen}; they do not touch
 * the wheel. {@code expire(now)} walks the buckets of the ticks that have passed and, for each
 * flow, recomputes the real deadline: passed means removed; still in the future means the flow
 * moves to that deadline's bucket (or stays, if it is the same bucket). A deadline more than
 * one revolution away is thus revisited once per revolution (every 512 s by default), which
 * costs one check per long-lived flow per revolution. The one exception to laziness: a state
 * change to a <em>shorter</em> timeout (e.g. RST to CLOSE) re-links the flow at once, so an
 * entry never outlives its state's timeout by more than a tick. Calls within one tick visit no
 * bucket; a gap longer than a revolution visits each bucket once.
 *
 * <h2>States and timeouts</h2>
 * {@link dev.swarmnet.dataplane.conntrack.FlowState} lists TCP states modelled on Linux
 * {@code nf_conntrack_proto_tcp} plus UDP_UNREPLIED/UDP_REPLIED and ICMP;
 * {@link dev.swarmnet.dataplane.conntrack.FlowStateMachine} holds the direction-aware
 * transitions (table in its Javadoc), including mid-stream pickup. Idle timeouts per state come
 * from the immutable {@link dev.swarmnet.dataplane.conntrack.FlowTimeouts} (Linux-like
 * defaults: 30 s for half-open TCP, 1 h for ESTABLISHED, 120 s TIME_WAIT, 10 s CLOSE, 30 s /
 * 120 s for UDP unreplied / replied, 30 s ICMP).
 *
 * <h2>Threading</h2>
 * A table belongs to one event-loop thread; nothing here is thread-safe and nothing needs to
 * be. The removal listener and {@code removeIf} predicate run on that thread and must not
 * modify the table.
 */
package dev.swarmnet.dataplane.conntrack;
