package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.model.ManagerStatus;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.Reachability;
import dev.swarmnet.controlplane.raft.RaftStore;
import dev.swarmnet.controlplane.raft.RaftStoreConfig;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.store.ClusterStateMachine;
import dev.swarmnet.controlplane.store.ClusterStore;
import dev.swarmnet.controlplane.trust.ClusterCa;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager side of this node while it is one: its Raft member and cluster store, the signing
 * CA, and a small reporter that writes "I lead" into the state when Raft elects this node (so
 * {@code node ls} shows the real leader after a failover or restart). Created and closed under
 * the backend's lifecycle lock; the store may be used from any thread.
 */
final class Manager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Manager.class);
    private static final long REPORT_PERIOD_MILLIS = 1_000;

    private final Membership membership;
    private final ClusterStore store;
    private final ClusterCa ca;
    private final ScheduledExecutorService reporter;
    private final AtomicBoolean reporting = new AtomicBoolean();

    private Manager(Membership membership, ClusterStore store, ClusterCa ca) {
        this.membership = membership;
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
    static Manager start(Membership membership, DataDir dataDir, ClusterCa ca) throws IOException {
        RaftStoreConfig config = RaftStoreConfig.of(membership.clusterId(), membership.nodeId(),
                membership.advertiseIp(), membership.raftPort(), dataDir.root());
        ClusterStateMachine machine = new ClusterStateMachine();
        RaftStore raft = membership.raftFounder() ? RaftStore.bootstrap(config, machine) : RaftStore.join(config, machine);
        Manager manager = new Manager(membership, new ClusterStore(raft, machine), ca);
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

    /** Runs on the reporter thread: one write at a time, only when Raft and the state disagree. */
    private void reportLeadership() {
        try {
            if (!store.raft().isLeader() || reporting.get()) {
                return;
            }
            ClusterState local = store.local();
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

    @Override
    public void close() throws IOException {
        reporter.shutdownNow();
        try {
            store.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
