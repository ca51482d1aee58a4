package dev.swarmnet.controlplane.orchestrator;

import static dev.swarmnet.controlplane.orchestrator.TestCluster.id;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.replicated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.Command;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicatedServiceTest {
    private final TestCluster cluster = new TestCluster().workers("a", "b", "c");

    @Test
    void aNewServiceGetsOnePendingTaskPerSlotInOneWrite() {
        cluster.create(replicated("web", 3));

        List<Command> commands = cluster.orchestrator.reconcile(cluster.state(), cluster.now);

        assertThat(commands).hasSize(1);
        Command.WriteTasks write = (Command.WriteTasks) commands.get(0);
        assertThat(write.create()).extracting(Command.NewTask::slot).containsExactly(1, 2, 3);
        assertThat(write.create()).allSatisfy(n -> {
            assertThat(n.nodeId()).isEmpty();
            assertThat(n.desiredState()).isEqualTo(TaskState.RUNNING);
            assertThat(n.serviceId()).isEqualTo(id("web"));
        });
        assertThat(write.change()).isEmpty();
        assertThat(write.delete()).isEmpty();
    }

    @Test
    void aConvergedClusterProposesNothing() {
        cluster.create(replicated("web", 3));
        cluster.settle();

        assertThat(cluster.orchestrator.reconcile(cluster.state(), cluster.now)).isEmpty();
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2, 3);
    }

    @Test
    void scaleUpAddsTheMissingSlots() {
        cluster.create(replicated("web", 2));
        cluster.settle();

        cluster.update("web", spec -> spec.withMode(ServiceMode.replicated(5)));
        cluster.settle();

        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void scaleDownRemovesTheHighestSlotsFirst() {
        cluster.create(replicated("web", 5));
        cluster.settle();

        cluster.update("web", spec -> spec.withMode(ServiceMode.replicated(2)));
        cluster.pass();

        assertThat(cluster.live("web")).extracting(Task::slot).containsExactly(1, 2);
        assertThat(cluster.tasksOf("web", t -> t.desiredState() == TaskState.SHUTDOWN))
                .extracting(Task::slot).containsExactly(3, 4, 5);
    }

    @Test
    void theTasksOfSlotsRemovedByScalingDownAreDeletedOnceStopped() {
        cluster.create(replicated("web", 3));
        cluster.settle();

        cluster.update("web", spec -> spec.withMode(ServiceMode.replicated(1)));
        cluster.settle();

        assertThat(cluster.tasksOf("web", t -> true)).extracting(Task::slot).containsExactly(1);
    }

    @Test
    void drainingANodeMovesItsTasksToTheOtherNodesInTheSameSlots() {
        cluster.create(replicated("web", 6));
        cluster.settle();
        List<Integer> slotsOnA = cluster.live("web").stream()
                .filter(t -> t.nodeId().equals(id("a"))).map(Task::slot).toList();

        cluster.availability("a", NodeAvailability.DRAIN);
        cluster.settle();

        assertThat(cluster.spread("web")).isEqualTo(Map.of("b", 3, "c", 3));
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(cluster.tasksOf("web", t -> t.nodeId().equals(id("a"))))
                .hasSize(2).allSatisfy(t -> assertThat(t.desiredState()).isEqualTo(TaskState.SHUTDOWN))
                .extracting(Task::slot).containsExactlyElementsOf(slotsOnA);
    }

    @Test
    void aNodeGoingDownHasItsTasksReplacedWithoutWaitingForThemToStop() {
        cluster.create(replicated("web", 3));
        cluster.settle();
        Task onB = cluster.live("web").stream().filter(t -> t.nodeId().equals(id("b"))).findFirst().orElseThrow();

        cluster.nodeState("b", NodeState.DOWN);
        cluster.pass();

        Task old = cluster.task(onB.id());
        assertThat(old.desiredState()).isEqualTo(TaskState.SHUTDOWN);
        assertThat(old.status().state()).isEqualTo(TaskState.RUNNING);
        assertThat(cluster.live("web")).filteredOn(t -> t.slot() == onB.slot()).singleElement()
                .satisfies(t -> assertThat(t.id()).isNotEqualTo(onB.id()));

        cluster.settle();
        assertThat(cluster.spread("web")).isEqualTo(Map.of("a", 2, "c", 1));
    }

    @Test
    void aTaskWhoseNodeLeftTheClusterIsReplaced() {
        cluster.create(replicated("web", 3));
        cluster.settle();

        cluster.removeNode("c");
        cluster.settle();

        assertThat(cluster.spread("web")).isEqualTo(Map.of("a", 2, "b", 1));
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2, 3);
    }

    @Test
    void tasksOfARemovedServiceAreDeletedOnceTheyStopped() {
        cluster.create(replicated("web", 2));
        cluster.settle();
        cluster.remove("web");

        cluster.pass();
        assertThat(cluster.tasksOf("web", t -> true)).hasSize(2)
                .allSatisfy(t -> assertThat(t.desiredState()).isEqualTo(TaskState.REMOVE));

        cluster.agentsStop();
        cluster.pass();
        assertThat(cluster.tasks()).isEmpty();
    }

    @Test
    void tasksOfARemovedServiceThatNeverRanOrWhoseNodeIsDownAreDeletedAtOnce() {
        cluster.create(replicated("web", 3));
        cluster.pass();
        cluster.remove("web");

        cluster.pass();

        assertThat(cluster.tasks()).isEmpty();
    }

    @Test
    void historyKeepsTheNewestDeadTasksPerSlotUpToTheClusterLimit() {
        cluster.historyLimit(2);
        cluster.create(replicated("web", 1));
        cluster.settle();
        for (int i = 0; i < 4; i++) {
            cluster.advance(1_000);
            cluster.update("web", spec -> spec.withTaskTemplate(TestCluster.template("img" + cluster.now)));
            cluster.settle();
        }

        List<Task> slot1 = cluster.tasksOf("web", t -> t.slot() == 1);
        assertThat(slot1).hasSize(3);
        assertThat(slot1.get(2).spec().container().image()).isEqualTo("img" + cluster.now);
        assertThat(slot1.get(0).createdAtMillis()).isLessThan(slot1.get(1).createdAtMillis());
        assertThat(cluster.running("web")).singleElement().isEqualTo(slot1.get(2));
    }
}
