package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.JoinTokens;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.RestartPolicy;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.model.UpdateConfig;
import dev.swarmnet.controlplane.model.UpdateStatus;
import dev.swarmnet.controlplane.state.Applied;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A small cluster for orchestrator tests, driven entirely through the real
 * {@link ClusterState#apply}: {@code swarm init} (with an ingress network), joins, node updates
 * and dispatcher verdicts, service commands, agents' status reports and the orchestrator's own
 * commands, each applied at the next index and stamped with the clock the test moves.
 *
 * <p>{@code swarm init} makes a manager, {@code mgr}, which is drained (as production managers
 * often are) so that the tests' workers alone take tasks; it still counts among the nodes the
 * scheduler's reasons name as not available. Every command of the orchestrator must be accepted:
 * a refusal fails the test, since it means the orchestrator and {@code apply} disagree.
 */
final class TestCluster {
    static final long T0 = 1_760_000_000_000L;
    static final String MANAGER = "mgr";

    final Orchestrator orchestrator = new Orchestrator(IdSource.from(new Random(42)));
    long now = T0;
    private ClusterState state = ClusterState.EMPTY;
    private int joined;

    TestCluster() {
        String digest = "0".repeat(50);
        must(new Command.InitCluster(id("cluster"), ClusterSpec.unset(),
                new JoinTokens("SWMTKN-1-" + digest + "-" + "w".repeat(25), "SWMTKN-1-" + digest + "-" + "m".repeat(25)),
                TlsInfo.none(), List.of(), 0, 0, id(MANAGER), description(MANAGER, Map.of()), "192.168.56.2:2377",
                NodeAvailability.DRAIN, id("ingress")));
    }

    /** A readable 25-character ID: the name, padded with zeros. */
    static String id(String name) {
        return (name + "0".repeat(25)).substring(0, 25);
    }

    // ---- applying commands

    /** Applies {@code command} at the next index, stamped now. */
    synchronized Applied apply(Command command) {
        Applied applied = state.apply(command, state.appliedIndex() + 1, now);
        state = applied.state();
        return applied;
    }

    /** Applies {@code command} and fails the test if {@code apply} refuses it. */
    synchronized Applied must(Command command) {
        Applied applied = apply(command);
        if (!applied.result().succeeded()) {
            throw new AssertionError("apply refused " + command + ": " + applied.result());
        }
        return applied;
    }

    synchronized ClusterState state() {
        return state;
    }

    // ---- nodes

    private static NodeDescription description(String hostname, Map<String, String> engineLabels) {
        return new NodeDescription(hostname, new NodeDescription.Platform("x86_64", "linux"),
                new NodeDescription.Resources(2_000_000_000L, 4L << 30),
                new NodeDescription.Engine("swarmnet", engineLabels));
    }

    /** A node joins with these labels and the dispatcher marks it ready. */
    TestCluster node(String name, NodeRole role, Map<String, String> labels, Map<String, String> engineLabels) {
        String nodeId = id(name);
        must(new Command.AddNode(nodeId, role, description(name, engineLabels), "192.168.56." + (10 + joined++) + ":2377",
                NodeAvailability.ACTIVE));
        if (!labels.isEmpty()) {
            Node added = node(name);
            must(new Command.UpdateNode(nodeId, added.version(), added.spec().withLabels(labels)));
        }
        must(new Command.MarkNodeState(nodeId, NodeState.READY, ""));
        return this;
    }

    TestCluster workers(String... names) {
        for (String name : names) {
            node(name, NodeRole.WORKER, Map.of(), Map.of());
        }
        return this;
    }

    Node node(String name) {
        Node node = state.nodes().get(id(name));
        if (node == null) {
            throw new AssertionError("no node " + name);
        }
        return node;
    }

    /** {@code node update --availability}. */
    void availability(String name, NodeAvailability availability) {
        Node node = node(name);
        must(new Command.UpdateNode(node.id(), node.version(), node.spec().withAvailability(availability)));
    }

    /** The dispatcher's verdict on a node. */
    void nodeState(String name, NodeState nodeState) {
        must(new Command.MarkNodeState(id(name), nodeState, nodeState == NodeState.DOWN ? "heartbeat failure" : ""));
    }

    /** {@code node rm --force}. */
    void removeNode(String name) {
        must(new Command.RemoveNode(id(name), true));
    }

    /** {@code swarm update --task-history-limit}. */
    void historyLimit(long limit) {
        ClusterSpec unset = ClusterSpec.unset();
        must(new Command.UpdateCluster(state.cluster().version(), new ClusterSpec(unset.name(), unset.labels(),
                new ClusterSpec.Orchestration(limit), unset.raft(), unset.dispatcher(), unset.caConfig(),
                unset.encryption())));
    }

    /** {@code network create -d overlay NAME} (optionally {@code --subnet}); the network's ID is {@link #id}(name). */
    void network(String name, String subnet) {
        must(new Command.CreateNetwork(id(name), new NetworkSpec(name, Map.of(), NetworkSpec.OVERLAY, false, false,
                subnet, "", Map.of())));
    }

    // ---- services

    static TaskTemplate template(String image) {
        return new TaskTemplate(ContainerSpec.of(image), RestartPolicy.defaults(), List.of(), List.of(), 0);
    }

    static ServiceSpec replicated(String name, long replicas) {
        return new ServiceSpec(name, Map.of(), template("swarmnet/whoami"), ServiceMode.replicated(replicas),
                null, null, EndpointSpec.vip());
    }

    static ServiceSpec global(String name) {
        return new ServiceSpec(name, Map.of(), template("swarmnet/whoami"), ServiceMode.globalMode(),
                null, null, EndpointSpec.vip());
    }

    static ServiceSpec withConstraints(ServiceSpec spec, String... constraints) {
        TaskTemplate t = spec.taskTemplate();
        return spec.withTaskTemplate(new TaskTemplate(t.container(), t.restartPolicy(), List.of(constraints),
                t.networks(), t.forceUpdate()));
    }

    static ServiceSpec withRestart(ServiceSpec spec, RestartPolicy policy) {
        TaskTemplate t = spec.taskTemplate();
        return spec.withTaskTemplate(new TaskTemplate(t.container(), policy, t.constraints(), t.networks(),
                t.forceUpdate()));
    }

    static ServiceSpec withNetworks(ServiceSpec spec, String... networkNames) {
        TaskTemplate t = spec.taskTemplate();
        return spec.withTaskTemplate(new TaskTemplate(t.container(), t.restartPolicy(), t.constraints(),
                java.util.Arrays.stream(networkNames).map(TestCluster::id).toList(), t.forceUpdate()));
    }

    static ServiceSpec withUpdate(ServiceSpec spec, UpdateConfig update) {
        return new ServiceSpec(spec.name(), spec.labels(), spec.taskTemplate(), spec.mode(), update,
                spec.rollbackConfig(), spec.endpointSpec());
    }

    static ServiceSpec withImage(ServiceSpec spec, String image) {
        TaskTemplate t = spec.taskTemplate();
        return spec.withTaskTemplate(new TaskTemplate(ContainerSpec.of(image), t.restartPolicy(), t.constraints(),
                t.networks(), t.forceUpdate()));
    }

    /** {@code service create}; the service's ID is {@link #id}(name). */
    Service create(ServiceSpec spec) {
        return (Service) must(new Command.CreateService(id(spec.name()), spec)).result().value();
    }

    /** {@code service update} (or {@code scale}) from the version just read. */
    void update(String name, UnaryOperator<ServiceSpec> change) {
        Service s = service(name);
        must(new Command.UpdateService(s.id(), s.version(), change.apply(s.spec()), false));
    }

    /** {@code service update --rollback}. */
    void rollback(String name) {
        Service s = service(name);
        must(new Command.UpdateService(s.id(), s.version(), null, true));
    }

    /** {@code service scale NAME=replicas}. */
    void scale(String name, long replicas) {
        update(name, spec -> spec.withMode(ServiceMode.replicated(replicas)));
    }

    /** {@code service rm}. */
    void remove(String name) {
        must(new Command.RemoveService(id(name)));
    }

    Service service(String name) {
        return state.services().get(id(name));
    }

    // ---- the orchestrator

    /** One reconcile pass, every command applied (and accepted); returns what it proposed. */
    List<Command> pass() {
        List<Command> commands = orchestrator.reconcile(state(), now);
        commands.forEach(this::must);
        return commands;
    }

    /** Passes until nothing more is proposed, with agents starting every assigned task and stopping every unwanted one. */
    void settle() {
        for (int i = 0; i < 50; i++) {
            boolean agentsActed = agentsRun() | agentsStop();
            if (pass().isEmpty() && !agentsActed) {
                return;
            }
        }
        throw new AssertionError("no convergence after 50 passes: " + state.tasks().values());
    }

    // ---- agents

    /** Every assigned task on a ready node whose desired state is running reports running, one report per node. */
    boolean agentsRun() {
        return agentsReport(t -> t.desiredState() == TaskState.RUNNING
                && t.status().state().compareTo(TaskState.ASSIGNED) >= 0
                && t.status().state().compareTo(TaskState.RUNNING) < 0, TaskState.RUNNING);
    }

    /** Every task its ready node still runs although it is no longer wanted reports shutdown, one report per node. */
    boolean agentsStop() {
        return agentsReport(t -> t.desiredState().compareTo(TaskState.RUNNING) > 0 && !t.status().state().terminal(),
                TaskState.SHUTDOWN);
    }

    private boolean agentsReport(Predicate<Task> which, TaskState reported) {
        SortedMap<String, List<Command.TaskReport>> byNode = new TreeMap<>();
        for (Task t : state.tasks().values()) {
            Node node = state.nodes().get(t.nodeId());
            if (node != null && node.status().state() == NodeState.READY && which.test(t)) {
                byNode.computeIfAbsent(node.id(), k -> new ArrayList<>())
                        .add(new Command.TaskReport(t.id(), TaskStatus.of(now, reported, reported.wire())));
            }
        }
        byNode.forEach((nodeId, reports) -> must(new Command.ReportTaskStatus(nodeId, reports)));
        return !byNode.isEmpty();
    }

    /** The task's agent reports {@code reported}; the report must change the task. */
    void report(Task t, TaskState reported) {
        Applied applied = must(new Command.ReportTaskStatus(t.nodeId(),
                List.of(new Command.TaskReport(t.id(), TaskStatus.of(now, reported, reported.wire())))));
        if (((List<?>) applied.result().value()).isEmpty()) {
            throw new AssertionError("report of " + reported + " did not change task " + t);
        }
    }

    // ---- questions

    SortedMap<String, Task> tasks() {
        return state.tasks();
    }

    Task task(String taskId) {
        return state.tasks().get(taskId);
    }

    List<Task> tasksOf(String serviceName, Predicate<Task> filter) {
        List<Task> found = new ArrayList<>();
        for (Task t : state.tasks().values()) {
            if (t.serviceId().equals(id(serviceName)) && filter.test(t)) {
                found.add(t);
            }
        }
        found.sort(Comparator.comparingInt(Task::slot).thenComparing(TaskFacts.BY_CREATION));
        return found;
    }

    List<Task> live(String serviceName) {
        return tasksOf(serviceName, TaskFacts::live);
    }

    List<Task> running(String serviceName) {
        return tasksOf(serviceName, t -> TaskFacts.live(t) && t.status().state() == TaskState.RUNNING);
    }

    /** Live tasks of a service per node hostname. */
    Map<String, Integer> spread(String serviceName) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Task t : live(serviceName)) {
            counts.merge(state.nodes().get(t.nodeId()).description().hostname(), 1, Integer::sum);
        }
        return counts;
    }

    /** Running tasks of a service per node hostname. */
    Map<String, Integer> runningSpread(String serviceName) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Task t : running(serviceName)) {
            counts.merge(state.nodes().get(t.nodeId()).description().hostname(), 1, Integer::sum);
        }
        return counts;
    }

    void advance(long millis) {
        now += millis;
    }

    UpdateStatus updateStatus(String name) {
        return service(name).updateStatus();
    }
}
