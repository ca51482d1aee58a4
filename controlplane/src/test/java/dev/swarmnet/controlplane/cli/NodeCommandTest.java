package dev.swarmnet.controlplane.cli;

import static dev.swarmnet.controlplane.cli.CliRun.swarmnet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmnet.controlplane.api.FakeDaemon;
import dev.swarmnet.controlplane.api.model.NodeAvailability;
import dev.swarmnet.controlplane.api.model.NodeRole;
import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarmnet node ...} against the real API server over the in-memory swarm. */
class NodeCommandTest {

    private static final String TABLE = """
            ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION
            rpgghi749nqvc3kz550vwdwpb *   mgr1       Ready     Active         Leader           28.2.2
            5qwe8rty1uio2pas3dfg4hjk6     mgr2       Ready     Active         Reachable        28.2.2
            x7c2v9b3n4m5l6k7j8h9g0f1d     wrk1       Ready     Active                          28.2.2
            """;

    @TempDir
    Path dir;

    private FakeDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        daemon = FakeDaemon.managerOfThree(dir);
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private CliRun node(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "node";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "-H";
        full[args.length + 2] = daemon.host();
        return swarmnet(full);
    }

    @Test
    void nodeLsShouldPrintDockersTableMarkingThisNodeAndTheLeader() {
        CliRun ls = node("ls");

        assertThat(ls.stderr()).isEmpty();
        assertThat(ls.exitCode()).isZero();
        assertThat(ls.stdout()).isEqualTo(TABLE);
    }

    @Test
    void nodeLsShouldPrintExactlyWhatTheDockerCliPrintsForTheSameDaemon() throws Exception {
        assumeTrue(FakeDaemon.dockerInstalled(), "the docker CLI is not on the PATH");

        for (List<String> args : List.of(List.of("ls"), List.of("ls", "-q"), List.of("ls", "--filter", "role=manager"),
                List.of("ls", "--format", "json"))) {
            FakeDaemon.DockerResult docker = daemon.docker(concat("node", args));
            CliRun ours = node(args.toArray(String[]::new));
            assertThat(ours.stdout()).as("node %s", args).isEqualTo(docker.stdout());
            assertThat(ours.exitCode()).isEqualTo(docker.exitCode()).isZero();
        }
    }

    @Test
    void nodeLsQuietShouldPrintOnlyTheIdsSortedByHostname() {
        CliRun ls = node("ls", "-q");

        assertThat(ls.stdout()).isEqualTo(FakeDaemon.SELF_ID + "\n" + FakeDaemon.MANAGER_ID + "\n"
                + FakeDaemon.WORKER_ID + "\n");
    }

    @Test
    void nodeLsShouldPassTheRoleFilterToTheDaemon() {
        CliRun ls = node("ls", "--filter", "role=manager");

        assertThat(ls.stdout().lines()).hasSize(3).noneMatch(line -> line.contains("wrk1"));
    }

    @Test
    void nodeLsFormatJsonShouldPrintOneParsableObjectPerNode() throws Exception {
        CliRun ls = node("ls", "--format", "json");

        List<String> lines = ls.stdout().lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode self = new ObjectMapper().readTree(lines.get(0));
        assertThat(self.path("ID").asText()).isEqualTo(FakeDaemon.SELF_ID);
        assertThat(self.path("Self").asBoolean()).isTrue();
        assertThat(self.path("ManagerStatus").asText()).isEqualTo("Leader");
        assertThat(new ObjectMapper().readTree(lines.get(2)).path("Hostname").asText()).isEqualTo("wrk1");
    }

    @Test
    void nodeLsWithAnUnknownFormatShouldBeAUsageError() {
        CliRun ls = node("ls", "--format", "{{.ID}}");

        assertThat(ls.exitCode()).isEqualTo(2);
        assertThat(ls.stderr()).contains("unsupported format '{{.ID}}'");
    }

