package dev.swarmnet.controlplane.agent;

import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.NodeStatus;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceEndpoint;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.model.VirtualIp;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Model objects for assignment tests, with readable ids ({@code id("n1")}); and random states. */
public final class AssignmentFixtures {
    private AssignmentFixtures() {
    }

    /** A valid 25-character id starting with {@code prefix}. */
    public static String id(String prefix) {
        return (prefix + "x".repeat(25)).substring(0, 25);
    }

    public static Node node(String id, String ip) {
        return new Node(id, new Version(1), 0, 0, NodeSpec.of(NodeRole.WORKER, NodeAvailability.ACTIVE),
                new NodeDescription("host-" + id.substring(0, 3), new NodeDescription.Platform("x86_64", "linux"),
                        new NodeDescription.Resources(1, 1), new NodeDescription.Engine("test", Map.of())),
                new NodeStatus(NodeState.READY, ""), ip + ":2377", null);
    }

    public static Network network(String id, String name, int vni, String subnet, boolean ingress) {
        String base = subnet.substring(0, subnet.lastIndexOf('.'));
        return new Network(id, new Version(1), 0, 0,
                new NetworkSpec(name, Map.of(), NetworkSpec.OVERLAY, false, ingress, "", "", Map.of()),
                vni, subnet, base + ".1", Network.DEFAULT_MTU, "");
    }

    public static Service service(String id, String name, String mode, List<VirtualIp> vips,
                                  Map<String, String> labels, List<String> networks) {
        EndpointSpec endpoint = new EndpointSpec(mode, List.of());
        ServiceSpec spec = new ServiceSpec(name, labels, new TaskTemplate(ContainerSpec.of("whoami"), null, null,
                networks, 0), ServiceMode.replicated(1), null, null, endpoint);
        return new Service(id, new Version(1), 0, 0, spec, null, new ServiceEndpoint(endpoint, List.of(), vips), null);
    }

    public static Task task(String id, Service service, int slot, String nodeId, TaskState desired, TaskState state,
                            List<NetworkAttachment> attachments) {
        return new Task(id, new Version(1), 0, 0, service.id(), service.name(), slot, nodeId,
                service.spec().taskTemplate(), desired, TaskStatus.of(0, state, state.wire()), attachments);
    }

    /** A random state over a small pool of ids (3 nodes, 4 networks, 4 services, 12 tasks). */
    public static dev.swarmnet.controlplane.state.ClusterState randomState(SplittableRandom random, long index) {
        List<Node> nodes = new java.util.ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            if (n == 1 || random.nextInt(4) > 0) {
                nodes.add(node(id("n" + n), "192.168.0." + (n + random.nextInt(2) * 10)));
            }
        }
        List<Network> networks = new java.util.ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            if (random.nextInt(5) > 0) {
                networks.add(network(id("w" + k), "net" + k, 4096 + k, "10.0." + k + ".0/24", k == 4));
            }
        }
        List<Service> services = new java.util.ArrayList<>();
        for (int s = 1; s <= 4; s++) {
            if (random.nextInt(5) > 0) {
                List<VirtualIp> vips = new java.util.ArrayList<>();
                for (int k = 1; k <= 4; k++) {
                    if (random.nextInt(3) == 0) {
                        vips.add(new VirtualIp(id("w" + k), "10.0." + k + "." + (100 + s) + "/24"));
                    }
                }
                Map<String, String> labels = random.nextBoolean() ? Map.of() : Map.of("swarmnet.lb", "maglev");
                services.add(service(id("s" + s), "svc" + s, random.nextInt(4) == 0 ? EndpointSpec.DNSRR : EndpointSpec.VIP,
                        vips, labels, random.nextBoolean() ? List.of(id("w" + (1 + random.nextInt(4)))) : List.of()));
            }
        }
        List<Task> tasks = new java.util.ArrayList<>();
        TaskState[] states = TaskState.values();
        for (int t = 1; t <= 12 && !services.isEmpty(); t++) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            Service service = services.get(random.nextInt(services.size()));
            List<NetworkAttachment> attachments = new java.util.ArrayList<>();
            for (int k = 1; k <= 4; k++) {
                if (random.nextInt(3) == 0) {
                    attachments.add(new NetworkAttachment(id("w" + k), "10.0." + k + "." + (10 + t) + "/24"));
                }
            }
            tasks.add(task(id("t" + t), service, t, random.nextInt(5) == 0 ? "" : id("n" + (1 + random.nextInt(3))),
                    random.nextBoolean() ? TaskState.RUNNING : TaskState.SHUTDOWN,
                    states[random.nextInt(states.length)], attachments));
        }
        return dev.swarmnet.controlplane.state.ClusterState.of(index, null, nodes, networks, services, tasks);
    }
}
