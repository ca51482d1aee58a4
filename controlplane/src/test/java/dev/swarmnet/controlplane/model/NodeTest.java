package dev.swarmnet.controlplane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTest {
    private static final String ID = "rpgghi749nqvc3kz550vwdwpb";
    private static final NodeDescription MGR1 = new NodeDescription("mgr1", new NodeDescription.Platform("x86_64", "linux"),
            new NodeDescription.Resources(0, 0), new NodeDescription.Engine("1", Map.of()));

    @Test
    void shouldShowTheSpecNameWhenSetAndTheHostnameOtherwise() {
        Node plain = node(NodeSpec.of(NodeRole.WORKER, NodeAvailability.ACTIVE), "10.0.0.1:2377", null);
        Node named = node(new NodeSpec("edge", Map.of(), NodeRole.WORKER, NodeAvailability.ACTIVE), "10.0.0.1:2377", null);

        assertThat(plain.displayName()).isEqualTo("mgr1");
        assertThat(named.displayName()).isEqualTo("edge");
    }

    @Test
    void shouldTakeTheStatusAddressFromTheAdvertiseAddress() {
        assertThat(node(NodeSpec.of(NodeRole.WORKER, NodeAvailability.ACTIVE), "10.0.0.1:2377", null).statusAddr())
                .isEqualTo("10.0.0.1");
        assertThat(node(NodeSpec.of(NodeRole.WORKER, NodeAvailability.ACTIVE), "[fd00::1]:2377", null).statusAddr())
                .isEqualTo("fd00::1");
    }

    @Test
    void shouldRefuseAManagerStatusOnAWorker() {
        ManagerStatus status = new ManagerStatus(false, Reachability.UNKNOWN, "10.0.0.1:2377");

        assertThatThrownBy(() -> node(NodeSpec.of(NodeRole.WORKER, NodeAvailability.ACTIVE), "10.0.0.1:2377", status))
                .hasMessage("worker " + ID + " cannot have a manager status");
    }

    @Test
    void shouldCopyLabelsIntoAnImmutableSortedMap() {
        Map<String, String> labels = new HashMap<>(Map.of("zone", "b", "arch", "arm"));
        NodeSpec spec = new NodeSpec("", labels, NodeRole.WORKER, NodeAvailability.ACTIVE);
        labels.put("late", "x");

        assertThat(spec.labels().keySet()).containsExactly("arch", "zone");
        assertThatThrownBy(() -> spec.labels().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldParseDockerWordsInAnyCase() {
        assertThat(NodeRole.parse("Manager")).isEqualTo(NodeRole.MANAGER);
        assertThat(NodeAvailability.parse("drain")).isEqualTo(NodeAvailability.DRAIN);
        assertThat(NodeState.parse("DISCONNECTED")).isEqualTo(NodeState.DISCONNECTED);
        assertThat(Reachability.parse("unreachable")).isEqualTo(Reachability.UNREACHABLE);
        assertThatThrownBy(() -> NodeRole.parse("captain")).hasMessage("invalid role captain");
    }

    private static Node node(NodeSpec spec, String addr, ManagerStatus status) {
        return new Node(ID, new Version(1), 0, 0, spec, MGR1, new NodeStatus(NodeState.READY, ""), addr, status);
    }
}
