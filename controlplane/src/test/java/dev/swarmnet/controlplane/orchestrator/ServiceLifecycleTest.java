package dev.swarmnet.controlplane.orchestrator;

import static dev.swarmnet.controlplane.orchestrator.TestCluster.id;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.replicated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One service's life, end to end and pure: every step is a command applied by the real
 * {@code ClusterState.apply}, with agents simulated by their status reports.
 */
class ServiceLifecycleTest {
    private final TestCluster cluster = new TestCluster().workers("a", "b", "c");

    private static List<Integer> slots(int replicas) {
        return IntStream.rangeClosed(1, replicas).boxed().toList();
    }

    @Test
    @DisplayName("6 replicas over 3 ready nodes run 2/2/2 after agent reports, scale 9 runs 3/3/3, scale 2 keeps"
            + " slots 1 and 2, and a node going down has its task replaced on another node")
    void sixReplicasConvergeScaleUpScaleDownAndSurviveANodeGoingDown() {
        cluster.create(replicated("web", 6));

        cluster.pass();
        assertThat(cluster.live("web")).hasSize(6).allSatisfy(t -> {
            assertThat(t.status().state()).isEqualTo(TaskState.PENDING);
            assertThat(t.nodeId()).isEmpty();
        });
        cluster.pass();
        assertThat(cluster.live("web")).allSatisfy(t -> assertThat(t.status().state()).isEqualTo(TaskState.ASSIGNED));
        assertThat(cluster.spread("web")).isEqualTo(Map.of("a", 2, "b", 2, "c", 2));
        assertThat(cluster.running("web")).as("nothing runs before the agents say so").isEmpty();

        assertThat(cluster.agentsRun()).isTrue();
        assertThat(cluster.pass()).as("converged once the agents reported running").isEmpty();
        assertThat(cluster.runningSpread("web")).isEqualTo(Map.of("a", 2, "b", 2, "c", 2));
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactlyElementsOf(slots(6));

        cluster.advance(1_000);
        cluster.scale("web", 9);
        cluster.settle();
        assertThat(cluster.runningSpread("web")).isEqualTo(Map.of("a", 3, "b", 3, "c", 3));
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactlyElementsOf(slots(9));
        assertThat(cluster.updateStatus("web")).as("scaling is not a rolling update").isNull();

        cluster.advance(1_000);
        List<Task> keptBefore = cluster.running("web").subList(0, 2);
        cluster.scale("web", 2);
        cluster.settle();
        assertThat(cluster.running("web")).as("the lowest slots stay, untouched").containsExactlyElementsOf(
                keptBefore.stream().map(t -> cluster.task(t.id())).toList());
        assertThat(cluster.tasksOf("web", t -> true)).as("the stopped tasks of removed slots are deleted")
                .extracting(Task::slot).containsExactly(1, 2);

        cluster.advance(1_000);
        Task lost = cluster.running("web").get(0);
        String downHost = cluster.state().nodes().get(lost.nodeId()).description().hostname();
        cluster.nodeState(downHost, NodeState.DOWN);
        cluster.settle();

        Task old = cluster.task(lost.id());
        assertThat(old.desiredState()).isEqualTo(TaskState.SHUTDOWN);
        assertThat(old.status().state()).as("a down node cannot report").isEqualTo(TaskState.RUNNING);
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2);
        assertThat(cluster.running("web")).noneMatch(t -> t.nodeId().equals(id(downHost)));
        assertThat(cluster.runningSpread("web")).hasSize(2).containsValues(1, 1);
        assertThat(cluster.running("web").get(0).id()).isNotEqualTo(lost.id());
        assertThat(cluster.orchestrator.reconcile(cluster.state(), cluster.now)).isEmpty();
    }
}
