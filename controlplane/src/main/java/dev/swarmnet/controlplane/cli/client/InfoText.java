package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The server part of {@code docker info} from a {@code GET /info} answer, line for line as
 * Docker's CLI prints the fields swarmnet reports (its {@code prettyPrintServerInfo} and
 * {@code printSwarmInfo}). Pure.
 */
public final class InfoText {

    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private final JsonNode info;
    private final StringBuilder out = new StringBuilder();

    private InfoText(JsonNode info) {
        this.info = info;
    }

    /** The {@code Server:} section, each line ending in a newline. */
    public static String render(JsonNode info) {
        return new InfoText(info).server();
    }

    private String server() {
        out.append("Server:\n");
        line(" Server Version:", text(info, "ServerVersion"));
        line(" Swarm:", text(info.path("Swarm"), "LocalNodeState"));
        swarm(info.path("Swarm"));
        line(" Kernel Version:", text(info, "KernelVersion"));
        line(" Operating System:", text(info, "OperatingSystem"));
        line(" OSType:", text(info, "OSType"));
        line(" Architecture:", text(info, "Architecture"));
        line(" CPUs:", info.path("NCPU").asText("0"));
        line(" Total Memory:", bytesSize(info.path("MemTotal").asLong(0)));
        line(" Name:", text(info, "Name"));
        line(" ID:", text(info, "ID"));
        for (JsonNode warning : info.path("Warnings")) {
            out.append(warning.asText()).append('\n');
        }
        return out.toString();
    }

    private void swarm(JsonNode swarm) {
        String state = text(swarm, "LocalNodeState");
        if (state.equals("inactive") || state.equals("locked")) {
            return;
        }
        line("  NodeID:", text(swarm, "NodeID"));
        String error = text(swarm, "Error");
        if (!error.isEmpty()) {
            line("  Error:", error);
        }
        boolean manager = swarm.path("ControlAvailable").asBoolean(false);
        line("  Is Manager:", Boolean.toString(manager));
        JsonNode cluster = swarm.path("Cluster");
        if (cluster.isObject() && manager && error.isEmpty() && !state.equals("error")) {
            cluster(swarm, cluster);
        }
        line("  Node Address:", text(swarm, "NodeAddr"));
        List<String> managers = new ArrayList<>();
        swarm.path("RemoteManagers").forEach(peer -> managers.add(text(peer, "Addr")));
        if (!managers.isEmpty()) {
            managers.sort(null);
            out.append("  Manager Addresses:\n");
            managers.forEach(addr -> out.append("   ").append(addr).append('\n'));
        }
    }

    private void cluster(JsonNode swarm, JsonNode cluster) {
        JsonNode spec = cluster.path("Spec");
        line("  ClusterID:", text(cluster, "ID"));
        line("  Managers:", swarm.path("Managers").asText("0"));
        line("  Nodes:", swarm.path("Nodes").asText("0"));
        JsonNode pool = cluster.path("DefaultAddrPool");
        if (pool.isArray()) {
            StringBuilder pools = new StringBuilder();
            pool.forEach(p -> pools.append(p.asText()).append("  "));
            line("  Default Address Pool:", pools.toString());
            line("  SubnetSize:", cluster.path("SubnetSize").asText("0"));
        }
        if (cluster.path("DataPathPort").asLong(0) > 0) {
            line("  Data Path Port:", cluster.path("DataPathPort").asText());
        }
        out.append("  Orchestration:\n");
        line("   Task History Retention Limit:", spec.path("Orchestration").path("TaskHistoryRetentionLimit")
                .asText("0"));
        JsonNode raft = spec.path("Raft");
        out.append("  Raft:\n");
        line("   Snapshot Interval:", raft.path("SnapshotInterval").asText("0"));
        if (raft.has("KeepOldSnapshots")) {
            line("   Number of Old Snapshots to Retain:", raft.path("KeepOldSnapshots").asText());
        }
        line("   Heartbeat Tick:", raft.path("HeartbeatTick").asText("0"));
        line("   Election Tick:", raft.path("ElectionTick").asText("0"));
        out.append("  Dispatcher:\n");
        line("   Heartbeat Period:", humanDuration(spec.path("Dispatcher").path("HeartbeatPeriod").asLong(0)));
        out.append("  CA Configuration:\n");
        line("   Expiry Duration:", humanDuration(spec.path("CAConfig").path("NodeCertExpiry").asLong(0)));
        line("   Force Rotate:", spec.path("CAConfig").path("ForceRotate").asText("0"));
        line("  Autolock Managers:", Boolean.toString(spec.path("EncryptionConfig").path("AutoLockManagers")
                .asBoolean(false)));
        line("  Root Rotation In Progress:", Boolean.toString(cluster.path("RootRotationInProgress")
                .asBoolean(false)));
    }

    /** Go's {@code fmt.Println(label, value)}. */
    private void line(String label, String value) {
        out.append(label).append(' ').append(value).append('\n');
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() ? value.asText() : "";
    }

    /** docker/go-units {@code HumanDuration} of a Go duration in nanoseconds. */
    static String humanDuration(long nanos) {
        return GoDuration.human(java.time.Duration.ofNanos(nanos));
    }

    /** docker/go-units {@code BytesSize}: binary units, four significant digits ({@code %.4g}). */
    static String bytesSize(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1024 && unit < BINARY_UNITS.length - 1) {
            size /= 1024;
            unit++;
        }
        String digits = new BigDecimal(size).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        return digits + BINARY_UNITS[unit];
    }
}
