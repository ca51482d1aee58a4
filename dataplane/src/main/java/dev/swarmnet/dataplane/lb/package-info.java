/**
 * Backend selection for virtual IPs: which backend a new flow to {@code VIP:port} goes to.
 * Pure Java over primitive arrays; no I/O, no clock (time arrives as {@code long nowNs}).
 *
 * <h2>Threads and data</h2>
 * A service's backends are parallel arrays indexed alike: {@code long[] backendIds} (stable
 * identity, only ever hashed), {@code int[] weights} ({@code <= 0} excludes) and
 * {@code int[] states} ({@link dev.swarmnet.dataplane.lb.BackendState}). Only ACTIVE backends
 * with a positive weight receive <em>new</em> flows; existing flows to DRAINING or DOWN
 * backends are the conntrack's business. Immutable things ({@link
 * dev.swarmnet.dataplane.lb.MaglevTable}) are built by the control plane off the event loop
 * and published by reference; mutable things ({@link dev.swarmnet.dataplane.lb.RoundRobin},
 * {@link dev.swarmnet.dataplane.lb.BackendLoad}, {@link dev.swarmnet.dataplane.lb.ClientAffinity})
 * exist once per event loop and are touched only by it. Per new flow nothing here allocates,
 * boxes, iterates with an {@code Iterator}, throws, logs or locks.
 *
 * <h2>Algorithms</h2>
 * <ul>
 * <li><b>Round robin</b>: a cursor per service; weights only exclude.</li>
 * <li><b>Weighted least connections</b> (IPVS {@code wlc}): smallest
 * {@code activeFlows / weight}, compared as {@code a * w2 < b * w1} in {@code long};
 * ties rotate from a caller-supplied {@code tieBreak} so idle services do not pile onto
 * index 0. Counts are per loop, like IPVS's per-CPU view.</li>
 * <li><b>Maglev</b> (Eisenbud et al., "Maglev: A Fast and Reliable Software Network Load
 * Balancer", NSDI 2016, section 3.4): every eligible backend gets a permutation of the
 * table's M slots, {@code offset = h1(id) mod M}, {@code skip = h2(id) mod (M - 1) + 1},
 * from two independent 64-bit hashes ({@code fmix64} of the id under two seeds). M is prime,
 * so every skip is coprime with M and each permutation visits every slot. Backends take
 * turns claiming their next unclaimed preferred slot until all M are claimed; a flow is
 * sent to {@code table[reduce(flowHash, M)]}. Weights follow Katran's {@code MaglevHashV2}
 * (facebookincubator/katran, {@code lib/MaglevHashV2.cpp}): each round a backend earns its
 * weight in credit and takes a turn only when its credit reaches the largest weight, so its
 * share of turns, hence of slots, is proportional to its weight; with equal weights this is
 * exactly the paper's loop.</li>
 * </ul>
 *
 * <h2>Maglev invariants and measured figures</h2>
 * <ul>
 * <li>M is the smallest prime {@code >= max(minSize, 100 x listed backends)} (101 for one
 * backend, 100,003 for 1,000). It counts backends <em>listed</em>, not eligible: a backend
 * turning DOWN or DRAINING must not change M, because M is part of every permutation and a
 * new M reshuffles nearly every slot (measured: 95-99% of slots moved when M was derived
 * from the eligible count). A control plane that adds or removes backends keeps M by passing
 * the same {@code minSize}.</li>
 * <li>Balance: with equal weights turns are strictly round robin, so every backend owns
 * {@code floor(M/N)} or {@code ceil(M/N)} slots; as {@code M/N >= 100}, that is within 1% of
 * the fair share. Weighted shares are within 2% (or 2 slots) of {@code M * w / sum(w)}.</li>
 * <li>Disruption (same M, one of N backends leaves): its own 1/N of the slots move, plus
 * 0% (N = 2) to about 3.4% (N around 8-12) of the survivors' slots as the claiming order
 * shifts; tests assert at most 5%. This matches the paper's observation that Maglev trades
 * a little disruption for perfect balance.</li>
 * <li>Determinism: the same arrays build the same table on every node and JVM; {@link
 * dev.swarmnet.dataplane.lb.FlowHash} has no seed and is pinned by a test, so all nodes map
 * a flow to the same backend.</li>
 * <li>Lookup maps the 32-bit hash onto [0, M) by multiply-shift
 * ({@code (hash * M) >>> 32}, Lemire), avoiding a division per packet.</li>
 * </ul>
 *
 * <h2>Client affinity</h2>
 * {@link dev.swarmnet.dataplane.lb.ClientAffinity} is a bounded, open-addressed table keyed
 * by two packed {@code long} words (vni|vip, occupied|vipPort|clientIp) with linear probing
 * and backward-shift deletion, holding the backend id and last-used time. It never grows:
 * when full of entries {@code remember} returns {@code false} and the caller falls back to
 * the service's algorithm. A remembered backend may since have been drained or removed; the
 * caller checks it is still ACTIVE before using it.
 */
package dev.swarmnet.dataplane.lb;
