package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergenceMonitorTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String NODES = """
            [{"ID":"n1","Status":{"State":"ready"}},{"ID":"n2","Status":{"State":"ready"}},
             {"ID":"gone","Status":{"State":"down"}}]""";

    private static JsonNode service(String mode, String updateStatus) {
        return Fixtures.json("{\"ID\":\"626as37knwmv9522ac2tys4i6\",\"Spec\":{\"Name\":\"web\",\"Mode\":" + mode
                + ",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"nginx\"}}}"
                + (updateStatus == null ? "" : ",\"UpdateStatus\":" + updateStatus) + "}");
    }

    private static String task(int slot, String node, String desired, String state) {
        return "{\"ID\":\"t" + slot + node + state + "\",\"Slot\":" + slot + ",\"NodeID\":\"" + node
                + "\",\"DesiredState\":\"" + desired + "\",\"Status\":{\"State\":\"" + state + "\"}}";
    }

    private static JsonNode tasks(String... tasks) {
        return Fixtures.json("[" + String.join(",", tasks) + "]");
    }

    /** Runs passes at the given times; each pass sees the task list at the same index. */
    private static String runPlain(JsonNode service, long[] times, List<JsonNode> taskLists) {
        StringWriter text = new StringWriter();
        ConvergenceMonitor monitor = new ConvergenceMonitor("626as37knwmv9522ac2tys4i6",
                ProgressPrinter.plain(new PrintWriter(text)));
        for (int i = 0; i < times.length; i++) {
            if (monitor.afterService(service, times[i]) == ConvergenceMonitor.Pass.DONE) {
                return text.toString();
            }
            monitor.afterTasks(service, taskLists.get(Math.min(i, taskLists.size() - 1)), Fixtures.json(NODES),
                    times[i]);
        }
        throw new AssertionError("did not finish:\n" + text);
    }

    @Test
    void onAPipeItPrintsOverallLinesThenCountsDownTheMonitorPeriodLikeDocker() {
        JsonNode service = service("{\"Replicated\":{\"Replicas\":3}}", null);
        JsonNode starting = tasks(task(1, "n1", "running", "preparing"), task(2, "n2", "running", "assigned"),
                task(3, "n1", "running", "running"));
        JsonNode running = tasks(task(1, "n1", "running", "running"), task(2, "n2", "running", "running"),
                task(3, "n1", "running", "running"));

        String text = runPlain(service, new long[] {0, SECOND / 5, 2 * SECOND, 4 * SECOND, 5 * SECOND + SECOND / 5},
                List.of(starting, running));

        assertThat(text).isEqualTo("""
                overall progress: 0 out of 3 tasks
                1/3: \s
                2/3: \s
                3/3: \s
                overall progress: 1 out of 3 tasks
                overall progress: 3 out of 3 tasks
                verify: Waiting 5 seconds to verify that tasks are stable...
                verify: Waiting 4 seconds to verify that tasks are stable...
                verify: Waiting 2 seconds to verify that tasks are stable...
                verify: Service 626as37knwmv9522ac2tys4i6 converged
                """);
    }

    @Test
    void aTaskThatStopsRunningDuringVerificationResetsTheTimer() {
        JsonNode service = service("{\"Replicated\":{\"Replicas\":1}}", null);
        JsonNode running = tasks(task(1, "n1", "running", "running"));
        JsonNode failed = tasks(task(1, "n1", "running", "starting"));

        String text = runPlain(service, new long[] {0, SECOND, 2 * SECOND, 8 * SECOND, 13 * SECOND},
                List.of(running, failed, running, running, running));

        assertThat(text).endsWith("""
                verify: Waiting 5 seconds to verify that tasks are stable...
                overall progress: 0 out of 1 tasks
                verify: Detected task failure
                overall progress: 1 out of 1 tasks
                verify: Waiting 5 seconds to verify that tasks are stable...
                verify: Service 626as37knwmv9522ac2tys4i6 converged
                """);
    }

    @Test
    void tasksOnDownNodesAndOutdatedDuplicatesDoNotCountAsRunning() {
        JsonNode service = service("{\"Replicated\":{\"Replicas\":2}}", null);
        List<String> lines = new ArrayList<>();
        ConvergenceMonitor monitor = new ConvergenceMonitor("web", (id, action, c, t) -> lines.add(id + ": " + action));

        monitor.afterService(service, 0);
        monitor.afterTasks(service, tasks(task(1, "n1", "running", "running"), task(1, "n1", "shutdown", "running"),
                task(2, "gone", "running", "running")), Fixtures.json(NODES), 0);

        assertThat(lines).contains("overall progress: 1 out of 2 tasks").doesNotContain("overall progress: 2 out of 2 tasks");
    }

    @Test
    void globalServicesCountOneTaskPerNodeAndWaitForTasksToAppear() {
        JsonNode service = service("{\"Global\":{}}", null);
        List<String> lines = new ArrayList<>();
        ConvergenceMonitor monitor = new ConvergenceMonitor("agent", (id, action, c, t) -> lines.add(id + ": " + action));

        monitor.afterService(service, 0);
        monitor.afterTasks(service, tasks(), Fixtures.json(NODES), 0);
        monitor.afterService(service, 1);
        monitor.afterTasks(service, tasks(task(0, "n1", "running", "running"), task(0, "n2", "running", "starting")),
                Fixtures.json(NODES), 1);

        assertThat(lines).containsSubsequence("overall progress: waiting for new tasks",
                "overall progress: 0 out of 2 tasks", "n2: starting ", "overall progress: 1 out of 2 tasks");
    }

    @Test
    void aCompletedUpdateBeforeConvergenceEndsTheWaitSilently() {
        List<String> lines = new ArrayList<>();
        ConvergenceMonitor monitor = new ConvergenceMonitor("web", (id, action, c, t) -> lines.add(action));

        ConvergenceMonitor.Pass pass = monitor.afterService(service("{\"Replicated\":{\"Replicas\":1}}",
                "{\"State\":\"completed\",\"Message\":\"update completed\"}"), 0);

        assertThat(pass).isEqualTo(ConvergenceMonitor.Pass.DONE);
        assertThat(lines).isEmpty();
    }

    @Test
    void aPausedUpdateAndAnUnknownModeFailWithDockersMessages() {
        ConvergenceMonitor monitor = new ConvergenceMonitor("web", (id, action, c, t) -> { });
        assertThatThrownBy(() -> monitor.afterService(service("{\"Replicated\":{\"Replicas\":1}}",
                "{\"State\":\"paused\",\"Message\":\"update paused due to failure\"}"), 0))
                .hasMessage("service update paused: update paused due to failure");

        assertThatThrownBy(() -> new ConvergenceMonitor("web", (id, action, c, t) -> { })
                .afterService(service("{\"Replicated\":{}}", null), 0)).hasMessage("unrecognized service mode");
    }

    @Test
    void aRollbackIsAnnouncedOnceAndCountedAsRollingBack() {
        JsonNode service = service("{\"Replicated\":{\"Replicas\":1}}",
                "{\"State\":\"rollback_started\",\"Message\":\"manually requested rollback\"}");
        List<String> lines = new ArrayList<>();
        ConvergenceMonitor monitor = new ConvergenceMonitor("web", (id, action, c, t) -> lines.add(id + ": " + action));

        monitor.afterService(service, 0);
        monitor.afterTasks(service, tasks(task(1, "n1", "running", "starting")), Fixtures.json(NODES), 0);
        monitor.afterService(service, 1);

        assertThat(lines).containsExactly("rollback: manually requested rollback",
                "overall progress: rolling back update: 0 out of 1 tasks", "1/1:  ", "1/1: starting ",
                "overall progress: rolling back update: 0 out of 1 tasks");
    }

    @Test
    void theServicesMonitorPeriodReplacesTheDefaultFiveSeconds() {
        JsonNode service = Fixtures.json("{\"ID\":\"s\",\"Spec\":{\"Mode\":{\"Replicated\":{\"Replicas\":1}},"
                + "\"UpdateConfig\":{\"Monitor\":1000000000}}}");

        String text = runPlain(service, new long[] {0, SECOND}, List.of(tasks(task(1, "n1", "running", "running"))));

        assertThat(text).endsWith("verify: Waiting 1 seconds to verify that tasks are stable...\n"
                + "verify: Service 626as37knwmv9522ac2tys4i6 converged\n");
    }
}
