package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiException;
import dev.swarmnet.controlplane.api.ApiVersions;
import dev.swarmnet.controlplane.api.DaemonMessages;
import dev.swarmnet.controlplane.api.Filters;
import dev.swarmnet.controlplane.api.SwarmBackend;
import dev.swarmnet.controlplane.api.model.InitRequest;
import dev.swarmnet.controlplane.api.model.JoinRequest;
import dev.swarmnet.controlplane.api.model.LocalNodeState;
import dev.swarmnet.controlplane.api.model.Peer;
import dev.swarmnet.controlplane.api.model.Swarm;
import dev.swarmnet.controlplane.api.model.SwarmInfo;
import dev.swarmnet.controlplane.api.model.SwarmSpec;
import dev.swarmnet.controlplane.api.model.SwarmStatus;
import dev.swarmnet.controlplane.api.model.SystemInfo;
import dev.swarmnet.controlplane.model.Cluster;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.trust.TlsContexts;
import dev.swarmnet.controlplane.cluster.DataPlaneViewClient;
import dev.swarmnet.controlplane.cluster.TaskLogClient;
import dev.swarmnet.controlplane.inspect.ClusterDataPlane;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.Reachability;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.store.Outcome;
import dev.swarmnet.controlplane.trust.JoinTokens;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's {@link SwarmBackend}: the Docker API's view of its membership (from local fields)
 * and, on a manager, of the replicated cluster state (linearizable reads through
 * {@code ClusterStore.read()}, writes as {@link Command}s). Membership changes (init, join,
 * leave) run one at a time under a lifecycle lock; everything else runs concurrently on the API
 * workers and reads the current {@link Manager} through a volatile field. {@link #status()}
 * never blocks.
 */
public final class NodeBackend implements SwarmBackend, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeBackend.class);
    /** What the CLI sends as {@code ListenAddr} when {@code --listen-addr} is not given. */
    private static final String CLI_DEFAULT_LISTEN = "0.0.0.0:2377";

    private final DaemonConfig config;
    private final DataDir dataDir;
    private final HostDescription host;
    private final Joiner joiner;
    private final Supplier<List<HostInterface>> interfaces;
    private final Supplier<Instant> clock;
    private final Object lifecycle = new Object();
    private volatile Membership membership;
    private volatile Manager manager;
    /** The cluster port server (managers) and heartbeats (all nodes); changed under the lifecycle lock. */
    private NodeServices services;
    /** This node's agent while in a swarm (tasks, data plane); null when the config has none. */
    private volatile NodeAgent agent;
    /** Fetches task logs from the nodes for {@code service logs}; made on first use. Guarded by lifecycle. */
    private TaskLogClient logClient;
    /** Gathers the nodes' data-plane views for {@code network inspect --verbose}; made on first use. Guarded by lifecycle. */
    private DataPlaneViewClient viewClient;
    private volatile boolean joining;
    /** Acts on promotions and demotions heard in heartbeat acks, one at a time. */
    private final java.util.concurrent.ExecutorService roleChanges =
            java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "role-change");
                thread.setDaemon(true);
                return thread;
            });
    private final java.util.concurrent.atomic.AtomicBoolean roleChanging =
            new java.util.concurrent.atomic.AtomicBoolean();

    private NodeBackend(DaemonConfig config, Joiner joiner, Supplier<List<HostInterface>> interfaces,
                        Supplier<Instant> clock) {
        this.config = config;
        this.dataDir = new DataDir(config.dataDir());
        this.host = HostDescription.detect(config.hostname());
        this.joiner = joiner;
        this.interfaces = interfaces;
        this.clock = clock;
    }

    /**
     * The backend of the node whose state is in {@code config.dataDir()}: in no swarm, or resumed
     * (a manager restarts its Raft member from the directory and recovers the state).
     */
    public static NodeBackend open(DaemonConfig config, Joiner joiner) throws IOException {
        return open(config, joiner, HostInterfaces::list, Instant::now);
    }

    static NodeBackend open(DaemonConfig config, Joiner joiner, Supplier<List<HostInterface>> interfaces,
                            Supplier<Instant> clock) throws IOException {
        NodeBackend backend = new NodeBackend(config, joiner, interfaces, clock);
        backend.dataDir.create();
        Optional<Membership> stored = backend.dataDir.membership();
        if (stored.isPresent()) {
            Membership m = stored.get();
            if (m.manager()) {
                backend.manager = Manager.start(m, backend.dataDir, backend.dataDir.signingCa(), backend.config.manager());
            } else {
                // A demotion interrupted after its membership was saved: finish forgetting.
                backend.dataDir.deleteCaKey();
                backend.dataDir.deleteRaft();
            }
            try {
                backend.services = NodeServices.start(m, backend.dataDir.identity(), backend.manager,
                        backend::rememberManagers, backend::roleHeard, backend.logFiles(),
                        backend::localDataPlaneView);
                backend.startAgent(m, backend.dataDir.identity());
            } catch (IOException | RuntimeException e) {
                backend.close();
                throw e;
            }
            backend.membership = m;
            LOG.info("resumed node {} of swarm {} as a {}", m.nodeId(), m.clusterId(), m.manager() ? "manager" : "worker");
        }
        return backend;
    }

    @Override
    public SwarmStatus status() {
        if (joining) {
            return new SwarmStatus(LocalNodeState.PENDING, false);
        }
        Membership m = membership;
        return m == null ? SwarmStatus.INACTIVE : new SwarmStatus(LocalNodeState.ACTIVE, m.manager());
    }

    @Override
    public SystemInfo info() {
        Membership m = membership;
        Manager current = manager;
        SwarmInfo swarm;
        if (m == null) {
            swarm = new SwarmInfo("", "", joining ? LocalNodeState.PENDING : LocalNodeState.INACTIVE, false, "",
                    null, null, null, null);
        } else if (current == null) {
            swarm = new SwarmInfo(m.nodeId(), advertiseIp(m), LocalNodeState.ACTIVE, false, "",
                    m.remoteManagers().stream().map(addr -> new Peer("", addr)).toList(), null, null, null);
        } else {
            swarm = managerInfo(m, current);
        }
        return new SystemInfo(m == null ? "" : m.nodeId(), host.hostname(), ApiVersions.ENGINE, "linux",
                host.operatingSystem(), host.architecture(), host.kernelVersion(), host.ncpu(), host.memTotal(), swarm);
    }

    private SwarmInfo managerInfo(Membership m, Manager current) {
        try {
            ClusterState state = StoreCalls.await(current.store().read());
            List<Peer> managers = new ArrayList<>();
            for (Node node : state.managers()) {
                managers.add(new Peer(node.id(), node.managerStatus().addr()));
            }
            return new SwarmInfo(m.nodeId(), advertiseIp(m), LocalNodeState.ACTIVE, true, "", managers,
                    state.nodes().size(), managers.size(),
                    state.cluster() == null ? null : ApiViews.swarm(state.cluster(), false).clusterInfo());
        } catch (ApiException e) {
            return new SwarmInfo(m.nodeId(), advertiseIp(m), LocalNodeState.ACTIVE, true, e.getMessage(), null,
                    null, null, null);
        }
    }

    @Override
    public String init(InitRequest request) {
        synchronized (lifecycle) {
            requireOutsideSwarm();
            String listenAddr = listenAddr(request.listenAddr());
            AdvertiseAddress.Chosen advertise = advertise(request.advertiseAddr(), listenAddr);
            Manager created = SwarmInit.run(request, advertise, listenAddr, config.raftPort(), dataDir, host,
                    config.manager(), clock.get());
            created.followHeartbeatPeriod();
            try {
                services = NodeServices.start(created.membership(), dataDir.identity(), created, this::rememberManagers,
                        this::roleHeard, logFiles(), this::localDataPlaneView);
                startAgent(created.membership(), dataDir.identity());
            } catch (IOException | RuntimeException e) {
                stopServices();
                abandon(created);
                throw new ApiException(500, "swarm init failed: " + e.getMessage());
            }
            manager = created;
            membership = created.membership();
            LOG.info("initialised swarm {}: node {} is its manager at {}", membership.clusterId(), membership.nodeId(),
                    membership.advertiseAddr());
            return membership.nodeId();
        }
    }

    @Override
    public void join(JoinRequest request) {
        synchronized (lifecycle) {
            requireOutsideSwarm();
            if (request.remoteAddrs() == null || request.remoteAddrs().isEmpty()) {
                throw ApiException.badRequest("at least 1 RemoteAddr is required to join");
            }
            dev.swarmnet.controlplane.trust.JoinToken token;
            try {
                token = dev.swarmnet.controlplane.trust.JoinToken.parse(request.joinToken());
            } catch (RuntimeException e) {
                throw ApiException.badRequest("invalid join token: " + e.getMessage());
            }
            String listenAddr = listenAddr(request.listenAddr());
            AdvertiseAddress.Chosen advertise = advertise(request.advertiseAddr(), listenAddr);
            joining = true;
            try {
                Joiner.Joined joined = joiner.join(new Joiner.Request(token, request.remoteAddrs().get(0),
                        advertise.hostPort(), host.nodeDescription(), ApiViews.availability(request.availability())));
                becomeMember(joined, advertise, listenAddr);
            } finally {
                joining = false;
            }
        }
    }

    /**
     * After a granted join: persist the identity (and a manager's CA key), start a manager's Raft
     * member and have the leader add it, then write the membership file last.
     */
    private void becomeMember(Joiner.Joined joined, AdvertiseAddress.Chosen advertise, String listenAddr) {
        var identity = joined.identity();
        boolean isManager = identity.role() == dev.swarmnet.controlplane.trust.NodeRole.MANAGER;
        Membership joinedAs = new Membership(Membership.FORMAT_VERSION, identity.clusterId(), identity.nodeId(),
                isManager, advertise.hostPort(), listenAddr, config.raftPort(), false, joined.remoteManagers());
        Manager started = null;
        try {
            dataDir.create();
            dataDir.clearSwarmState();
            dataDir.saveIdentity(identity);
            if (isManager) {
                dataDir.saveCaKey(joined.caKeyPem().orElseThrow(() -> new IllegalStateException(
                        "the manager admitted this node as a manager but sent no CA key")));
                started = Manager.start(joinedAs, dataDir, dataDir.signingCa(), config.manager());
                joiner.requestRaftMembership(joined, new AdvertiseAddress.Chosen(advertise.ip(), config.raftPort())
                        .hostPort());
            }
            dataDir.saveMembership(joinedAs);
            services = NodeServices.start(joinedAs, identity, started, this::rememberManagers, this::roleHeard, logFiles(),
                    this::localDataPlaneView);
            startAgent(joinedAs, identity);
        } catch (IOException | RuntimeException e) {
            try {
                stopServices();
                if (started != null) {
                    started.close();
                }
                dataDir.clearSwarmState();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof ApiException api) {
                throw api;
            }
            throw new IllegalStateException("joined, but could not set this node up: " + e.getMessage(), e);
        }
        manager = started;
        membership = joinedAs;
        LOG.info("joined swarm {} as {} {}", joinedAs.clusterId(), isManager ? "manager" : "worker", joinedAs.nodeId());
    }

    @Override
    public void leave(boolean force) {
        synchronized (lifecycle) {
            Membership m = membership;
            if (m == null) {
                throw ApiException.unavailable(DaemonMessages.NOT_IN_SWARM);
            }
            Manager current = manager;
            if (!force) {
                Optional<String> refusal = current == null
                        ? LeaveRules.refusalWithoutForce(false, true, 0, 0)
                        : managerRefusal(current);
                refusal.ifPresent(message -> {
                    throw ApiException.unavailable(message);
                });
            }
            membership = null;
            manager = null;
            try {
                stopAgent(true);
                stopServices();
                if (current != null) {
                    current.close();
                }
                dataDir.clearSwarmState();
            } catch (IOException e) {
                throw new IllegalStateException("left the swarm, but could not remove its state from " + dataDir.root()
                        + ": " + e.getMessage(), e);
            }
            LOG.info("node {} left swarm {}", m.nodeId(), m.clusterId());
        }
    }

    private static Optional<String> managerRefusal(Manager current) {
        ClusterState state;
        try {
            state = StoreCalls.await(current.store().read());
        } catch (ApiException e) {
            return LeaveRules.refusalWithoutForce(true, false, 0, 0);
        }
        int reachable = 0;
        int unreachable = 0;
        for (Node node : state.managers()) {
            Reachability r = node.managerStatus().reachability();
            reachable += r == Reachability.REACHABLE ? 1 : 0;
            unreachable += r == Reachability.UNREACHABLE ? 1 : 0;
        }
        return LeaveRules.refusalWithoutForce(true, true, reachable, unreachable);
    }

    @Override
    public Swarm inspectSwarm() {
        return ApiViews.swarm(cluster(read()), true);
    }

    @Override
    public void updateSwarm(long version, SwarmSpec spec, boolean rotateWorkerToken, boolean rotateManagerToken) {
        Manager current = requireManager();
        Version expected = new Version(version);
        if (spec != null) {
            Outcome updated = StoreCalls.check(StoreCalls.await(
                    current.store().submit(new Command.UpdateCluster(expected, ApiViews.clusterSpec(spec)))));
            expected = new Version(updated.index());
        }
        for (NodeRole role : rotations(rotateWorkerToken, rotateManagerToken)) {
            Cluster cluster = cluster(read());
            JoinTokens tokens = JoinTokens.of(cluster.joinTokens().worker(), cluster.joinTokens().manager());
            String fresh = tokens.rotate(trustRole(role), current.ca().certificate()).forRole(trustRole(role)).encoded();
            Outcome rotated = StoreCalls.check(StoreCalls.await(
                    current.store().submit(new Command.RotateJoinToken(role, fresh, expected))));
            expected = new Version(rotated.index());
        }
    }

    private static List<NodeRole> rotations(boolean worker, boolean manager) {
        List<NodeRole> roles = new ArrayList<>();
        if (worker) {
            roles.add(NodeRole.WORKER);
        }
        if (manager) {
            roles.add(NodeRole.MANAGER);
        }
        return roles;
    }

    private static dev.swarmnet.controlplane.trust.NodeRole trustRole(NodeRole role) {
        return role == NodeRole.MANAGER ? dev.swarmnet.controlplane.trust.NodeRole.MANAGER
                : dev.swarmnet.controlplane.trust.NodeRole.WORKER;
    }

    @Override
    public List<dev.swarmnet.controlplane.api.model.Node> listNodes(Filters filters) {
        ClusterState state = read();
        NodeFilter filter = NodeFilter.of(filters);
        List<dev.swarmnet.controlplane.api.model.Node> result = new ArrayList<>();
        for (Node node : state.nodes().values()) {
            if (filter.matches(node)) {
                result.add(ApiViews.node(node, cluster(state).tlsInfo()));
            }
        }
        return result;
    }

    @Override
    public dev.swarmnet.controlplane.api.model.Node inspectNode(String ref) {
        ClusterState state = read();
        return ApiViews.node(ClusterObjects.node(state, ref), cluster(state).tlsInfo());
    }

    @Override
    public List<dev.swarmnet.controlplane.api.model.Task> listTasks(Filters filters) {
        return objects().listTasks(filters);
    }

    @Override
    public dev.swarmnet.controlplane.api.model.Task inspectTask(String ref) {
        return objects().inspectTask(ref);
    }

    @Override
    public String createNetwork(dev.swarmnet.controlplane.model.NetworkSpec spec) {
        return objects().createNetwork(spec);
    }

    @Override
    public List<dev.swarmnet.controlplane.api.model.Network> listNetworks(Filters filters) {
        return objects().listNetworks(filters);
    }

    @Override
    public dev.swarmnet.controlplane.api.model.Network inspectNetwork(String ref) {
        return objects().inspectNetwork(ref);
    }

    @Override
    public void removeNetwork(String ref) {
        objects().removeNetwork(ref);
    }

    @Override
    public Created createService(dev.swarmnet.controlplane.model.ServiceSpec spec, String registryAuth) {
        return objects().createService(spec);
    }

    @Override
    public List<dev.swarmnet.controlplane.api.model.Service> listServices(Filters filters, boolean status) {
        return objects().listServices(filters, status);
    }

    @Override
    public dev.swarmnet.controlplane.api.model.Service inspectService(String ref, boolean insertDefaults) {
        return objects().inspectService(ref);
    }

    @Override
    public List<String> updateService(String ref, long version, dev.swarmnet.controlplane.model.ServiceSpec spec,
                                      boolean rollback, String registryAuthFrom) {
        return objects().updateService(ref, version, spec, rollback);
    }

    @Override
    public void removeService(String ref) {
        objects().removeService(ref);
    }

    @Override
    public dev.swarmnet.controlplane.api.LogStream serviceLogs(String ref, dev.swarmnet.controlplane.api.LogOptions options) {
        ClusterObjects objects = objects();
        ClusterState state = objects.read();
        Service service = ClusterObjects.service(state, ref);
        return logClient().open(TaskLogClient.sources(state.tasksOf(service.id()),
                nodeId -> state.node(nodeId).map(Node::advertiseAddr)), options);
    }

    @Override
    public dev.swarmnet.controlplane.api.LogStream taskLogs(String ref, dev.swarmnet.controlplane.api.LogOptions options) {
        ClusterObjects objects = objects();
        ClusterState state = objects.read();
        Task task = ClusterObjects.task(state, ref);
        return logClient().open(TaskLogClient.sources(List.of(task),
                nodeId -> state.node(nodeId).map(Node::advertiseAddr)), options);
    }

    @Override
    public ClusterDataPlane dataPlanes() {
        ClusterState state = objects().read();
        List<DataPlaneViewClient.Target> targets = new ArrayList<>();
        for (Node node : state.nodes().values()) {
            targets.add(new DataPlaneViewClient.Target(node.id(),
                    node.description() == null ? "" : node.description().hostname(), node.advertiseAddr()));
        }
        Membership m = membership;
        return viewClient().gather(m == null ? "" : m.nodeId(), targets);
    }

    /** The client that asks the nodes for their data-plane views, with this node's current certificate. */
    private DataPlaneViewClient viewClient() {
        synchronized (lifecycle) {
            if (viewClient == null) {
                viewClient = new DataPlaneViewClient(() -> {
                    try {
                        return TlsContexts.client(dataDir.identity());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("cannot read this node's certificate: " + e.getMessage(), e);
                    }
                }, DataPlaneViewClient.DEFAULT_TIMEOUT);
            }
            return viewClient;
        }
    }

    /** The client that fetches task logs from the nodes, with this node's current certificate. */
    private TaskLogClient logClient() {
        synchronized (lifecycle) {
            if (logClient == null) {
                logClient = new TaskLogClient(() -> {
                    try {
                        return TlsContexts.client(dataDir.identity());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("cannot read this node's certificate: " + e.getMessage(), e);
                    }
                });
            }
            return logClient;
        }
    }

    private ClusterObjects objects() {
        Manager current = requireManager();
        return new ClusterObjects(current, config.manager().networkMtu(), () -> {
            Membership m = membership;
            return m == null ? "" : m.nodeId();
        });
    }

    @Override
    public void updateNode(String ref, long version, dev.swarmnet.controlplane.api.model.NodeSpec spec) {
        Manager current = requireManager();
        Node node = ClusterObjects.node(read(), ref);
        StoreCalls.check(StoreCalls.await(current.store().submit(
                new Command.UpdateNode(node.id(), new Version(version), ApiViews.nodeSpec(spec, node.spec())))));
    }

    @Override
    public void removeNode(String ref, boolean force) {
        Manager current = requireManager();
        Node node = ClusterObjects.node(read(), ref);
        StoreCalls.check(StoreCalls.await(current.store().submit(new Command.RemoveNode(node.id(), force))));
    }

    /**
     * A heartbeat ack named this node's role in the state (heartbeat thread): when it differs from
     * the membership's, the node was promoted or demoted; the change runs on the role-change thread.
     */
    private void roleHeard(String role) {
        Membership m = membership;
        if (m == null || joining) {
            return;
        }
        boolean wantManager = dev.swarmnet.controlplane.trust.NodeRole.MANAGER.toString().equals(role);
        if (wantManager == m.manager() || !roleChanging.compareAndSet(false, true)) {
            return;
        }
        try {
            roleChanges.execute(() -> {
                try {
                    if (wantManager) {
                        promote();
                    } else {
                        demote();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("could not become a {} yet: {}", role, e.getMessage());
                } finally {
                    roleChanging.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            roleChanging.set(false);
        }
    }

    /**
     * The state says this worker is a manager: a manager certificate and the CA key from the
     * leader, Raft started with {@code RaftStore.join} and {@code raft-add-me}, the cluster-port
     * server and dispatcher, and the membership file, as a manager join does. On failure the node
     * goes on as a worker (its old certificate back) and tries again at a later heartbeat.
     */
    private void promote() {
        synchronized (lifecycle) {
            Membership m = membership;
            if (m == null || m.manager()) {
                return;
            }
            dev.swarmnet.controlplane.trust.NodeIdentity old;
            Joiner.Joined renewed;
            try {
                old = dataDir.identity();
                renewed = joiner.renew(old, m.remoteManagers());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read this node's identity: " + e.getMessage(), e);
            }
            if (renewed.identity().role() != dev.swarmnet.controlplane.trust.NodeRole.MANAGER) {
                return;
            }
            Membership promoted = new Membership(m.version(), m.clusterId(), m.nodeId(), true, m.advertiseAddr(),
                    m.listenAddr(), config.raftPort(), false, m.remoteManagers());
            Manager started = null;
            stopServices();
            try {
                dataDir.deleteRaft();
                dataDir.saveIdentity(renewed.identity());
                dataDir.saveCaKey(renewed.caKeyPem().orElseThrow(() -> new IllegalStateException(
                        "the leader certified this node as a manager but sent no CA key")));
                started = Manager.start(promoted, dataDir, dataDir.signingCa(), config.manager());
                started.followHeartbeatPeriod();
                joiner.requestRaftMembership(renewed, new AdvertiseAddress.Chosen(m.advertiseIp(), config.raftPort())
                        .hostPort());
                dataDir.saveMembership(promoted);
                services = NodeServices.start(promoted, renewed.identity(), started, this::rememberManagers,
                        this::roleHeard, logFiles(), this::localDataPlaneView);
            } catch (IOException | RuntimeException e) {
                LOG.warn("promotion of {} failed, staying a worker: {}", m.nodeId(), e.getMessage());
                try {
                    if (started != null) {
                        started.close();
                    }
                    dataDir.deleteRaft();
                    dataDir.deleteCaKey();
                    dataDir.saveIdentity(old);
                    dataDir.saveMembership(m);
                    services = NodeServices.start(m, old, null, this::rememberManagers, this::roleHeard, logFiles(),
                            this::localDataPlaneView);
                } catch (IOException | RuntimeException cleanup) {
                    LOG.warn("could not go back to being a worker: {}", cleanup.getMessage());
                }
                return;
            }
            manager = started;
            membership = promoted;
            LOG.info("node {} promoted: now a manager of swarm {}", m.nodeId(), m.clusterId());
        }
    }

    /** How long a demoted manager waits for the leader to take it out of the Raft group. */
    private static final java.time.Duration RAFT_REMOVAL_WAIT = java.time.Duration.ofSeconds(30);

    /**
     * The state says this manager is a worker: a worker certificate from the leader; once the
     * leader has taken this node out of the Raft group (so the group keeps its quorum), the
     * Manager services stop, the CA key and Raft state are deleted, and the node heartbeats as a
     * worker to the remaining managers.
     */
    private void demote() {
        Manager current = manager;
        Membership m = membership;
        if (current == null || m == null || !m.manager()) {
            return;
        }
        List<String> others = new ArrayList<>();
        for (var endpoint : current.managerEndpoints()) {
            if (!endpoint.nodeId().equals(m.nodeId())) {
                others.add(endpoint.clusterAddr());
            }
        }
        List<String> ask = new ArrayList<>(others);
        ask.add(m.advertiseAddr());
        Joiner.Joined renewed;
        try {
            renewed = joiner.renew(dataDir.identity(), ask);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read this node's identity: " + e.getMessage(), e);
        }
        if (renewed.identity().role() != dev.swarmnet.controlplane.trust.NodeRole.WORKER) {
            return;
        }
        long deadline = System.nanoTime() + RAFT_REMOVAL_WAIT.toNanos();
        while (current.raftPeers().contains(m.nodeId()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (lifecycle) {
            if (manager != current || membership != m) {
                return;
            }
            Membership demoted = new Membership(m.version(), m.clusterId(), m.nodeId(), false, m.advertiseAddr(),
                    m.listenAddr(), m.raftPort(), false, others.isEmpty() ? m.remoteManagers() : others);
            membership = demoted;
            manager = null;
            stopServices();
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("while stopping the demoted manager's Raft member: {}", e.getMessage());
            }
            try {
                // Membership first: a crash from here on resumes as the worker this node now is,
                // and resuming as a worker clears a manager's leftovers (see open()).
                dataDir.saveMembership(demoted);
                dataDir.saveIdentity(renewed.identity());
                dataDir.deleteCaKey();
                dataDir.deleteRaft();
                services = NodeServices.start(demoted, renewed.identity(), null, this::rememberManagers,
                        this::roleHeard, logFiles(), this::localDataPlaneView);
            } catch (IOException | RuntimeException e) {
                LOG.warn("demoted node {} could not restart as a worker: {}", m.nodeId(), e.getMessage());
                return;
            }
            LOG.info("node {} demoted: now a worker of swarm {}", m.nodeId(), m.clusterId());
        }
    }

    /** The Raft configuration's node ids as this manager knows it, empty on a worker; for tests. */
    List<String> raftPeers() {
        Manager current = manager;
        return current == null ? List.of() : current.raftPeers();
    }

    /** Stops the manager's Raft member, if any; the state stays on disk for the next start. */
    @Override
    public void close() throws IOException {
        roleChanges.shutdownNow();
        synchronized (lifecycle) {
            Manager current = manager;
            manager = null;
            try {
                stopAgent(false);
                stopServices();
                if (logClient != null) {
                    logClient.close();
                    logClient = null;
                }
                if (viewClient != null) {
                    viewClient.close();
                    viewClient = null;
                }
            } finally {
                if (current != null) {
                    current.close();
                }
            }
        }
    }

    /** What this node's data plane holds for the VIPs, or empty when it runs no agent. Any thread. */
    private Optional<dev.swarmnet.controlplane.inspect.DataPlaneView> localDataPlaneView() {
        NodeAgent running = agent;
        return running == null ? Optional.empty() : Optional.of(running.dataPlaneView());
    }

    /** This node's agent now, or null (outside a swarm, or no agent configured); for metrics. */
    NodeAgent currentAgent() {
        return agent;
    }

    /** This node's manager role now, or null (a worker, or outside a swarm); for metrics. */
    Manager currentManager() {
        return manager;
    }

    /** The agent's task log files, or null when this node runs no agent. */
    private java.util.function.Function<String, Optional<java.nio.file.Path>> logFiles() {
        AgentSettings agentSettings = config.agent();
        return agentSettings == null ? null : taskId -> Optional.of(agentSettings.runtime().logFileOf(taskId));
    }

    /**
     * Starts this node's agent (data plane on the advertise IP, task runtime, assignment stream)
     * when the config asks for one. A manager watches and reports through its own cluster port
     * (any manager serves assignments; reports are redirected to the leader); a worker through
     * the managers it knows.
     */
    private void startAgent(Membership m, dev.swarmnet.controlplane.trust.NodeIdentity identity) throws IOException {
        if (config.agent() == null || agent != null) {
            return;
        }
        List<String> managers = m.manager() ? List.of(m.advertiseAddr()) : m.remoteManagers();
        agent = NodeAgent.start(m.nodeId(), m.advertiseIp(), identity, managers, config.agent());
    }

    /** Stops the agent; with {@code removeTasks} (leave) its tasks are stopped and removed first. */
    private void stopAgent(boolean removeTasks) {
        NodeAgent running = agent;
        agent = null;
        if (running != null) {
            if (removeTasks) {
                running.removeAllTasks(java.time.Duration.ofSeconds(60));
            }
            running.close();
        }
    }

    private void stopServices() {
        NodeServices running = services;
        services = null;
        if (running != null) {
            running.close();
        }
    }

    /** Undoes an init whose cluster port could not start: nothing of the swarm is left. */
    private void abandon(Manager created) {
        try {
            created.close();
            dataDir.clearSwarmState();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not clean up after a failed init: {}", e.getMessage());
        }
    }

    /**
     * A heartbeat ack named the managers: a worker remembers them (in {@code node.json}) so it
     * can reach a manager that joined after it, after a restart too. Heartbeat thread.
     */
    private void rememberManagers(List<String> managers) {
        NodeAgent running = agent;
        if (running != null) {
            running.managers(managers);
        }
        synchronized (lifecycle) {
            Membership m = membership;
            if (m == null || m.manager() || m.remoteManagers().equals(managers)) {
                return;
            }
            Membership updated = new Membership(m.version(), m.clusterId(), m.nodeId(), false, m.advertiseAddr(),
                    m.listenAddr(), m.raftPort(), false, managers);
            try {
                dataDir.saveMembership(updated);
                membership = updated;
            } catch (IOException e) {
                LOG.warn("could not remember the managers {}: {}", managers, e.getMessage());
            }
        }
    }

    /** The cluster port this node serves (a manager), or null; for tests. */
    java.net.InetSocketAddress clusterPortAddress() {
        NodeServices running = services;
        return running == null ? null : running.clusterPort();
    }

    private ClusterState read() {
        return StoreCalls.await(requireManager().store().read());
    }

    private static Cluster cluster(ClusterState state) {
        if (state.cluster() == null) {
            throw ApiException.unavailable(DaemonMessages.NOT_A_MANAGER);
        }
        return state.cluster();
    }

    private Manager requireManager() {
        Manager current = manager;
        if (current != null) {
            return current;
        }
        throw ApiException.unavailable(membership == null ? DaemonMessages.NOT_A_MANAGER
                : DaemonMessages.WORKER_NOT_A_MANAGER);
    }

    private void requireOutsideSwarm() {
        if (membership != null || joining) {
            throw ApiException.unavailable(DaemonMessages.ALREADY_IN_SWARM);
        }
    }

    /**
     * The cluster listen address: the request's, unless it is empty or the CLI's default
     * {@code 0.0.0.0:2377} (the CLI sends that when {@code --listen-addr} is absent), which
     * means this daemon's {@code --cluster-port} on all addresses.
     */
    private String listenAddr(String requested) {
        if (requested == null || requested.isBlank() || requested.equals(CLI_DEFAULT_LISTEN)) {
            return "0.0.0.0:" + config.clusterPort();
        }
        return requested.contains(":") ? requested : requested + ":" + config.clusterPort();
    }

    private AdvertiseAddress.Chosen advertise(String requested, String listenAddr) {
        int listenPort;
        try {
            listenPort = Integer.parseInt(listenAddr.substring(listenAddr.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid listen address " + listenAddr + ": want IP:PORT");
        }
        try {
            return AdvertiseAddress.choose(requested, listenPort, interfaces.get());
        } catch (AdvertiseAddressException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String advertiseIp(Membership m) {
        return m.advertiseIp();
    }
}
