package dev.swarmnet.controlplane.raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The Ratis {@code StateMachine} that feeds committed log entries to a
 * {@link ReplicatedStateMachine} and keeps its snapshots as files.
 *
 * <p>Threads: {@link #startTransaction} runs on the leader's RPC threads when it accepts a
 * command and stamps the leader's time into the entry; {@link #applyTransaction},
 * {@link #takeSnapshot}, {@link #pause} and {@link #reinitialize} run on Ratis' single apply thread
 * ({@code StateMachineUpdater}); {@link #query} runs on whatever thread completes a read. Every
 * call into the {@link ReplicatedStateMachine} holds {@link #lock}, so it sees one thread at a
 * time, and a snapshot always matches the term/index in its file name.
 *
 * <p>Snapshots: the state's JSON bytes in {@code sm/snapshot.<term>_<index>} under the group's
 * storage directory, written to a temporary file, fsynced, moved into place, with an MD5 file
 * beside it ({@link SimpleStateMachineStorage}'s layout, which Ratis also uses to ship a
 * snapshot to a follower that is too far behind). On start and after such an install, the
 * newest snapshot is restored and Ratis replays the log after it.
 */
final class RatisStateMachine extends BaseStateMachine {

    private final ReplicatedStateMachine state;
    private final LongSupplier clock;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final Object lock = new Object();
    /** Leader side: the last timestamp stamped into an entry, so time never runs back. */
    private long lastStamped;
    /** The timestamp of the last applied entry; a new leader stamps nothing older. */
    private volatile long lastAppliedTimestamp;

    RatisStateMachine(ReplicatedStateMachine state, LongSupplier clock) {
        this.state = Objects.requireNonNull(state, "state");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        getLifeCycle().startAndTransition(this::restoreLatestSnapshot);
    }

    /** Ratis pauses the state machine before it installs a snapshot from the leader. */
    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** Called by Ratis, paused, after it installed a snapshot from the leader. */
    @Override
    public void reinitialize() throws IOException {
        getLifeCycle().transition(LifeCycle.State.STARTING);
        restoreLatestSnapshot();
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    @Override
    public void close() {
        getLifeCycle().checkStateAndClose();
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) {
        final byte[] command = request.getMessage().getContent().toByteArray();
        final long timestamp;
        synchronized (this) {
            timestamp = Math.max(clock.getAsLong(), Math.max(lastStamped, lastAppliedTimestamp));
            lastStamped = timestamp;
        }
        return TransactionContext.newBuilder()
                .setStateMachine(this)
                .setClientRequest(request)
                .setLogData(UnsafeByteOperations.unsafeWrap(LogEntryCodec.encode(timestamp, command)))
                .build();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        final LogEntryProto entry = trx.getLogEntry();
        try {
            final LogEntryCodec.Entry decoded =
                    LogEntryCodec.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
            final byte[] result;
            synchronized (lock) {
                try {
                    result = state.apply(decoded.command(), entry.getIndex(), decoded.timestampMillis());
                } finally {
                    updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
                    lastAppliedTimestamp = decoded.timestampMillis();
                }
            }
            return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(result)));
        } catch (RuntimeException e) {
            LOG.error("{}: applying entry {} failed; the state machine has a bug", getId(), TermIndex.valueOf(entry), e);
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            final byte[] answer;
            synchronized (lock) {
                answer = state.query(request.getContent().toByteArray());
            }
            return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(answer)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public long takeSnapshot() throws IOException {
        final byte[] json;
        final TermIndex applied;
        synchronized (lock) {
            applied = getLastAppliedTermIndex();
            if (applied == null || applied.getIndex() < 0) {
                return RaftLog.INVALID_LOG_INDEX;
            }
            json = state.snapshot();
        }
        final Path file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex()).toPath();
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, json, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        final MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file.toFile());
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file, md5), applied));
        LOG.info("{}: snapshot {} written ({} bytes)", getId(), applied, json.length);
        return applied.getIndex();
    }

    private void restoreLatestSnapshot() throws IOException {
        final SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        final Path file = snapshot.getFile().getPath();
        final MD5Hash md5 = snapshot.getFile().getFileDigest();
        if (md5 != null) {
            MD5FileUtil.verifySavedMD5(file.toFile(), md5);
        }
        final byte[] json = Files.readAllBytes(file);
        synchronized (lock) {
            state.restore(json);
            setLastAppliedTermIndex(snapshot.getTermIndex());
        }
        LOG.info("{}: restored snapshot {} from {}", getId(), snapshot.getTermIndex(), file);
    }
}
