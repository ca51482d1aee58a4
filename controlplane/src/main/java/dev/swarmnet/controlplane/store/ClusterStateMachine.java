package dev.swarmnet.controlplane.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmnet.controlplane.raft.ReplicatedStateMachine;
import dev.swarmnet.controlplane.state.Applied;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Result;
import dev.swarmnet.controlplane.state.StampedCommand;
import dev.swarmnet.controlplane.state.StateCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Raft shell's view of {@link ClusterState}: commands in, {@link Outcome}s out, whole-state
 * snapshots. Called by one thread at a time (the shell's contract); {@link #current()} may be
 * read from any thread (a volatile immutable value).
 */
public final class ClusterStateMachine implements ReplicatedStateMachine {
    /** The one read request: the whole state, as a snapshot. */
    public static final byte[] READ_STATE = {'s'};

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StateCodec codec = new StateCodec();
    private volatile ClusterState state = ClusterState.EMPTY;

    @Override
    public byte[] apply(byte[] command, long index, long timestampMillis) {
        StampedCommand entry = codec.decodeCommand(command);
        Applied applied = state.apply(entry.command(), index, timestampMillis);
        state = applied.state();
        Result<?> result = applied.result();
        Outcome outcome = result instanceof Result.Failure<?> failure
                ? new Outcome(failure.status(), failure.message(), index)
                : new Outcome(Outcome.OK, null, index);
        return encode(outcome);
    }

    @Override
    public byte[] query(byte[] request) {
        return codec.encodeState(state);
    }

    @Override
    public byte[] snapshot() {
        return codec.encodeState(state);
    }

    @Override
    public void restore(byte[] snapshot) {
        state = codec.decodeState(snapshot);
    }

    /** The state as last applied on this manager (not necessarily the leader's latest). */
    public ClusterState current() {
        return state;
    }

    static byte[] encode(Outcome outcome) {
        try {
            return JSON.writeValueAsBytes(outcome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Outcome.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable command outcome", e);
        }
    }
}
