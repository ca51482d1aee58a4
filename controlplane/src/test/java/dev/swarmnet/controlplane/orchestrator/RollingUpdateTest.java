package dev.swarmnet.controlplane.orchestrator;

import static dev.swarmnet.controlplane.orchestrator.TestCluster.id;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.replicated;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.withImage;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.withUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.UpdateConfig;
import dev.swarmnet.controlplane.model.UpdateStatus;
import dev.swarmnet.controlplane.state.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingUpdateTest {
    private final TestCluster cluster = new TestCluster().workers("a", "b", "c");

    private void runFourThenUpdate(UpdateConfig config) {
        cluster.create(withUpdate(replicated("web", 4), config));
        cluster.settle();
        cluster.advance(1_000);
        cluster.update("web", spec -> withImage(spec, "v2"));
    }

    private List<Integer> slotsWithImage(String image) {
        return cluster.live("web").stream()
                .filter(t -> t.spec().container().image().equals(image)).map(Task::slot).toList();
    }

    @Test
    void stopFirstStopsABatchOfTwoBeforeStartingTheirReplacements() {
        runFourThenUpdate(new UpdateConfig(2, 0, UpdateConfig.PAUSE, 0, 0, UpdateConfig.STOP_FIRST));

        List<Command> first = cluster.pass();

        assertThat(first).contains(new Command.SetUpdateStatus(id("web"),
                new UpdateStatus(UpdateStatus.UPDATING, cluster.now, 0, "update in progress")));
        Command.WriteTasks write = (Command.WriteTasks) first.get(0);
        assertThat(write.create()).isEmpty();
        assertThat(write.change()).hasSize(2)
                .allSatisfy(c -> assertThat(c.desiredState()).isEqualTo(TaskState.SHUTDOWN));
        assertThat(slotsWithImage("swarmnet/whoami")).containsExactly(3, 4);
        assertThat(cluster.pass()).as("nothing starts before the old tasks stopped").isEmpty();

        cluster.agentsStop();
        cluster.pass();
        assertThat(slotsWithImage("v2")).containsExactly(1, 2);
        assertThat(slotsWithImage("swarmnet/whoami")).containsExactly(3, 4);

        cluster.pass();
        cluster.agentsRun();
        cluster.pass();
        assertThat(slotsWithImage("swarmnet/whoami")).as("second batch stopping").isEmpty();
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2);

        cluster.settle();
        assertThat(cluster.running("web")).extracting(t -> t.spec().container().image()).containsOnly("v2");
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2, 3, 4);
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.COMPLETED);
        assertThat(cluster.updateStatus("web").message()).isEqualTo("update completed");
        assertThat(cluster.updateStatus("web").completedAtMillis()).isEqualTo(cluster.now);
    }

    @Test
    void startFirstStartsTheNewTaskBesideTheOldAndStopsTheOldOnceTheNewRuns() {
        runFourThenUpdate(new UpdateConfig(2, 0, UpdateConfig.PAUSE, 0, 0, UpdateConfig.START_FIRST));

        cluster.pass();
        assertThat(slotsWithImage("v2")).containsExactly(1, 2);
        assertThat(slotsWithImage("swarmnet/whoami")).containsExactly(1, 2, 3, 4);

        cluster.pass();
        cluster.agentsRun();
        cluster.pass();

        assertThat(slotsWithImage("swarmnet/whoami")).containsExactly(3, 4);
        assertThat(slotsWithImage("v2")).containsExactly(1, 2, 3, 4);

        cluster.settle();
        assertThat(cluster.running("web")).extracting(t -> t.spec().container().image()).containsOnly("v2");
        assertThat(cluster.running("web")).hasSize(4);
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.COMPLETED);
    }

    @Test
    void theNextBatchWaitsForTheDelayAfterTheLastBatchRuns() {
        runFourThenUpdate(new UpdateConfig(2, 10_000_000_000L, UpdateConfig.PAUSE, 0, 0, UpdateConfig.STOP_FIRST));
        cluster.settle();
        assertThat(slotsWithImage("v2")).containsExactly(1, 2);
        assertThat(slotsWithImage("swarmnet/whoami")).containsExactly(3, 4);

        cluster.advance(9_999);
        cluster.settle();
        assertThat(slotsWithImage("swarmnet/whoami")).containsExactly(3, 4);

        cluster.advance(1);
        cluster.settle();
        assertThat(slotsWithImage("v2")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void completionWaitsForTheMonitorPeriod() {
        runFourThenUpdate(new UpdateConfig(0, 0, UpdateConfig.PAUSE, 5_000_000_000L, 0, UpdateConfig.STOP_FIRST));
        cluster.settle();
        assertThat(slotsWithImage("v2")).containsExactly(1, 2, 3, 4);
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.UPDATING);

        cluster.advance(5_000);
        cluster.settle();

        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.COMPLETED);
    }

    @Test
    void aFailingNewTaskPausesTheUpdate() {
        runFourThenUpdate(new UpdateConfig(1, 0, UpdateConfig.PAUSE, 0, 0, UpdateConfig.STOP_FIRST));
        cluster.pass();
        cluster.agentsStop();
        cluster.pass();
        cluster.pass();
        Task fresh = cluster.live("web").stream().filter(t -> t.slot() == 1).findFirst().orElseThrow();

        cluster.advance(100);
        cluster.report(fresh, TaskState.FAILED);
        cluster.settle();

        UpdateStatus status = cluster.updateStatus("web");
        assertThat(status.state()).isEqualTo(UpdateStatus.PAUSED);
        assertThat(status.message()).isEqualTo("update paused due to failure or early termination of task " + fresh.id());
        assertThat(slotsWithImage("swarmnet/whoami")).containsExactly(2, 3, 4);
        cluster.advance(60_000);
        cluster.settle();
        assertThat(slotsWithImage("swarmnet/whoami")).as("a paused update stays paused").containsExactly(2, 3, 4);
    }

    @Test
    void failuresUnderTheRatioDoNotStopTheUpdate() {
        runFourThenUpdate(new UpdateConfig(1, 0, UpdateConfig.PAUSE, 0, 0.25, UpdateConfig.STOP_FIRST));
        cluster.pass();
        cluster.agentsStop();
        cluster.pass();
        cluster.pass();
        cluster.report(cluster.live("web").get(0), TaskState.FAILED);

        cluster.settle();
        cluster.advance(5_000);
        cluster.settle();

        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.COMPLETED);
        assertThat(slotsWithImage("v2")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void theRollbackActionRestoresThePreviousSpec() {
        runFourThenUpdate(new UpdateConfig(1, 0, UpdateConfig.ROLLBACK, 0, 0, UpdateConfig.STOP_FIRST));
        cluster.pass();
        cluster.agentsStop();
        cluster.pass();
        cluster.pass();
        Task fresh = cluster.live("web").stream().filter(t -> t.slot() == 1).findFirst().orElseThrow();
        cluster.advance(100);
        cluster.report(fresh, TaskState.FAILED);
        long version = cluster.service("web").version().index();

        List<Command> commands = cluster.pass();

        assertThat(commands).contains(new Command.UpdateService(id("web"),
                new dev.swarmnet.controlplane.model.Version(version), null, true));
        assertThat(commands.get(commands.size() - 1)).isEqualTo(new Command.SetUpdateStatus(id("web"),
                new UpdateStatus(UpdateStatus.ROLLBACK_STARTED, cluster.now, 0,
                        "update rolled back due to failure or early termination of task " + fresh.id())));
        cluster.settle();
        assertThat(cluster.running("web")).hasSize(4)
                .extracting(t -> t.spec().container().image()).containsOnly("swarmnet/whoami");
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.ROLLBACK_STARTED);

        cluster.advance(UpdateConfig.DEFAULT_MONITOR_NANOS / 1_000_000L);
        cluster.settle();
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.ROLLBACK_COMPLETED);
        assertThat(cluster.updateStatus("web").message()).isEqualTo("rollback completed");
    }

    private Task failFirstNewTask(UpdateConfig config) {
        runFourThenUpdate(config);
        cluster.pass();
        cluster.agentsStop();
        cluster.pass();
        cluster.pass();
        Task fresh = cluster.live("web").stream().filter(t -> t.slot() == 1).findFirst().orElseThrow();
        cluster.advance(100);
        cluster.report(fresh, TaskState.FAILED);
        cluster.settle();
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.PAUSED);
        return fresh;
    }

    @Test
    void aManualRollbackOfAPausedUpdateRestoresThePreviousSpecWithTheRollbackConfig() {
        failFirstNewTask(new UpdateConfig(1, 0, UpdateConfig.PAUSE, 0, 0, UpdateConfig.STOP_FIRST));
        cluster.advance(1_000);

        cluster.rollback("web");
        assertThat(cluster.updateStatus("web")).isEqualTo(new UpdateStatus(UpdateStatus.ROLLBACK_STARTED, cluster.now, 0,
                "manually requested rollback"));
        cluster.settle();

        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2, 3, 4);
        assertThat(cluster.running("web")).extracting(t -> t.spec().container().image()).containsOnly("swarmnet/whoami");
        assertThat(cluster.service("web").previousSpec().taskTemplate().container().image()).isEqualTo("v2");
        cluster.advance(UpdateConfig.DEFAULT_MONITOR_NANOS / 1_000_000L);
        cluster.settle();
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.ROLLBACK_COMPLETED);
    }

    @Test
    void aNewUpdateAfterAPauseStartsOver() {
        failFirstNewTask(new UpdateConfig(1, 0, UpdateConfig.PAUSE, 0, 0, UpdateConfig.STOP_FIRST));
        cluster.advance(1_000);

        cluster.update("web", spec -> withImage(spec, "v3"));
        assertThat(cluster.updateStatus("web")).as("apply clears the status on every update").isNull();
        List<Command> first = cluster.pass();

        assertThat(first).contains(new Command.SetUpdateStatus(id("web"),
                new UpdateStatus(UpdateStatus.UPDATING, cluster.now, 0, "update in progress")));
        cluster.settle();
        cluster.advance(1);
        cluster.settle();
        assertThat(cluster.running("web")).extracting(t -> t.spec().container().image()).containsOnly("v3");
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2, 3, 4);
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.COMPLETED);
    }

    @Test
    void aScaleAfterACompletedUpdateClearsTheStatusWithoutStartingAnother() {
        runFourThenUpdate(new UpdateConfig(0, 0, UpdateConfig.PAUSE, 0, 0, UpdateConfig.STOP_FIRST));
        cluster.settle();
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.COMPLETED);

        cluster.scale("web", 6);
        cluster.settle();

        assertThat(cluster.updateStatus("web")).isNull();
        assertThat(cluster.running("web")).extracting(t -> t.spec().container().image()).containsOnly("v2");
        assertThat(cluster.running("web")).hasSize(6);
    }

    @Test
    void anAutomaticRollbackFollowsTheRollbackConfigStartFirstTwoAtATime() {
        UpdateConfig rollback = new UpdateConfig(2, 0, UpdateConfig.PAUSE, 0, 0, UpdateConfig.START_FIRST);
        cluster.create(new dev.swarmnet.controlplane.model.ServiceSpec("web", java.util.Map.of(),
                TestCluster.template("swarmnet/whoami"), dev.swarmnet.controlplane.model.ServiceMode.replicated(4),
                new UpdateConfig(0, 0, UpdateConfig.ROLLBACK, 0, 0, UpdateConfig.STOP_FIRST), rollback,
                dev.swarmnet.controlplane.model.EndpointSpec.vip()));
        cluster.settle();
        cluster.advance(1_000);
        cluster.update("web", spec -> withImage(spec, "v2"));
        cluster.pass();
        cluster.agentsStop();
        cluster.pass();
        cluster.pass();
        assertThat(slotsWithImage("v2")).containsExactly(1, 2, 3, 4);
        cluster.advance(100);
        cluster.report(cluster.live("web").get(0), TaskState.FAILED);

        cluster.pass();
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.ROLLBACK_STARTED);
        cluster.pass();
        assertThat(slotsWithImage("swarmnet/whoami")).as("two old-spec tasks start beside the new ones")
                .containsExactly(1, 2);
        assertThat(slotsWithImage("v2")).containsExactly(1, 2, 3, 4);

        cluster.settle();
        cluster.advance(1);
        cluster.settle();
        assertThat(cluster.running("web")).extracting(t -> t.spec().container().image()).containsOnly("swarmnet/whoami");
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2, 3, 4);
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.ROLLBACK_COMPLETED);
    }

    @Test
    void publishingAMeshPortReplacesTheTasksSoTheyGetAnIngressAddress() {
        cluster.create(replicated("web", 2));
        cluster.settle();
        assertThat(cluster.running("web")).allSatisfy(t -> assertThat(t.networks()).isEmpty());
        cluster.advance(1_000);

        cluster.update("web", spec -> new dev.swarmnet.controlplane.model.ServiceSpec(spec.name(), spec.labels(),
                spec.taskTemplate(), spec.mode(), spec.updateConfig(), spec.rollbackConfig(),
                new dev.swarmnet.controlplane.model.EndpointSpec(dev.swarmnet.controlplane.model.EndpointSpec.VIP,
                        List.of(dev.swarmnet.controlplane.model.PortConfig.tcp(8080, 80)))));
        cluster.settle();
        cluster.advance(UpdateConfig.DEFAULT_MONITOR_NANOS / 1_000_000L);
        cluster.settle();

        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2);
        assertThat(cluster.running("web")).allSatisfy(t -> assertThat(t.networks()).singleElement()
                .satisfies(a -> assertThat(a.networkId()).isEqualTo(id("ingress"))));
        assertThat(cluster.running("web")).allSatisfy(t ->
                assertThat(Orchestrator.upToDate(cluster.state(), cluster.service("web"), t)).isTrue());
        assertThat(cluster.updateStatus("web").state()).isEqualTo(UpdateStatus.COMPLETED);
    }

    @Test
    void scalingDoesNotStartAnUpdate() {
        cluster.create(replicated("web", 2));
        cluster.settle();

        cluster.update("web", spec -> spec.withMode(dev.swarmnet.controlplane.model.ServiceMode.replicated(3)));
        cluster.settle();

        assertThat(cluster.updateStatus("web")).isNull();
    }
}
