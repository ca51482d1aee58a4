package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.runtime.DesiredTask.Desired;
import dev.swarmnet.linux.LinuxSupport;
import dev.swarmnet.linux.NetworkNamespace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.swarmnet.controlplane.runtime.TaskLaunchTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** The supervisor driving the real runtime (needs root): what the agent will run. */
class TaskSupervisorOnTheHostTest {
    private static final String PREFIX = "swsv" + ProcessHandle.current().pid() + "-";

    @TempDir
    Path dir;
    private RuntimeSettings settings;
    private TaskSupervisor supervisor;
    private final List<TaskStatusChange> changes = new CopyOnWriteArrayList<>();
    private final List<Integer> detached = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        assumeThat(LinuxSupport.isAvailable()).as("needs root and the native module").isTrue();
        settings = RuntimeSettings.defaults().withNamespacePrefix(PREFIX)
            .withDirectories(dir.resolve("state"), dir.resolve("logs"));
        AtomicInteger portIds = new AtomicInteger();
        PortAttacher ports = new PortAttacher() {
            @Override
            public int attach(String taskId, TapPort port) {
                return portIds.incrementAndGet();
            }

            @Override
            public void detach(int portId) {
                detached.add(portId);
            }
        };
        supervisor = new TaskSupervisor(new TaskRuntime(settings), ports, changes::add, List.of());
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (supervisor == null) {
            return;
        }
        supervisor.setDesired(List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> NetworkNamespace.list().stream()
            .noneMatch(name -> name.startsWith(PREFIX)));
        supervisor.close();
    }

    private TaskLaunch launch(String... argv) throws Exception {
        String taskId = Ids.newId();
        return new TaskLaunch(taskId, "job.1." + taskId, "job", taskId.substring(0, 12), settings.namespaceOf(taskId),
            List.of(new Attachment("eth0", ip("10.98.0.7"), 24, ip("10.98.0.1"), 1450)), List.of(argv), List.of(),
            settings.logFileOf(taskId), Duration.ofSeconds(2));
    }

    @Test
    void aTaskExitingNonZeroIsFailedAndItsNamespaceIsGoneButItsLogStays() throws Exception {
        TaskLaunch launch = launch("sh", "-c", "echo bye; exit 3");

        supervisor.setDesired(List.of(new DesiredTask(launch, Desired.RUNNING)));

        await().atMost(Duration.ofSeconds(10)).until(() -> changes.stream().anyMatch(c -> c.state().terminal()));
        assertThat(changes).extracting(TaskStatusChange::state)
            .containsExactly(TaskState.PREPARING, TaskState.STARTING, TaskState.RUNNING, TaskState.FAILED);
        assertThat(changes.get(3).err()).isEqualTo("task: non-zero exit (3)");
        await().atMost(Duration.ofSeconds(10)).until(() -> !NetworkNamespace.exists(launch.namespace()));
        assertThat(detached).containsExactly(1);
        assertThat(Files.readString(launch.logFile())).isEqualTo("bye\n");
    }

    @Test
    void aRunningTaskShutDownIsStoppedBySigtermAndRemovalDeletesItsLog() throws Exception {
        TaskLaunch launch = launch("sleep", "100");
        supervisor.setDesired(List.of(new DesiredTask(launch, Desired.RUNNING)));
        await().atMost(Duration.ofSeconds(10)).until(() -> changes.stream().anyMatch(c -> c.state() == TaskState.RUNNING));
        long pid = changes.get(2).pid();

        supervisor.setDesired(List.of(new DesiredTask(launch, Desired.SHUTDOWN)));

        await().atMost(Duration.ofSeconds(10)).until(() -> changes.stream().anyMatch(c -> c.state() == TaskState.SHUTDOWN));
        assertThat(changes.get(3).exitCode()).isEqualTo(128 + 15);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !NetworkNamespace.exists(launch.namespace()));
        assertThat(launch.logFile()).exists();

        supervisor.setDesired(List.of(new DesiredTask(launch, Desired.REMOVE)));

        await().atMost(Duration.ofSeconds(10)).until(() -> changes.stream().anyMatch(c -> c.state() == TaskState.REMOVE));
        assertThat(launch.logFile()).doesNotExist();
    }
}
