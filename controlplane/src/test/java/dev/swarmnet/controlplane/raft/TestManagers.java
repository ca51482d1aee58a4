package dev.swarmnet.controlplane.raft;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several managers' {@link RaftStore}s in one JVM on 127.0.0.1, each with its own directory
 * under a test's temporary directory and a {@link UniqueStrings} state. A node keeps its port
 * and directory across {@link #kill} and {@link #restart}. Closing stops every running store.
 * Test thread only.
 */
final class TestManagers implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A running manager: its store and the state machine instance the store drives. */
    record Manager(RaftStoreConfig config, RaftStore store, UniqueStrings state) {
    }

    private final Path dir;
    private final long snapshotThreshold;
    private final Map<String, RaftStoreConfig> configs = new HashMap<>();
    private final Map<String, Manager> running = new LinkedHashMap<>();

    TestManagers(Path dir, long snapshotThreshold) {
        this.dir = dir;
        this.snapshotThreshold = snapshotThreshold;
    }

    Manager bootstrap(String nodeId) throws IOException {
        return start(nodeId, RaftStore::bootstrap);
    }

    Manager join(String nodeId) throws IOException {
        return start(nodeId, RaftStore::join);
    }

    /** Starts a killed manager again from its directory (it recovers, whatever way it began). */
    Manager restart(String nodeId) throws IOException {
        return start(nodeId, RaftStore::join);
    }

    /** Stops a manager abruptly: no snapshot, no leadership hand-over. */
    void kill(String nodeId) throws IOException {
        final Manager m = running.remove(nodeId);
        if (m != null) {
            m.store().close();
        }
    }

    Manager get(String nodeId) {
        return running.get(nodeId);
    }

    RaftStoreConfig config(String nodeId) {
        return configs.get(nodeId);
    }

    /** Starts a cluster of the given managers: the first bootstraps, the others join and are added. */
    List<Manager> cluster(String... nodeIds) throws IOException {
        final List<Manager> managers = new ArrayList<>();
        final Manager first = bootstrap(nodeIds[0]);
        managers.add(first);
        await().atMost(TIMEOUT).until(first.store()::isLeader);
        for (int i = 1; i < nodeIds.length; i++) {
            final Manager m = join(nodeIds[i]);
            first.store().addPeer(m.config().nodeId(), m.config().address());
            managers.add(m);
        }
        return managers;
    }

    /** Waits until one running manager leads and every running one agrees; returns the leader. */
    Manager awaitLeader() {
        return await().atMost(TIMEOUT).until(() -> {
            final List<Manager> leaders = running.values().stream().filter(m -> m.store().isLeader()).toList();
            if (leaders.size() != 1) {
                return null;
            }
            final String id = leaders.get(0).config().nodeId();
            final boolean agreed = running.values().stream()
                    .allMatch(m -> m.store().leaderId().map(id::equals).orElse(false));
            return agreed ? leaders.get(0) : null;
        }, m -> m != null);
    }

    Manager anyFollower() {
        return running.values().stream().filter(m -> !m.store().isLeader()).findFirst().orElseThrow();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Manager m : List.copyOf(running.values())) {
            try {
                m.store().close();
            } catch (IOException | RuntimeException e) {
                failure = failure == null ? new IOException("closing managers failed", e) : failure;
            }
        }
        running.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private Manager start(String nodeId, Starter starter) throws IOException {
        final RaftStoreConfig config = configs.computeIfAbsent(nodeId, this::newConfig);
        final UniqueStrings state = new UniqueStrings();
        final Manager m = new Manager(config, starter.start(config, state), state);
        running.put(nodeId, m);
        return m;
    }

    private RaftStoreConfig newConfig(String nodeId) {
        return RaftStoreConfig.of("test-cluster", nodeId, "127.0.0.1", freePort(), dir.resolve(nodeId))
                .withSnapshotThreshold(snapshotThreshold)
                .withElectionTimeout(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .withRequestTimeout(Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Starter {
        RaftStore start(RaftStoreConfig config, ReplicatedStateMachine state) throws IOException;
    }
}
