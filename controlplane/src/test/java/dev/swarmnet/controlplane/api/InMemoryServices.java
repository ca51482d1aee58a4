package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceEndpoint;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.model.VirtualIp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Networks, services and tasks held in memory, in the cluster model's records and shown through
 * the API's conversions, as the daemon will: a test double of the backend, not of the cluster.
 * A created or updated service's tasks are running at once on the given nodes; each task has
 * written two lines of output. Synchronized; the API workers and the test thread may both use it.
 */
final class InMemoryServices {

    static final long START_MILLIS = InMemorySwarm.CREATED.toEpochMilli();

    private final Random random = new Random(20251125);
    private final LongSupplier nextIndex;
    private final Supplier<List<String>> nodeIds;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, List<LogEntry>> logs = new LinkedHashMap<>();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private int nextSubnet = 1;
    private int nextPort = 30000;

    private record Follower(String serviceId, LogStream.Sink sink) {
    }

    /**
     * @param nextIndex the swarm's version counter
     * @param nodeIds   the nodes tasks run on: replicated tasks on the first, global ones on each
     */
    InMemoryServices(LongSupplier nextIndex, Supplier<List<String>> nodeIds) {
        this.nextIndex = nextIndex;
        this.nodeIds = nodeIds;
        long index = nextIndex.getAsLong();
        Network ingress = new Network(Ids.newId(random), new Version(index), START_MILLIS, START_MILLIS,
                new NetworkSpec("ingress", Map.of(), NetworkSpec.OVERLAY, false, true, "", "", Map.of()), 4096,
                "10.0.0.0/24", "10.0.0.1", Network.DEFAULT_MTU, "");
        networks.put(ingress.id(), ingress);
    }

    synchronized String createNetwork(NetworkSpec spec) {
        for (Network network : networks.values()) {
            if (network.name().equals(spec.name())) {
                throw new ApiException(409, DaemonMessages.networkExists(spec.name()));
            }
        }
        int n = nextSubnet++;
        String subnet = spec.subnet().isEmpty() ? "10.0." + n + ".0/24" : spec.subnet();
        String gateway = spec.gateway().isEmpty() ? subnet.substring(0, subnet.lastIndexOf('.')) + ".1"
                : spec.gateway();
        long index = nextIndex.getAsLong();
        Network network = new Network(Ids.newId(random), new Version(index), millis(index), millis(index), spec,
                4096 + n, subnet, gateway, Network.DEFAULT_MTU, "");
        networks.put(network.id(), network);
        return network.id();
    }

    synchronized List<dev.swarmnet.controlplane.api.model.Network> listNetworks(Filters filters) {
        return networks.values().stream()
                .filter(n -> ListFilters.network(filters, n))
                .map(NetworkJson::toApi).toList();
    }

    synchronized dev.swarmnet.controlplane.api.model.Network inspectNetwork(String ref) {
        return NetworkJson.toApi(network(ref));
    }

    synchronized void removeNetwork(String ref) {
        Network network = network(ref);
        for (Service service : services.values()) {
            if (network.spec().ingress() && service.endpoint().ports().stream()
                    .anyMatch(p -> p.publishMode().equals(PortConfig.INGRESS))) {
                throw new ApiException(403, DaemonMessages.ingressNotRemovable(service.id()));
            }
            if (service.spec().taskTemplate().networks().contains(network.id())) {
                throw new ApiException(409, DaemonMessages.networkInUse(network.id(), service.id()));
            }
        }
        networks.remove(network.id());
    }

    synchronized SwarmBackend.Created createService(ServiceSpec spec) {
        for (Service service : services.values()) {
            if (service.name().equals(spec.name())) {
                throw new ApiException(409, DaemonMessages.serviceExists(spec.name()));
            }
        }
        ServiceSpec resolved = withNetworkIds(spec);
        long index = nextIndex.getAsLong();
        String id = Ids.newId(random);
        Service service = new Service(id, new Version(index), millis(index), millis(index), resolved, null,
                endpoint(resolved, null), null);
        services.put(id, service);
        reconcile(service);
        return new SwarmBackend.Created(id, List.of());
    }

    synchronized List<dev.swarmnet.controlplane.api.model.Service> listServices(Filters filters, boolean status) {
        return services.values().stream()
                .filter(s -> ListFilters.service(filters, s))
                .map(s -> status ? ServiceJson.toApi(s).withStatus(ServiceJson.status(s, tasks.values()))
                        : ServiceJson.toApi(s))
                .toList();
    }

    synchronized dev.swarmnet.controlplane.api.model.Service inspectService(String ref) {
        return ServiceJson.toApi(service(ref));
    }

