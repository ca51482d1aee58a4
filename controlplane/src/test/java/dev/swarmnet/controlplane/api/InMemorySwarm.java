package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.api.model.CaConfig;
import dev.swarmnet.controlplane.api.model.DispatcherConfig;
import dev.swarmnet.controlplane.api.model.EncryptionConfig;
import dev.swarmnet.controlplane.api.model.EngineDescription;
import dev.swarmnet.controlplane.api.model.InitRequest;
import dev.swarmnet.controlplane.api.model.JoinRequest;
import dev.swarmnet.controlplane.api.model.JoinTokens;
import dev.swarmnet.controlplane.api.model.Network;
import dev.swarmnet.controlplane.api.model.Service;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.api.model.LocalNodeState;
import dev.swarmnet.controlplane.api.model.ManagerStatus;
import dev.swarmnet.controlplane.api.model.Node;
import dev.swarmnet.controlplane.api.model.NodeAvailability;
import dev.swarmnet.controlplane.api.model.NodeDescription;
import dev.swarmnet.controlplane.api.model.NodeRole;
import dev.swarmnet.controlplane.api.model.NodeSpec;
import dev.swarmnet.controlplane.api.model.NodeState;
import dev.swarmnet.controlplane.api.model.NodeStatus;
import dev.swarmnet.controlplane.api.model.OrchestrationConfig;
import dev.swarmnet.controlplane.api.model.Peer;
import dev.swarmnet.controlplane.api.model.Platform;
import dev.swarmnet.controlplane.api.model.RaftConfig;
import dev.swarmnet.controlplane.api.model.Reachability;
import dev.swarmnet.controlplane.api.model.Resources;
import dev.swarmnet.controlplane.api.model.Swarm;
import dev.swarmnet.controlplane.api.model.SwarmInfo;
import dev.swarmnet.controlplane.api.model.SwarmSpec;
import dev.swarmnet.controlplane.api.model.SwarmStatus;
import dev.swarmnet.controlplane.api.model.SystemInfo;
import dev.swarmnet.controlplane.api.model.Task;
import dev.swarmnet.controlplane.api.model.TaskDefaults;
import dev.swarmnet.controlplane.api.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A swarm held in memory, as the daemon's backend will answer: Docker's messages, name and
 * prefix lookup, version checks. Test double of {@link SwarmBackend}; synchronized, so the API
 * workers and the test thread may both use it.
 */
final class InMemorySwarm implements SwarmBackend {

    static final String SELF_ID = "rpgghi749nqvc3kz550vwdwpb";
    static final String CLUSTER_ID = "k2mt9x0w6l2d9zq3c5h8v1n7a";
    static final String ADDR = "192.168.56.10";
    static final Instant CREATED = Instant.parse("2025-11-25T20:07:16.123456789Z");
    static final String CA_DIGEST = "0".repeat(10) + "1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t";

    private final String hostname;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private LocalNodeState state = LocalNodeState.INACTIVE;
    private boolean manager;
    private long index = 10;
    private long swarmVersion;
    private SwarmSpec spec;
    private int rotations;
    private JoinTokens tokens;
    private NodeSpec lastNodeUpdate;
    private long lastNodeUpdateVersion = -1;
    private final InMemoryServices services = new InMemoryServices(() -> {
        synchronized (this) {
            return ++index;
        }
    }, () -> {
        synchronized (this) {
            return List.copyOf(nodes.keySet());
        }
    });

    InMemorySwarm(String hostname) {
        this.hostname = hostname;
    }

    /** A swarm with this node as leader, plus a worker {@code wrk1} and a manager {@code mgr2}. */
    static InMemorySwarm managerOfThree() {
        InMemorySwarm swarm = new InMemorySwarm("mgr1");
        swarm.init(new InitRequest("0.0.0.0:2377", ADDR, "", 0, false, null, false, null, List.of(), 24));
        swarm.addNode("x7c2v9b3n4m5l6k7j8h9g0f1d", "wrk1", NodeRole.WORKER, null);
        swarm.addNode("5qwe8rty1uio2pas3dfg4hjk6", "mgr2", NodeRole.MANAGER, Reachability.REACHABLE);
        return swarm;
    }

    /** A node that joined as a worker: active, but no control. */
    static InMemorySwarm worker() {
        InMemorySwarm swarm = new InMemorySwarm("wrk9");
        swarm.join(new JoinRequest("0.0.0.0:2377", "", "", List.of(ADDR + ":2377"), "SWMTKN-1-x-y", null));
        return swarm;
    }

    synchronized void addNode(String id, String name, NodeRole role, Reachability reachability) {
        ManagerStatus managerStatus = role == NodeRole.MANAGER ? new ManagerStatus(false, reachability, name + ":2377")
                : null;
        nodes.put(id, node(id, ++index, new NodeSpec(null, Map.of(), role, NodeAvailability.ACTIVE), name,
                managerStatus));
    }

