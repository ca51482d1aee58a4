/**
 * The cluster's objects as immutable records: {@link dev.swarmnet.controlplane.model.Cluster},
 * {@link dev.swarmnet.controlplane.model.Node} and their specs, plus placeholders for networks,
 * services and tasks.
 *
 * <p>Design note. Records mirror Docker's API objects field for field where the API exposes
 * them (names in camelCase, enums as Docker's lowercase words, durations in nanoseconds, times
 * in epoch milliseconds) so the API server maps them one to one. Every object carries a
 * {@link dev.swarmnet.controlplane.model.Version}: the Raft index of the entry that last
 * changed it, exactly as swarmkit does, which makes versions unique and increasing across the
 * whole cluster and gives clients optimistic concurrency for free.
 *
 * <p>Records are values: they hold no clock, no randomness and no mutable collection (maps are
 * sorted, unmodifiable copies, so iteration order is the same on every replica). Compact
 * constructors enforce shape invariants and throw {@link java.lang.IllegalArgumentException}
 * or {@link java.lang.NullPointerException}; user input is validated before it gets here, in
 * {@code dev.swarmnet.controlplane.state}, which turns bad input into Docker-style errors.
 * Helper methods avoid {@code get}/{@code is} prefixes so that JSON holds only the components.
 *
 * <p>Threading: immutable, shareable between any threads.
 */
package dev.swarmnet.controlplane.model;