    synchronized void updateService(String ref, long version, ServiceSpec spec, boolean rollback) {
        Service current = service(ref);
        if (version != current.version().index()) {
            throw new ApiException(500, DaemonMessages.UPDATE_OUT_OF_SEQUENCE);
        }
        ServiceSpec next;
        if (rollback) {
            if (current.previousSpec() == null) {
                throw ApiException.badRequest(DaemonMessages.noPreviousSpec(current.id()));
            }
            next = current.previousSpec();
        } else {
            next = withNetworkIds(spec);
        }
        long index = nextIndex.getAsLong();
        Service updated = new Service(current.id(), new Version(index), current.createdAtMillis(), millis(index), next,
                current.spec(), endpoint(next, current.endpoint()), null);
        services.put(updated.id(), updated);
        reconcile(updated);
    }

    synchronized void removeService(String ref) {
        Service service = service(ref);
        services.remove(service.id());
        tasks.values().removeIf(task -> task.serviceId().equals(service.id()));
    }

    synchronized List<dev.swarmnet.controlplane.api.model.Task> listTasks(Filters filters,
                                                                         Function<String, String> resolveNode) {
        Set<String> serviceIds = new java.util.HashSet<>();
        filters.get("service").forEach(ref -> serviceIds.add(service(ref).id()));
        Set<String> nodes = new java.util.HashSet<>();
        filters.get("node").forEach(ref -> nodes.add(resolveNode.apply(ref)));
        return tasks.values().stream()
                .filter(t -> ListFilters.task(filters, t, serviceIds, nodes, services.containsKey(t.serviceId())
                        ? services.get(t.serviceId()).spec().taskTemplate() : null))
                .map(this::json).toList();
    }

    synchronized dev.swarmnet.controlplane.api.model.Task inspectTask(String ref) {
        Task exact = tasks.get(ref);
        if (exact != null) {
            return json(exact);
        }
        List<Task> prefixed = tasks.values().stream().filter(t -> t.id().startsWith(ref)).toList();
        if (prefixed.size() != 1) {
            throw ApiException.notFound(DaemonMessages.taskNotFound(ref));
        }
        return json(prefixed.get(0));
    }

    synchronized LogStream taskLogs(String ref, LogOptions options) {
        String taskId = inspectTask(ref).id();
        return logs(tasks.get(taskId).serviceId(), taskId, options);
    }

    synchronized LogStream serviceLogs(String ref, LogOptions options) {
        return logs(service(ref).id(), null, options);
    }

