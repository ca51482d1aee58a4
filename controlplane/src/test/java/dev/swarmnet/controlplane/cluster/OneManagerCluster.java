package dev.swarmnet.controlplane.cluster;

import static org.awaitility.Awaitility.await;

import dev.swarmnet.controlplane.cluster.ClusterMessage.ManagerEndpoint;
import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.dispatcher.DispatcherConfig;
import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.raft.RaftStore;
import dev.swarmnet.controlplane.raft.RaftStoreConfig;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.store.ClusterStateMachine;
import dev.swarmnet.controlplane.store.ClusterStore;
import dev.swarmnet.controlplane.store.Outcome;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.EcKeys;
import dev.swarmnet.controlplane.trust.JoinTokens;
import dev.swarmnet.controlplane.trust.NodeCsr;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.NodeRole;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A one-manager cluster in this JVM on 127.0.0.1: a Raft group of one with the real state
 * machine, {@code swarm init} applied, a cluster CA and join tokens, the manager's identity, a
 * dispatcher on a fake clock, and the cluster port. {@link #close} stops everything and deletes
 * the temporary directory, whatever failed. Test thread only, except {@link Backend}.
 */
final class OneManagerCluster implements AutoCloseable {
    static final String CLUSTER = "c000000000000000000000001";
    static final String MANAGER = "m1aaaaaaaaaaaaaaaaaaaaaaa";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final Path dir;
    final ClusterCa ca = ClusterCa.create(Instant.now());
    final NodeIdentity identity;
    final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    final RaftStoreConfig raftConfig;
    ClusterStore store;
    Dispatcher dispatcher;
    ClusterPortServer server;

    OneManagerCluster() throws Exception {
        dir = Files.createTempDirectory("swarmnet-cluster-port");
        KeyPair keys = EcKeys.generate();
        identity = NodeIdentity.of(keys.getPrivate(), ca.issueNodeCertificate(MANAGER, NodeRole.MANAGER, CLUSTER,
                NodeCsr.create(keys), ClusterCa.NODE_VALIDITY, Instant.now()), ca.certificate());
        raftConfig = RaftStoreConfig.of(CLUSTER, MANAGER, "127.0.0.1", freePort(), dir.resolve("mgr1"))
                .withElectionTimeout(Duration.ofMillis(300), Duration.ofMillis(600));
        try {
            ClusterStateMachine machine = new ClusterStateMachine();
            store = new ClusterStore(RaftStore.bootstrap(raftConfig, machine), machine);
            await().atMost(TIMEOUT).until(store.raft()::isLeader);
            JoinTokens tokens = JoinTokens.generate(ca.certificate());
            submit(new Command.InitCluster(CLUSTER, ClusterSpec.unset(),
                    new dev.swarmnet.controlplane.model.JoinTokens(tokens.worker().encoded(), tokens.manager().encoded()),
                    new TlsInfo(ca.certificatePem(), "", ""), List.of(), 0, 0, MANAGER, description("mgr1"),
                    "127.0.0.1:2377", null));
            dispatcher = new Dispatcher(DispatcherConfig.DEFAULT, store::local, store::submit);
            server = ClusterPortServer.start(new InetSocketAddress("127.0.0.1", 0), identity, new Backend(true));
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The join tokens now in the store. */
    JoinTokens tokens() {
        dev.swarmnet.controlplane.model.JoinTokens stored = store.local().cluster().joinTokens();
        return JoinTokens.of(stored.worker(), stored.manager());
    }

    Outcome submit(Command command) throws Exception {
        Outcome outcome = store.submit(command).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!outcome.succeeded()) {
            throw new AssertionError(command + " refused: " + outcome.message());
        }
        return outcome;
    }

    Node node(String id) {
        return store.local().node(id).orElseThrow(() -> new AssertionError("no node " + id + " in the store"));
    }

    static NodeDescription description(String hostname) {
        return new NodeDescription(hostname, new NodeDescription.Platform("x86_64", "linux"),
                new NodeDescription.Resources(2_000_000_000L, 4L << 30),
                new NodeDescription.Engine("swarmnet-0.1.0", Map.of()));
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                if (store != null) {
                    store.close();
                }
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The daemon's side as the server sees it; {@code leader = false} makes a follower that redirects here. */
    final class Backend implements ClusterPortBackend {
        private final boolean leader;

        Backend(boolean leader) {
            this.leader = leader;
        }

        @Override
        public String clusterId() {
            return CLUSTER;
        }

        @Override
        public JoinTokens joinTokens() {
            return tokens();
        }

        @Override
        public ClusterCa ca() {
            return ca;
        }

        @Override
        public ClusterStore store() {
            return store;
        }

        @Override
        public Dispatcher dispatcher() {
            return dispatcher;
        }

        @Override
        public boolean isLeader() {
            return leader && store.raft().isLeader();
        }

        @Override
        public Optional<String> leaderClusterAddr() {
            return Optional.of(server.address());
        }

        @Override
        public List<ManagerEndpoint> managers() {
            return List.of(new ManagerEndpoint(MANAGER, server.address(), raftConfig.address()));
        }

        @Override
        public long nowNanos() {
            return nanos.get();
        }
    }
}
