package dev.swarmnet.controlplane.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one manager's {@link RaftStore} needs to start. Immutable.
 *
 * @param clusterId the cluster's id; the Raft group id is derived from it
 * @param nodeId this manager's node id, used as its Raft peer id
 * @param host the address other managers reach this one at, and that the Raft port binds to
 * @param port the Raft port ({@value #DEFAULT_PORT} by default)
 * @param dataDir the node's state directory; Raft keeps its log and snapshots in {@code raft/}
 * @param snapshotThreshold take a snapshot every this many applied log entries
 * @param electionTimeoutMin lower bound of the randomized election timeout
 * @param electionTimeoutMax upper bound of the randomized election timeout
 * @param requestTimeout how long one client attempt waits for a manager before it is retried
 *     (on another manager when that one does not answer)
 * @param submitTimeout how long {@link RaftStore#submit(byte[])} keeps retrying (leader
 *     changes, no quorum yet) before it fails
 */
public record RaftStoreConfig(
        String clusterId,
        String nodeId,
        String host,
        int port,
        Path dataDir,
        long snapshotThreshold,
        Duration electionTimeoutMin,
        Duration electionTimeoutMax,
        Duration requestTimeout,
        Duration submitTimeout) {

    /** DESIGN §1: Raft between managers. */
    public static final int DEFAULT_PORT = 2378;
    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 1_000;

    public RaftStoreConfig {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (clusterId.isEmpty() || nodeId.isEmpty()) {
            throw new IllegalArgumentException("clusterId and nodeId must not be empty");
        }
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("snapshotThreshold must be positive: " + snapshotThreshold);
        }
        if (electionTimeoutMin.compareTo(electionTimeoutMax) >= 0) {
            throw new IllegalArgumentException("electionTimeoutMin " + electionTimeoutMin
                    + " must be below electionTimeoutMax " + electionTimeoutMax);
        }
    }

    /**
     * A manager with production timings: elections after 1–2 s of silence, client attempts of
     * 1 s (a caller of a manager whose leader died waits for the election and about one attempt).
     */
    public static RaftStoreConfig of(String clusterId, String nodeId, String host, int port, Path dataDir) {
        return new RaftStoreConfig(clusterId, nodeId, host, port, dataDir, DEFAULT_SNAPSHOT_THRESHOLD,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** {@code host:port}, the peer address other managers dial. */
    public String address() {
        return host + ":" + port;
    }

    /** Where Ratis keeps the log, its metadata and the snapshots. */
    public Path raftDir() {
        return dataDir.resolve("raft");
    }

    public RaftStoreConfig withSnapshotThreshold(long entries) {
        return new RaftStoreConfig(clusterId, nodeId, host, port, dataDir, entries,
                electionTimeoutMin, electionTimeoutMax, requestTimeout, submitTimeout);
    }

    public RaftStoreConfig withElectionTimeout(Duration min, Duration max) {
        return new RaftStoreConfig(clusterId, nodeId, host, port, dataDir, snapshotThreshold,
                min, max, requestTimeout, submitTimeout);
    }

    public RaftStoreConfig withRequestTimeout(Duration request, Duration submit) {
        return new RaftStoreConfig(clusterId, nodeId, host, port, dataDir, snapshotThreshold,
                electionTimeoutMin, electionTimeoutMax, request, submit);
    }
}
