package dev.swarmnet.controlplane.raft;

/**
 * The pure, deterministic state that the managers replicate; {@link RaftStore} is the shell
 * around it.
 *
 * <p>Contract (after HashiCorp raft's {@code FSM}):
 * <ul>
 *   <li><b>Deterministic.</b> Every manager applies the same committed commands in the same
 *       order and must end in the same state and return the same result bytes. So no I/O, no
 *       clock, no randomness, no iteration over unordered hash containers in anything that
 *       reaches the state or a result. Time is the leader-assigned {@code timestampMillis} that
 *       is stored in the log entry; the log index is a usable monotonic version number.</li>
 *   <li><b>One thread at a time.</b> The shell calls these methods under one lock: {@code apply},
 *       {@code snapshot} and {@code restore} from the Ratis apply thread, {@code query} from
 *       whatever thread completes a read. An implementation need not be thread-safe, and must
 *       not block: a slow method stalls the whole log.</li>
 *   <li><b>Rejections are results.</b> {@code apply} must not throw for a command that is
 *       invalid in the current state (a name already taken, say): it leaves the state unchanged
 *       and returns an encoded error, which is replicated like any other result. An exception
 *       means a bug; the shell fails the caller's future and the entry stays applied.</li>
 *   <li><b>Snapshots are the whole state</b>, as versioned JSON (never Java serialization), so
 *       that {@code restore(snapshot())} on a fresh instance gives an equal state. The shell
 *       writes them to files named after the Raft term and index they include.</li>
 * </ul>
 *
 * <p>The shell, not the implementation, tracks the applied Raft index: Ratis also advances it
 * for configuration entries this interface never sees.
 */
public interface ReplicatedStateMachine {

    /**
     * Applies one committed command.
     *
     * @param command the bytes given to {@link RaftStore#submit(byte[])}
     * @param index the command's Raft log index, strictly increasing over calls
     * @param timestampMillis the leader's wall clock when it accepted the command, never
     *     behind an earlier command's timestamp from the same leader
     * @return the encoded result, handed to the submitter
     */
    byte[] apply(byte[] command, long index, long timestampMillis);

    /** Answers a read-only request from the current state; must not change it. */
    byte[] query(byte[] request);

    /** Encodes the whole state as versioned JSON bytes. */
    byte[] snapshot();

    /** Replaces the whole state with one that {@link #snapshot()} produced. */
    void restore(byte[] snapshot);
}
