package dev.swarmnet.dataplane.stats;

/**
 * The connection table of one loop at one moment, for a metrics scrape. Immutable.
 *
 * @param size           flows tracked now
 * @param capacity       most flows tracked at once
 * @param inserted       flows created so far
 * @param insertFailures new flows refused so far (table full or reply key taken)
 * @param expired        flows evicted by their idle timeout so far
 */
public record ConntrackSample(int size, int capacity, long inserted, long insertFailures, long expired) {
}
