package dev.swarmnet.controlplane.cluster;

import static dev.swarmnet.controlplane.agent.AssignmentFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.agent.AssignmentChange;
import dev.swarmnet.controlplane.agent.AssignmentFixtures;
import dev.swarmnet.controlplane.agent.AssignmentView;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.state.Command;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The assignment-stream and task-status messages survive JSON exactly. */
class AssignmentMessagesCodecTest {

    private static ClusterMessage roundTrip(ClusterMessage message) {
        return ClusterMessageCodec.fromJson(ClusterMessageCodec.toJson(message).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWatchRequestNamesItsTypeAndOnlyTheNodeWhenGiven() {
        assertThat(ClusterMessageCodec.toJson(new ClusterMessage.WatchAssignments()))
                .isEqualTo("{\"type\":\"watch-assignments\"}");
        assertThat(roundTrip(new ClusterMessage.WatchAssignments())).isEqualTo(new ClusterMessage.WatchAssignments());
        assertThat(roundTrip(new ClusterMessage.WatchAssignments(id("n1"))))
                .isEqualTo(new ClusterMessage.WatchAssignments(id("n1")));
    }

    @Test
    void fullAndIncrementalAssignmentsOfRandomStatesRoundTrip() {
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 200; trial++) {
            NodeAssignment a = AssignmentView.of(AssignmentFixtures.randomState(random, trial + 1), id("n1"));
            NodeAssignment b = AssignmentView.of(AssignmentFixtures.randomState(random, trial + 2), id("n1"));
            for (AssignmentChange change : List.of(AssignmentChange.full(a), AssignmentChange.between(a, b))) {
                ClusterMessage message = new ClusterMessage.Assignments(change);
                assertThat(roundTrip(message)).as("trial %d", trial).isEqualTo(message);
            }
        }
    }

    @Test
    void taskStatusReportsAndTheirReplyRoundTrip() {
        ClusterMessage report = new ClusterMessage.ReportTaskStatus(List.of(
                new Command.TaskReport(id("t1"), new TaskStatus(5, TaskState.FAILED, "exited", "code 3", 0, 3)),
                new Command.TaskReport(id("t2"), TaskStatus.of(6, TaskState.RUNNING, "started"))));
        assertThat(roundTrip(report)).isEqualTo(report);
        assertThat(ClusterMessageCodec.toJson(report)).startsWith("{\"type\":\"report-task-status\",\"reports\":[");
        assertThat(roundTrip(new ClusterMessage.TaskStatusRecorded(2))).isEqualTo(new ClusterMessage.TaskStatusRecorded(2));
    }
}
