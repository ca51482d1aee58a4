package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Cluster;
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
        List<Service> services = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        // TODO(services): random networks, services and tasks
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

    /** One of every command kind in turn ({@code kind} modulo 8), with random fields. */
    Command command(int kind, List<String> knownIds) {
        String id = knownIds.isEmpty() || random.nextInt(5) == 0 ? Ids.newId(random) : knownIds.get(random.nextInt(knownIds.size()));
        switch (Math.floorMod(kind, 8)) {
            case 0:
                return new Command.InitCluster(Ids.newId(random), random.nextBoolean() ? null : spec(),
                        tokens(), random.nextBoolean() ? null : new TlsInfo(text(), text(), text()),
                        random.nextBoolean() ? List.of() : List.of("10.0.0.0/8"), random.nextInt(30), random.nextInt(50_000),
                        Ids.newId(random), description(), address(), random.nextBoolean() ? null : pick(NodeAvailability.values()));
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
            default:
                return new Command.SetManagerStatus(id, managerStatus());
        }
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
