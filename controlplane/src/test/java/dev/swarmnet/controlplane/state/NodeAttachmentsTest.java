package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.PortConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.swarmnet.controlplane.state.Fixtures.INGRESS;
import static dev.swarmnet.controlplane.state.Fixtures.MGR1;
import static dev.swarmnet.controlplane.state.Fixtures.W1;
import static dev.swarmnet.controlplane.state.Fixtures.W2;
import static dev.swarmnet.controlplane.state.Fixtures.build;
import static dev.swarmnet.controlplane.state.Fixtures.join;
import static dev.swarmnet.controlplane.state.Fixtures.next;
import static org.assertj.core.api.Assertions.assertThat;

class NodeAttachmentsTest {
    private static Optional<String> ingressOf(ClusterState state, String nodeId) {
        return state.nodes().get(nodeId).attachmentOn(INGRESS);
    }

    @Test
    void theFirstNodeGetsTheFirstIngressAddressAtInitAndJoinersTheNextOnes() {
        ClusterState state = Fixtures.smallCluster();
        assertThat(ingressOf(state, MGR1)).contains("10.0.0.2/24");
        assertThat(ingressOf(state, W1)).contains("10.0.0.3/24");
        assertThat(ingressOf(state, W2)).contains("10.0.0.4/24");
        assertThat(state.networks().get(INGRESS).lastAddress()).isEqualTo("10.0.0.4");
    }

    @Test
    void serviceVipsAndTasksOnIngressSkipTheNodesAddresses() {
        ClusterState state = build(Fixtures.init(), join(W1, "worker1", NodeRole.WORKER, "192.168.56.11"),
                Fixtures.createService("web", List.of(), PortConfig.tcp(8080, 80)));
        assertThat(state.resolveService("web").value().endpoint().virtualIps().get(0).address()).isEqualTo("10.0.0.4/24");
    }

    @Test
    void aRemovedNodeFreesItsAddressForLaterAllocations() {
        ClusterState state = build(Fixtures.init(), join(W1, "worker1", NodeRole.WORKER, "192.168.56.11"),
                new Command.RemoveNode(W1, true));
        assertThat(state.nodes()).doesNotContainKey(W1);
        // the cursor moves on, then wraps: the freed address counts as free again
        AddressAllocator allocator = new AddressAllocator(state);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 252; i++) {
            seen.add(allocator.allocate(state.networks().get(INGRESS)));
        }
        assertThat(seen).contains("10.0.0.3/24").doesNotContain("10.0.0.2/24");
    }

    @Test
    void markingANodeWithoutAnIngressAddressGivesItOne() {
        ClusterState state = Fixtures.smallCluster();
        Node bare = state.nodes().get(W1).withAttachments(List.of(), state.appliedIndex(), 0);
        ClusterState before = state.withNode(bare);
        ClusterState after = next(before, new Command.MarkNodeState(W1, NodeState.READY, "")).state();
        assertThat(ingressOf(after, W1)).contains("10.0.0.5/24");
        ClusterState again = next(after, new Command.MarkNodeState(W1, NodeState.READY, "")).state();
        assertThat(again.nodes().get(W1)).isEqualTo(after.nodes().get(W1));
    }

    @Test
    void removingTheIngressNetworkDropsTheNodesAddressesAndRecreatingItGivesNewOnes() {
        ClusterState state = next(Fixtures.smallCluster(), new Command.RemoveNetwork(INGRESS)).state();
        assertThat(state.nodes().values()).allSatisfy(node -> assertThat(node.attachments()).isEmpty());
        String fresh = Fixtures.id("newingress");
        ClusterState recreated = next(state, new Command.CreateNetwork(fresh, NetworkCommands.INGRESS_SPEC)).state();
        assertThat(recreated.nodes().values()).allSatisfy(node -> assertThat(node.attachmentOn(fresh)).isPresent());
    }

    @Test
    void aStateWithNodeAttachmentsSurvivesTheCodec() {
        ClusterState state = Fixtures.smallCluster();
        StateCodec codec = new StateCodec();
        ClusterState decoded = codec.decodeState(codec.encodeState(state));
        assertThat(decoded.nodes().get(W2).attachments()).isEqualTo(state.nodes().get(W2).attachments());
        assertThat(decoded).isEqualTo(state);
    }
}
