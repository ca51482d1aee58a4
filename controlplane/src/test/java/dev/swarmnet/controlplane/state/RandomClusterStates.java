package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Cluster;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.HealthCheck;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.RestartPolicy;
import dev.swarmnet.controlplane.model.ServiceEndpoint;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.UpdateConfig;
import dev.swarmnet.controlplane.model.UpdateStatus;
import dev.swarmnet.controlplane.model.VirtualIp;
import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.JoinTokens;
import dev.swarmnet.controlplane.model.ManagerStatus;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.NodeStatus;
import dev.swarmnet.controlplane.model.Reachability;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.model.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of states and commands for round-trip and determinism tests: a few lines of
 * plain {@link Random} instead of a property-testing library. Every value of every field kind
 * (nulls where allowed, empty and awkward strings, extreme numbers) turns up over a few hundred
 * seeds.
 */
final class RandomClusterStates {
    private static final String[] AWKWARD = {"", "a", "mgr-1", "Ünïcødé", "quote\"back\\slash", "tab\tnew\nline", "😀", "x".repeat(200)};

    private final Random random;

    RandomClusterStates(long seed) {
        this.random = new Random(seed);
    }

    ClusterState state() {
        long index = random.nextInt(3) == 0 ? 0 : 1 + (random.nextLong() >>> 2);
        Cluster cluster = random.nextInt(4) == 0 ? null : cluster();
        List<Node> nodes = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            nodes.add(node(Ids.newId(random)));
        }
        List<Network> networks = new ArrayList<>();
        List<String> networkIds = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            Network network = network(Ids.newId(random));
            networks.add(network);
            networkIds.add(network.id());
        }
        List<Service> services = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            services.add(service(Ids.newId(random), networkIds));
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            tasks.add(task(Ids.newId(random), services, networkIds));
        }
        return ClusterState.of(index, cluster, nodes, networks, services, tasks);
    }

    Cluster cluster() {
        List<String> pools = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            pools.add("10." + random.nextInt(256) + ".0.0/16");
        }
        return new Cluster(Ids.newId(random), version(), time(), time(), spec(), tokens(),
                new TlsInfo(text(), text(), text()), pools, random.nextInt(33), random.nextInt(65_536));
    }

    ClusterSpec spec() {
        return new ClusterSpec(text(), labels(), new ClusterSpec.Orchestration(random.nextLong()),
                new ClusterSpec.Raft(random.nextLong(), random.nextInt(), random.nextLong(), random.nextInt(), random.nextInt()),
                new ClusterSpec.Dispatcher(random.nextLong()), new ClusterSpec.CaConfig(random.nextLong()),
                new ClusterSpec.Encryption(random.nextBoolean()));
    }

    Node node(String id) {
        NodeSpec spec = nodeSpec();
        ManagerStatus managerStatus = spec.role() == NodeRole.MANAGER && random.nextInt(4) != 0 ? managerStatus() : null;
        return new Node(id, version(), time(), time(), spec, description(),
                new NodeStatus(pick(NodeState.values()), text()), address(), managerStatus);
    }

    NodeSpec nodeSpec() {
        return new NodeSpec(text(), labels(), pick(NodeRole.values()), pick(NodeAvailability.values()));
    }

    NodeDescription description() {
        return new NodeDescription(text(), new NodeDescription.Platform(text(), text()),
                new NodeDescription.Resources(random.nextLong(), random.nextLong()),
                new NodeDescription.Engine(text(), labels()));
    }

    ManagerStatus managerStatus() {
        return new ManagerStatus(random.nextBoolean(), pick(Reachability.values()), address());
    }

    /** How many command kinds {@link #command} makes. */
    static final int KINDS = 16;

    /** One of every command kind in turn ({@code kind} modulo {@link #KINDS}), with random fields. */
    Command command(int kind, List<String> knownIds) {
        String id = knownIds.isEmpty() || random.nextInt(5) == 0 ? Ids.newId(random) : knownIds.get(random.nextInt(knownIds.size()));
        switch (Math.floorMod(kind, KINDS)) {
            case 0:
                return new Command.InitCluster(Ids.newId(random), random.nextBoolean() ? null : spec(),
                        tokens(), random.nextBoolean() ? null : new TlsInfo(text(), text(), text()),
                        random.nextBoolean() ? List.of() : List.of("10.0.0.0/8"), random.nextInt(30), random.nextInt(50_000),
                        Ids.newId(random), description(), address(), random.nextBoolean() ? null : pick(NodeAvailability.values()),
                        random.nextInt(4) == 0 ? "" : random.nextInt(8) == 0 ? text() : Ids.newId(random));
            case 1:
                return new Command.UpdateCluster(random.nextInt(4) == 0 ? null : version(),
                        random.nextBoolean() ? ClusterSpec.unset() : spec());
            case 2:
                return new Command.RotateJoinToken(pick(NodeRole.values()), token(), random.nextBoolean() ? null : version());
            case 3:
                return new Command.AddNode(Ids.newId(random), pick(NodeRole.values()), description(), address(),
                        random.nextBoolean() ? null : pick(NodeAvailability.values()));
            case 4:
                return new Command.UpdateNode(id, version(), nodeSpec());
            case 5:
                return new Command.RemoveNode(id, random.nextBoolean());
            case 6:
                return new Command.MarkNodeState(id, pick(NodeState.values()), text());
            case 7:
                return new Command.SetManagerStatus(id, managerStatus());
            case 8:
                return new Command.CreateNetwork(random.nextInt(10) == 0 ? text() : Ids.newId(random),
                        random.nextInt(10) == 0 ? null : networkSpec());
            case 9:
                return new Command.RemoveNetwork(id);
            case 10:
                return new Command.CreateService(random.nextInt(10) == 0 ? text() : Ids.newId(random),
                        random.nextInt(10) == 0 ? null : serviceSpec(random.nextInt(3) == 0 ? some(knownIds) : List.of()));
            case 11:
                return new Command.UpdateService(id, random.nextInt(8) == 0 ? null : version(),
                        random.nextInt(10) == 0 ? null : serviceSpec(random.nextInt(3) == 0 ? some(knownIds) : List.of()),
                        random.nextInt(4) == 0);
            case 12:
                return new Command.RemoveService(id);
            case 13:
                return writeTasks(knownIds);
            case 14:
                List<Command.TaskReport> reports = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    reports.add(new Command.TaskReport(pickOr(knownIds), taskStatus()));
                }
                return new Command.ReportTaskStatus(id, reports);
            default:
                return new Command.SetUpdateStatus(id, random.nextInt(8) == 0 ? null : updateStatus());
        }
    }

    Command.WriteTasks writeTasks(List<String> knownIds) {
        List<Command.NewTask> create = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            create.add(new Command.NewTask(random.nextInt(20) == 0 ? text() : Ids.newId(random), pickOr(knownIds),
                    random.nextInt(10) == 0 ? -1 : random.nextInt(5), random.nextBoolean() ? "" : pickOr(knownIds),
                    random.nextInt(4) == 0 ? null : pick(TaskState.values())));
        }
        List<Command.TaskChange> change = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            change.add(new Command.TaskChange(pickOr(knownIds), random.nextBoolean() ? null : pickOr(knownIds),
                    random.nextBoolean() ? null : pick(TaskState.values()), random.nextBoolean() ? null : taskStatus()));
        }
        List<String> delete = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            delete.add(pickOr(knownIds));
        }
        return new Command.WriteTasks(create, change, delete);
    }

    Network network(String id) {
        return new Network(id, version(), time(), time(), networkSpec(), random.nextInt(), text(), text(), random.nextInt(),
                random.nextBoolean() ? "" : text());
    }

    NetworkSpec networkSpec() {
        String subnet = random.nextInt(3) != 0 ? "" : random.nextInt(4) == 0 ? text() : "10." + random.nextInt(4) + ".0.0/" + (16 + random.nextInt(15));
        Map<String, String> options = random.nextInt(3) == 0 ? Map.of("mtu", random.nextInt(4) == 0 ? text() : Integer.toString(random.nextInt(10_000))) : labels();
        return new NetworkSpec(random.nextInt(3) == 0 ? text() : "net" + random.nextInt(6), labels(),
                random.nextInt(8) == 0 ? "bridge" : random.nextBoolean() ? null : "overlay", random.nextBoolean(),
                random.nextInt(8) == 0, subnet, random.nextInt(6) == 0 ? text() : "", options);
    }

    Service service(String id, List<String> networkIds) {
        ServiceSpec spec = serviceSpec(some(networkIds));
        List<VirtualIp> vips = new ArrayList<>();
        for (String network : spec.taskTemplate().networks()) {
            vips.add(new VirtualIp(network, text()));
        }
        return new Service(id, version(), time(), time(), spec, random.nextBoolean() ? null : serviceSpec(some(networkIds)),
                new ServiceEndpoint(spec.endpointSpec(), spec.endpointSpec().ports(), vips),
                random.nextBoolean() ? null : updateStatus());
    }

    ServiceSpec serviceSpec(List<String> networks) {
        List<PortConfig> ports = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            ports.add(new PortConfig(random.nextBoolean() ? null : text(), random.nextInt(8) == 0 ? text() : pick(new String[] {"tcp", "udp"}),
                    random.nextInt(8) == 0 ? random.nextInt() : 1 + random.nextInt(1000),
                    random.nextBoolean() ? 0 : 8000 + random.nextInt(20), random.nextInt(8) == 0 ? null : pick(new String[] {"ingress", "host"})));
        }
        List<String> constraints = new ArrayList<>();
        for (int i = random.nextInt(4) == 0 ? 1 : 0; i > 0; i--) {
            constraints.add(random.nextInt(20) == 0 ? text() : "node.labels." + text() + (random.nextBoolean() ? "==" : "!=") + "a");
        }
        TaskTemplate template = new TaskTemplate(
                new ContainerSpec(random.nextInt(10) == 0 ? "" : "img" + random.nextInt(3), texts(), texts(), texts(), labels(),
                        mostlyNatural(), random.nextInt(3) > 0 ? null : new HealthCheck(random.nextBoolean()
                                ? List.of("CMD-SHELL", text()) : List.of("CMD", text(), text()), mostlyNatural(),
                                mostlyNatural(), random.nextInt(5), mostlyNatural())),
                random.nextBoolean() ? null : new RestartPolicy(random.nextInt(6) == 0 ? text() : pick(new String[] {"none", "on-failure", "any"}),
                        mostlyNatural(), mostlyNatural(), mostlyNatural()),
                constraints, networks, random.nextInt(3));
        ServiceMode mode = random.nextInt(4) == 0 ? ServiceMode.globalMode() : ServiceMode.replicated(random.nextInt(5));
        return new ServiceSpec(random.nextInt(6) == 0 ? text() : "svc" + random.nextInt(6), labels(), template, mode,
                random.nextBoolean() ? null : updateConfig(), random.nextBoolean() ? null : updateConfig(),
                random.nextBoolean() ? null : new EndpointSpec(random.nextInt(6) == 0 ? text() : pick(new String[] {"vip", "dnsrr"}), ports));
    }

    UpdateConfig updateConfig() {
        return new UpdateConfig(random.nextInt(4), mostlyNatural(), random.nextInt(6) == 0 ? text() : "pause", mostlyNatural(),
                random.nextDouble(), random.nextInt(6) == 0 ? text() : pick(new String[] {"stop-first", "start-first"}));
    }

    UpdateStatus updateStatus() {
        return new UpdateStatus(random.nextInt(5) == 0 ? text() : pick(new String[] {"updating", "paused", "completed",
                "rollback_started", "rollback_paused", "rollback_completed"}), time(), time(), text());
    }

    Task task(String id, List<Service> services, List<String> networkIds) {
        Service service = services.isEmpty() || random.nextInt(4) == 0 ? null : services.get(random.nextInt(services.size()));
        TaskTemplate template = service != null ? service.spec().taskTemplate() : serviceSpec(some(networkIds)).taskTemplate();
        List<NetworkAttachment> attachments = new ArrayList<>();
        for (String network : some(networkIds)) {
            attachments.add(new NetworkAttachment(network, text()));
        }
        return new Task(id, version(), time(), time(), service == null ? Ids.newId(random) : service.id(), text(),
                random.nextInt(6), random.nextBoolean() ? "" : Ids.newId(random), template, pick(TaskState.values()),
                taskStatus(), attachments);
    }

    TaskStatus taskStatus() {
        return new TaskStatus(time(), pick(TaskState.values()), text(), random.nextBoolean() ? "" : text(), random.nextInt(),
                random.nextInt());
    }

    /** Usually a duration or count from 0 to 10^10, sometimes any long (negative ones are refused). */
    long mostlyNatural() {
        return random.nextInt(10) == 0 ? random.nextLong() : (random.nextLong() >>> 1) % 10_000_000_000L;
    }

    List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            texts.add(text());
        }
        return texts;
    }

    /** A random selection of {@code ids}, in their order, without repeats. */
    List<String> some(List<String> ids) {
        List<String> chosen = new ArrayList<>();
        for (String id : ids) {
            if (random.nextInt(3) == 0 && !chosen.contains(id)) {
                chosen.add(id);
            }
        }
        return chosen;
    }

    String pickOr(List<String> ids) {
        return ids.isEmpty() || random.nextInt(6) == 0 ? Ids.newId(random) : ids.get(random.nextInt(ids.size()));
    }

    String token() {
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            secret.append(Character.forDigit(random.nextInt(36), 36));
        }
        return random.nextInt(10) == 0 ? text() : "SWMTKN-1-" + Fixtures.DIGEST + "-" + secret;
    }

    JoinTokens tokens() {
        return new JoinTokens(token(), token());
    }

    String address() {
        return random.nextInt(8) == 0 ? text()
                : "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + ":" + (1 + random.nextInt(65_535));
    }

    Version version() {
        return new Version(random.nextInt(3) == 0 ? random.nextInt(10) : random.nextLong() >>> 1);
    }

    long time() {
        return random.nextLong();
    }

    String text() {
        return random.nextInt(3) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)] : "n" + random.nextInt(1000);
    }

    Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            labels.put(text(), text());
        }
        return labels;
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    Random random() {
        return random;
    }
}
