package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.cluster.ClusterMessage.ManagerEndpoint;
import dev.swarmnet.controlplane.cluster.ClusterPortBackend;
import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.dispatcher.DispatcherConfig;
import dev.swarmnet.controlplane.dispatcher.DispatcherLoop;
import dev.swarmnet.controlplane.orchestrator.Reconciler;
import dev.swarmnet.controlplane.model.ManagerStatus;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.Reachability;
import dev.swarmnet.controlplane.raft.RaftStore;
import dev.swarmnet.controlplane.raft.RaftStoreConfig;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.store.ClusterStateMachine;
import dev.swarmnet.controlplane.store.ClusterStore;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.JoinTokens;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager side of this node while it is one: its Raft member and cluster store, the signing
 * CA, the dispatcher (heartbeats; its loop sweeps only while this manager leads), and a small
 * reporter that, on the leader, writes "I lead" into the state when Raft elects this node (so
 * {@code node ls} shows the real leader after a failover or restart) and keeps each manager's
 * reachability in step with its heartbeats (ready → reachable, down → unreachable). The
 * reporter also follows the swarm spec's heartbeat period ({@code Spec.Dispatcher}), replacing
 * the dispatcher when it changes. Created and closed under the backend's lifecycle lock; the
 * store, {@link #dispatcher()} and {@link #clusterPortBackend} may be used from any thread.
 */
final class Manager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Manager.class);
    private static final long REPORT_PERIOD_MILLIS = 1_000;

    private final Membership membership;
    private final ClusterStore store;
    private final ClusterCa ca;
    private final ScheduledExecutorService reporter;
    private final AtomicBoolean reporting = new AtomicBoolean();
    private final int raftPort;
    /** Replaced on the reporter thread when the spec's heartbeat period changes; guarded by this. */
    private Dispatcher dispatcher;
    private DispatcherLoop dispatcherLoop;
    /** The orchestrator and scheduler while this manager leads (one per term); reporter thread only. */
    private volatile Reconciler reconciler;
    /** Where this node's task logs are, for managers that ask over the cluster port. */
    private volatile Function<String, Optional<Path>> logFiles = taskId -> Optional.empty();
    /** This node's data-plane view, for managers that ask over the cluster port. */
    private volatile java.util.function.Supplier<Optional<dev.swarmnet.controlplane.inspect.DataPlaneView>> views =
            Optional::empty;

    private Manager(Membership membership, ClusterStore store, ClusterCa ca) {
        this.membership = membership;
        this.raftPort = membership.raftPort();
        this.store = store;
        this.ca = ca;
        this.reporter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "swarmnet-leader-report-" + membership.nodeId());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts (or, when {@code dataDir/raft} holds the group, recovers) this manager's Raft member:
     * bootstrapped as a group of one by the founder, joined otherwise.
     */
    static Manager start(Membership membership, DataDir dataDir, ClusterCa ca, ManagerSettings settings)
            throws IOException {
        RaftStoreConfig config = settings.raft(membership.clusterId(), membership.nodeId(),
                membership.advertiseIp(), membership.raftPort(), dataDir.root());
        ClusterStateMachine machine = new ClusterStateMachine();
        RaftStore raft = membership.raftFounder() ? RaftStore.bootstrap(config, machine) : RaftStore.join(config, machine);
        Manager manager = new Manager(membership, new ClusterStore(raft, machine), ca);
        manager.useDispatcher(DispatcherConfig.DEFAULT);
        manager.reporter.scheduleWithFixedDelay(manager::reportLeadership, REPORT_PERIOD_MILLIS, REPORT_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        return manager;
    }

    ClusterStore store() {
        return store;
    }

    ClusterCa ca() {
        return ca;
    }

    Membership membership() {
        return membership;
    }

    /** The dispatcher now in use (heartbeats go to it; it may be replaced when the period changes). */
    synchronized Dispatcher dispatcher() {
        return dispatcher;
    }

    private synchronized void useDispatcher(DispatcherConfig config) {
        if (dispatcherLoop != null) {
            dispatcherLoop.close();
        }
        dispatcher = new Dispatcher(config, store::local, store::submit);
        dispatcherLoop = DispatcherLoop.start(dispatcher, store.raft()::isLeader);
    }

    /** Follows {@code Spec.Dispatcher.HeartbeatPeriod} of the local state (any manager, so a new leader is ready). */
    void followHeartbeatPeriod() {
        ClusterState local = store.local();
        if (local.cluster() == null) {
            return;
        }
        long nanos = local.cluster().spec().dispatcher().heartbeatPeriodNanos();
        if (nanos <= 0) {
            return;
        }
        Duration period = Duration.ofNanos(nanos);
        synchronized (this) {
            if (!dispatcher.config().period().equals(period)) {
                LOG.info("heartbeat period is now {} ms", period.toMillis());
                useDispatcher(new DispatcherConfig(period, dispatcher.config().graceMultiplier()));
            }
        }
    }

    /** Serves this node's task logs (the agent's files) to managers that ask over the cluster port. */
    void serveTaskLogs(Function<String, Optional<Path>> files) {
        logFiles = files;
    }

    /** Serves this node's data-plane view to managers that ask over the cluster port. */
    void serveDataPlaneView(java.util.function.Supplier<Optional<dev.swarmnet.controlplane.inspect.DataPlaneView>> view) {
        views = view;
    }

    /** The cluster port's view of this manager: non-blocking, from memory and the local state. */
    ClusterPortBackend clusterPortBackend() {
        return new ClusterPortBackend() {
            @Override
            public String clusterId() {
                return membership.clusterId();
            }

            @Override
            public JoinTokens joinTokens() {
                ClusterState local = store.local();
                if (local.cluster() == null) {
                    throw new IllegalStateException("this manager has not caught up with the cluster yet");
                }
                return JoinTokens.of(local.cluster().joinTokens().worker(), local.cluster().joinTokens().manager());
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
                return Manager.this.dispatcher();
            }

            @Override
            public boolean isLeader() {
                return store.raft().isLeader();
            }

            @Override
            public Optional<String> leaderClusterAddr() {
                return store.raft().leaderId()
                        .flatMap(id -> store.local().node(id))
                        .map(Manager::clusterAddr);
            }

            @Override
            public List<ManagerEndpoint> managers() {
                return managerEndpoints();
            }

            @Override
            public Optional<Path> taskLogFile(String taskId) {
                return logFiles.apply(taskId);
            }

            @Override
            public Optional<dev.swarmnet.controlplane.inspect.DataPlaneView> dataPlaneView() {
                return views.get();
            }
        };
    }

    /**
     * Every manager in the local state, the leader first: cluster address and, for this manager,
     * its Raft address (other managers' Raft ports are not in the state, so theirs are empty).
     */
    List<ManagerEndpoint> managerEndpoints() {
        List<ManagerEndpoint> endpoints = new ArrayList<>();
        String leader = store.raft().leaderId().orElse("");
        for (Node node : store.local().managers()) {
            String raft = node.id().equals(membership.nodeId())
                    ? new AdvertiseAddress.Chosen(membership.advertiseIp(), raftPort).hostPort() : "";
            ManagerEndpoint endpoint = new ManagerEndpoint(node.id(), clusterAddr(node), raft);
            if (node.id().equals(leader)) {
                endpoints.add(0, endpoint);
            } else {
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }

    private static String clusterAddr(Node node) {
        return node.managerStatus() != null ? node.managerStatus().addr() : node.advertiseAddr();
    }

    /**
     * Runs on the reporter thread: the reconcilers (orchestrator, scheduler) run only on the
     * leader, a fresh one per term, so a deposed leader stops writing at once.
     */
    private void followLeadership() {
        boolean leads = store.raft().isLeader();
        if (leads && reconciler == null) {
            reconciler = Reconciler.create(store::local, command -> store.submit(command).thenApply(outcome -> {
                if (!outcome.succeeded()) {
                    throw new IllegalStateException(outcome.status() + " " + outcome.message());
                }
                return outcome;
            }));
            reconciler.start();
            LOG.info("leading: orchestrator and scheduler started");
        } else if (!leads && reconciler != null) {
            reconciler.close();
            reconciler = null;
            LOG.info("no longer leading: orchestrator and scheduler stopped");
        }
    }

    /** Asks the orchestrator for a pass soon (after a service or node change), if this manager leads. */
    void nudge() {
        Reconciler current = reconciler;
        if (current != null) {
            current.nudge();
        }
    }

    /** Runs on the reporter thread: one write at a time, only when Raft and the state disagree. */
    private void reportLeadership() {
        try {
            followHeartbeatPeriod();
            followLeadership();
            if (!store.raft().isLeader() || reporting.get()) {
                return;
            }
            ClusterState local = store.local();
            if (removeDemotedPeer(local)) {
                return;
            }
            if (reportReachability(local)) {
                return;
            }
            Node self = local.node(membership.nodeId()).orElse(null);
            if (self == null || self.managerStatus() == null || self.managerStatus().leader()) {
                return;
            }
            reporting.set(true);
            store.submit(new Command.SetManagerStatus(self.id(),
                            new ManagerStatus(true, Reachability.REACHABLE, self.managerStatus().addr())))
                    .whenComplete((outcome, failure) -> reporting.set(false));
        } catch (RuntimeException e) {
            LOG.debug("cannot report leadership yet: {}", e.getMessage());
        }
    }

    /**
     * On the leader: a Raft peer whose node the state now says is a worker (demoted) leaves the
     * Raft group (this leader too, which then steps down); blocks until the smaller configuration
     * is committed. Returns whether it removed one.
     */
    private boolean removeDemotedPeer(ClusterState local) {
        for (String peer : store.raft().peers()) {
            Node node = local.node(peer).orElse(null);
            if (node == null || node.manager()) {
                continue;
            }
            try {
                store.raft().removePeer(peer);
                LOG.info("demoted node {} removed from the Raft group", peer);
            } catch (IOException e) {
                LOG.warn("could not remove demoted node {} from the Raft group: {}", peer, e.getMessage());
            }
            return true;
        }
        return false;
    }

    /** The node ids of the Raft configuration as this manager knows it. */
    List<String> raftPeers() {
        return store.raft().peers();
    }

    /**
     * On the leader: a manager whose heartbeats made it ready is reachable, one marked down is
     * unreachable. Submits at most one change; returns whether it did.
     */
    private boolean reportReachability(ClusterState local) {
        for (Node node : local.managers()) {
            ManagerStatus status = node.managerStatus();
            if (status == null || node.id().equals(membership.nodeId())) {
                continue;
            }
            NodeState state = node.status().state();
            Reachability wanted = state == NodeState.READY ? Reachability.REACHABLE
                    : state == NodeState.DOWN ? Reachability.UNREACHABLE : status.reachability();
            if (wanted != status.reachability()) {
                reporting.set(true);
                store.submit(new Command.SetManagerStatus(node.id(),
                                new ManagerStatus(status.leader(), wanted, status.addr())))
                        .whenComplete((outcome, failure) -> reporting.set(false));
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        reporter.shutdownNow();
        try {
            reporter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reconciler != null) {
            reconciler.close();
            reconciler = null;
        }
        synchronized (this) {
            dispatcherLoop.close();
        }
        try {
            store.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
