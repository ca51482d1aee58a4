package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.controlplane.model.HealthCheck;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.runtime.DesiredTask.Desired;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import static dev.swarmnet.controlplane.runtime.TaskLaunchTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The supervisor's state machine against a scripted host: the one place where a fake edge is right. */
class TaskSupervisorTest {
    private static final String A = "aaaaaaaaaaaaaaaaaaaaaaaaa";

    private final FakeHost host = new FakeHost();
    private final FakePorts ports = new FakePorts();
    private final List<TaskStatusChange> changes = new CopyOnWriteArrayList<>();
    /** How many probes had run when each state was first reported (probes run one at a time). */
    private final Map<TaskState, Integer> probesWhenReported = new ConcurrentHashMap<>();
    /** When (nanoTime) each state was first reported. */
    private final Map<TaskState, Long> nanosWhenReported = new ConcurrentHashMap<>();
    private TaskSupervisor supervisor;

    @AfterEach
    void close() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private TaskSupervisor supervisor(LeftoverTask... leftovers) {
        supervisor = new TaskSupervisor(host, ports, change -> {
            probesWhenReported.putIfAbsent(change.state(), host.probesRun.get());
            nanosWhenReported.putIfAbsent(change.state(), System.nanoTime());
            changes.add(change);
        }, List.of(leftovers));
        return supervisor;
    }

