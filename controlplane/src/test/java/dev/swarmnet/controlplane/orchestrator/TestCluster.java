package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Cluster;
import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.JoinTokens;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.NodeStatus;
import dev.swarmnet.controlplane.model.RestartPolicy;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceEndpoint;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.model.UpdateConfig;
import dev.swarmnet.controlplane.model.UpdateStatus;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A small cluster for orchestrator tests: nodes, services and tasks built from model records,
 * a clock the test moves, agents the test drives, and an applier of the orchestrator's commands
 * with the semantics the orchestrator assumes of {@code ClusterState.apply}.
 */
final class TestCluster {
    static final long T0 = 1_760_000_000_000L;

    final Orchestrator orchestrator = new Orchestrator(IdSource.from(new Random(42)));
    final TreeMap<String, Node> nodes = new TreeMap<>();
    final TreeMap<String, Service> services = new TreeMap<>();
    final TreeMap<String, Task> tasks = new TreeMap<>();
    Cluster cluster;
    long now = T0;
    private long index = 10;

    /** A readable 25-character ID: the name, padded with zeros. */
    static String id(String name) {
        return (name + "0".repeat(25)).substring(0, 25);
    }

    // ---- nodes

    TestCluster node(String name, NodeRole role, Map<String, String> labels, Map<String, String> engineLabels) {
        Node node = new Node(id(name), new Version(1), 0, 0,
                new NodeSpec("", labels, role, NodeAvailability.ACTIVE),
                new NodeDescription(name, new NodeDescription.Platform("x86_64", "linux"),
                        new NodeDescription.Resources(2_000_000_000L, 4L << 30),
                        new NodeDescription.Engine("swarmnet", engineLabels)),
                new NodeStatus(NodeState.READY, ""), "192.168.56." + (10 + nodes.size()) + ":2377", null);
        nodes.put(node.id(), node);
        return this;
    }

    TestCluster workers(String... names) {
        for (String name : names) {
            node(name, NodeRole.WORKER, Map.of(), Map.of());
        }
        return this;
    }

    void availability(String name, NodeAvailability availability) {
        Node node = nodes.get(id(name));
        nodes.put(node.id(), node.withSpec(node.spec().withAvailability(availability), null, ++index, now));
    }

    void nodeState(String name, NodeState state) {
        Node node = nodes.get(id(name));
        nodes.put(node.id(), node.withStatus(new NodeStatus(state, ""), ++index, now));
    }