    synchronized NodeSpec lastNodeUpdate() {
        return lastNodeUpdate;
    }

    synchronized long lastNodeUpdateVersion() {
        return lastNodeUpdateVersion;
    }

    @Override
    public synchronized SwarmStatus status() {
        return new SwarmStatus(state, manager);
    }

    @Override
    public synchronized SystemInfo info() {
        SwarmInfo swarmInfo;
        if (state == LocalNodeState.INACTIVE) {
            swarmInfo = new SwarmInfo("", "", state, false, "", null, null, null, null);
        } else {
            int managers = (int) nodes.values().stream().filter(n -> n.managerStatus() != null).count();
            swarmInfo = new SwarmInfo(SELF_ID, ADDR, state, manager, "", List.of(new Peer(SELF_ID, ADDR + ":2377")),
                    manager ? nodes.size() : null, manager ? managers : null,
                    manager ? swarm().clusterInfo() : null);
        }
        return new SystemInfo("4c2f3c1e-swarmnet", hostname, ApiVersions.ENGINE, "linux", "swarmnet test host",
                "x86_64", "6.1.0", 2, 4L << 30, swarmInfo);
    }

    @Override
    public synchronized String init(InitRequest request) {
        requireOutsideSwarm();
        state = LocalNodeState.ACTIVE;
        manager = true;
        swarmVersion = ++index;
        spec = new SwarmSpec("default", Map.of(), new OrchestrationConfig(5L), new RaftConfig(10000L, 0L, 500L, 10, 1),
                new DispatcherConfig(5_000_000_000L), new CaConfig(7_776_000_000_000_000L, null, null, null, null),
                new TaskDefaults(null), new EncryptionConfig(false));
        tokens = tokens();
        nodes.put(SELF_ID, node(SELF_ID, ++index, new NodeSpec(null, Map.of(), NodeRole.MANAGER,
                NodeAvailability.ACTIVE), hostname, new ManagerStatus(true, Reachability.REACHABLE, ADDR + ":2377")));
        return SELF_ID;
    }

    @Override
    public synchronized void join(JoinRequest request) {
        requireOutsideSwarm();
        state = LocalNodeState.ACTIVE;
        manager = false;
    }

    @Override
    public synchronized void leave(boolean force) {
        if (state == LocalNodeState.INACTIVE) {
            throw ApiException.unavailable(DaemonMessages.NOT_IN_SWARM);
        }
        if (manager && !force) {
            throw ApiException.unavailable(DaemonMessages.LAST_MANAGER_LEAVE_NEEDS_FORCE);
        }
        state = LocalNodeState.INACTIVE;
        manager = false;
        nodes.clear();
    }

    @Override
    public synchronized Swarm inspectSwarm() {
        requireManager();
        return swarm();
    }

    @Override
    public synchronized void updateSwarm(long version, SwarmSpec newSpec, boolean rotateWorker, boolean rotateManager) {
        requireManager();
        if (version != swarmVersion) {
            throw new ApiException(500, DaemonMessages.UPDATE_OUT_OF_SEQUENCE);
        }
        spec = newSpec;
        rotations += rotateWorker || rotateManager ? 1 : 0;
        JoinTokens fresh = tokens();
        tokens = new JoinTokens(rotateWorker ? fresh.worker() : tokens.worker(),
                rotateManager ? fresh.manager() : tokens.manager());
        swarmVersion = ++index;
    }

    @Override
    public synchronized List<Node> listNodes(Filters filters) {
        requireManager();
        List<Node> matching = new ArrayList<>();
        for (Node node : nodes.values()) {
            boolean id = !filters.has("id") || filters.get("id").stream().anyMatch(node.id()::startsWith);
            boolean name = !filters.has("name")
                    || filters.get("name").stream().anyMatch(node.description().hostname()::startsWith);
            boolean role = !filters.has("role") || filters.get("role").contains(node.spec().role().wire());
            if (id && name && role) {
                matching.add(node);
            }
        }
        return matching;
    }

    /** The tasks of the in-memory services; {@code node} values name nodes ({@code self} = this node). */
    @Override
    public synchronized List<Task> listTasks(Filters filters) {
        requireManager();
        return services.listTasks(filters, ref -> resolve(ref.equals("self") ? SELF_ID : ref).id());
    }

    @Override
    public synchronized Task inspectTask(String ref) {
        requireManager();
        return services.inspectTask(ref);
    }

    @Override
    public synchronized String createNetwork(dev.swarmnet.controlplane.model.NetworkSpec networkSpec) {
        requireManager();
        return services.createNetwork(networkSpec);
    }

    @Override
    public synchronized List<Network> listNetworks(Filters filters) {
        requireManager();
        return services.listNetworks(filters);
    }

    @Override
    public synchronized Network inspectNetwork(String ref) {
        requireManager();
        return services.inspectNetwork(ref);
    }

    @Override
    public synchronized void removeNetwork(String ref) {
        requireManager();
        services.removeNetwork(ref);
    }

