package dev.swarmnet.controlplane.metrics;

/**
 * A group of meter families that reads one kind of source on every scrape. Thread: the scrape
 * thread, one scrape at a time.
 */
interface ScrapeBinder {
    /** Reads the sources now and publishes what they say; a missing source clears the families. */
    void refresh(MetricsSources sources);
}