    void historyLimit(long limit) {
        ClusterSpec spec = ClusterSpec.defaults();
        spec = new ClusterSpec(spec.name(), spec.labels(), new ClusterSpec.Orchestration(limit), spec.raft(),
                spec.dispatcher(), spec.caConfig(), spec.encryption());
        String token = "SWMTKN-1-" + "0".repeat(50) + "-" + "w".repeat(25);
        cluster = new Cluster(id("cluster"), new Version(1), T0, T0, spec, new JoinTokens(token, token),
                TlsInfo.none(), List.of(), 24, 4789);
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

    static ServiceSpec withUpdate(ServiceSpec spec, UpdateConfig update) {
        return new ServiceSpec(spec.name(), spec.labels(), spec.taskTemplate(), spec.mode(), update,
                spec.rollbackConfig(), spec.endpointSpec());
    }

    static ServiceSpec withImage(ServiceSpec spec, String image) {
        TaskTemplate t = spec.taskTemplate();
        return spec.withTaskTemplate(new TaskTemplate(ContainerSpec.of(image), t.restartPolicy(), t.constraints(),
                t.networks(), t.forceUpdate()));
    }

    Service create(ServiceSpec spec) {
        Service service = new Service(id(spec.name()), new Version(++index), now, now, spec, null,
                new ServiceEndpoint(spec.endpointSpec(), List.of(), List.of()), null);
        services.put(service.id(), service);
        return service;
    }

    /** What {@code service update} does: the new spec, the old one kept, the update status cleared. */
    void update(String name, UnaryOperator<ServiceSpec> change) {
        Service s = service(name);
        services.put(s.id(), new Service(s.id(), new Version(++index), s.createdAtMillis(), now, change.apply(s.spec()),
                s.spec(), s.endpoint(), null));
    }

    void remove(String name) {
        Service s = services.remove(id(name));
        for (Task task : List.copyOf(tasks.values())) {
            if (task.serviceId().equals(s.id())) {
                put(task, task.nodeId(), TaskState.REMOVE, task.status());
            }
        }
    }

    Service service(String name) {
        return services.get(id(name));
    }

    // ---- the orchestrator and the assumed apply

    ClusterState state() {
        return ClusterState.of(index, cluster, List.copyOf(nodes.values()), List.of(), List.copyOf(services.values()),
                List.copyOf(tasks.values()));
    }

    /** One reconcile pass, applied; returns what it proposed. */
    List<Command> pass() {
        List<Command> commands = orchestrator.reconcile(state(), now);
        commands.forEach(this::apply);
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
        throw new AssertionError("no convergence after 50 passes: " + tasks.values());
    }

    void apply(Command command) {
        index++;
        if (command instanceof Command.WriteTasks write) {
            for (Command.NewTask n : write.create()) {
                Service s = services.get(n.serviceId());
                TaskStatus status = n.nodeId().isEmpty()
                        ? TaskStatus.of(now, TaskState.PENDING, "pending task scheduling")
                        : TaskStatus.of(now, TaskState.ASSIGNED, "scheduler assigned task to node");
                tasks.put(n.taskId(), new Task(n.taskId(), new Version(index), now, now, s.id(), s.name(), n.slot(),
                        n.nodeId(), s.spec().taskTemplate(), n.desiredState(), status, List.of()));
            }
            for (Command.TaskChange c : write.change()) {
                Task t = tasks.get(c.taskId());
                TaskState desired = c.desiredState() != null && c.desiredState().compareTo(t.desiredState()) > 0
                        ? c.desiredState() : t.desiredState();
                put(t, c.nodeId() != null ? c.nodeId() : t.nodeId(), desired,
                        c.status() != null ? c.status() : t.status());
            }
            write.delete().forEach(tasks::remove);
        } else if (command instanceof Command.SetUpdateStatus set) {
            Service s = services.get(set.serviceId());
            services.put(s.id(), new Service(s.id(), new Version(index), s.createdAtMillis(), now, s.spec(),
                    s.previousSpec(), s.endpoint(), set.status()));
        } else if (command instanceof Command.UpdateService u && u.rollback()) {
            Service s = services.get(u.serviceId());
            services.put(s.id(), new Service(s.id(), new Version(index), s.createdAtMillis(), now, s.previousSpec(),
                    s.spec(), s.endpoint(), null));
        } else {
            throw new AssertionError("unexpected command " + command);
        }
    }

    // ---- agents

    /** Every live assigned task on a ready node whose desired state is running reports running. */
    boolean agentsRun() {
        boolean acted = false;
        for (Task t : List.copyOf(tasks.values())) {
            Node node = nodes.get(t.nodeId());
            if (node != null && node.status().state() == NodeState.READY && t.desiredState() == TaskState.RUNNING
                    && t.status().state().compareTo(TaskState.RUNNING) < 0
                    && t.status().state().compareTo(TaskState.ASSIGNED) >= 0) {
                report(t, TaskState.RUNNING);
                acted = true;
            }
        }
        return acted;
    }

    /** Every task its ready node still runs although it is no longer wanted reports shutdown. */
    boolean agentsStop() {
        boolean acted = false;
        for (Task t : List.copyOf(tasks.values())) {
            Node node = nodes.get(t.nodeId());
            if (node != null && node.status().state() == NodeState.READY
                    && t.desiredState().compareTo(TaskState.RUNNING) > 0 && !t.status().state().terminal()) {
                report(t, TaskState.SHUTDOWN);
                acted = true;
            }
        }
        return acted;
    }

    void report(Task t, TaskState state) {
        put(tasks.get(t.id()), t.nodeId(), tasks.get(t.id()).desiredState(), TaskStatus.of(now, state, state.wire()));
    }

    private void put(Task t, String nodeId, TaskState desired, TaskStatus status) {
        tasks.put(t.id(), new Task(t.id(), new Version(index), t.createdAtMillis(), now, t.serviceId(),
                t.serviceName(), t.slot(), nodeId, t.spec(), desired, status, t.networks()));
    }

    // ---- questions

    List<Task> tasksOf(String serviceName, Predicate<Task> filter) {
        List<Task> found = new ArrayList<>();
        for (Task t : tasks.values()) {
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
            counts.merge(nodes.get(t.nodeId()).description().hostname(), 1, Integer::sum);
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
