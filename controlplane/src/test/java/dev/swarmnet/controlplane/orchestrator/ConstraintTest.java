package dev.swarmnet.controlplane.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstraintTest {
    private final Node node = new TestCluster()
            .node("n1", NodeRole.MANAGER, Map.of("Zone", "East"), Map.of("disk", "ssd"))
            .node("n1");

    @Test
    void builtInKeysCompareWithoutCaseAndLabelsExactly() {
        assertThat(Constraint.parse("node.role==MANAGER").matches(node)).isTrue();
        assertThat(Constraint.parse("Node.Hostname == N1").matches(node)).isTrue();
        assertThat(Constraint.parse("node.id==" + TestCluster.id("n1")).matches(node)).isTrue();
        assertThat(Constraint.parse("node.ip==192.168.56.10").matches(node)).isTrue();
        assertThat(Constraint.parse("node.platform.os==linux").matches(node)).isTrue();
        assertThat(Constraint.parse("node.labels.zone==East").matches(node)).isTrue();
        assertThat(Constraint.parse("node.labels.zone==east").matches(node)).isFalse();
        assertThat(Constraint.parse("engine.labels.disk!=ssd").matches(node)).isFalse();
    }

    @Test
    void aMissingLabelSatisfiesNotEqualsOnly() {
        assertThat(Constraint.parse("node.labels.rack==r1").matches(node)).isFalse();
        assertThat(Constraint.parse("node.labels.rack!=r1").matches(node)).isTrue();
    }

    @Test
    void malformedConstraintsAreRefusedWithTheirProblemNamed() {
        assertThatThrownBy(() -> Constraint.parse("node.role=manager"))
                .hasMessage("invalid constraint \"node.role=manager\": expected key==value or key!=value");
        assertThatThrownBy(() -> Constraint.parse("==manager"))
                .hasMessage("invalid constraint \"==manager\": key \"\" is invalid");
        assertThatThrownBy(() -> Constraint.parse("node.role==="))
                .hasMessage("invalid constraint \"node.role===\": value \"=\" is invalid");
        assertThatThrownBy(() -> Constraint.parse("node.labels.==x"))
                .hasMessage("invalid constraint \"node.labels.==x\": unknown key node.labels.");
    }
}