    /** The output of a service's tasks, or of one task when {@code taskId} is not null. */
    private LogStream logs(String serviceId, String taskId, LogOptions options) {
        List<LogEntry> backlog = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (task.serviceId().equals(serviceId) && (taskId == null || task.id().equals(taskId))) {
                List<LogEntry> lines = logs.getOrDefault(task.id(), List.of());
                int from = options.tail() < 0 ? 0 : Math.max(0, lines.size() - options.tail());
                backlog.addAll(lines.subList(from, lines.size()));
            }
        }
        return new LogStream() {
            private Follower follower;

            @Override
            public void start(Sink sink) {
                synchronized (InMemoryServices.this) {
                    backlog.forEach(sink::entry);
                    if (options.follow()) {
                        follower = new Follower(serviceId, sink);
                        followers.add(follower);
                    } else {
                        sink.end();
                    }
                }
            }

            @Override
            public void close() {
                followers.remove(follower);
            }
        };
    }

    /** The task writes a line on stdout; followers of its service get it at once. */
    synchronized void write(String serviceName, int slot, String line) {
        for (Task task : tasks.values()) {
            if (task.serviceName().equals(serviceName) && task.slot() == slot
                    && task.desiredState() == TaskState.RUNNING) {
                LogEntry entry = log(task, LogEntry.Stream.STDOUT, line);
                followers.stream().filter(f -> f.serviceId().equals(task.serviceId()))
                        .forEach(f -> f.sink().entry(entry));
                return;
            }
        }
        throw new IllegalArgumentException("no running task " + serviceName + "." + slot);
    }

    /** How many clients follow logs now. */
    int followers() {
        return followers.size();
    }

    /** The IDs of a service's tasks that should be running. */
    synchronized List<String> runningTaskIds(String serviceName) {
        return tasks.values().stream()
                .filter(t -> t.serviceName().equals(serviceName) && t.desiredState() == TaskState.RUNNING)
                .map(Task::id).toList();
    }

    /** Brings the tasks in line with the spec: stale ones shut down, missing slots started. */
    private void reconcile(Service service) {
        ServiceSpec spec = service.spec();
        List<String> nodes = nodeIds.get();
        Set<Integer> slots = new java.util.TreeSet<>();
        if (spec.mode().global()) {
            slots.add(0);
        } else {
            for (int slot = 1; slot <= spec.mode().replicas(); slot++) {
                slots.add(slot);
            }
        }
        List<String> covered = new ArrayList<>();
        for (Task task : List.copyOf(tasks.values())) {
            if (!task.serviceId().equals(service.id()) || task.desiredState() != TaskState.RUNNING) {
                continue;
            }
            boolean wanted = slots.contains(task.slot()) && task.spec().equals(spec.taskTemplate())
                    && task.serviceName().equals(spec.name());
            if (wanted) {
                covered.add(task.slot() + "/" + task.nodeId());
                continue;
            }
            TaskState desired = slots.contains(task.slot()) ? TaskState.SHUTDOWN : TaskState.REMOVE;
            long index = nextIndex.getAsLong();
            tasks.put(task.id(), new Task(task.id(), new Version(index), task.createdAtMillis(), millis(index),
                    task.serviceId(), task.serviceName(), task.slot(), task.nodeId(), task.spec(), desired,
                    new TaskStatus(millis(index), TaskState.SHUTDOWN, "shutdown", "", 0, 0), task.networks()));
        }
        for (int slot : slots) {
            for (String node : spec.mode().global() ? nodes : List.of(nodes.get(0))) {
                if (!covered.contains(slot + "/" + node)) {
                    start(service, slot, node);
                }
            }
        }
    }

    private void start(Service service, int slot, String node) {
        long index = nextIndex.getAsLong();
        List<NetworkAttachment> attachments = new ArrayList<>();
        int host = 10 + tasks.size();
        for (String networkId : service.spec().taskTemplate().networks()) {
            Network network = networks.get(networkId);
            String prefix = network.subnet().substring(0, network.subnet().lastIndexOf('.'));
            attachments.add(new NetworkAttachment(networkId, prefix + "." + host + "/24"));
        }
        Task task = new Task(Ids.newId(random), new Version(index), millis(index), millis(index), service.id(),
                service.name(), slot, node, service.spec().taskTemplate(), TaskState.RUNNING,
                new TaskStatus(millis(index), TaskState.RUNNING, "started", "", 4000 + tasks.size(), 0), attachments);
        tasks.put(task.id(), task);
        log(task, LogEntry.Stream.STDOUT, "listening on :80 as " + task.name());
        log(task, LogEntry.Stream.STDERR, "warning: " + task.serviceName() + " has no config");
    }

    private LogEntry log(Task task, LogEntry.Stream stream, String line) {
        LogEntry entry = new LogEntry(stream, Instant.ofEpochMilli(millis(nextIndex.getAsLong())), task.nodeId(),
                task.serviceId(), task.id(), line.getBytes(StandardCharsets.UTF_8));
        logs.computeIfAbsent(task.id(), id -> new ArrayList<>()).add(entry);
        return entry;
    }

    private dev.swarmnet.controlplane.api.model.Task json(Task task) {
        return TaskJson.toApi(task, networks::get);
    }

    private ServiceEndpoint endpoint(ServiceSpec spec, ServiceEndpoint previous) {
        List<PortConfig> ports = new ArrayList<>();
        for (PortConfig port : spec.endpointSpec().ports()) {
            int published = port.publishedPort();
            if (published == 0 && previous != null) {
                published = previous.ports().stream().filter(p -> p.targetPort() == port.targetPort()
                        && p.protocol().equals(port.protocol())).mapToInt(PortConfig::publishedPort).findFirst()
                        .orElse(0);
            }
            ports.add(port.withPublishedPort(published == 0 ? nextPort++ : published));
        }
        List<VirtualIp> vips = new ArrayList<>();
        if (spec.endpointSpec().mode().equals(EndpointSpec.VIP)) {
            if (ports.stream().anyMatch(p -> p.publishMode().equals(PortConfig.INGRESS))) {
                vips.add(new VirtualIp(network("ingress").id(), "10.0.0." + (2 + services.size()) + "/24"));
            }
            for (String networkId : spec.taskTemplate().networks()) {
                Network network = networks.get(networkId);
                vips.add(new VirtualIp(networkId,
                        network.gateway().substring(0, network.gateway().lastIndexOf('.')) + ".2/24"));
            }
        }
        return new ServiceEndpoint(spec.endpointSpec(), ports, vips);
    }

    private ServiceSpec withNetworkIds(ServiceSpec spec) {
        List<String> ids = spec.taskTemplate().networks().stream().map(ref -> network(ref).id()).toList();
        var t = spec.taskTemplate();
        return spec.withTaskTemplate(new dev.swarmnet.controlplane.model.TaskTemplate(t.container(),
                t.restartPolicy(), t.constraints(), ids, t.forceUpdate()));
    }

    private Network network(String ref) {
        return resolve(networks, ref, Network::name, DaemonMessages::networkNotFound);
    }

    private Service service(String ref) {
        return resolve(services, ref, Service::name, DaemonMessages::serviceNotFound);
    }

    private static <T> T resolve(Map<String, T> byId, String ref, Function<T, String> name,
                                 Function<String, String> notFound) {
        T exact = byId.get(ref);
        if (exact != null) {
            return exact;
        }
        for (T value : byId.values()) {
            if (name.apply(value).equals(ref)) {
                return value;
            }
        }
        List<T> prefixed = byId.entrySet().stream().filter(e -> e.getKey().startsWith(ref.toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue).toList();
        if (prefixed.size() != 1) {
            throw ApiException.notFound(notFound.apply(ref));
        }
        return prefixed.get(0);
    }

    private static long millis(long index) {
        return START_MILLIS + index * 1000;
    }
}
