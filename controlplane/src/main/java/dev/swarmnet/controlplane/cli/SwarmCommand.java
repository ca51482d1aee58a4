package dev.swarmnet.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmnet.controlplane.cli.client.ApiClient;
import dev.swarmnet.controlplane.cli.client.DaemonException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code swarmnet swarm init|join|leave|join-token|update}: Docker's swarm commands, same flags,
 * same requests (docker-api.md §4), same output with {@code swarmnet} in the hints. Runs on the
 * main thread.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true, description = "Manage the swarm.")
final class SwarmCommand implements Runnable {

    private static final String DEFAULT_LISTEN_ADDR = "0.0.0.0:2377";

    @Spec
    private CommandSpec spec;

    @Mixin
    private DaemonOptions daemon;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a swarm command");
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Initialize a swarm.")
    int init(@Option(names = "--advertise-addr", paramLabel = "ADDR[:PORT]", defaultValue = "",
                     description = "Advertised address (format: <ip|interface>[:port]).") String advertiseAddr,
             @Option(names = "--listen-addr", paramLabel = "ADDR[:PORT]", defaultValue = DEFAULT_LISTEN_ADDR,
                     description = "Listen address (default: ${DEFAULT-VALUE}).") String listenAddr,
             @Option(names = "--data-path-addr", paramLabel = "ADDR", defaultValue = "",
                     description = "Address or interface to use for data path traffic.") String dataPathAddr,
             @Option(names = "--force-new-cluster", description = "Force create a new cluster from current state.")
             boolean forceNewCluster,
             @Option(names = "--availability", paramLabel = "AVAILABILITY", defaultValue = "",
                     description = "Availability of the node (active|pause|drain).") String availability,
             @Option(names = "--default-addr-pool", paramLabel = "CIDR", split = ",",
                     description = "Default address pool in CIDR format.") List<String> addrPool,
             @Option(names = "--default-addr-pool-mask-length", paramLabel = "BITS", defaultValue = "24",
                     description = "Default address pool subnet mask length (default: ${DEFAULT-VALUE}).")
             int subnetSize) {
        return daemon.run(spec, (client, out) -> {
            ObjectNode request = ApiClient.json().createObjectNode()
                    .put("ListenAddr", listenAddr)
                    .put("AdvertiseAddr", advertiseAddr)
                    .put("DataPathAddr", dataPathAddr)
                    .put("DataPathPort", 0)
                    .put("ForceNewCluster", forceNewCluster);
            request.set("Spec", ApiClient.json().createObjectNode());
            request.put("AutoLockManagers", false).put("Availability", availability);
            request.putArray("DefaultAddrPool").addAll(addrPool == null ? List.of()
                    : addrPool.stream().map(ApiClient.json().getNodeFactory()::textNode).toList());
            request.put("SubnetSize", subnetSize);
            String nodeId;
            try {
                nodeId = client.post("/swarm/init", request).asText();
            } catch (DaemonException e) {
                if (e.getMessage().contains("could not choose an IP address to advertise")) {
                    throw new DaemonOptions.CommandFailure(e.getMessage() + " - specify one with --advertise-addr");
                }
                throw e;
            }
            out.print("Swarm initialized: current node (" + nodeId + ") is now a manager.\n\n");
            printJoinCommand(client, out, nodeId, "worker");
            out.print("To add a manager to this swarm, run 'swarmnet swarm join-token manager' and follow the "
                    + "instructions.\n\n");
            return 0;
        });
    }

    @Command(name = "join", mixinStandardHelpOptions = true, description = "Join a swarm as a node and/or manager.")
    int join(@Option(names = "--token", paramLabel = "TOKEN", required = true, description = "Token for entry into "
                     + "the swarm.") String token,
             @Option(names = "--advertise-addr", paramLabel = "ADDR[:PORT]", defaultValue = "",
                     description = "Advertised address (format: <ip|interface>[:port]).") String advertiseAddr,
             @Option(names = "--listen-addr", paramLabel = "ADDR[:PORT]", defaultValue = DEFAULT_LISTEN_ADDR,
                     description = "Listen address (default: ${DEFAULT-VALUE}).") String listenAddr,
             @Option(names = "--data-path-addr", paramLabel = "ADDR", defaultValue = "",
                     description = "Address or interface to use for data path traffic.") String dataPathAddr,
             @Option(names = "--availability", paramLabel = "AVAILABILITY", defaultValue = "",
                     description = "Availability of the node (active|pause|drain).") String availability,
             @Parameters(paramLabel = "HOST:PORT", description = "A manager's address.") String remote) {
        return daemon.run(spec, (client, out) -> {
            ObjectNode request = ApiClient.json().createObjectNode()
                    .put("ListenAddr", listenAddr)
                    .put("AdvertiseAddr", advertiseAddr)
                    .put("DataPathAddr", dataPathAddr);
            request.putArray("RemoteAddrs").add(remote);
            request.put("JoinToken", token).put("Availability", availability);
            client.post("/swarm/join", request);
            boolean manager = client.get("/info").path("Swarm").path("ControlAvailable").asBoolean(false);
            out.print("This node joined a swarm as a " + (manager ? "manager" : "worker") + ".\n");
            return 0;
        });
    }

