package dev.swarmnet.controlplane.state;

import static dev.swarmnet.controlplane.state.Fixtures.MANAGER_TOKEN;
import static dev.swarmnet.controlplane.state.Fixtures.MGR1;
import static dev.swarmnet.controlplane.state.Fixtures.NEW;
import static dev.swarmnet.controlplane.state.Fixtures.OTHER_TOKEN;
import static dev.swarmnet.controlplane.state.Fixtures.W1;
import static dev.swarmnet.controlplane.state.Fixtures.W2;
import static dev.swarmnet.controlplane.state.Fixtures.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.JoinTokens;
import dev.swarmnet.controlplane.model.ManagerStatus;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.Reachability;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.model.Version;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command against a known state: description, state before, command, expected status and message. */
class ClusterStateCommandTableTest {
    private static final int OK = 200;

    /** One row: the status is {@value #OK} for success, otherwise the failure's status. */
    private static Arguments row(String description, Supplier<ClusterState> before, Command command, int status,
                                 String message) {
        return Arguments.of(Named.of(description, before), command, status, message);
    }

    static Stream<Arguments> rows() {
        Supplier<ClusterState> empty = () -> ClusterState.EMPTY;
        Supplier<ClusterState> small = Fixtures::smallCluster;
        Version smallClusterVersion = new Version(1);
        String notManager = StateErrors.NOT_IN_SWARM;
        return Stream.of(
                row("init on a fresh manager succeeds", empty, Fixtures.init(), OK, null),
                row("init twice is refused", small, Fixtures.init(), 503,
                        "This node is already part of a swarm. Use \"docker swarm leave\" to leave this swarm and join another one."),
                row("init with a malformed cluster ID is refused", empty, withClusterId("C-1"), 400, "invalid cluster ID C-1"),
                row("init with equal tokens for both roles is refused", empty, withTokens(WORKER_TOKEN, WORKER_TOKEN), 400,
                        "the worker and manager join tokens must differ"),
                row("init with a token of the wrong shape is refused", empty, withTokens("SWMTKN-1-abc-def", MANAGER_TOKEN), 400,
                        "invalid join tokens: want SWMTKN-1-<digest>-<secret> for each role"),
                row("init with a reserved data path port is refused", empty, withPort(80), 400,
                        "data path port 80 is outside the range 1024-49151"),
                row("init with a pool that is not CIDR is refused", empty, withPool("10.0.0.0", 24), 400,
                        "invalid default address pool 10.0.0.0: want an IPv4 CIDR block"),
                row("init with subnets larger than the pool is refused", empty, withPool("10.1.0.0/16", 8), 400,
                        "invalid subnet size 8: must be between 16 (the prefix of 10.1.0.0/16) and 29"),
                row("init without an advertise port is refused", empty, withAddr("192.168.56.10"), 400,
                        "invalid advertise address 192.168.56.10: want ip:port"),
                row("joining before init is refused", empty, Fixtures.join(NEW, "n3", NodeRole.WORKER, "10.1.1.1"), 503, notManager),
                row("joining a worker succeeds", small, Fixtures.join(NEW, "n3", NodeRole.WORKER, "10.1.1.1"), OK, null),
                row("joining with a taken ID is refused", small, Fixtures.join(W1, "again", NodeRole.WORKER, "10.1.1.1"), 409,
                        "node " + W1 + " already exists"),
                row("joining with an uppercase ID is refused", small, Fixtures.join("N3EEEEEEEEEEEEEEEEEEEEEEE", "n3", NodeRole.WORKER,
                        "10.1.1.1"), 400, "invalid node ID N3EEEEEEEEEEEEEEEEEEEEEEE"),
                row("joining without a hostname is refused", small, Fixtures.join(NEW, " ", NodeRole.WORKER, "10.1.1.1"), 400,
                        "node hostname must not be empty"),
                row("joining with an IPv6 advertise address succeeds", small,
                        new Command.AddNode(NEW, NodeRole.MANAGER, Fixtures.description("v6"), "[fd00::3]:2377", null), OK, null),
                row("updating an unknown node is refused", small, update(NEW, 1, NodeRole.WORKER), 404, "node " + NEW + " not found"),
                row("updating with a stale version is refused", small, update(W1, 1, NodeRole.WORKER), 409, "update out of sequence"),
                row("updating without a version is refused", small,
                        new Command.UpdateNode(W1, null, NodeSpec.of(NodeRole.WORKER, NodeAvailability.DRAIN)), 400,
                        "invalid node version: missing"),
                row("draining a worker succeeds", small,
                        new Command.UpdateNode(W1, new Version(2), NodeSpec.of(NodeRole.WORKER, NodeAvailability.DRAIN)), OK, null),
                row("promoting a worker succeeds", small, update(W1, 2, NodeRole.MANAGER), OK, null),
                row("demoting the last manager is refused", small, update(MGR1, 1, NodeRole.WORKER), 400,
                        "attempting to demote the last manager of the swarm"),
                row("a label with an empty key is refused", small, new Command.UpdateNode(W1, new Version(2),
                        new NodeSpec("", Map.of(" ", "x"), NodeRole.WORKER, NodeAvailability.ACTIVE)), 400,
                        "invalid label: the key must not be empty"),
                row("removing a ready worker without force is refused", small, new Command.RemoveNode(W2, false), 400,
                        "node " + W2 + " is not down and can't be removed"),
                row("removing a ready worker with force succeeds", small, new Command.RemoveNode(W2, true), OK, null),
                row("removing a worker that is not ready succeeds", small, new Command.RemoveNode(W1, false), OK, null),
                row("removing a manager is refused even with force", small, new Command.RemoveNode(MGR1, true), 400,
                        "node " + MGR1 + " is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal"),
                row("removing an unknown node is refused", small, new Command.RemoveNode(NEW, true), 404, "node " + NEW + " not found"),
                row("marking an unknown node is refused", small, new Command.MarkNodeState(NEW, NodeState.DOWN, "heartbeat failure"),
                        404, "node " + NEW + " not found"),
                row("marking a node down succeeds", small, new Command.MarkNodeState(W2, NodeState.DOWN, "heartbeat failure"), OK, null),
                row("marking without a state is refused", small, new Command.MarkNodeState(W2, null, ""), 400, "invalid node state: missing"),
                row("a manager status for a worker is refused", small,
                        new Command.SetManagerStatus(W1, new ManagerStatus(false, Reachability.REACHABLE, "192.168.56.11:2377")), 400,
                        "node " + W1 + " is not a manager"),
                row("a manager status without a port is refused", small,
                        new Command.SetManagerStatus(MGR1, new ManagerStatus(true, Reachability.REACHABLE, "192.168.56.10")), 400,
                        "invalid manager address 192.168.56.10: want ip:port"),
                row("rotating the worker token succeeds", small, new Command.RotateJoinToken(NodeRole.WORKER, OTHER_TOKEN, null), OK, null),
                row("rotating to a malformed token is refused", small, new Command.RotateJoinToken(NodeRole.WORKER, "secret", null), 400,
                        "invalid join token: want SWMTKN-1-<digest>-<secret>"),
                row("rotating to the other role's token is refused", small,
                        new Command.RotateJoinToken(NodeRole.WORKER, MANAGER_TOKEN, null), 400,
                        "the worker and manager join tokens must differ"),
                row("rotating with a stale cluster version is refused", small,
                        new Command.RotateJoinToken(NodeRole.MANAGER, OTHER_TOKEN, new Version(0)), 409, "update out of sequence"),
                row("rotating before init is refused", empty, new Command.RotateJoinToken(NodeRole.WORKER, OTHER_TOKEN, null), 503, notManager),
                row("updating the cluster with its version succeeds", small,
                        new Command.UpdateCluster(smallClusterVersion, ClusterSpec.unset()), OK, null),
                row("updating the cluster with a stale version is refused", small,
                        new Command.UpdateCluster(new Version(7), ClusterSpec.unset()), 409, "update out of sequence"),
                row("renaming the cluster is refused", small, new Command.UpdateCluster(smallClusterVersion,
                        new ClusterSpec("prod", Map.of(), null, null, null, null, null)), 400,
                        "invalid cluster name prod: the only cluster is \"default\""),
                row("an election tick not above the heartbeat tick is refused", small, new Command.UpdateCluster(smallClusterVersion,
                        new ClusterSpec("", Map.of(), null, new ClusterSpec.Raft(0, 0, 0, 1, 3), null, null, null)), 400,
                        "invalid Raft settings: election tick 1 must be greater than heartbeat tick 3, which must be at least 1"),
                row("a negative heartbeat period is refused", small, new Command.UpdateCluster(smallClusterVersion,
                        new ClusterSpec("", Map.of(), null, null, new ClusterSpec.Dispatcher(-1), null, null)), 400,
                        "invalid dispatcher heartbeat period -1ns: must be positive"),
                row("updating the cluster before init is refused", empty, new Command.UpdateCluster(new Version(1), ClusterSpec.unset()),
                        503, notManager));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldAnswerEachCommandAsDockerDoes(Supplier<ClusterState> before, Command command, int status, String message) {
        ClusterState state = before.get();
        long index = state.appliedIndex() + 1;

        Applied applied = state.apply(command, index, Fixtures.T0 + 99);

        if (status == OK) {
            assertThat(applied.result().succeeded()).as("%s", applied.result()).isTrue();
            assertThat(applied.state()).isNotEqualTo(state);
        } else {
            assertThat(applied.result()).isEqualTo(Result.failure(status, message));
            assertThat(applied.state()).as("a refused command changes only the applied index")
                    .isEqualTo(new ClusterState(index, state.cluster(), state.nodes(), state.networks(), state.services(),
                            state.tasks()));
        }
        assertThat(applied.state().appliedIndex()).isEqualTo(index);
    }

    private static Command.UpdateNode update(String id, long version, NodeRole role) {
        return new Command.UpdateNode(id, new Version(version), NodeSpec.of(role, NodeAvailability.ACTIVE));
    }

    private static Command.InitCluster withClusterId(String id) {
        Command.InitCluster c = Fixtures.init();
        return new Command.InitCluster(id, c.spec(), c.joinTokens(), c.tlsInfo(), c.defaultAddrPool(), c.subnetSize(),
                c.dataPathPort(), c.nodeId(), c.description(), c.advertiseAddr(), c.availability());
    }

    private static Command.InitCluster withTokens(String worker, String manager) {
        Command.InitCluster c = Fixtures.init();
        return new Command.InitCluster(c.clusterId(), c.spec(), new JoinTokens(worker, manager), TlsInfo.none(),
                c.defaultAddrPool(), c.subnetSize(), c.dataPathPort(), c.nodeId(), c.description(), c.advertiseAddr(), null);
    }

    private static Command.InitCluster withPort(int port) {
        Command.InitCluster c = Fixtures.init();
        return new Command.InitCluster(c.clusterId(), c.spec(), c.joinTokens(), c.tlsInfo(), c.defaultAddrPool(),
                c.subnetSize(), port, c.nodeId(), c.description(), c.advertiseAddr(), null);
    }

    private static Command.InitCluster withPool(String pool, int subnetSize) {
        Command.InitCluster c = Fixtures.init();
        return new Command.InitCluster(c.clusterId(), c.spec(), c.joinTokens(), c.tlsInfo(), List.of(pool), subnetSize,
                c.dataPathPort(), c.nodeId(), c.description(), c.advertiseAddr(), null);
    }

    private static Command.InitCluster withAddr(String addr) {
        Command.InitCluster c = Fixtures.init();
        return new Command.InitCluster(c.clusterId(), c.spec(), c.joinTokens(), c.tlsInfo(), c.defaultAddrPool(),
                c.subnetSize(), c.dataPathPort(), c.nodeId(), c.description(), addr, null);
    }
}
