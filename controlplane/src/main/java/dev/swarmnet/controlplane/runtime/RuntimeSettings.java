package dev.swarmnet.controlplane.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the task runtime keeps things on the host and how it names them.
 *
 * @param namespacePrefix  network namespace name = prefix + task id ({@code swarmnet-})
 * @param stateDir         one small state file per live task, read back after a daemon restart; each
 *                         daemon on a machine needs its own (the lab runs several)
 * @param logDir           one log file per task (stdout and stderr), kept until the task is removed
 * @param netnsEtcDir      {@code ip netns exec} bind-mounts {@code <this>/<namespace>/*} over {@code /etc}
 *                         ({@code /etc/netns}); only changed by tests of this class
 * @param offloads         TAPs with a virtio-net header and checksum/TSO4 offloads, as the data plane's
 *                         {@code attachPort(id, fd, true)} expects
 */
public record RuntimeSettings(String namespacePrefix, Path stateDir, Path logDir, Path netnsEtcDir, boolean offloads) {
    public static final String DEFAULT_NAMESPACE_PREFIX = "swarmnet-";
    public static final Path DEFAULT_STATE_DIR = Path.of("/run/swarmnet/tasks");
    public static final Path DEFAULT_LOG_DIR = Path.of("/var/lib/swarmnet/logs");
    public static final Path NETNS_ETC_DIR = Path.of("/etc/netns");

    public RuntimeSettings {
        Objects.requireNonNull(namespacePrefix, "namespacePrefix");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(netnsEtcDir, "netnsEtcDir");
        if (namespacePrefix.contains("/") || namespacePrefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("namespace prefix \"" + namespacePrefix + "\" may not hold '/' or spaces");
        }
    }

    /** The defaults: {@code swarmnet-}, {@code /run/swarmnet/tasks}, {@code /var/lib/swarmnet/logs}, offloads on. */
    public static RuntimeSettings defaults() {
        return new RuntimeSettings(DEFAULT_NAMESPACE_PREFIX, DEFAULT_STATE_DIR, DEFAULT_LOG_DIR, NETNS_ETC_DIR, true);
    }

    public RuntimeSettings withNamespacePrefix(String prefix) {
        return new RuntimeSettings(prefix, stateDir, logDir, netnsEtcDir, offloads);
    }

    public RuntimeSettings withDirectories(Path stateDir, Path logDir) {
        return new RuntimeSettings(namespacePrefix, stateDir, logDir, netnsEtcDir, offloads);
    }

    /** The namespace of task {@code taskId}. */
    public String namespaceOf(String taskId) {
        return namespacePrefix + taskId;
    }

    /** The log file of task {@code taskId}. */
    public Path logFileOf(String taskId) {
        return logDir.resolve(taskId + ".log");
    }
}