    @Command(name = "leave", mixinStandardHelpOptions = true, description = "Leave the swarm.")
    int leave(@Option(names = {"-f", "--force"}, description = "Force this node to leave the swarm, ignoring "
                      + "warnings.") boolean force) {
        return daemon.run(spec, (client, out) -> {
            client.post("/swarm/leave" + (force ? "?force=1" : ""), null);
            out.print("Node left the swarm.\n");
            return 0;
        });
    }

    @Command(name = "join-token", mixinStandardHelpOptions = true, description = "Manage join tokens.")
    int joinToken(@Option(names = "--rotate", description = "Rotate join token.") boolean rotate,
                  @Option(names = {"-q", "--quiet"}, description = "Only display token.") boolean quiet,
                  @Parameters(paramLabel = "(worker|manager)") String role) {
        if (!role.equals("worker") && !role.equals("manager")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown role " + role);
        }
        return daemon.run(spec, (client, out) -> {
            if (rotate) {
                JsonNode swarm = client.get("/swarm");
                client.post("/swarm/update?rotateManagerToken=" + role.equals("manager")
                        + "&rotateManagerUnlockKey=false&rotateWorkerToken=" + role.equals("worker")
                        + "&version=" + swarm.path("Version").path("Index").asLong(), swarm.path("Spec"));
                if (!quiet) {
                    out.print("Successfully rotated " + role + " join token.\n\n");
                }
            }
            if (quiet) {
                out.print(token(client.get("/swarm"), role) + "\n");
                return 0;
            }
            String nodeId = client.get("/info").path("Swarm").path("NodeID").asText("");
            printJoinCommand(client, out, nodeId, role);
            return 0;
        });
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Update the swarm.")
    int update(@Option(names = "--task-history-limit", paramLabel = "N",
                       description = "Task history retention limit.") Long taskHistoryLimit,
               @Option(names = "--snapshot-interval", paramLabel = "N",
                       description = "Number of log entries between Raft snapshots.") Long snapshotInterval,
               @Option(names = "--max-snapshots", paramLabel = "N",
                       description = "Number of additional Raft snapshots to retain.") Long maxSnapshots,
               @Option(names = "--dispatcher-heartbeat", paramLabel = "DURATION", converter = DurationConverter.class,
                       description = "Dispatcher heartbeat period (e.g. 5s).") Duration heartbeat,
               @Option(names = "--cert-expiry", paramLabel = "DURATION", converter = DurationConverter.class,
                       description = "Validity period for node certificates (e.g. 2160h).") Duration certExpiry) {
        return daemon.run(spec, (client, out) -> {
            JsonNode swarm = client.get("/swarm");
            ObjectNode swarmSpec = swarm.path("Spec").isObject() ? ((ObjectNode) swarm.path("Spec")).deepCopy()
                    : ApiClient.json().createObjectNode();
            if (taskHistoryLimit != null) {
                section(swarmSpec, "Orchestration").put("TaskHistoryRetentionLimit", taskHistoryLimit);
            }
            if (snapshotInterval != null) {
                section(swarmSpec, "Raft").put("SnapshotInterval", snapshotInterval);
            }
            if (maxSnapshots != null) {
                section(swarmSpec, "Raft").put("KeepOldSnapshots", maxSnapshots);
            }
            if (heartbeat != null) {
                section(swarmSpec, "Dispatcher").put("HeartbeatPeriod", heartbeat.toNanos());
            }
            if (certExpiry != null) {
                section(swarmSpec, "CAConfig").put("NodeCertExpiry", certExpiry.toNanos());
            }
            client.post("/swarm/update?rotateManagerToken=false&rotateManagerUnlockKey=false&rotateWorkerToken=false"
                    + "&version=" + swarm.path("Version").path("Index").asLong(), swarmSpec);
            out.print("Swarm updated.\n");
            return 0;
        });
    }

    /** Docker's {@code printJoinCommand}: nothing unless this node has a manager address. */
    private static void printJoinCommand(ApiClient client, PrintWriter out, String nodeId, String role) {
        JsonNode node = client.get("/nodes/" + ApiClient.escape(nodeId));
        JsonNode swarm = client.get("/swarm");
        JsonNode manager = node.path("ManagerStatus");
        if (manager.isObject()) {
            out.print("To add a " + role + " to this swarm, run the following command:\n\n    swarmnet swarm join "
                    + "--token " + token(swarm, role) + " " + manager.path("Addr").asText("") + "\n\n");
        }
    }

    private static String token(JsonNode swarm, String role) {
        return swarm.path("JoinTokens").path(role.equals("worker") ? "Worker" : "Manager").asText("");
    }

    private static ObjectNode section(ObjectNode swarmSpec, String name) {
        JsonNode existing = swarmSpec.path(name);
        return existing.isObject() ? (ObjectNode) existing : swarmSpec.putObject(name);
    }
}
