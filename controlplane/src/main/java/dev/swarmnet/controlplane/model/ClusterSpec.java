package dev.swarmnet.controlplane.model;

import java.util.Map;

/**
 * Cluster-wide settings (Docker's swarm {@code Spec}), durations in nanoseconds as in the API.
 *
 * <p>Zero means "not given": {@link #withDefaults()} fills zeros with swarmkit's defaults (what
 * {@code swarm init} does) and {@link #merge(ClusterSpec)} keeps the current value wherever an
 * update has a zero (what moby's {@code MergeSwarmSpecToGRPC} does for {@code swarm update}).
 *
 * @param name          always {@value #DEFAULT_NAME}
 * @param labels        operator labels, sorted by key
 * @param orchestration task history retention
 * @param raft          Raft tuning, as reported by {@code docker info}
 * @param dispatcher    agent heartbeat period
 * @param caConfig      node certificate lifetime
 * @param encryption    manager autolock
 */
public record ClusterSpec(String name, Map<String, String> labels, Orchestration orchestration, Raft raft,
                          Dispatcher dispatcher, CaConfig caConfig, Encryption encryption) {
    /** The only cluster name swarmkit uses. */
    public static final String DEFAULT_NAME = "default";

    public ClusterSpec {
        name = name == null ? "" : name;
        labels = SortedMaps.copyOf(labels);
        orchestration = orchestration == null ? new Orchestration(0) : orchestration;
        raft = raft == null ? new Raft(0, 0, 0, 0, 0) : raft;
        dispatcher = dispatcher == null ? new Dispatcher(0) : dispatcher;
        caConfig = caConfig == null ? new CaConfig(0) : caConfig;
        encryption = encryption == null ? new Encryption(false) : encryption;
    }

    /** swarmkit's defaults: history 5, Raft 10000/0/500/10/1, heartbeat 5 s, certificates 90 days. */
    public static ClusterSpec defaults() {
        return new ClusterSpec(DEFAULT_NAME, Map.of(), new Orchestration(5), new Raft(10_000, 0, 500, 10, 1),
                new Dispatcher(5_000_000_000L), new CaConfig(7_776_000_000_000_000L), new Encryption(false));
    }

    /** An all-zero spec: every field "not given". */
    public static ClusterSpec unset() {
        return new ClusterSpec("", Map.of(), null, null, null, null, null);
    }

    /** This spec with every zero replaced by swarmkit's default. */
    public ClusterSpec withDefaults() {
        return defaults().merge(this);
    }

    /**
     * This spec updated by {@code update}: non-zero numbers and a non-empty name replace the
     * current ones, labels and the autolock flag are always taken from {@code update}.
     */
    public ClusterSpec merge(ClusterSpec update) {
        return new ClusterSpec(
                update.name.isEmpty() ? name : update.name,
                update.labels,
                new Orchestration(pick(update.orchestration.taskHistoryRetentionLimit, orchestration.taskHistoryRetentionLimit)),
                new Raft(pick(update.raft.snapshotInterval, raft.snapshotInterval),
                        pick(update.raft.keepOldSnapshots, raft.keepOldSnapshots),
                        pick(update.raft.logEntriesForSlowFollowers, raft.logEntriesForSlowFollowers),
                        (int) pick(update.raft.electionTick, raft.electionTick),
                        (int) pick(update.raft.heartbeatTick, raft.heartbeatTick)),
                new Dispatcher(pick(update.dispatcher.heartbeatPeriodNanos, dispatcher.heartbeatPeriodNanos)),
                new CaConfig(pick(update.caConfig.nodeCertExpiryNanos, caConfig.nodeCertExpiryNanos)),
                update.encryption);
    }

    private static long pick(long update, long current) {
        return update != 0 ? update : current;
    }

    /** Docker's {@code Orchestration}. */
    public record Orchestration(long taskHistoryRetentionLimit) {
    }

    /** Docker's {@code Raft}: entries between snapshots, snapshots kept, catch-up window, ticks. */
    public record Raft(long snapshotInterval, long keepOldSnapshots, long logEntriesForSlowFollowers,
                       int electionTick, int heartbeatTick) {
    }

    /** Docker's {@code Dispatcher}: how often agents heartbeat. */
    public record Dispatcher(long heartbeatPeriodNanos) {
    }

    /** Docker's {@code CAConfig}: node certificate validity. */
    public record CaConfig(long nodeCertExpiryNanos) {
    }

    /** Docker's {@code EncryptionConfig}. */
    public record Encryption(boolean autoLockManagers) {
    }
}
