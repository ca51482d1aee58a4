package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiServer;
import dev.swarmnet.controlplane.metrics.MetricsServer;
import dev.swarmnet.controlplane.metrics.NodeMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code swarmnet daemon}: the node's backend (resumed from its data directory)
 * behind the Docker API server, and its Prometheus endpoint when {@link DaemonConfig#metricsListen}
 * is set. Start with {@link #start}, stop with {@link #close}, both from a control thread; the
 * state stays on disk for the next start.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final NodeBackend backend;
    private final ApiServer api;
    /** The metrics endpoint, or null when the config sets none. */
    private final MetricsServer metrics;
    private AutoCloseable owned;

    private Daemon(NodeBackend backend, ApiServer api, MetricsServer metrics) {
        this.backend = backend;
        this.api = api;
        this.metrics = metrics;
    }

    /** Resumes the node and serves the API, joining swarms through the cluster port ({@link ClusterJoiner}). */
    public static Daemon start(DaemonConfig config) throws IOException {
        ClusterJoiner joiner = new ClusterJoiner();
        try {
            Daemon daemon = start(config, joiner);
            daemon.owned = joiner;
            return daemon;
        } catch (IOException | RuntimeException e) {
            joiner.close();
            throw e;
        }
    }

    /**
     * Resumes the node from {@code config.dataDir()} and serves the API.
     *
     * @throws IOException when the state cannot be read or a listener or the Raft port cannot be bound;
     *                     nothing is left running then
     */
    public static Daemon start(DaemonConfig config, Joiner joiner) throws IOException {
        NodeBackend backend = NodeBackend.open(config, joiner);
        MetricsServer metrics = null;
        try {
            if (config.metricsListen() != null) {
                metrics = MetricsServer.start(config.metricsListen(),
                        new NodeMetrics(new NodeMetricsSources(backend)));
            }
            ApiServer api = ApiServer.start(config.api(), backend, config.reloads());
            LOG.info("swarmnet daemon: data {}, API on {}{}, swarm {}", config.dataDir(),
                    config.api().unixSocket() == null ? "" : "unix://" + config.api().unixSocket(),
                    api.tcpAddress() == null ? "" : " tcp://" + api.tcpAddress().getHostString() + ":"
                            + api.tcpAddress().getPort(), backend.status().pingHeader());
            return new Daemon(backend, api, metrics);
        } catch (IOException | RuntimeException e) {
            if (metrics != null) {
                metrics.close();
            }
            backend.close();
            throw e;
        }
    }

    public NodeBackend backend() {
        return backend;
    }

    public ApiServer api() {
        return api;
    }

    /** The metrics endpoint's bound address, or null when the config sets none. */
    public InetSocketAddress metricsAddress() {
        return metrics == null ? null : metrics.address();
    }

    /** Stops serving metrics and the API, then the Raft member; pending requests fail. */
    @Override
    public void close() throws IOException {
        try {
            if (metrics != null) {
                metrics.close();
            }
            api.close();
        } finally {
            try {
                backend.close();
            } finally {
                if (owned instanceof ClusterJoiner joiner) {
                    joiner.close();
                }
            }
        }
    }
}
