package dev.swarmnet.controlplane.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's metrics: a Prometheus meter registry whose meters read the node's live sources
 * ({@link MetricsSources}) when scraped, never updated as things happen. A scrape refreshes
 * every binder (one data-plane snapshot, one Raft and state read) and renders the registry.
 *
 * <p>Thread-safe: scrapes are serialized on this object. A binder whose source fails (a data plane
 * closing under the scrape) logs a warning and keeps its previous values for that scrape, so one
 * broken source never empties the whole scrape.
 */
public final class NodeMetrics {
    /** The Prometheus text format, version 0.0.4. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    /** The OpenMetrics text format, chosen when the scraper's Accept header asks for it. */
    public static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(NodeMetrics.class);

    private final MetricsSources sources;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<ScrapeBinder> binders;

    /** A rendered scrape. */
    public record Scrape(String contentType, byte[] body) {
    }

    public NodeMetrics(MetricsSources sources) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.binders = List.of(new DataPlaneBinder(registry), new TrafficBinder(registry), new IngressBinder(registry),
                new RaftBinder(registry), new HeartbeatBinder(registry, System::nanoTime), new TaskBinder(registry));
    }

    /**
     * Reads every source and renders the metrics in the format {@code accept} prefers: OpenMetrics
     * when it names {@code application/openmetrics-text}, the Prometheus text format otherwise.
     */
    public synchronized Scrape scrape(String accept) {
        for (ScrapeBinder binder : binders) {
            try {
                binder.refresh(sources);
            } catch (RuntimeException e) {
                LOG.warn("metrics: {} could not read its source: {}", binder.getClass().getSimpleName(), e.toString());
            }
        }
        String contentType = accept != null && accept.contains("application/openmetrics-text")
                ? OPEN_METRICS : TEXT_FORMAT;
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        try {
            registry.scrape(body, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(contentType, body.toByteArray());
    }
}
