package dev.swarmnet.controlplane.state;

import static dev.swarmnet.controlplane.state.Fixtures.build;
import static dev.swarmnet.controlplane.state.Fixtures.createService;
import static dev.swarmnet.controlplane.state.Fixtures.id;
import static dev.swarmnet.controlplane.state.Fixtures.network;
import static dev.swarmnet.controlplane.state.Fixtures.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskCommandsTest {
    private static final String WEB = id("web");
    private static final String TINY = id("tiny");

    private static Command.WriteTasks create(String taskId, String nodeId) {
        return new Command.WriteTasks(List.of(new Command.NewTask(taskId, WEB, 1, nodeId, TaskState.RUNNING)), null, null);
    }

    private static Command.WriteTasks delete(String taskId) {
        return new Command.WriteTasks(null, null, List.of(taskId));
    }

    private static String address(ClusterState state, String taskId) {
        return state.task(taskId).orElseThrow().networks().get(0).address();
    }

    @Test
    void aNewTaskCopiesItsServiceAndGetsAnAddressOnIngressFirstThenOnEachNetwork() {
        ClusterState state = build(Fixtures.init(), network("front"),
                createService("web", List.of(id("front")), PortConfig.tcp(8080, 80)), create(id("t1"), ""));

        Task task = state.task(id("t1")).orElseThrow();
        assertThat(task.serviceId()).isEqualTo(WEB);
        assertThat(task.serviceName()).isEqualTo("web");
        assertThat(task.spec()).isEqualTo(state.service(WEB).orElseThrow().spec().taskTemplate());
        assertThat(task.networks()).containsExactly(new NetworkAttachment(Fixtures.INGRESS, "10.0.0.4/24"),
                new NetworkAttachment(id("front"), "10.0.1.3/24"));
        assertThat(task.desiredState()).isEqualTo(TaskState.RUNNING);
        assertThat(task.status().state()).isEqualTo(TaskState.PENDING);
        assertThat(task.status().message()).isEqualTo("pending task scheduling");
        assertThat(task.name()).isEqualTo("web.1." + id("t1"));
    }

    @Test
    void aTaskCreatedOnAKnownNodeIsAssigned() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()), create(id("t1"), Fixtures.MGR1));

        Task task = state.task(id("t1")).orElseThrow();
        assertThat(task.nodeId()).isEqualTo(Fixtures.MGR1);
        assertThat(task.status().state()).isEqualTo(TaskState.ASSIGNED);
        assertThat(task.status().message()).isEqualTo("scheduler assigned task to node");
        assertThat(state.tasksOn(Fixtures.MGR1)).containsExactly(task);
    }

    @Test
    void addressesAreSerialSoAFreedOneIsReusedOnlyAfterTheOthers() {
        // 10.9.0.0/29: .1 gateway, .2 the VIP, .3-.6 for tasks.
        ClusterState state = build(Fixtures.init(), network("tiny", "10.9.0.0/29"), createService("web", List.of(TINY)),
                create(id("t1"), ""), create(id("t2"), ""), delete(id("t1")), create(id("t3"), ""), create(id("t4"), ""),
                create(id("t5"), ""));

        assertThat(address(state, id("t2"))).isEqualTo("10.9.0.4/29");
        assertThat(address(state, id("t3"))).isEqualTo("10.9.0.5/29");
        assertThat(address(state, id("t4"))).isEqualTo("10.9.0.6/29");
        assertThat(address(state, id("t5"))).isEqualTo("10.9.0.3/29");
    }

    @Test
    void aTaskThatCannotBeAddressedIsRejectedWithTheNetworkNamed() {
        ClusterState state = build(Fixtures.init(), network("tiny", "10.9.0.0/30"),
                createService("web", List.of(TINY), PortConfig.tcp(8080, 80)));

        Applied applied = next(state, create(id("t1"), ""));

        assertThat(applied.result().succeeded()).isTrue();
        Task task = applied.state().task(id("t1")).orElseThrow();
        assertThat(task.status().state()).isEqualTo(TaskState.REJECTED);
        assertThat(task.status().err()).isEqualTo("could not allocate an address on network tiny (10.9.0.0/30): no addresses left");
        assertThat(task.networks()).isEmpty();
    }

    @Test
    void severalTasksInOneWriteGetDistinctAddresses() {
        ClusterState state = build(Fixtures.init(), network("front"), createService("web", List.of(id("front"))));
        List<Command.NewTask> tasks = new ArrayList<>();
        for (int slot = 1; slot <= 3; slot++) {
            tasks.add(new Command.NewTask(id("t" + slot), WEB, slot, "", TaskState.RUNNING));
        }

        ClusterState after = next(state, new Command.WriteTasks(tasks, null, null)).state();

        assertThat(after.tasksOf(WEB)).extracting(t -> t.networks().get(0).address())
                .containsExactly("10.0.1.3/24", "10.0.1.4/24", "10.0.1.5/24");
        assertThat(after.resolveNetwork("front").value().lastAddress()).isEqualTo("10.0.1.5");
    }

    @Test
    void skipsCreatesForGoneServicesAndChangesOrDeletesOfGoneTasks() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()));

        Applied applied = next(state, new Command.WriteTasks(
                List.of(new Command.NewTask(id("t1"), id("gone"), 1, "", TaskState.RUNNING)),
                List.of(new Command.TaskChange(id("t9"), Fixtures.MGR1, null, null)), List.of(id("t8"))));

        assertThat(applied.result()).isEqualTo(Result.ok(List.of()));
        assertThat(applied.state().tasks()).isEmpty();
    }

    @Test
    void refusesTheWholeWriteWhenATaskIdIsBadOrTaken() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()), create(id("t1"), ""));

        assertThat(next(state, create(id("t1"), "")).result()).isEqualTo(Result.failure(409, "task " + id("t1") + " already exists"));
        assertThat(next(state, create("T1", "")).result()).isEqualTo(Result.failure(400, "invalid task ID T1"));
    }

    @Test
    void changesMoveTheDesiredStateOnlyForward() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()), create(id("t1"), ""));
        TaskStatus assigned = TaskStatus.of(5, TaskState.ASSIGNED, "scheduler assigned task to node");

        ClusterState shutDown = next(state, new Command.WriteTasks(null,
                List.of(new Command.TaskChange(id("t1"), Fixtures.MGR1, TaskState.SHUTDOWN, assigned)), null)).state();
        Applied back = next(shutDown, new Command.WriteTasks(null,
                List.of(new Command.TaskChange(id("t1"), null, TaskState.RUNNING, null)), null));

        Task task = back.state().task(id("t1")).orElseThrow();
        assertThat(task.desiredState()).isEqualTo(TaskState.SHUTDOWN);
        assertThat(task.nodeId()).isEqualTo(Fixtures.MGR1);
        assertThat(task.status()).isEqualTo(assigned);
        assertThat(task.version()).isEqualTo(shutDown.task(id("t1")).orElseThrow().version());
    }

    @Test
    void aPendingTaskTakesTheSchedulersNewReasonAndAReadyReplacementMayBeWantedRunning() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()),
                new Command.WriteTasks(List.of(new Command.NewTask(id("t1"), WEB, 1, "", TaskState.READY)), null, null));
        TaskStatus noNode = new TaskStatus(7, TaskState.PENDING, "pending task scheduling",
                "no suitable node (1 node not available for new tasks)", 0, 0);
        TaskStatus stillNoNode = new TaskStatus(8, TaskState.PENDING, "pending task scheduling",
                "no suitable node (2 nodes not available for new tasks)", 0, 0);

        ClusterState explained = next(state, new Command.WriteTasks(null,
                List.of(new Command.TaskChange(id("t1"), null, null, noNode)), null)).state();
        ClusterState reexplained = next(explained, new Command.WriteTasks(null,
                List.of(new Command.TaskChange(id("t1"), null, TaskState.RUNNING, stillNoNode)), null)).state();

        assertThat(explained.task(id("t1")).orElseThrow().status()).isEqualTo(noNode);
        Task task = reexplained.task(id("t1")).orElseThrow();
        assertThat(task.status()).as("same state, new reason: replaced").isEqualTo(stillNoNode);
        assertThat(task.desiredState()).isEqualTo(TaskState.RUNNING);
        assertThat(task.version().index()).isEqualTo(reexplained.appliedIndex());
    }

    @Test
    void deletingATaskFreesItsAddress() {
        // A /30 holds one address; a dnsrr service takes no VIP, so its first task takes it.
        ServiceSpec dnsrr = new ServiceSpec("web", null, Fixtures.service("web", List.of(TINY)).taskTemplate(),
                ServiceMode.replicated(1), null, null, new EndpointSpec(EndpointSpec.DNSRR, List.of()));
        ClusterState state = build(Fixtures.init(), network("tiny", "10.9.0.0/30"), new Command.CreateService(WEB, dnsrr),
                create(id("t1"), ""), create(id("t2"), ""), delete(id("t1")), create(id("t3"), ""));

        assertThat(state.task(id("t2")).orElseThrow().status().state()).isEqualTo(TaskState.REJECTED);
        assertThat(address(state, id("t3"))).isEqualTo("10.9.0.2/30");
    }

    @Test
    void aTaskKeptOnlyAsHistoryHoldsNoAddress() {
        // A /30 holds one address; a dnsrr service takes no VIP, so its first task takes it.
        ServiceSpec dnsrr = new ServiceSpec("web", null, Fixtures.service("web", List.of(TINY)).taskTemplate(),
                ServiceMode.replicated(1), null, null, new EndpointSpec(EndpointSpec.DNSRR, List.of()));
        ClusterState state = build(Fixtures.init(), Fixtures.join(Fixtures.W1, "worker1", NodeRole.WORKER, "192.168.56.11"),
                network("tiny", "10.9.0.0/30"), new Command.CreateService(WEB, dnsrr), create(id("t1"), Fixtures.W1));
        TaskStatus failed = new TaskStatus(40, TaskState.FAILED, "failed", "exit status 1", 0, 1);
        ClusterState ended = next(state, new Command.ReportTaskStatus(Fixtures.W1,
                List.of(new Command.TaskReport(id("t1"), failed)))).state();

        ClusterState stillWanted = next(ended, create(id("t2"), Fixtures.W1)).state();
        assertThat(stillWanted.task(id("t2")).orElseThrow().status().state())
                .as("an ended task still desired running keeps its address").isEqualTo(TaskState.REJECTED);

        ClusterState history = next(ended, new Command.WriteTasks(List.of(),
                List.of(new Command.TaskChange(id("t1"), null, TaskState.SHUTDOWN, null)), List.of())).state();
        ClusterState replaced = next(history, create(id("t3"), Fixtures.W1)).state();
        assertThat(address(replaced, id("t3"))).isEqualTo("10.9.0.2/30");
    }

    @Test
    void agentsReportOnlyTheirOwnTasksAndOnlyForward() {
        ClusterState state = build(Fixtures.init(), Fixtures.join(Fixtures.W1, "worker1", NodeRole.WORKER, "192.168.56.11"),
                createService("web", List.of()), create(id("t1"), Fixtures.W1));
        TaskStatus running = new TaskStatus(10, TaskState.RUNNING, "started", "", 42, 0);

        Applied other = next(state, new Command.ReportTaskStatus(Fixtures.MGR1,
                List.of(new Command.TaskReport(id("t1"), running))));
        assertThat(other.state().task(id("t1"))).isEqualTo(state.task(id("t1")));

        ClusterState started = next(state, new Command.ReportTaskStatus(Fixtures.W1,
                List.of(new Command.TaskReport(id("t1"), running)))).state();
        Task task = started.task(id("t1")).orElseThrow();
        assertThat(task.status()).isEqualTo(running);
        assertThat(task.version().index()).isEqualTo(started.appliedIndex());

        TaskStatus again = new TaskStatus(20, TaskState.RUNNING, "started", "", 42, 0);
        TaskStatus backwards = TaskStatus.of(30, TaskState.PREPARING, "preparing");
        Applied repeat = next(started, new Command.ReportTaskStatus(Fixtures.W1,
                List.of(new Command.TaskReport(id("t1"), again), new Command.TaskReport(id("t1"), backwards))));
        assertThat(repeat.state().task(id("t1"))).contains(task);
        assertThat(repeat.result()).isEqualTo(Result.ok(List.of()));

        TaskStatus failed = new TaskStatus(40, TaskState.FAILED, "failed", "exit status 1", 0, 1);
        Task ended = next(started, new Command.ReportTaskStatus(Fixtures.W1,
                List.of(new Command.TaskReport(id("t1"), failed)))).state().task(id("t1")).orElseThrow();
        assertThat(ended.status()).isEqualTo(failed);
    }

    @Test
    void twoReplicasApplyingTheSameLogAgreeOnEveryAddress() {
        List<Command> log = List.of(Fixtures.init(), network("front"), createService("web", List.of(id("front")),
                PortConfig.tcp(0, 80)), create(id("t1"), ""), create(id("t2"), Fixtures.MGR1), delete(id("t1")),
                create(id("t3"), ""), new Command.RemoveService(WEB), createService("api", List.of(id("front"))));

        assertThat(build(log.toArray(Command[]::new))).isEqualTo(build(log.toArray(Command[]::new)));
        StateCodec codec = new StateCodec();
        ClusterState state = build(log.toArray(Command[]::new));
        assertThat(codec.decodeState(codec.encodeState(state))).isEqualTo(state);
    }
}
