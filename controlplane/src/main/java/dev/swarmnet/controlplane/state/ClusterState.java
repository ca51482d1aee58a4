package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Cluster;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.SortedMaps;
import dev.swarmnet.controlplane.model.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One immutable snapshot of everything the managers replicate, and the pure transition
 * function the Raft state machine wraps.
 *
 * <p><b>Contract of {@link #apply}</b> (in the spirit of HashiCorp raft's {@code FSM.Apply}):
 * <ul>
 *   <li><b>Deterministic.</b> The result depends only on this state, the command, the index and
 *       the timestamp. No clock, randomness, I/O, hash order or locale is consulted; new IDs and
 *       tokens arrive inside commands, and the timestamp must come from the log entry (see
 *       {@link StampedCommand}), never from the applying replica's clock.</li>
 *   <li><b>Total.</b> A command that is invalid in this state is not an exception: it yields a
 *       {@link Result.Failure} and a state that differs only by its applied index. Exceptions are
 *       reserved for caller bugs: a {@code null} command or an index not above
 *       {@link #appliedIndex()}.</li>
 *   <li><b>Indexed.</b> Entries are applied in log order with strictly increasing indexes; the
 *       index becomes the {@link dev.swarmnet.controlplane.model.Version} of every object the
 *       command changes and the new {@link #appliedIndex()}.</li>
 *   <li><b>Threading.</b> States are immutable values: {@code apply} may run on the Raft
 *       applier thread while any number of readers (API, reconcilers) hold older states. The
 *       shell publishes each new state with a single volatile write; readers never lock.</li>
 * </ul>
 *
 * @param appliedIndex Raft index of the last applied entry (0 before any)
 * @param cluster      the cluster object, {@code null} before {@code swarm init}
 * @param nodes        nodes by ID
 * @param networks     overlay networks by ID
 * @param services     services by ID
 * @param tasks        tasks by ID
 */
public record ClusterState(long appliedIndex, Cluster cluster, SortedMap<String, Node> nodes,
                           SortedMap<String, Network> networks, SortedMap<String, Service> services,
                           SortedMap<String, Task> tasks) {

    /** The state of a manager that has applied nothing. */
    public static final ClusterState EMPTY = new ClusterState(0, null, null, null, null, null);

    public ClusterState {
        if (appliedIndex < 0) {
            throw new IllegalArgumentException("applied index must not be negative: " + appliedIndex);
        }
        nodes = keyedById(nodes, Node::id);
        networks = keyedById(networks, Network::id);
        services = keyedById(services, Service::id);
        tasks = keyedById(tasks, Task::id);
    }

    /** A state holding exactly these objects, keyed by their IDs. */
    public static ClusterState of(long appliedIndex, Cluster cluster, List<Node> nodes, List<Network> networks,
                                  List<Service> services, List<Task> tasks) {
        return new ClusterState(appliedIndex, cluster, byId(nodes, Node::id), byId(networks, Network::id),
                byId(services, Service::id), byId(tasks, Task::id));
    }

    /**
     * Applies the Raft entry at {@code index}, stamped {@code timestampMillis} by its proposer.
     * See the class comment for the contract.
     */
    public Applied apply(Command command, long index, long timestampMillis) {
        Objects.requireNonNull(command, "command");
        if (index <= appliedIndex) {
            throw new IllegalArgumentException("entry " + index + " is not after the applied index " + appliedIndex);
        }
        ClusterState at = new ClusterState(index, cluster, nodes, networks, services, tasks);
        try {
            return dispatch(at, command, index, timestampMillis);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A field the handlers did not check broke a model invariant: refuse it like any bad input.
            return new Applied(at, StateErrors.invalid("invalid " + command.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
    }

    /** {@link #apply(Command, long, long)} for a decoded log entry. */
    public Applied apply(StampedCommand entry, long index) {
        return apply(entry.command(), index, entry.timestampMillis());
    }

    private static Applied dispatch(ClusterState at, Command command, long index, long now) {
        if (command instanceof Command.InitCluster c) {
            return ClusterCommands.init(at, c, index, now);
        } else if (command instanceof Command.UpdateCluster c) {
            return ClusterCommands.update(at, c, index, now);
        } else if (command instanceof Command.RotateJoinToken c) {
            return ClusterCommands.rotateJoinToken(at, c, index, now);
        } else if (command instanceof Command.AddNode c) {
            return NodeCommands.add(at, c, index, now);
        } else if (command instanceof Command.UpdateNode c) {
            return NodeCommands.update(at, c, index, now);
        } else if (command instanceof Command.RemoveNode c) {
            return NodeCommands.remove(at, c);
        } else if (command instanceof Command.MarkNodeState c) {
            return NodeCommands.markState(at, c, index, now);
        } else if (command instanceof Command.SetManagerStatus c) {
            return NodeCommands.setManagerStatus(at, c, index, now);
        } else if (command instanceof Command.CreateNetwork c) {
            return NetworkCommands.create(at, c, index, now);
        } else if (command instanceof Command.RemoveNetwork c) {
            return NetworkCommands.remove(at, c, index, now);
        } else if (command instanceof Command.CreateService c) {
            return ServiceCommands.create(at, c, index, now);
        } else if (command instanceof Command.UpdateService c) {
            return ServiceCommands.update(at, c, index, now);
        } else if (command instanceof Command.RemoveService c) {
            return ServiceCommands.remove(at, c, index, now);
        } else if (command instanceof Command.SetUpdateStatus c) {
            return ServiceCommands.setUpdateStatus(at, c, index, now);
        } else if (command instanceof Command.WriteTasks c) {
            return TaskCommands.write(at, c, index, now);
        } else if (command instanceof Command.ReportTaskStatus c) {
            return TaskCommands.report(at, c, index, now);
        }
        throw new IllegalStateException("unhandled command " + command.getClass().getName());
    }

    /** Whether {@code swarm init} has been applied. */
    public boolean initialized() {
        return cluster != null;
    }

    /** The node with exactly this ID. */
    public Optional<Node> node(String id) {
        return Optional.ofNullable(id == null ? null : nodes.get(id));
    }

    /**
     * Resolves a user's node reference as Docker does: full ID, else name or hostname
     * (case-insensitive), else unique ID prefix. Failures: 404 {@code node X not found},
     * 400 {@code node X is ambiguous (N matches found)}.
     */
    public Result<Node> resolveNode(String ref) {
        return NameLookup.resolve("node", ref, nodes.values(), Node::id, Node::displayName);
    }

    /** Nodes whose role is manager, in ID order. */
    public List<Node> managers() {
        List<Node> managers = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (node.manager()) {
                managers.add(node);
            }
        }
        return Collections.unmodifiableList(managers);
    }

    /** The manager whose status says it leads, if any. */
    public Optional<Node> leader() {
        for (Node node : nodes.values()) {
            if (node.managerStatus() != null && node.managerStatus().leader()) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    /** The network with exactly this ID. */
    public Optional<Network> network(String id) {
        return Optional.ofNullable(id == null ? null : networks.get(id));
    }

    /** The service with exactly this ID. */
    public Optional<Service> service(String id) {
        return Optional.ofNullable(id == null ? null : services.get(id));
    }

    /** The task with exactly this ID. */
    public Optional<Task> task(String id) {
        return Optional.ofNullable(id == null ? null : tasks.get(id));
    }

    /**
     * Resolves a user's network reference as Docker does: full ID, else name (case-insensitive),
     * else unique ID prefix. Failures: 404 {@code network X not found}, 400
     * {@code network X is ambiguous (N matches found)}.
     */
    public Result<Network> resolveNetwork(String ref) {
        return NameLookup.resolve("network", ref, networks.values(), Network::id, Network::name);
    }

    /**
     * Resolves a user's service reference as Docker does: full ID, else name (case-insensitive),
     * else unique ID prefix. Failures: 404 {@code service X not found}, 400
     * {@code service X is ambiguous (N matches found)}.
     */
    public Result<Service> resolveService(String ref) {
        return NameLookup.resolve("service", ref, services.values(), Service::id, Service::name);
    }

    /** The routing-mesh network ({@code spec.ingress}), if there is one. */
    public Optional<Network> ingressNetwork() {
        for (Network network : networks.values()) {
            if (network.spec().ingress()) {
                return Optional.of(network);
            }
        }
        return Optional.empty();
    }

    /** The tasks of a service, in task ID order (tasks of a removed service included until deleted). */
    public List<Task> tasksOf(String serviceId) {
        List<Task> found = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (task.serviceId().equals(serviceId)) {
                found.add(task);
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** The tasks assigned to a node, in task ID order. */
    public List<Task> tasksOn(String nodeId) {
        List<Task> found = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (!task.nodeId().isEmpty() && task.nodeId().equals(nodeId)) {
                found.add(task);
            }
        }
        return Collections.unmodifiableList(found);
    }

    ClusterState withCluster(Cluster newCluster) {
        return new ClusterState(appliedIndex, newCluster, nodes, networks, services, tasks);
    }

    ClusterState withNode(Node node) {
        TreeMap<String, Node> copy = new TreeMap<>(nodes);
        copy.put(node.id(), node);
        return new ClusterState(appliedIndex, cluster, copy, networks, services, tasks);
    }

    ClusterState withoutNode(String id) {
        TreeMap<String, Node> copy = new TreeMap<>(nodes);
        copy.remove(id);
        return new ClusterState(appliedIndex, cluster, copy, networks, services, tasks);
    }

    ClusterState withNetwork(Network network) {
        TreeMap<String, Network> copy = new TreeMap<>(networks);
        copy.put(network.id(), network);
        return new ClusterState(appliedIndex, cluster, nodes, copy, services, tasks);
    }

    ClusterState withoutNetwork(String id) {
        TreeMap<String, Network> copy = new TreeMap<>(networks);
        copy.remove(id);
        return new ClusterState(appliedIndex, cluster, nodes, copy, services, tasks);
    }

    ClusterState withService(Service service) {
        TreeMap<String, Service> copy = new TreeMap<>(services);
        copy.put(service.id(), service);
        return new ClusterState(appliedIndex, cluster, nodes, networks, copy, tasks);
    }

    ClusterState withoutService(String id) {
        TreeMap<String, Service> copy = new TreeMap<>(services);
        copy.remove(id);
        return new ClusterState(appliedIndex, cluster, nodes, networks, copy, tasks);
    }

    ClusterState withTask(Task task) {
        return withTasks(List.of(task), List.of());
    }

    /** This state with {@code changed} tasks put (by ID) and the tasks with IDs in {@code removed} gone. */
    ClusterState withTasks(Collection<Task> changed, Collection<String> removed) {
        if (changed.isEmpty() && removed.isEmpty()) {
            return this;
        }
        TreeMap<String, Task> copy = new TreeMap<>(tasks);
        for (Task task : changed) {
            copy.put(task.id(), task);
        }
        for (String id : removed) {
            copy.remove(id);
        }
        return new ClusterState(appliedIndex, cluster, nodes, networks, services, copy);
    }

    private static <T> SortedMap<String, T> keyedById(Map<String, T> map, Function<T, String> id) {
        SortedMap<String, T> copy = SortedMaps.copyOf(map);
        copy.forEach((key, value) -> {
            if (!key.equals(id.apply(value))) {
                throw new IllegalArgumentException("key " + key + " holds object " + id.apply(value));
            }
        });
        return copy;
    }

    private static <T> SortedMap<String, T> byId(List<T> objects, Function<T, String> id) {
        TreeMap<String, T> map = new TreeMap<>();
        for (T object : objects) {
            if (map.put(id.apply(object), object) != null) {
                throw new IllegalArgumentException("duplicate ID " + id.apply(object));
            }
        }
        return map;
    }
}
