package dev.swarmnet.controlplane.dispatcher;

import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.JoinTokens;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.state.Applied;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.state.Result;
import dev.swarmnet.controlplane.store.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link CommandSink} over a plain {@link ClusterState}: applies each command at the next
 * index and answers at once, or, while {@link #hold} is set, keeps the commands pending until
 * {@link #release}. Test thread only.
 */
final class InMemoryStore implements CommandSink {
    static final String CLUSTER = "c000000000000000000000001";
    static final String MANAGER = "m1aaaaaaaaaaaaaaaaaaaaaaa";
    static final String WORKER = "w1ccccccccccccccccccccccc";
    private static final String DIGEST = "0".repeat(10) + "abcdefghij".repeat(4);

    private ClusterState state = ClusterState.EMPTY;
    private final List<Command> submitted = new ArrayList<>();
    private final List<CompletableFuture<Outcome>> held = new ArrayList<>();
    private boolean hold;

    /** A manager (ready) and a worker that has joined (state unknown). */
    static InMemoryStore withManagerAndWorker() {
        InMemoryStore store = new InMemoryStore();
        store.apply(new Command.InitCluster(CLUSTER, ClusterSpec.unset(), new JoinTokens(
                "SWMTKN-1-" + DIGEST + "-" + "w".repeat(25), "SWMTKN-1-" + DIGEST + "-" + "m".repeat(25)),
                TlsInfo.none(), List.of(), 0, 0, MANAGER, description("mgr1"), "127.0.0.1:2377", null));
        store.apply(new Command.AddNode(WORKER, NodeRole.WORKER, description("worker1"), "127.0.0.2:2377",
                NodeAvailability.ACTIVE));
        store.submitted.clear();
        return store;
    }

    static NodeDescription description(String hostname) {
        return new NodeDescription(hostname, new NodeDescription.Platform("x86_64", "linux"),
                new NodeDescription.Resources(2_000_000_000L, 4L << 30),
                new NodeDescription.Engine("swarmnet-0.1.0", Map.of()));
    }

    @Override
    public CompletableFuture<Outcome> submit(Command command) {
        submitted.add(command);
        if (hold) {
            CompletableFuture<Outcome> pending = new CompletableFuture<>();
            held.add(pending);
            return pending;
        }
        return CompletableFuture.completedFuture(apply(command));
    }

    ClusterState state() {
        return state;
    }

    NodeState stateOf(String nodeId) {
        return state.node(nodeId).orElseThrow().status().state();
    }

    String messageOf(String nodeId) {
        return state.node(nodeId).orElseThrow().status().message();
    }

    List<Command> submitted() {
        return submitted;
    }

    void hold() {
        hold = true;
    }

    /** Fails every held submission (as a lost leadership would) and stops holding. */
    void failHeld() {
        hold = false;
        held.forEach(f -> f.completeExceptionally(new IllegalStateException("not the leader")));
        held.clear();
    }

    private Outcome apply(Command command) {
        long index = state.appliedIndex() + 1;
        Applied applied = state.apply(command, index, 1_000L * index);
        state = applied.state();
        return applied.result() instanceof Result.Failure<?> f
                ? new Outcome(f.status(), f.message(), index) : new Outcome(Outcome.OK, null, index);
    }
}
