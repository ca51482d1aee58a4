package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.JoinTokens;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.TlsInfo;
import java.util.List;
import java.util.Map;

/** Readable IDs, tokens and small clusters for state tests. */
final class Fixtures {
    static final String CLUSTER = "c000000000000000000000001";
    static final String MGR1 = "m1aaaaaaaaaaaaaaaaaaaaaaa";
    static final String MGR2 = "m2bbbbbbbbbbbbbbbbbbbbbbb";
    static final String W1 = "w1ccccccccccccccccccccccc";
    static final String W2 = "w2ddddddddddddddddddddddd";
    static final String NEW = "n3eeeeeeeeeeeeeeeeeeeeeee";
    static final String INGRESS = "i0ingressingressingressin";
    static final String DIGEST = "0".repeat(10) + "abcdefghij".repeat(4);
    static final String WORKER_TOKEN = "SWMTKN-1-" + DIGEST + "-" + "w".repeat(25);
    static final String MANAGER_TOKEN = "SWMTKN-1-" + DIGEST + "-" + "m".repeat(25);
    static final String OTHER_TOKEN = "SWMTKN-1-" + DIGEST + "-" + "x".repeat(25);
    static final long T0 = 1_760_000_000_000L;

    private Fixtures() {
    }

    static NodeDescription description(String hostname) {
        return new NodeDescription(hostname, new NodeDescription.Platform("x86_64", "linux"),
                new NodeDescription.Resources(2_000_000_000L, 4L << 30),
                new NodeDescription.Engine("swarmnet-0.1.0", Map.of()));
    }

    static Command.InitCluster init() {
        return new Command.InitCluster(CLUSTER, ClusterSpec.unset(), new JoinTokens(WORKER_TOKEN, MANAGER_TOKEN),
                TlsInfo.none(), List.of(), 0, 0, MGR1, description("mgr1"), "192.168.56.10:2377", null, INGRESS);
    }

    static Command.AddNode join(String id, String hostname, NodeRole role, String ip) {
        return new Command.AddNode(id, role, description(hostname), ip + ":2377", NodeAvailability.ACTIVE);
    }

    /** Applies commands at indexes 1, 2, ... and fails the test if any is refused. */
    static ClusterState build(Command... commands) {
        ClusterState state = ClusterState.EMPTY;
        for (Command command : commands) {
            Applied applied = state.apply(command, state.appliedIndex() + 1, T0 + state.appliedIndex());
            if (!applied.result().succeeded()) {
                throw new AssertionError("setup command refused: " + command + " -> " + applied.result());
            }
            state = applied.state();
        }
        return state;
    }

    /** mgr1 (ready leader), w1 (joined, state unknown), w2 (ready): indexes 1..4. */
    static ClusterState smallCluster() {
        return build(init(), join(W1, "worker1", NodeRole.WORKER, "192.168.56.11"),
                join(W2, "worker2", NodeRole.WORKER, "192.168.56.12"),
                new Command.MarkNodeState(W2, NodeState.READY, ""));
    }

    /** A valid ID that reads as {@code name}: the name padded with zeros to 25 characters. */
    static String id(String name) {
        return name + "0".repeat(Ids.LENGTH - name.length());
    }

    /** {@code network create -d overlay NAME} with the pool's next subnet; the ID is {@link #id}(name). */
    static Command.CreateNetwork network(String name) {
        return new Command.CreateNetwork(id(name), NetworkSpec.overlay(name));
    }

    /** {@code network create -d overlay --subnet SUBNET NAME}. */
    static Command.CreateNetwork network(String name, String subnet) {
        return new Command.CreateNetwork(id(name), new NetworkSpec(name, Map.of(), NetworkSpec.OVERLAY, false, false, subnet,
                "", Map.of()));
    }

    /** A replicated service spec running {@code swarmnet/whoami} on these networks with these ports. */
    static ServiceSpec service(String name, List<String> networks, PortConfig... ports) {
        return new ServiceSpec(name, Map.of(), new TaskTemplate(ContainerSpec.of("swarmnet/whoami"), null, List.of(), networks, 0),
                ServiceMode.replicated(2), null, null, new EndpointSpec(EndpointSpec.VIP, List.of(ports)));
    }

    /** {@code service create} of {@link #service}; the ID is {@link #id}(name). */
    static Command.CreateService createService(String name, List<String> networks, PortConfig... ports) {
        return new Command.CreateService(id(name), service(name, networks, ports));
    }

    /** Applies one command at the next index. */
    static Applied next(ClusterState state, Command command) {
        return state.apply(command, state.appliedIndex() + 1, T0 + 1_000 * (state.appliedIndex() + 1));
    }
}
