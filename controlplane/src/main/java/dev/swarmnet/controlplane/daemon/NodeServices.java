package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.cluster.ClusterPortClient;
import dev.swarmnet.controlplane.cluster.ClusterPortServer;
import dev.swarmnet.controlplane.cluster.HeartbeatLoop;
import dev.swarmnet.controlplane.dispatcher.DispatcherConfig;
import dev.swarmnet.controlplane.inspect.DataPlaneView;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.TlsContexts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs on the cluster port side while this node is in a swarm: on a manager, the
 * {@link ClusterPortServer} on the listen address (answering from the {@link Manager}); on every
 * node, managers included, a {@link HeartbeatLoop} to the managers (a manager starts with its own
 * address and is redirected to the leader; every ack then names all managers, leader first; the
 * other managers it knows come after its own address, so a manager whose Raft member was taken
 * out of the group before it heard so — demoted while its promotion was still starting — still
 * reaches a manager that tells it its role).
 * Started after init, join or resume; closed before leave and on daemon stop. Control thread
 * (the backend's lifecycle lock).
 */
final class NodeServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeServices.class);

    private final ClusterPortServer server;
    private final ClusterPortClient client;
    private final HeartbeatLoop heartbeats;

    private NodeServices(ClusterPortServer server, ClusterPortClient client, HeartbeatLoop heartbeats) {
        this.server = server;
        this.client = client;
        this.heartbeats = heartbeats;
    }

    /**
     * Starts the services of {@code membership}; {@code manager} is null on a worker.
     * {@code onManagers} hears of a changed manager list (on the heartbeat thread).
     *
     * @throws IOException when the cluster port cannot be bound; nothing is left running then
     */
    static NodeServices start(Membership membership, NodeIdentity identity, Manager manager,
                              Consumer<List<String>> onManagers) throws IOException {
        return start(membership, identity, manager, onManagers, role -> { }, null, Optional::empty);
    }

    /**
     * As {@link #start(Membership, NodeIdentity, Manager, Consumer)}; {@code onRole} hears the
     * role each heartbeat ack names for this node (on the heartbeat thread). With
     * {@code logFiles} (the agent's task log files), the node serves its tasks' logs to managers
     * on its cluster port: a manager through its full server, a worker through a logs-only one;
     * such a server also answers {@code data-plane-view} from {@code dataPlaneView} (empty: no
     * data plane; called on the cluster port's work thread).
     */
    static NodeServices start(Membership membership, NodeIdentity identity, Manager manager,
                              Consumer<List<String>> onManagers, Consumer<String> onRole,
                              Function<String, Optional<Path>> logFiles,
                              Supplier<Optional<DataPlaneView>> dataPlaneView) throws IOException {
        ClusterPortServer server = null;
        ClusterPortClient client = null;
        try {
            if (manager != null) {
                if (logFiles != null) {
                    manager.serveTaskLogs(logFiles);
                }
                manager.serveDataPlaneView(dataPlaneView);
                server = ClusterPortServer.start(bindAddress(membership.listenAddr()), identity,
                        manager.clusterPortBackend());
            } else if (logFiles != null) {
                server = ClusterPortServer.startLogsOnly(bindAddress(membership.listenAddr()), identity, logFiles,
                        dataPlaneView);
            }
            Duration period = manager == null ? DispatcherConfig.DEFAULT_PERIOD : manager.dispatcher().config().period();
            client = new ClusterPortClient(ClusterPortClient.DEFAULT_TIMEOUT);
            List<String> managers = manager != null ? ownAddressFirst(membership) : membership.remoteManagers();
            if (managers.isEmpty()) {
                throw new IOException("node " + membership.nodeId() + " knows no manager to heartbeat to");
            }
            HeartbeatLoop heartbeats = HeartbeatLoop.start(client, TlsContexts.client(identity), managers, period,
                    onManagers, onRole);
            return new NodeServices(server, client, heartbeats);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server, client);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(server, client);
            throw new IOException("interrupted while binding the cluster port", e);
        } catch (Exception e) {
            closeQuietly(server, client);
            throw new IOException("cannot listen on the cluster port " + membership.listenAddr() + ": " + e, e);
        }
    }

    /** The cluster port's bound address (a worker's serves only task logs), or null. */
    InetSocketAddress clusterPort() {
        return server == null ? null : server.localAddress();
    }

    private static InetSocketAddress bindAddress(String listenAddr) {
        int colon = listenAddr.lastIndexOf(':');
        String host = listenAddr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(listenAddr.substring(colon + 1)));
    }

    private static void closeQuietly(ClusterPortServer server, ClusterPortClient client) {
        try {
            if (server != null) {
                server.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("while closing the cluster port", e);
        }
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void close() {
        heartbeats.close();
        closeQuietly(server, client);
    }

    /** A manager's heartbeat targets: its own cluster address, then the other managers it knows. */
    static List<String> ownAddressFirst(Membership membership) {
        List<String> managers = new java.util.ArrayList<>(List.of(membership.advertiseAddr()));
        for (String other : membership.remoteManagers()) {
            if (!managers.contains(other)) {
                managers.add(other);
            }
        }
        return List.copyOf(managers);
    }
}