    @Test
    void nodeInspectOfAMissingNodeShouldPrintTheDaemonsErrorAndExitOne() {
        CliRun inspect = node("inspect", "nosuch");

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.stdout()).isEqualTo("[]\n");
        assertThat(inspect.stderr()).isEqualTo("Error response from daemon: node nosuch not found\n");
    }

    @Test
    void nodePsShouldPrintDockersHeaderAloneForSelfAndNamedNodes() {
        for (List<String> args : List.of(List.of("ps"), List.of("ps", "self"), List.of("ps", "wrk1", "mgr2"))) {
            CliRun ps = node(args.toArray(String[]::new));
            assertThat(ps.stderr()).as("node %s", args).isEmpty();
            assertThat(ps.exitCode()).isZero();
            assertThat(ps.stdout())
                    .isEqualTo("ID        NAME      IMAGE     NODE      DESIRED STATE   CURRENT STATE   ERROR     PORTS\n");
        }
    }

    @Test
    void nodePsOfAMissingNodeShouldPrintTheDaemonsErrorAndNoTable() {
        CliRun ps = node("ps", "wrk1", "nosuch");

        assertThat(ps.exitCode()).isEqualTo(1);
        assertThat(ps.stdout()).isEmpty();
        assertThat(ps.stderr()).isEqualTo("Error response from daemon: node nosuch not found\n");
    }

    @Test
    void nodePsShouldPrintExactlyWhatTheDockerCliPrintsForTheSameDaemon() throws Exception {
        assumeTrue(FakeDaemon.dockerInstalled(), "the docker CLI is not on the PATH");

        for (List<String> args : List.of(List.of("ps"), List.of("ps", "self"), List.of("ps", "wrk1", "mgr2"),
                List.of("ps", "nosuch"), List.of("ps", "wrk1", "nosuch"))) {
            FakeDaemon.DockerResult docker = daemon.docker(concat("node", args));
            CliRun ours = node(args.toArray(String[]::new));
            assertThat(ours.stdout()).as("node %s", args).isEqualTo(docker.stdout());
            assertThat(ours.stderr()).as("node %s", args).isEqualTo(docker.stderr());
            assertThat(ours.exitCode()).as("node %s", args).isEqualTo(docker.exitCode());
        }
    }

    @Test
    void nodeInspectShouldPrintAnIndentedJsonArrayOfTheNodes() throws Exception {
        CliRun inspect = node("inspect", "self", "wrk1");

        assertThat(inspect.exitCode()).isZero();
        assertThat(inspect.stdout()).startsWith("[\n    {\n        \"ID\": \"" + FakeDaemon.SELF_ID + "\",\n");
        JsonNode nodes = new ObjectMapper().readTree(inspect.stdout());
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(1).path("Description").path("Hostname").asText()).isEqualTo("wrk1");
    }

    @Test
    void nodeInspectPrettyShouldMatchTheDockerCli() throws Exception {
        assumeTrue(FakeDaemon.dockerInstalled(), "the docker CLI is not on the PATH");

        for (String ref : List.of("wrk1", "mgr1")) {
            assertThat(node("inspect", "--pretty", ref).stdout())
                    .isEqualTo(daemon.docker("node", "inspect", "--pretty", ref).stdout());
        }
    }

    @Test
    void nodeUpdateShouldDrainTheNodeInTheDaemonAndPrintItsName() {
        CliRun update = node("update", "--availability", "drain", "wrk1");

        assertThat(update.stdout()).isEqualTo("wrk1\n");
        assertThat(update.exitCode()).isZero();
        assertThat(daemon.node("wrk1").spec().availability()).isEqualTo(NodeAvailability.DRAIN);
    }

    @Test
    void nodeUpdateShouldAddAndRemoveLabels() {
        assertThat(node("update", "--label-add", "zone=a", "--label-add", "ssd", "wrk1").exitCode()).isZero();
        assertThat(daemon.node("wrk1").spec().labels()).containsOnly(
                java.util.Map.entry("zone", "a"), java.util.Map.entry("ssd", ""));

        assertThat(node("update", "--label-rm", "ssd", "wrk1").exitCode()).isZero();
        assertThat(daemon.node("wrk1").spec().labels()).containsOnlyKeys("zone");
    }

    @Test
    void nodeUpdateRemovingAMissingLabelShouldFailAsDockerDoes() {
        CliRun update = node("update", "--label-rm", "foo", "wrk1");

        assertThat(update.exitCode()).isEqualTo(1);
        assertThat(update.stderr()).isEqualTo("key foo doesn't exist in node's labels\n");
    }

    @Test
    void nodeUpdateWithAnInvalidAvailabilityShouldBeAUsageError() {
        CliRun update = node("update", "--availability", "asleep", "wrk1");

        assertThat(update.exitCode()).isEqualTo(2);
        assertThat(update.stderr()).contains("invalid availability asleep");
    }

    @Test
    void nodePromoteThenDemoteShouldChangeTheRoleAndSayWhatHappened() {
        CliRun promote = node("promote", "wrk1");
        assertThat(promote.stdout()).isEqualTo("Node wrk1 promoted to a manager in the swarm.\n");
        assertThat(daemon.node("wrk1").spec().role()).isEqualTo(NodeRole.MANAGER);

        CliRun again = node("promote", "wrk1");
        assertThat(again.stdout()).isEqualTo("Node " + FakeDaemon.WORKER_ID + " is already a manager.\n");

        CliRun demote = node("demote", "wrk1");
        assertThat(demote.stdout()).isEqualTo("Manager wrk1 demoted in the swarm.\n");
        assertThat(daemon.node("wrk1").spec().role()).isEqualTo(NodeRole.WORKER);
        assertThat(demote.exitCode()).isZero();
    }

    @Test
    void nodeRmOfANodeThatIsUpShouldNeedForce() {
        CliRun rm = node("rm", "wrk1");
        assertThat(rm.exitCode()).isEqualTo(1);
        assertThat(rm.stderr()).startsWith("Error response from daemon: ").contains("is not down and can't be removed");

        CliRun forced = node("rm", "--force", "wrk1");
        assertThat(forced.stdout()).isEqualTo("wrk1\n");
        assertThat(node("ls", "-q").stdout()).doesNotContain(FakeDaemon.WORKER_ID);
    }

    private static String[] concat(String first, List<String> rest) {
        String[] all = new String[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }
}
