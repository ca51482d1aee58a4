/**
 * Per-loop counters: what happened to every frame, and why a frame was dropped.
 *
 * <p>Design note. Counters are enumerated once in {@link dev.swarmnet.dataplane.stats.Counter}
 * with an id, a name and a description (the Agrona way), and stored as a plain {@code long[]}
 * owned by one event loop: the packet path increments an array slot, nothing more. Readers on
 * other threads (a metrics scrape) see values that may lag by a few packets; that is the price
 * of no atomics on the hot path. Metrics registries read these arrays on scrape and sum loops;
 * they never sit on the packet path.
 */
package dev.swarmnet.dataplane.stats;
