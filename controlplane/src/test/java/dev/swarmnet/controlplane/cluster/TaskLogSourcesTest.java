package dev.swarmnet.controlplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which node to ask for which tasks' logs. */
class TaskLogSourcesTest {
    private static final Map<String, String> ADDRESSES = Map.of("node1", "10.0.0.1:2377", "node2", "10.0.0.2:2377");

    @Test
    void tasksAreGroupedByNodeInTheOrderTheyCome() {
        List<TaskLogClient.Source> sources = TaskLogClient.sources(List.of(
                task("t000000000000000000000001", "node2"),
                task("t000000000000000000000002", "node1"),
                task("t000000000000000000000003", "node2")), node -> Optional.ofNullable(ADDRESSES.get(node)));

        assertThat(sources).containsExactly(
                new TaskLogClient.Source("10.0.0.2:2377", "node2", "svc", List.of("t000000000000000000000001",
                        "t000000000000000000000003")),
                new TaskLogClient.Source("10.0.0.1:2377", "node1", "svc", List.of("t000000000000000000000002")));
    }

    @Test
    void tasksNotOnANodeOrOnANodeWithoutAnAddressAreLeftOut() {
        List<TaskLogClient.Source> sources = TaskLogClient.sources(List.of(
                task("t000000000000000000000001", ""),
                task("t000000000000000000000002", "gone"),
                task("t000000000000000000000003", "node1")), node -> Optional.ofNullable(ADDRESSES.get(node)));

        assertThat(sources).containsExactly(
                new TaskLogClient.Source("10.0.0.1:2377", "node1", "svc", List.of("t000000000000000000000003")));
    }

    private static Task task(String id, String nodeId) {
        return new Task(id, new Version(1), 0, 0, "svc", "web", 1, nodeId,
                new TaskTemplate(new ContainerSpec("swarmnet/whoami", List.of(), List.of(), List.of(), Map.of(), 0),
                        null, List.of(), List.of(), 0),
                TaskState.RUNNING, TaskStatus.of(0, TaskState.RUNNING, "running"), List.of());
    }
}
