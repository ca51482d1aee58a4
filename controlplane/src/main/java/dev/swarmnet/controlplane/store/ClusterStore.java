package dev.swarmnet.controlplane.store;

import dev.swarmnet.controlplane.raft.RaftStore;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.state.StateCodec;
import java.util.concurrent.CompletableFuture;

/**
 * The daemon's door to the replicated cluster state: submit commands (executed by the Raft
 * leader, forwarded there from any manager) and read the state linearizably. Thread-safe.
 */
public final class ClusterStore implements AutoCloseable {
    private final RaftStore raft;
    private final ClusterStateMachine machine;
    private final StateCodec codec = new StateCodec();

    public ClusterStore(RaftStore raft, ClusterStateMachine machine) {
        this.raft = raft;
        this.machine = machine;
    }

    /** Replicates {@code command}; the future completes once it is applied on a majority. */
    public CompletableFuture<Outcome> submit(Command command) {
        // The leader stamps the time in the log entry; the command's own field is not used.
        return raft.submit(codec.encodeCommand(command, 0)).thenApply(ClusterStateMachine::decode);
    }

    /** The state as of now, read through the leader (sees every acknowledged write). */
    public CompletableFuture<ClusterState> read() {
        return raft.query(ClusterStateMachine.READ_STATE).thenApply(codec::decodeState);
    }

    /** This manager's last applied state: cheap, possibly a little behind the leader. */
    public ClusterState local() {
        return machine.current();
    }

    public RaftStore raft() {
        return raft;
    }

    @Override
    public void close() throws Exception {
        raft.close();
    }
}
