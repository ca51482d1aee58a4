package dev.swarmnet.controlplane.dispatcher;

import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.store.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node liveness on the leader: records heartbeats and turns silence into {@code down} and a
 * heartbeat after silence into {@code ready} ({@link Command.MarkNodeState}). Time is passed
 * in as monotonic {@code nowNanos}; nothing here reads a clock or sleeps.
 *
 * <p>A verdict is submitted once: while one is in flight for a node, the same verdict is not
 * sent again (the state this dispatcher reads may lag its own writes); a refused or failed
 * submission is retried at the next heartbeat or sweep.
 *
 * <p>Threads: heartbeats arrive on cluster-port event loops and sweeps on the
 * {@link DispatcherLoop} thread; every method takes this object's lock, held only for map
 * updates. Verdicts are submitted after the lock is released: the store's client completes on
 * its own threads, which may hold the client's lock while they call back into this object.
 */
public final class Dispatcher {
    /** The status message of a node marked down for silence (swarmkit's wording). */
    public static final String HEARTBEAT_FAILURE = "heartbeat failure";

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final DispatcherConfig config;
    private final Supplier<ClusterState> state;
    private final CommandSink store;
    private final long graceNanos;
    /** Node id → when it was last heard from, or when this dispatcher started watching it. */
    private final Map<String, Long> lastSeen = new HashMap<>();
    /** Node id → the verdict submitted and not yet applied. */
    private final Map<String, NodeState> inFlight = new HashMap<>();

    /**
     * @param state the cluster state as of now ({@code ClusterStore::local} on the leader)
     * @param store where verdicts go ({@code ClusterStore::submit})
     */
    public Dispatcher(DispatcherConfig config, Supplier<ClusterState> state, CommandSink store) {
        this.config = Objects.requireNonNull(config, "config");
        this.state = Objects.requireNonNull(state, "state");
        this.store = Objects.requireNonNull(store, "store");
        this.graceNanos = config.grace().toNanos();
    }

    public DispatcherConfig config() {
        return config;
    }

    /**
     * Records a heartbeat from {@code nodeId} at {@code nowNanos}; a node the store does not show
     * {@code ready} is marked ready. Returns false, recording nothing, if the store has no such
     * node (never joined, or removed).
     */
    public boolean heartbeat(String nodeId, long nowNanos) {
        List<Command.MarkNodeState> verdicts = new ArrayList<>(1);
        synchronized (this) {
            Node node = state.get().node(nodeId).orElse(null);
            if (node == null) {
                return false;
            }
            lastSeen.put(nodeId, nowNanos);
            if (node.status().state() != NodeState.READY) {
                mark(nodeId, NodeState.READY, "", verdicts);
            }
        }
        submit(verdicts);
        return true;
    }

    /**
     * Marks {@code down} every node silent for longer than the grace period at {@code nowNanos}.
     * A node this dispatcher has never heard from is watched from its first sweep on, so a node
     * that joins and never heartbeats goes down one grace period later.
     */
    public void sweep(long nowNanos) {
        List<Command.MarkNodeState> verdicts = new ArrayList<>();
        synchronized (this) {
            Map<String, Node> nodes = state.get().nodes();
            lastSeen.keySet().retainAll(nodes.keySet());
            inFlight.keySet().retainAll(nodes.keySet());
            for (Node node : nodes.values()) {
                long seen = lastSeen.computeIfAbsent(node.id(), id -> nowNanos);
                if (nowNanos - seen > graceNanos && node.status().state() != NodeState.DOWN) {
                    mark(node.id(), NodeState.DOWN, HEARTBEAT_FAILURE, verdicts);
                }
            }
        }
        submit(verdicts);
    }

    /**
     * When each node was last heard from ({@code System.nanoTime()} clock), or when this
     * dispatcher started watching it; a copy. Meaningful on the leader, which sweeps.
     */
    public synchronized Map<String, Long> lastHeard() {
        return Map.copyOf(lastSeen);
    }

    /** Forgets every last-seen time as of {@code nowNanos}: call when this manager becomes leader. */
    public synchronized void reset(long nowNanos) {
        lastSeen.replaceAll((id, seen) -> nowNanos);
        inFlight.clear();
    }

    /** Under the lock: records the verdict as in flight and queues its command, unless already in flight. */
    private void mark(String nodeId, NodeState verdict, String message, List<Command.MarkNodeState> verdicts) {
        if (inFlight.get(nodeId) == verdict) {
            return;
        }
        inFlight.put(nodeId, verdict);
        LOG.info("marking node {} {}{}", nodeId, verdict.wire(), message.isEmpty() ? "" : " (" + message + ")");
        verdicts.add(new Command.MarkNodeState(nodeId, verdict, message));
    }

    /**
     * Outside the lock: the store's client may complete on a thread that holds its own lock, and
     * {@link #settled} takes this one, so submitting while holding it could deadlock.
     */
    private void submit(List<Command.MarkNodeState> verdicts) {
        for (Command.MarkNodeState command : verdicts) {
            store.submit(command).whenComplete((outcome, failure) ->
                    settled(command.nodeId(), command.state(), outcome, failure));
        }
    }

    private synchronized void settled(String nodeId, NodeState verdict, Outcome outcome, Throwable failure) {
        if (inFlight.get(nodeId) == verdict) {
            inFlight.remove(nodeId);
        }
        if (failure != null) {
            LOG.warn("could not mark node {} {}: {}", nodeId, verdict.wire(), failure.toString());
        } else if (!outcome.succeeded()) {
            LOG.warn("store refused to mark node {} {}: {}", nodeId, verdict.wire(), outcome.message());
        }
    }
}
