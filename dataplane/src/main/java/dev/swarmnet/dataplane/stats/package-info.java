/**
 * Per-loop counters: what happened to every frame, and why a frame was dropped.
 *
 * <p>Design note. Counters are enumerated once in {@link dev.swarmnet.dataplane.stats.Counter}
 * with an id, a name and a description (the Agrona way), and stored as a plain {@code long[]}
 * owned by one event loop: the packet path increments an array slot, nothing more. Readers on
 * other threads (a metrics scrape) see values that may lag by a few packets; that is the price
 * of no atomics on the hot path. Metrics registries read these arrays on scrape and sum loops;
 * they never sit on the packet path.
 *
 * <p>Two keyed families follow the same rule: {@link dev.swarmnet.dataplane.stats.PortTraffic}
 * (frames and bytes per TAP port, a {@code long[]} indexed by port id, grown on attach) and
 * {@link dev.swarmnet.dataplane.stats.BackendTraffic} (new flows and bytes per VIP backend, a
 * pre-sized primitive map keyed like the least-connections load). Both are written by the loop
 * alone and read on it by {@code DataPlane}'s sampling methods, which return immutable samples
 * ({@link dev.swarmnet.dataplane.stats.ConntrackSample},
 * {@link dev.swarmnet.dataplane.stats.BackendSample}).
 */
package dev.swarmnet.dataplane.stats;
