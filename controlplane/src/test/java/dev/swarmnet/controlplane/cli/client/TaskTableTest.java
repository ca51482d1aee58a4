package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskTableTest {

    private static final Instant NOW = Instant.parse("2025-11-25T20:12:03.5Z");

    private static final String TASKS = """
            [{"ID":"40ncq8t8mln152k8sdk7xvzyw","ServiceID":"626as37knwmv9522ac2tys4i6","NodeID":"rpgghi749nqvc3kz550vwdwpb",
              "Slot":1,"DesiredState":"running","CreatedAt":"2025-11-25T20:10:01.1Z",
              "Spec":{"ContainerSpec":{"Image":"nginx:alpine@sha256:abababababababababababababababababababababababababababababababab"}},
              "Status":{"Timestamp":"2025-11-25T20:10:03.5Z","State":"running","Message":"started"}},
             {"ID":"9zzzq8t8mln152k8sdk7xvzyw","ServiceID":"626as37knwmv9522ac2tys4i6","NodeID":"x7c2v9b3n4m5l6k7j8h9g0f1d",
              "Slot":10,"DesiredState":"running","CreatedAt":"2025-11-25T20:10:01.1Z",
              "Spec":{"ContainerSpec":{"Image":"nginx:alpine"}},
              "Status":{"Timestamp":"2025-11-25T20:12:03Z","State":"starting",
                        "PortStatus":{"Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":9000,"PublishMode":"host"}]}}},
             {"ID":"1oldq8t8mln152k8sdk7xvzyw","ServiceID":"626as37knwmv9522ac2tys4i6","NodeID":"rpgghi749nqvc3kz550vwdwpb",
              "Slot":1,"DesiredState":"shutdown","CreatedAt":"2025-11-25T20:01:00Z",
              "Spec":{"ContainerSpec":{"Image":"nginx:1.0"}},
              "Status":{"Timestamp":"2025-11-25T20:05:00Z","State":"failed",
                        "Err":"task: non-zero exit (1): the process could not start"}},
             {"ID":"2seco8t8mln152k8sdk7xvzyw","ServiceID":"626as37knwmv9522ac2tys4i6","NodeID":"",
              "Slot":2,"DesiredState":"running","CreatedAt":"2025-11-25T20:10:01.1Z",
              "Spec":{"ContainerSpec":{"Image":"nginx:alpine"}},
              "Status":{"State":"pending"}}]""";

    private static TaskTable table() {
        return new TaskTable(Fixtures.json(TASKS), Map.of("626as37knwmv9522ac2tys4i6", "web"),
                Map.of("rpgghi749nqvc3kz550vwdwpb", "mgr1", "x7c2v9b3n4m5l6k7j8h9g0f1d", "wrk1"));
    }

    @Test
    void tasksAreListedBySlotInNaturalOrderWithOlderTasksIndentedUnderTheirSlot() {
        assertThat(table().table(NOW, true)).isEqualTo(String.join("\n",
                "ID             NAME        IMAGE          NODE      DESIRED STATE   CURRENT STATE                     "
                        + "ERROR                              PORTS",
                "40ncq8t8mln1   web.1       nginx:alpine   mgr1      Running         Running 2 minutes ago             "
                        + "                                   ",
                "1oldq8t8mln1    \\_ web.1   nginx:1.0      mgr1      Shutdown        Failed 7 minutes ago              "
                        + "\"task: non-zero exit (1): the …\"   ",
                "2seco8t8mln1   web.2       nginx:alpine             Running         Pending 292 years ago             "
                        + "                                   ",
                "9zzzq8t8mln1   web.10      nginx:alpine   wrk1      Running         Starting less than a second ago   "
                        + "                                   *:9000->80/tcp",
                ""));
    }

    @Test
    void noTruncShowsFullIdsDigestsAndErrors() {
        String text = table().table(NOW, false);

        assertThat(text).contains("40ncq8t8mln152k8sdk7xvzyw").contains("nginx:alpine@sha256:abababababababababababababababababababababababababababababababab")
                .contains("\"task: non-zero exit (1): the process could not start\"");
    }

    @Test
    void quietPrintsFullIdsInTableOrder() {
        assertThat(table().ids()).isEqualTo("40ncq8t8mln152k8sdk7xvzyw\n1oldq8t8mln152k8sdk7xvzyw\n"
                + "2seco8t8mln152k8sdk7xvzyw\n9zzzq8t8mln152k8sdk7xvzyw\n");
    }

    @Test
    void errorsAreQuotedAndCutToThirtyCharacters() {
        assertThat(TaskTable.error("", true)).isEmpty();
        assertThat(TaskTable.error("short", true)).isEqualTo("\"short\"");
        assertThat(TaskTable.error("x".repeat(31), true)).isEqualTo("\"" + "x".repeat(29) + "…\"");
        assertThat(TaskTable.error("x".repeat(30), true)).isEqualTo("\"" + "x".repeat(30) + "\"");
    }
}
