package dev.swarmnet.controlplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.inspect.BackendView;
import dev.swarmnet.controlplane.inspect.ClusterDataPlane;
import dev.swarmnet.controlplane.inspect.DataPlaneView;
import dev.swarmnet.controlplane.inspect.NodeDataPlane;
import dev.swarmnet.controlplane.inspect.VirtualServiceView;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.EcKeys;
import dev.swarmnet.controlplane.trust.NodeCsr;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.NodeRole;
import dev.swarmnet.controlplane.trust.TlsContexts;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code data-plane-view} over the cluster port, real TLS on loopback: a manager's server and a
 * worker's logs-only server answer a manager's {@link DataPlaneViewClient}; nodes that cannot
 * answer appear with their reason, and within the timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataPlaneViewRequestsTest {
    private static final String CLUSTER = "c000000000000000000000001";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ClusterCa ca = ClusterCa.create(Instant.now());
    private final NodeIdentity manager = identity("m000000000000000000000001", NodeRole.MANAGER);
    private final NodeIdentity worker = identity("w000000000000000000000001", NodeRole.WORKER);
    private final NodeIdentity bare = identity("w000000000000000000000002", NodeRole.WORKER);
    private final DataPlaneView managerView = view(manager.nodeId(), "10.0.1.5");
    private final DataPlaneView workerView = view(worker.nodeId(), "10.0.1.6");
    private ClusterPortServer managerServer;
    private ClusterPortServer workerServer;
    private ClusterPortServer bareServer;
    private ServerSocket silent;
    private DataPlaneViewClient client;

    @BeforeAll
    void start() throws Exception {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        managerServer = ClusterPortServer.start(any, manager, new ViewBackend(managerView));
        workerServer = ClusterPortServer.startLogsOnly(any, worker, taskId -> Optional.empty(),
                () -> Optional.of(workerView));
        bareServer = ClusterPortServer.startLogsOnly(any, bare, taskId -> Optional.empty());
        silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        client = new DataPlaneViewClient(() -> context(manager), TIMEOUT);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable resource : new AutoCloseable[] {client, managerServer, workerServer, bareServer, silent}) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    @Test
    void aManagerGathersTheViewsOfAManagerAndAWorkerByHostname() {
        ClusterDataPlane planes = client.gather(manager.nodeId(), List.of(
                new DataPlaneViewClient.Target(worker.nodeId(), "node-2", workerServer.address()),
                new DataPlaneViewClient.Target(manager.nodeId(), "node-1", managerServer.address())));

        assertThat(planes.nodes()).extracting(NodeDataPlane::hostname).containsExactly("node-1", "node-2");
        assertThat(planes.nodes().get(0).view()).isEqualTo(managerView);
        assertThat(planes.nodes().get(1).view()).isEqualTo(workerView);
        assertThat(planes.local()).contains(managerView);
    }

    @Test
    void nodesThatCannotAnswerShowWhyWithinTheTimeoutInsteadOfHanging() throws Exception {
        int closedPort;
        try (ServerSocket closing = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = closing.getLocalPort();
        }
        long started = System.nanoTime();

        ClusterDataPlane planes = client.gather(manager.nodeId(), List.of(
                new DataPlaneViewClient.Target("d000000000000000000000001", "dead", "127.0.0.1:" + closedPort),
                new DataPlaneViewClient.Target("s000000000000000000000001", "silent",
                        "127.0.0.1:" + silent.getLocalPort()),
                new DataPlaneViewClient.Target("x000000000000000000000001", "impostor", workerServer.address()),
                new DataPlaneViewClient.Target("n000000000000000000000001", "nowhere", ""),
                new DataPlaneViewClient.Target(bare.nodeId(), "bare", bareServer.address()),
                new DataPlaneViewClient.Target(worker.nodeId(), "worker", workerServer.address())));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
        Map<String, String> errors = planes.nodes().stream().filter(n -> n.error() != null)
                .collect(Collectors.toMap(NodeDataPlane::hostname, NodeDataPlane::error));
        assertThat(errors.get("dead")).startsWith("node unreachable: cannot connect: ");
        assertThat(errors.get("silent")).isEqualTo("node unreachable: no answer within 5000 ms");
        assertThat(errors.get("impostor")).as("a server with another node's certificate")
                .startsWith("node unreachable: ");
        assertThat(errors.get("nowhere")).startsWith("node unreachable: invalid address");
        assertThat(errors.get("bare")).isEqualTo("node refused: 404 this node runs no data plane");
        assertThat(errors).doesNotContainKey("worker");
    }

    @Test
    void workersMayNotReadOtherNodesViews() {
        try (DataPlaneViewClient asWorker = new DataPlaneViewClient(() -> context(bare), TIMEOUT)) {
            ClusterDataPlane planes = asWorker.gather(bare.nodeId(), List.of(
                    new DataPlaneViewClient.Target(worker.nodeId(), "worker", workerServer.address()),
                    new DataPlaneViewClient.Target(manager.nodeId(), "manager", managerServer.address())));

            assertThat(planes.nodes()).allSatisfy(node -> assertThat(node.error())
                    .isEqualTo("node refused: 403 only managers may read data-plane views; node " + bare.nodeId()
                            + " is a worker"));
        }
    }

    private static DataPlaneView view(String nodeId, String backend) {
        return new DataPlaneView(nodeId, 9, 1_700_000_000_000L, true, List.of(new VirtualServiceView(
                "s00000000000000000000web1", "web", "n00000000000000000000net1", "app", "10.0.1.2", "tcp", 0,
                "round-robin", 0, List.of(new BackendView("t00000000000000000000000" + backend.charAt(backend.length() - 1),
                        "web.1.t", backend, nodeId, "192.168.0.1", "draining", 2, 1)))));
    }

    private static io.netty.handler.ssl.SslContext context(NodeIdentity identity) {
        try {
            return TlsContexts.client(identity);
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    private NodeIdentity identity(String nodeId, NodeRole role) {
        KeyPair keys = EcKeys.generate();
        return NodeIdentity.of(keys.getPrivate(), ca.issueNodeCertificate(nodeId, role, CLUSTER, NodeCsr.create(keys),
                ClusterCa.NODE_VALIDITY, Instant.now()), ca.certificate());
    }

    /** A manager's backend that answers only what this test asks: the cluster and its view. */
    private static final class ViewBackend extends ManagerOnlyBackend {
        private final DataPlaneView view;

        ViewBackend(DataPlaneView view) {
            super(CLUSTER);
            this.view = view;
        }

        @Override
        public Optional<DataPlaneView> dataPlaneView() {
            return Optional.of(view);
        }
    }
}
