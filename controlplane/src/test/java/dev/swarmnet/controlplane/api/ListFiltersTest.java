package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.Version;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The task filters {@code service ps}, {@code node ps} and the progress monitor send. */
class ListFiltersTest {

    private static final TaskTemplate V1 = new TaskTemplate(ContainerSpec.of("app:1"), null, null, null, 0);
    private static final TaskTemplate V2 = new TaskTemplate(ContainerSpec.of("app:2"), null, null, null, 0);

    private static Task task(String id, int slot, TaskState desired, TaskTemplate spec) {
        return new Task(id, new Version(1), 0, 0, "626as37knwmv9522ac2tys4i6", "web", slot, "rpgghi749nqvc3kz550vwdwpb",
                spec, desired, TaskStatus.of(0, TaskState.RUNNING, "started"), List.of());
    }

    private static boolean matches(String filters, Task task) {
        return ListFilters.task(Filters.parse(filters), task, Set.of(), Set.of(), V2);
    }

    @Test
    void desiredStateRunningKeepsOnlyTasksThatShouldRun() {
        Task running = task("aaaaaaaaaaaaaaaaaaaaaaaaa", 1, TaskState.RUNNING, V2);
        Task replaced = task("bbbbbbbbbbbbbbbbbbbbbbbbb", 1, TaskState.SHUTDOWN, V1);
        assertThat(matches("{\"desired-state\":{\"running\":true}}", running)).isTrue();
        assertThat(matches("{\"desired-state\":{\"running\":true}}", replaced)).isFalse();
        assertThat(matches("{\"desired-state\":{\"shutdown\":true}}", replaced)).isTrue();
    }

    @Test
    void upToDateKeepsTasksOfTheCurrentTemplate() {
        assertThat(matches("{\"_up-to-date\":{\"true\":true}}", task("aaaaaaaaaaaaaaaaaaaaaaaaa", 1,
                TaskState.RUNNING, V2))).isTrue();
        assertThat(matches("{\"_up-to-date\":{\"true\":true}}", task("bbbbbbbbbbbbbbbbbbbbbbbbb", 1,
                TaskState.RUNNING, V1))).isFalse();
    }

    @Test
    void namesAndIdsArePrefixesAndResolvedReferencesMustMatch() {
        Task task = task("aaaaaaaaaaaaaaaaaaaaaaaaa", 12, TaskState.RUNNING, V2);
        assertThat(matches("{\"name\":{\"web.1\":true}}", task)).isTrue();
        assertThat(matches("{\"name\":{\"web.2\":true}}", task)).isFalse();
        assertThat(matches("{\"id\":{\"aaaa\":true}}", task)).isTrue();
        assertThat(ListFilters.task(Filters.NONE, task, Set.of("othersvc"), Set.of(), V2)).isFalse();
        assertThat(ListFilters.task(Filters.NONE, task, Set.of(), Set.of("rpgghi749nqvc3kz550vwdwpb"), V2)).isTrue();
    }
}