    @Override
    public synchronized Created createService(ServiceSpec serviceSpec, String registryAuth) {
        requireManager();
        return services.createService(serviceSpec);
    }

    @Override
    public synchronized List<Service> listServices(Filters filters, boolean status) {
        requireManager();
        return services.listServices(filters, status);
    }

    @Override
    public synchronized Service inspectService(String ref, boolean insertDefaults) {
        requireManager();
        return services.inspectService(ref);
    }

    @Override
    public synchronized List<String> updateService(String ref, long version, ServiceSpec serviceSpec, boolean rollback,
                                                   String registryAuthFrom) {
        requireManager();
        services.updateService(ref, version, serviceSpec, rollback);
        return List.of();
    }

    @Override
    public synchronized void removeService(String ref) {
        requireManager();
        services.removeService(ref);
    }

    @Override
    public synchronized LogStream serviceLogs(String ref, LogOptions options) {
        requireManager();
        return services.serviceLogs(ref, options);
    }

    @Override
    public synchronized LogStream taskLogs(String ref, LogOptions options) {
        requireManager();
        return services.taskLogs(ref, options);
    }

    /** A running task of the service writes a line on stdout. */
    synchronized void writeLog(String serviceName, int slot, String line) {
        services.write(serviceName, slot, line);
    }

    /** How many clients follow logs now. */
    int logFollowers() {
        return services.followers();
    }

    /** The IDs of the service's tasks that should be running. */
    synchronized List<String> runningTaskIds(String serviceName) {
        return services.runningTaskIds(serviceName);
    }

    @Override
    public synchronized Node inspectNode(String ref) {
        requireManager();
        return resolve(ref);
    }

    @Override
    public synchronized void updateNode(String ref, long version, NodeSpec newSpec) {
        requireManager();
        Node node = resolve(ref);
        if (version != node.version().index()) {
            throw new ApiException(500, DaemonMessages.UPDATE_OUT_OF_SEQUENCE);
        }
        lastNodeUpdate = newSpec;
        lastNodeUpdateVersion = version;
        nodes.put(node.id(), new Node(node.id(), new Version(++index), node.createdAt(), CREATED.plusSeconds(index),
                newSpec, node.description(), node.status(), node.managerStatus()));
    }

    @Override
    public synchronized void removeNode(String ref, boolean force) {
        requireManager();
        Node node = resolve(ref);
        if (!force && node.status().state() != NodeState.DOWN) {
            throw ApiException.badRequest("rpc error: code = FailedPrecondition desc = node " + node.id()
                    + " is not down and can't be removed");
        }
        nodes.remove(node.id());
    }

    private Node resolve(String ref) {
        Node exact = nodes.get(ref);
        if (exact != null) {
            return exact;
        }
        for (Node node : nodes.values()) {
            if (node.description().hostname().equalsIgnoreCase(ref)) {
                return node;
            }
        }
        List<Node> prefixed = nodes.values().stream().filter(n -> n.id().startsWith(ref.toLowerCase(Locale.ROOT)))
                .toList();
        if (prefixed.size() > 1) {
            throw ApiException.notFound(DaemonMessages.nodeAmbiguous(ref, prefixed.size()));
        }
        if (prefixed.isEmpty()) {
            throw ApiException.notFound(DaemonMessages.nodeNotFound(ref));
        }
        return prefixed.get(0);
    }

    private Swarm swarm() {
        return new Swarm(CLUSTER_ID, new Version(swarmVersion), CREATED, CREATED.plusSeconds(swarmVersion), spec,
                null, false, List.of("10.0.0.0/8"), 24, 4789, tokens);
    }

    private JoinTokens tokens() {
        String secret = String.format("%025d", rotations);
        return new JoinTokens("SWMTKN-1-" + CA_DIGEST + "-w" + secret.substring(1),
                "SWMTKN-1-" + CA_DIGEST + "-m" + secret.substring(1));
    }

    private static Node node(String id, long index, NodeSpec spec, String hostname, ManagerStatus managerStatus) {
        return new Node(id, new Version(index), CREATED, CREATED.plusSeconds(index), spec,
                new NodeDescription(hostname, new Platform("x86_64", "linux"), new Resources(2_000_000_000L, 4L << 30),
                        new EngineDescription(ApiVersions.ENGINE, Map.of()), null),
                new NodeStatus(NodeState.READY, "", ADDR), managerStatus);
    }

    private void requireOutsideSwarm() {
        if (state != LocalNodeState.INACTIVE) {
            throw ApiException.unavailable(DaemonMessages.ALREADY_IN_SWARM);
        }
    }

    private void requireManager() {
        if (state == LocalNodeState.INACTIVE) {
            throw ApiException.unavailable(DaemonMessages.NOT_A_MANAGER);
        }
        if (!manager) {
            throw ApiException.unavailable(DaemonMessages.WORKER_NOT_A_MANAGER);
        }
    }
}
