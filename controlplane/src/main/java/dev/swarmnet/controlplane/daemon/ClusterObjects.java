package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiException;
import dev.swarmnet.controlplane.api.Filters;
import dev.swarmnet.controlplane.api.ListFilters;
import dev.swarmnet.controlplane.api.NetworkJson;
import dev.swarmnet.controlplane.api.ServiceJson;
import dev.swarmnet.controlplane.api.SwarmBackend;
import dev.swarmnet.controlplane.api.TaskJson;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.state.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Docker API's networks, services and tasks over a manager's store: references resolved
 * against a linearizable read, writes as {@link Command}s, refusals as Docker-worded
 * {@link ApiException}s ({@link StoreCalls}). Stateless apart from its manager; API workers call
 * it concurrently.
 */
final class ClusterObjects {
    private final Manager manager;
    private final Supplier<String> selfNodeId;
    private final int networkMtu;
    /** Docker's network option for the MTU inside an overlay. */
    private static final String DRIVER_MTU = "com.docker.network.driver.mtu";

    /**
     * @param networkMtu the MTU of networks created without an MTU option (the manager's setting)
     */
    ClusterObjects(Manager manager, int networkMtu, Supplier<String> selfNodeId) {
        this.manager = manager;
        this.networkMtu = networkMtu;
        this.selfNodeId = selfNodeId;
    }

    ClusterState read() {
        return StoreCalls.await(manager.store().read());
    }

    private void submit(Command command) {
        StoreCalls.check(StoreCalls.await(manager.store().submit(command)));
        manager.nudge();
    }

    // ---- networks

    String createNetwork(NetworkSpec spec) {
        String id = Ids.newId();
        submit(new Command.CreateNetwork(id, withMtu(spec)));
        return id;
    }

    /**
     * {@code spec} with this manager's MTU as {@code com.docker.network.driver.mtu} when it gives
     * no MTU and the manager's differs from the built-in default (so a default set-up creates
     * exactly the spec it was given, as Docker does).
     */
    private NetworkSpec withMtu(NetworkSpec spec) {
        if (networkMtu == Network.DEFAULT_MTU || spec.options().containsKey(DRIVER_MTU)
                || spec.options().containsKey("mtu")) {
            return spec;
        }
        java.util.Map<String, String> options = new java.util.TreeMap<>(spec.options());
        options.put(DRIVER_MTU, Integer.toString(networkMtu));
        return new NetworkSpec(spec.name(), spec.labels(), spec.driver(), spec.attachable(), spec.ingress(),
                spec.subnet(), spec.gateway(), options);
    }

    List<dev.swarmnet.controlplane.api.model.Network> listNetworks(Filters filters) {
        List<dev.swarmnet.controlplane.api.model.Network> result = new ArrayList<>();
        for (Network network : read().networks().values()) {
            if (ListFilters.network(filters, network)) {
                result.add(NetworkJson.toApi(network));
            }
        }
        return result;
    }

    dev.swarmnet.controlplane.api.model.Network inspectNetwork(String ref) {
        return NetworkJson.toApi(network(read(), ref));
    }

    void removeNetwork(String ref) {
        submit(new Command.RemoveNetwork(network(read(), ref).id()));
    }

    // ---- services

    SwarmBackend.Created createService(ServiceSpec spec) {
        String id = Ids.newId();
        submit(new Command.CreateService(id, withNetworkIds(read(), spec)));
        return new SwarmBackend.Created(id, List.of());
    }

    List<dev.swarmnet.controlplane.api.model.Service> listServices(Filters filters, boolean status) {
        ClusterState state = read();
        List<dev.swarmnet.controlplane.api.model.Service> result = new ArrayList<>();
        for (Service service : state.services().values()) {
            if (ListFilters.service(filters, service)) {
                dev.swarmnet.controlplane.api.model.Service view = ServiceJson.toApi(service);
                result.add(status ? view.withStatus(ServiceJson.status(service, state.tasksOf(service.id()))) : view);
            }
        }
        return result;
    }

    dev.swarmnet.controlplane.api.model.Service inspectService(String ref) {
        return ServiceJson.toApi(service(read(), ref));
    }

    List<String> updateService(String ref, long version, ServiceSpec spec, boolean rollback) {
        ClusterState state = read();
        Service service = service(state, ref);
        submit(new Command.UpdateService(service.id(), new Version(version),
                rollback ? null : withNetworkIds(state, spec), rollback));
        return List.of();
    }

    void removeService(String ref) {
        submit(new Command.RemoveService(service(read(), ref).id()));
    }

    // ---- tasks

    List<dev.swarmnet.controlplane.api.model.Task> listTasks(Filters filters) {
        ClusterState state = read();
        Set<String> serviceIds = new HashSet<>();
        for (String ref : filters.get("service")) {
            serviceIds.add(service(state, ref).id());
        }
        Set<String> nodeIds = new HashSet<>();
        for (String ref : filters.get("node")) {
            nodeIds.add(node(state, ref.equals("self") ? selfNodeId.get() : ref).id());
        }
        List<dev.swarmnet.controlplane.api.model.Task> result = new ArrayList<>();
        for (Task task : state.tasks().values()) {
            TaskTemplate current = state.service(task.serviceId()).map(s -> s.spec().taskTemplate()).orElse(null);
            if (ListFilters.task(filters, task, serviceIds, nodeIds, current)) {
                result.add(TaskJson.toApi(task, id -> state.network(id).orElse(null)));
            }
        }
        return result;
    }

    dev.swarmnet.controlplane.api.model.Task inspectTask(String ref) {
        ClusterState state = read();
        return TaskJson.toApi(task(state, ref), id -> state.network(id).orElse(null));
    }

    // ---- references

    /** The spec with every network target (name, ID or prefix) replaced by the network's ID. */
    private static ServiceSpec withNetworkIds(ClusterState state, ServiceSpec spec) {
        List<String> ids = new ArrayList<>();
        for (String ref : spec.taskTemplate().networks()) {
            ids.add(network(state, ref).id());
        }
        TaskTemplate t = spec.taskTemplate();
        return spec.withTaskTemplate(new TaskTemplate(t.container(), t.restartPolicy(), t.constraints(), ids,
                t.forceUpdate()));
    }

    static Network network(ClusterState state, String ref) {
        return found(state.resolveNetwork(ref));
    }

    static Service service(ClusterState state, String ref) {
        return found(state.resolveService(ref));
    }

    static Node node(ClusterState state, String ref) {
        return found(state.resolveNode(ref));
    }

    /** A task by full ID or unique ID prefix (tasks have no names of their own). */
    static Task task(ClusterState state, String ref) {
        Task exact = state.tasks().get(ref);
        if (exact != null) {
            return exact;
        }
        List<Task> matches = new ArrayList<>();
        for (Task task : state.tasks().tailMap(ref).values()) {
            if (!task.id().startsWith(ref)) {
                break;
            }
            matches.add(task);
        }
        if (matches.size() == 1 && !ref.isEmpty()) {
            return matches.get(0);
        }
        throw ApiException.notFound(dev.swarmnet.controlplane.api.DaemonMessages.taskNotFound(ref));
    }

    private static <T> T found(Result<T> result) {
        if (result instanceof Result.Failure<T> failure) {
            throw StoreCalls.failure(failure);
        }
        return result.value();
    }
}
