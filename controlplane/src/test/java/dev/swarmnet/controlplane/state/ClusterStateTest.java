package dev.swarmnet.controlplane.state;

import static dev.swarmnet.controlplane.state.Fixtures.MGR1;
import static dev.swarmnet.controlplane.state.Fixtures.MGR2;
import static dev.swarmnet.controlplane.state.Fixtures.OTHER_TOKEN;
import static dev.swarmnet.controlplane.state.Fixtures.T0;
import static dev.swarmnet.controlplane.state.Fixtures.W1;
import static dev.swarmnet.controlplane.state.Fixtures.W2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.controlplane.model.Cluster;
import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.ManagerStatus;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.Reachability;
import dev.swarmnet.controlplane.model.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStateTest {

    @Test
    void shouldInitialiseWithSwarmkitDefaultsAndALeaderThatIsReady() {
        Applied applied = ClusterState.EMPTY.apply(Fixtures.init(), 7, T0);

        Cluster cluster = (Cluster) applied.result().value();
        assertThat(cluster.spec()).isEqualTo(ClusterSpec.defaults());
        assertThat(cluster.spec().name()).isEqualTo("default");
        assertThat(cluster.spec().dispatcher().heartbeatPeriodNanos()).isEqualTo(5_000_000_000L);
        assertThat(cluster.defaultAddrPool()).containsExactly("10.0.0.0/8");
        assertThat(cluster.subnetSize()).isEqualTo(24);
        assertThat(cluster.dataPathPort()).isEqualTo(4789);
        assertThat(cluster.version()).isEqualTo(new Version(7));
        assertThat(cluster.createdAtMillis()).isEqualTo(T0);

        Node first = applied.state().node(MGR1).orElseThrow();
        assertThat(first.spec().role()).isEqualTo(NodeRole.MANAGER);
        assertThat(first.status().state()).isEqualTo(NodeState.READY);
        assertThat(first.managerStatus()).isEqualTo(new ManagerStatus(true, Reachability.REACHABLE, "192.168.56.10:2377"));
        assertThat(first.statusAddr()).isEqualTo("192.168.56.10");
        assertThat(applied.state().leader()).contains(first);
        assertThat(applied.state().appliedIndex()).isEqualTo(7);
    }

    @Test
    void shouldAddJoiningNodesInStateUnknownUntilTheDispatcherHearsFromThem() {
        Node joined = Fixtures.smallCluster().node(W1).orElseThrow();

        assertThat(joined.status().state()).isEqualTo(NodeState.UNKNOWN);
        assertThat(joined.managerStatus()).isNull();
        assertThat(joined.version()).isEqualTo(new Version(2));
    }

    @Test
    void shouldGiveAPromotedNodeAnUnknownManagerStatusAndTakeItAwayOnDemotion() {
        ClusterState state = Fixtures.smallCluster();

        ClusterState promoted = Fixtures.next(state, new Command.UpdateNode(W1, new Version(2),
                NodeSpec.of(NodeRole.MANAGER, NodeAvailability.ACTIVE))).state();
        Node manager = promoted.node(W1).orElseThrow();
        assertThat(manager.managerStatus()).isEqualTo(new ManagerStatus(false, Reachability.UNKNOWN, "192.168.56.11:2377"));
        assertThat(promoted.managers()).extracting(Node::id).containsExactly(MGR1, W1);

        Applied demoted = Fixtures.next(promoted, new Command.UpdateNode(MGR1, new Version(1),
                NodeSpec.of(NodeRole.WORKER, NodeAvailability.ACTIVE)));
        assertThat(demoted.result().succeeded()).isTrue();
        assertThat(demoted.state().node(MGR1).orElseThrow().managerStatus()).isNull();
        assertThat(demoted.state().managers()).extracting(Node::id).containsExactly(W1);
    }

    @Test
    void shouldMoveLeadershipSoThatAtMostOneManagerLeads() {
        ClusterState state = Fixtures.build(Fixtures.init(), Fixtures.join(MGR2, "mgr2", NodeRole.MANAGER, "192.168.56.20"));

        Applied applied = Fixtures.next(state,
                new Command.SetManagerStatus(MGR2, new ManagerStatus(true, Reachability.REACHABLE, "192.168.56.20:2377")));

        ClusterState next = applied.state();
        assertThat(next.leader().map(Node::id)).contains(MGR2);
        Node old = next.node(MGR1).orElseThrow();
        assertThat(old.managerStatus().leader()).isFalse();
        assertThat(old.version()).isEqualTo(new Version(3));
        assertThat(next.node(MGR2).orElseThrow().version()).isEqualTo(new Version(3));
    }

    @Test
    void shouldNotBumpTheVersionWhenTheDispatcherRepeatsAState() {
        ClusterState state = Fixtures.smallCluster();
        Node before = state.node(W2).orElseThrow();

        Applied again = Fixtures.next(state, new Command.MarkNodeState(W2, NodeState.READY, ""));
        Applied down = Fixtures.next(state, new Command.MarkNodeState(W2, NodeState.DOWN, "heartbeat failure"));

        assertThat(again.state().node(W2)).contains(before);
        Node downNode = down.state().node(W2).orElseThrow();
        assertThat(downNode.status().message()).isEqualTo("heartbeat failure");
        assertThat(downNode.version()).isEqualTo(new Version(5));
        assertThat(downNode.updatedAtMillis()).isEqualTo(T0 + 5_000);
        assertThat(downNode.createdAtMillis()).isEqualTo(before.createdAtMillis());
    }

    @Test
    void shouldRemoveADownWorkerWithoutForce() {
        ClusterState state = Fixtures.next(Fixtures.smallCluster(), new Command.MarkNodeState(W2, NodeState.DOWN, "")).state();

        Applied removed = Fixtures.next(state, new Command.RemoveNode(W2, false));

        assertThat(removed.result().value()).isEqualTo(state.node(W2).orElseThrow());
        assertThat(removed.state().nodes()).doesNotContainKey(W2);
    }

    @Test
    void shouldKeepCurrentClusterSettingsWhereAnUpdateSendsZeros() {
        ClusterState state = Fixtures.smallCluster();
        ClusterSpec update = new ClusterSpec("default", Map.of("env", "lab"), null, null,
                new ClusterSpec.Dispatcher(2_000_000_000L), null, new ClusterSpec.Encryption(true));

        Cluster cluster = (Cluster) Fixtures.next(state, new Command.UpdateCluster(new Version(1), update)).result().value();

        assertThat(cluster.spec().dispatcher().heartbeatPeriodNanos()).isEqualTo(2_000_000_000L);
        assertThat(cluster.spec().raft()).isEqualTo(ClusterSpec.defaults().raft());
        assertThat(cluster.spec().labels()).containsExactly(Map.entry("env", "lab"));
        assertThat(cluster.spec().encryption().autoLockManagers()).isTrue();
        assertThat(cluster.version()).isEqualTo(new Version(5));
    }

    @Test
    void shouldRotateOnlyTheTokenOfTheRoleAsked() {
        ClusterState state = Fixtures.smallCluster();

        Cluster cluster = (Cluster) Fixtures.next(state,
                new Command.RotateJoinToken(NodeRole.WORKER, OTHER_TOKEN, new Version(1))).result().value();

        assertThat(cluster.joinTokens().worker()).isEqualTo(OTHER_TOKEN);
        assertThat(cluster.joinTokens().manager()).isEqualTo(Fixtures.MANAGER_TOKEN);
        assertThat(cluster.version()).isEqualTo(new Version(5));
    }

    @Test
    void shouldRefuseAnIndexThatIsNotAfterTheAppliedOne() {
        ClusterState state = Fixtures.smallCluster();

        assertThatThrownBy(() -> state.apply(new Command.RemoveNode(W1, false), 4, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry 4 is not after the applied index 4");
    }

    @Test
    void shouldRefuseAStateWhoseMapKeysAreNotTheObjectIds() {
        Node node = Fixtures.smallCluster().node(W1).orElseThrow();

        assertThatThrownBy(() -> new ClusterState(1, null, new java.util.TreeMap<>(Map.of(W2, node)), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterState.of(1, null, List.of(node, node), List.of(), List.of(), List.of()))
                .hasMessage("duplicate ID " + W1);
    }
}
