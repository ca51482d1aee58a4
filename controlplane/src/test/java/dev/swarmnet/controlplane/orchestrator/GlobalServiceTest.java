package dev.swarmnet.controlplane.orchestrator;

import static dev.swarmnet.controlplane.orchestrator.TestCluster.global;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.id;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.withConstraints;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.state.Command;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlobalServiceTest {
    private final TestCluster cluster = new TestCluster().workers("a", "b");

    @Test
    void aGlobalServiceGetsOneTaskPerNodeCreatedOnThatNode() {
        cluster.create(global("agent"));

        Command.WriteTasks write = (Command.WriteTasks) cluster.pass().get(0);

        assertThat(write.create()).extracting(Command.NewTask::nodeId).containsExactly(id("a"), id("b"));
        assertThat(write.create()).extracting(Command.NewTask::slot).containsOnly(0);
        cluster.settle();
        assertThat(cluster.spread("agent")).isEqualTo(Map.of("a", 1, "b", 1));
    }

    @Test
    void aNodeThatJoinsGetsATaskAndADrainedNodeLosesIt() {
        cluster.create(global("agent"));
        cluster.settle();

        cluster.workers("c");
        cluster.availability("a", NodeAvailability.DRAIN);
        cluster.settle();

        assertThat(cluster.spread("agent")).isEqualTo(Map.of("b", 1, "c", 1));
    }

    @Test
    void aPausedNodeKeepsItsTaskButANewPausedNodeGetsNone() {
        cluster.create(global("agent"));
        cluster.settle();

        cluster.availability("a", NodeAvailability.PAUSE);
        cluster.workers("c");
        cluster.availability("c", NodeAvailability.PAUSE);
        cluster.settle();

        assertThat(cluster.spread("agent")).isEqualTo(Map.of("a", 1, "b", 1));
    }

    @Test
    void aNodeThatGoesDownHasItsTaskShutDownAndNotReplacedElsewhere() {
        cluster.create(global("agent"));
        cluster.settle();

        cluster.nodeState("b", NodeState.DOWN);
        cluster.settle();

        assertThat(cluster.live("agent")).extracting(Task::nodeId).containsExactly(id("a"));
    }

    @Test
    void aNodeThatComesBackGetsANewTaskOnceItsAgentStoppedTheOldOne() {
        cluster.create(global("agent"));
        cluster.settle();
        Task old = cluster.live("agent").stream().filter(t -> t.nodeId().equals(id("b"))).findFirst().orElseThrow();
        cluster.nodeState("b", NodeState.DOWN);
        cluster.settle();

        cluster.nodeState("b", NodeState.READY);
        cluster.pass();
        assertThat(cluster.live("agent")).as("nothing new while the old task may still run")
                .extracting(Task::nodeId).containsExactly(id("a"));
        cluster.settle();

        assertThat(cluster.task(old.id()).status().state()).isEqualTo(dev.swarmnet.controlplane.model.TaskState.SHUTDOWN);
        assertThat(cluster.spread("agent")).isEqualTo(Map.of("a", 1, "b", 1));
        assertThat(cluster.running("agent")).extracting(Task::id).doesNotContain(old.id());
    }

    @Test
    void anUpdateReplacesTheTaskOnEachNodeOneNodeAtATime() {
        cluster.create(global("agent"));
        cluster.settle();
        cluster.advance(1_000);
        cluster.update("agent", spec -> TestCluster.withImage(spec, "v2"));

        cluster.pass();

        assertThat(cluster.live("agent")).extracting(Task::nodeId).containsExactly(id("b"));
        cluster.settle();
        cluster.advance(5_000);
        cluster.settle();
        assertThat(cluster.running("agent")).extracting(t -> t.spec().container().image()).containsExactly("v2", "v2");
        assertThat(cluster.spread("agent")).isEqualTo(Map.of("a", 1, "b", 1));
        assertThat(cluster.updateStatus("agent").state()).isEqualTo("completed");
    }

    @Test
    void constraintsLimitTheNodesAGlobalServiceRunsOn() {
        cluster.node("m", NodeRole.MANAGER, Map.of(), Map.of());
        cluster.create(withConstraints(global("agent"), "node.role!=manager"));

        cluster.settle();

        assertThat(cluster.spread("agent")).isEqualTo(Map.of("a", 1, "b", 1));
    }
}
