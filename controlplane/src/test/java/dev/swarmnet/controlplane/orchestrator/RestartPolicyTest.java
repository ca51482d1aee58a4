package dev.swarmnet.controlplane.orchestrator;

import static dev.swarmnet.controlplane.orchestrator.TestCluster.replicated;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.withRestart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.RestartPolicy;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    private final TestCluster cluster = new TestCluster().workers("a", "b");

    private Task runOne(RestartPolicy policy) {
        cluster.create(withRestart(replicated("web", 1), policy));
        cluster.settle();
        return cluster.running("web").get(0);
    }

    private void end(Task task, TaskState how) {
        cluster.advance(100);
        cluster.report(task, how);
    }

    @Test
    void aFailedTaskIsReplacedInItsSlotOnceTheDelayIsOver() {
        Task first = runOne(new RestartPolicy(RestartPolicy.ANY, 5_000_000_000L, 0, 0));
        end(first, TaskState.FAILED);

        cluster.pass();

        assertThat(cluster.task(first.id()).desiredState()).isEqualTo(TaskState.SHUTDOWN);
        Task replacement = cluster.live("web").get(0);
        assertThat(replacement.slot()).isEqualTo(1);
        assertThat(replacement.desiredState()).isEqualTo(TaskState.READY);

        cluster.advance(4_000);
        cluster.settle();
        assertThat(cluster.task(replacement.id()).desiredState()).isEqualTo(TaskState.READY);

        cluster.advance(1_000);
        cluster.settle();
        assertThat(cluster.running("web")).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(replacement.id());
            assertThat(t.slot()).isEqualTo(1);
        });
    }

    @Test
    void withoutDelayTheReplacementIsWantedRunningAtOnce() {
        Task first = runOne(new RestartPolicy(RestartPolicy.ANY, 0, 0, 0));
        end(first, TaskState.COMPLETE);

        cluster.pass();

        assertThat(cluster.live("web")).singleElement()
                .satisfies(t -> assertThat(t.desiredState()).isEqualTo(TaskState.RUNNING));
    }

    @Test
    void onFailureRestartsFailedTasksButNotCompletedOnes() {
        Task first = runOne(new RestartPolicy(RestartPolicy.ON_FAILURE, 0, 0, 0));
        end(first, TaskState.FAILED);
        cluster.settle();
        Task second = cluster.running("web").get(0);
        assertThat(second.id()).isNotEqualTo(first.id());

        end(second, TaskState.COMPLETE);
        cluster.settle();

        assertThat(cluster.live("web")).isEmpty();
        assertThat(cluster.orchestrator.reconcile(cluster.state(), cluster.now)).isEmpty();
    }

    @Test
    void conditionNoneNeverRestarts() {
        Task first = runOne(new RestartPolicy(RestartPolicy.NONE, 0, 0, 0));
        end(first, TaskState.FAILED);

        cluster.settle();

        assertThat(cluster.live("web")).isEmpty();
        assertThat(cluster.tasksOf("web", t -> true)).containsExactly(cluster.task(first.id()));
    }

    @Test
    void maxAttemptsStopsRestartingInsideTheWindowAndAllowsItAgainAfter() {
        runOne(new RestartPolicy(RestartPolicy.ANY, 0, 2, 60_000_000_000L));
        for (int i = 0; i < 3; i++) {
            end(cluster.running("web").get(0), TaskState.FAILED);
            cluster.settle();
        }

        assertThat(cluster.live("web")).isEmpty();
        assertThat(cluster.tasksOf("web", t -> true)).hasSize(3);

        cluster.advance(60_000);
        cluster.settle();
        assertThat(cluster.running("web")).hasSize(1);
    }
}
