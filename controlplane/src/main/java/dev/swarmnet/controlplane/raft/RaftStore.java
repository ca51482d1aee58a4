package dev.swarmnet.controlplane.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * One manager's member of the cluster's Raft group: a Ratis server (Netty RPC on the Raft port)
 * whose log drives a {@link ReplicatedStateMachine}, plus a client that sends this manager's
 * writes and reads to the current leader.
 *
 * <p>Membership. {@link #bootstrap} starts a group of one ({@code swarm init}); {@link #join}
 * starts with an empty group and waits for the leader to add it with {@link #addPeer}. If the
 * storage directory already holds the group, both recover from it instead: the newest snapshot,
 * then the log after it; the configuration comes from the log.
 *
 * <p>Durability. {@link #submit} completes only after the entry is committed (fsynced on a
 * majority) and applied on the leader; every member applies it in log order. A member that
 * stops abruptly and restarts from the same directory has lost nothing that was acknowledged.
 * No snapshot is taken on the way down, so recovery never depends on a clean shutdown.
 *
 * <p>Threads. Any thread may call any method. Futures complete on Ratis client threads: don't
 * block in their callbacks.
 */
public final class RaftStore implements AutoCloseable {

    private static final Duration RETRY_SLEEP = Duration.ofMillis(100);

    private final RaftStoreConfig config;
    private final RaftGroupId groupId;
    private final RaftProperties properties;
    private final RaftServer server;
    private final RaftServer.Division division;
    private final RetryPolicy retryPolicy;
    /** The client for the current configuration, rebuilt when the peers change. Guarded by this. */
    private RaftClient client;
    private Set<RaftPeer> clientPeers = Set.of();
    /** Clients of earlier configurations, closed with the store (requests may still be in flight). */
    private final List<RaftClient> retiredClients = new ArrayList<>();
    private boolean closed;

    private RaftStore(RaftStoreConfig config, RaftProperties properties, RaftServer server) throws IOException {
        this.config = config;
        this.groupId = groupIdOf(config.clusterId());
        this.properties = properties;
        this.server = server;
        this.division = server.getDivision(groupId);
        final int attempts = (int) Math.max(1, config.submitTimeout().toMillis() / RETRY_SLEEP.toMillis());
        this.retryPolicy = RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts, RatisProperties.millis(RETRY_SLEEP));
    }

    /** Starts the first manager of a new cluster as a group of one, or recovers it from disk. */
    public static RaftStore bootstrap(RaftStoreConfig config, ReplicatedStateMachine state) throws IOException {
        final RaftPeer self = peer(config.nodeId(), config.address());
        return start(config, state, RaftGroup.valueOf(groupIdOf(config.clusterId()), self), System::currentTimeMillis);
    }

    /**
     * Starts a manager that joins an existing cluster: it serves the Raft port with an empty
     * group until the leader adds it ({@link #addPeer}), then catches up from the leader's log or
     * snapshot. Recovers from disk if it was a member before.
     */
    public static RaftStore join(RaftStoreConfig config, ReplicatedStateMachine state) throws IOException {
        return start(config, state, RaftGroup.valueOf(groupIdOf(config.clusterId())), System::currentTimeMillis);
    }

    private static RaftStore start(RaftStoreConfig config, ReplicatedStateMachine state, RaftGroup group,
            LongSupplier clock) throws IOException {
        Files.createDirectories(config.raftDir());
        final Path groupDir = config.raftDir().resolve(group.getGroupId().getUuid().toString());
        final RaftStorage.StartupOption option = Files.isDirectory(groupDir)
                ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT;
        final RaftProperties properties = RatisProperties.of(config);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, false);
        final RaftServer server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(config.nodeId()))
                .setGroup(group)
                .setStateMachine(new RatisStateMachine(state, clock))
                .setProperties(properties)
                .setOption(option)
                .build();
        try {
            server.start();
            RaftStore store = new RaftStore(config, properties, server);
            if (option == RaftStorage.StartupOption.FORMAT && group.getPeers().size() == 1) {
                store.awaitLeadership(System.nanoTime() + config.submitTimeout().toNanos());
            }
            return store;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Waits, until {@code deadlineNanos} at the most, for a new group of one to elect this server
     * and for it to be ready to lead (its first entry of the term committed), so that the first
     * command does not meet a follower: the client would retry, but Ratis reports that at ERROR.
     * Returns either way; a submit after a timeout is retried as usual.
     */
    private void awaitLeadership(long deadlineNanos) {
        while (!division.getInfo().isLeaderReady() && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The cluster's Raft group id: a name-based UUID of the cluster id, the same on every manager. */
    public static RaftGroupId groupIdOf(String clusterId) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
                ("swarmnet-raft-group:" + clusterId).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Replicates a command. Sent to the leader wherever this manager stands (followers forward
     * through the client, which follows leader changes and retries for about
     * {@link RaftStoreConfig#submitTimeout()}; a retried request is applied once, by Ratis'
     * retry cache). Completes with the state machine's result once the entry is committed and
     * applied on the leader.
     */
    public CompletableFuture<byte[]> submit(byte[] command) {
        return withClient(c -> c.async().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(command.clone()))));
    }

    /**
     * A linearizable read (ReadIndex on the leader): it sees every write acknowledged before it.
     * While no leader is known (an election after a start or a failure) it is retried every
     * {@value #READ_RETRY_MILLIS} ms for up to {@link RaftStoreConfig#submitTimeout()}.
     */
    public CompletableFuture<byte[]> query(byte[] request) {
        return query(request.clone(), System.nanoTime() + config.submitTimeout().toNanos());
    }

    private static final long READ_RETRY_MILLIS = 100;

    private CompletableFuture<byte[]> query(byte[] request, long deadlineNanos) {
        return withClient(c -> c.async().sendReadOnly(Message.valueOf(UnsafeByteOperations.unsafeWrap(request))))
                .exceptionallyCompose(failure -> {
                    if (System.nanoTime() >= deadlineNanos || !isLeaderUnknown(failure)) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(READ_RETRY_MILLIS, TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> query(request, deadlineNanos));
                });
    }

    private static boolean isLeaderUnknown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.ratis.protocol.exceptions.ReadIndexException
                    || t instanceof org.apache.ratis.protocol.exceptions.NotLeaderException
                    || t instanceof org.apache.ratis.protocol.exceptions.LeaderNotReadyException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds a manager to the group (the new one must already run {@link #join}). Returns once
     * the new configuration is committed, which includes the newcomer catching up.
     */
    public void addPeer(String nodeId, String address) throws IOException {
        final SetConfigurationRequest.Arguments change = SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(List.of(peer(nodeId, address)))
                .setMode(SetConfigurationRequest.Mode.ADD)
                .build();
        check(client().admin().setConfiguration(change), "add " + nodeId);
    }

    /** Removes a manager from the group; returns once the smaller configuration is committed. */
    public void removePeer(String nodeId) throws IOException {
        final List<RaftPeer> current = List.copyOf(division.getRaftConf().getCurrentPeers());
        final List<RaftPeer> remaining = current.stream()
                .filter(p -> !p.getId().toString().equals(nodeId))
                .toList();
        if (remaining.size() == current.size()) {
            return;
        }
        final SetConfigurationRequest.Arguments change = SetConfigurationRequest.Arguments.newBuilder()
                .setServersInCurrentConf(current)
                .setServersInNewConf(remaining)
                .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                .build();
        check(client().admin().setConfiguration(change), "remove " + nodeId);
    }

    public String nodeId() {
        return config.nodeId();
    }

    public boolean isLeader() {
        return division.getInfo().isLeader();
    }

    /** The leader as this manager last heard of it. */
    public Optional<String> leaderId() {
        return Optional.ofNullable(division.getInfo().getLeaderId()).map(RaftPeerId::toString);
    }

    public long term() {
        return division.getInfo().getCurrentTerm();
    }

    /** The highest log index this manager knows to be committed. */
    public long commitIndex() {
        return division.getRaftLog().getLastCommittedIndex();
    }

    /** The highest log index applied to the state machine here. */
    public long appliedIndex() {
        return division.getInfo().getLastAppliedIndex();
    }

    /** The node ids in the current configuration, sorted. */
    public List<String> peers() {
        return division.getRaftConf().getCurrentPeers().stream()
                .map(p -> p.getId().toString())
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /**
     * Stops the server and the clients without any extra step: no snapshot, no leadership
     * hand-over. Pending futures fail.
     */
    @Override
    public void close() throws IOException {
        final List<RaftClient> clients;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            clients = new ArrayList<>(retiredClients);
            if (client != null) {
                clients.add(client);
            }
            client = null;
        }
        IOException failure = null;
        for (RaftClient c : clients) {
            try {
                c.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        server.close();
        if (failure != null) {
            throw failure;
        }
    }

    private CompletableFuture<byte[]> withClient(
            Function<RaftClient, CompletableFuture<RaftClientReply>> call) {
        final RaftClient c;
        try {
            c = client();
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call.apply(c).thenApply(reply -> {
            if (!reply.isSuccess()) {
                throw new CompletionException(reply.getException());
            }
            return reply.getMessage().getContent().toByteArray();
        });
    }

    private synchronized RaftClient client() throws IOException {
        if (closed) {
            throw new IOException("raft store of " + config.nodeId() + " is closed");
        }
        final Set<RaftPeer> peers = new HashSet<>(division.getRaftConf().getCurrentPeers());
        if (peers.isEmpty()) {
            throw new IOException(config.nodeId() + " is not a member of the cluster's Raft group yet");
        }
        if (client == null || !peers.equals(clientPeers)) {
            if (client != null) {
                retiredClients.add(client);
            }
            client = RaftClient.newBuilder()
                    .setClientId(ClientId.randomId())
                    .setRaftGroup(RaftGroup.valueOf(groupId, peers))
                    .setLeaderId(division.getInfo().getLeaderId())
                    .setProperties(properties)
                    .setRetryPolicy(retryPolicy)
                    .build();
            clientPeers = peers;
        }
        return client;
    }

    private static void check(RaftClientReply reply, String what) throws IOException {
        if (!reply.isSuccess()) {
            throw new IOException("configuration change failed: " + what, reply.getException());
        }
    }

    private static RaftPeer peer(String nodeId, String address) {
        return RaftPeer.newBuilder().setId(nodeId).setAddress(address).build();
    }
}