    private static TaskLaunch launch(String id, int networks) throws Exception {
        List<Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < networks; i++) {
            attachments.add(new Attachment(Attachment.interfaceName(i), ip("10.0." + i + ".5"), 24,
                ip("10.0." + i + ".1"), 1450));
        }
        return new TaskLaunch(id, "web.1." + id, "web", id.substring(0, 12), "sw-" + id, attachments,
            List.of("sleep", "100"), List.of(), Path.of("/tmp/" + id + ".log"), Duration.ofSeconds(7));
    }

    /** A launch whose health check runs {@code test} every 20 ms, unhealthy after 2 failures. */
    private static TaskLaunch checked(String id, long startPeriodNanos) throws Exception {
        TaskLaunch plain = launch(id, 1);
        return new TaskLaunch(plain.taskId(), plain.taskName(), plain.serviceName(), plain.hostname(),
            plain.namespace(), plain.attachments(), plain.argv(), plain.env(), plain.logFile(),
            plain.stopGracePeriod(), new HealthCheck(List.of("CMD-SHELL", "test -e /ready"), 20_000_000L,
                1_000_000_000L, 2, startPeriodNanos));
    }

    private static DesiredTask want(TaskLaunch launch, Desired state) {
        return new DesiredTask(launch, state);
    }

    private List<TaskState> states() {
        return changes.stream().map(TaskStatusChange::state).collect(Collectors.toList());
    }

    private TaskStatusChange awaitState(TaskState state) {
        await().atMost(Duration.ofSeconds(5)).until(() -> states().contains(state));
        return changes.stream().filter(c -> c.state() == state).findFirst().orElseThrow();
    }

    @Test
    void aTaskDesiredRunningIsPreparedAttachedStartedAndReportedRunningWithItsPid() throws Exception {
        TaskLaunch launch = launch(A, 2);
        supervisor().setDesired(List.of(want(launch, Desired.RUNNING)));

        TaskStatusChange running = awaitState(TaskState.RUNNING);

        assertThat(states()).containsExactly(TaskState.PREPARING, TaskState.STARTING, TaskState.RUNNING);
        assertThat(running.pid()).isEqualTo(FakeHost.PID);
        assertThat(running.message()).isEqualTo("started");
        assertThat(ports.attached).containsExactly(A + "#0 fd 100", A + "#1 fd 101");
        assertThat(host.calls).containsExactly("prepare " + A, "start " + A);
    }

    @Test
    void aTaskWithAHealthCheckStaysStartingUntilAProbeSucceedsThenRunsAndIsProbedOnAndOn() throws Exception {
        host.probeScript.addAll(List.of(1, 1, 1, 0));
        supervisor().setDesired(List.of(want(checked(A, 60_000_000_000L), Desired.RUNNING)));

        awaitState(TaskState.RUNNING);

        assertThat(probesWhenReported.get(TaskState.RUNNING)).as("three failures in the start period, then healthy")
            .isEqualTo(4);
        assertThat(states()).containsExactly(TaskState.PREPARING, TaskState.STARTING, TaskState.RUNNING);
        assertThat(host.lastProbe).containsExactly("/bin/sh", "-c", "test -e /ready");
        await().atMost(Duration.ofSeconds(5)).until(() -> host.probesRun.get() >= 8);
        assertThat(states()).as("still running").endsWith(TaskState.RUNNING);
    }

    @Test
    void aHealthyTaskFailingRetriesProbesInARowIsStoppedAndFailedAsUnhealthy() throws Exception {
        host.probeScript.addAll(List.of(0, 1, 0, 1, 1));
        supervisor().setDesired(List.of(want(checked(A, 0), Desired.RUNNING)));

        TaskStatusChange failed = awaitState(TaskState.FAILED);

        assertThat(failed.err()).isEqualTo("task: container unhealthy");
        assertThat(host.probesRun.get()).as("one failure alone did not count").isEqualTo(5);
        assertThat(host.calls).contains("stop " + A + " PT7S");
        assertThat(states()).containsExactly(TaskState.PREPARING, TaskState.STARTING, TaskState.RUNNING,
            TaskState.FAILED);
    }

    @Test
    void aTaskNeverHealthyFailsOnceItsStartPeriodIsOver() throws Exception {
        for (int i = 0; i < 1000; i++) {
            host.probeScript.add(1);
        }
        long desired = System.nanoTime();
        supervisor().setDesired(List.of(want(checked(A, 300_000_000L), Desired.RUNNING)));

        TaskStatusChange failed = awaitState(TaskState.FAILED);

        assertThat(failed.err()).isEqualTo("task: container unhealthy");
        // Counted, the first two failures (about 40 ms in) would have failed it. How many probes fit
        // in the start period depends on the machine's load; that it was not failed before its end does not.
        assertThat(Duration.ofNanos(nanosWhenReported.get(TaskState.FAILED) - desired))
            .as("failures during the 300 ms start period did not count").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(probesWhenReported.get(TaskState.FAILED)).as("two failures in a row after it").isGreaterThanOrEqualTo(2);
        assertThat(states()).doesNotContain(TaskState.RUNNING);
    }

    @Test
    void aTaskExitingZeroIsCompleteAndItsPortsAreDetachedAndItsNamespaceRemovedButNotItsLog() throws Exception {
        supervisor().setDesired(List.of(want(launch(A, 1), Desired.RUNNING)));
        awaitState(TaskState.RUNNING);

        host.exit(A, 0);

        TaskStatusChange complete = awaitState(TaskState.COMPLETE);
        assertThat(complete.message()).isEqualTo("finished");
        assertThat(complete.err()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> host.calls.contains("remove " + A));
        assertThat(ports.detached).containsExactly(1);
        assertThat(host.calls).doesNotContain("removeLogs " + A);
    }

    @Test
    void aNonZeroExitIsFailedWithDockersErrorText() throws Exception {
        supervisor().setDesired(List.of(want(launch(A, 1), Desired.RUNNING)));
        awaitState(TaskState.RUNNING);

        host.exit(A, 3);

        TaskStatusChange failed = awaitState(TaskState.FAILED);
        assertThat(failed.err()).isEqualTo("task: non-zero exit (3)");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.pid()).isEqualTo(FakeHost.PID);
    }

    @Test
    void aTaskThatExitsBeforeItsStartIsSeenIsReportedRunningThenComplete() throws Exception {
        host.exitAtOnce = 0;
        supervisor().setDesired(List.of(want(launch(A, 1), Desired.RUNNING)));

        awaitState(TaskState.COMPLETE);

        assertThat(states()).containsExactly(TaskState.PREPARING, TaskState.STARTING, TaskState.RUNNING,
            TaskState.COMPLETE);
    }

    @Test
    void aPrepareFailureIsFailedWithItsReasonAndNothingStarts() throws Exception {
        host.prepareFailure = new IOException("ioctl(TUNSETIFF, \"eth0\") failed: Device or resource busy (EBUSY)");
        supervisor().setDesired(List.of(want(launch(A, 1), Desired.RUNNING)));

        TaskStatusChange failed = awaitState(TaskState.FAILED);

        assertThat(failed.err()).isEqualTo("ioctl(TUNSETIFF, \"eth0\") failed: Device or resource busy (EBUSY)");
        assertThat(failed.message()).isEqualTo("preparing");
        await().atMost(Duration.ofSeconds(5)).until(() -> host.calls.contains("remove " + A));
        assertThat(host.calls).noneMatch(call -> call.startsWith("start"));
    }

    @Test
    void aFailedAttachDetachesWhatWasAttachedRemovesTheTaskAndFailsIt() throws Exception {
        ports.failOnIndex = 1;
        supervisor().setDesired(List.of(want(launch(A, 2), Desired.RUNNING)));

        TaskStatusChange failed = awaitState(TaskState.FAILED);

        assertThat(failed.err()).isEqualTo("no room for port 1");
        assertThat(ports.detached).containsExactly(1);
        assertThat(host.calls).contains("remove " + A).noneMatch(call -> call.startsWith("start"));
    }

    @Test
    void desiredShutdownStopsTheTaskWithItsGracePeriodAndReportsShutdown() throws Exception {
        TaskLaunch launch = launch(A, 1);
        supervisor().setDesired(List.of(want(launch, Desired.RUNNING)));
        awaitState(TaskState.RUNNING);

        supervisor.setDesired(List.of(want(launch, Desired.SHUTDOWN)));

        TaskStatusChange shutdown = awaitState(TaskState.SHUTDOWN);
        assertThat(shutdown.exitCode()).isEqualTo(143);
        assertThat(shutdown.message()).isEqualTo("shutdown");
        await().atMost(Duration.ofSeconds(5)).until(() -> host.calls.contains("remove " + A));
        assertThat(host.calls).contains("stop " + A + " PT7S").doesNotContain("removeLogs " + A);
        assertThat(states()).doesNotContain(TaskState.FAILED, TaskState.COMPLETE);
    }

    @Test
    void aTaskLeftOutOfTheDesiredSetIsStoppedRemovedWithItsLogAndForgotten() throws Exception {
        supervisor().setDesired(List.of(want(launch(A, 1), Desired.RUNNING)));
        awaitState(TaskState.RUNNING);

        supervisor.setDesired(List.of());

        awaitState(TaskState.REMOVE);
        assertThat(states()).containsExactly(TaskState.PREPARING, TaskState.STARTING, TaskState.RUNNING,
            TaskState.SHUTDOWN, TaskState.REMOVE);
        assertThat(host.calls).containsSubsequence("stop " + A + " PT7S", "remove " + A, "removeLogs " + A);
    }

    @Test
    void shutdownWantedWhilePreparingEndsTheTaskWithoutStartingIt() throws Exception {
        TaskLaunch launch = launch(A, 1);
        host.prepareGate = new CountDownLatch(1);
        supervisor().setDesired(List.of(want(launch, Desired.RUNNING)));
        awaitState(TaskState.PREPARING);

        supervisor.setDesired(List.of(want(launch, Desired.SHUTDOWN)));
        host.prepareGate.countDown();

        awaitState(TaskState.SHUTDOWN);
        await().atMost(Duration.ofSeconds(5)).until(() -> host.calls.contains("remove " + A));
        assertThat(host.calls).noneMatch(call -> call.startsWith("start"));
        assertThat(ports.detached).containsExactly(1);
    }

    @Test
    void aLiveLeftoverStillWantedIsAdoptedWithFreshTapsAndReportedRunning() throws Exception {
        supervisor(new LeftoverTask(A, "sw-" + A, 777, 1, true, true))
            .setDesired(List.of(want(launch(A, 1), Desired.RUNNING)));

        TaskStatusChange running = awaitState(TaskState.RUNNING);

        assertThat(running.pid()).isEqualTo(777);
        assertThat(states()).containsExactly(TaskState.RUNNING);
        assertThat(host.calls).containsExactly("reattach " + A);
        assertThat(ports.attached).containsExactly(A + "#0 fd 100");

        host.exit(A, -1);

        assertThat(awaitState(TaskState.FAILED).err()).isEqualTo("exit status unknown after daemon restart");
    }

    @Test
    void aWantedLeftoverWhoseProcessDiedIsRemovedAndFailedWithUnknownExit() throws Exception {
        supervisor(new LeftoverTask(A, "sw-" + A, 777, 1, false, true))
            .setDesired(List.of(want(launch(A, 1), Desired.RUNNING)));

        TaskStatusChange failed = awaitState(TaskState.FAILED);

        assertThat(failed.err()).isEqualTo("exit status unknown after daemon restart");
        assertThat(failed.exitCode()).isEqualTo(-1);
        assertThat(host.calls).startsWith("remove " + A).noneMatch(call -> call.startsWith("start"));
    }

    @Test
    void aLeftoverNoLongerWantedIsRemovedWithoutAReport() throws Exception {
        supervisor(new LeftoverTask(A, "sw-" + A, 777, 1, true, true)).setDesired(List.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> host.calls.contains("removeLogs " + A));

        assertThat(host.calls).containsExactly("remove " + A, "removeLogs " + A);
        assertThat(changes).isEmpty();
    }

    /** A host whose processes end when the test says so. */
    static final class FakeHost implements TaskHost {
        static final long PID = 4242;
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, IntConsumer> exits = new ConcurrentHashMap<>();
        volatile IOException prepareFailure;
        volatile CountDownLatch prepareGate;
        volatile Integer exitAtOnce;

        @Override
        public PreparedTask prepare(TaskLaunch launch) throws IOException {
            calls.add("prepare " + launch.taskId());
            if (prepareGate != null) {
                try {
                    prepareGate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (prepareFailure != null) {
                throw prepareFailure;
            }
            return prepared(launch);
        }

        @Override
        public PreparedTask reattach(TaskLaunch launch) {
            calls.add("reattach " + launch.taskId());
            return prepared(launch);
        }

        private static PreparedTask prepared(TaskLaunch launch) {
            List<TapPort> ports = new ArrayList<>();
            for (int i = 0; i < launch.attachments().size(); i++) {
                ports.add(new TapPort(i, 100 + i, true));
            }
            return new PreparedTask(launch, ports);
        }

        @Override
        public long start(PreparedTask task) {
            calls.add("start " + task.launch().taskId());
            return PID;
        }

        @Override
        public void onExit(String taskId, IntConsumer exitCode) {
            if (exitAtOnce != null) {
                exitCode.accept(exitAtOnce);
            } else {
                exits.put(taskId, exitCode);
            }
        }

        void exit(String taskId, int code) {
            await().atMost(Duration.ofSeconds(5)).until(() -> exits.containsKey(taskId));
            exits.remove(taskId).accept(code);
        }

        @Override
        public int stop(String taskId, Duration grace) {
            calls.add("stop " + taskId + " " + grace);
            IntConsumer exit = exits.remove(taskId);
            if (exit != null) {
                exit.accept(143);
            }
            return 143;
        }

        @Override
        public void remove(String taskId) {
            calls.add("remove " + taskId);
        }

        @Override
        public void removeLogs(String taskId) {
            calls.add("removeLogs " + taskId);
        }

        /** Exit statuses the next probes return, in order; 0 once the script is used up. */
        final java.util.Queue<Integer> probeScript = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final AtomicInteger probesRun = new AtomicInteger();
        volatile List<String> lastProbe;

        @Override
        public int probe(String taskId, List<String> argv, Duration timeout) {
            probesRun.incrementAndGet();
            lastProbe = argv;
            Integer next = probeScript.poll();
            return next == null ? 0 : next;
        }
    }

    /** A data plane that numbers ports from 1 and can refuse one attachment index. */
    static final class FakePorts implements PortAttacher {
        final List<String> attached = new CopyOnWriteArrayList<>();
        final List<Integer> detached = new CopyOnWriteArrayList<>();
        final AtomicInteger next = new AtomicInteger();
        volatile int failOnIndex = -1;

        @Override
        public int attach(String taskId, TapPort port) throws IOException {
            if (port.index() == failOnIndex) {
                throw new IOException("no room for port " + port.index());
            }
            attached.add(taskId + "#" + port.index() + " fd " + port.fd());
            return next.incrementAndGet();
        }

        @Override
        public void detach(int portId) {
            detached.add(portId);
        }
    }
}
