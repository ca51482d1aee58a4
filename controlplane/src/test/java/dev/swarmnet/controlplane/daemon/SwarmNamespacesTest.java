package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.linux.LinuxSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hosts in network namespaces on one underlay bridge, a {@code swarmnet daemon} process in
 * each, driven through their unix sockets with swarmnet's own CLI (root only; CI is root).
 */
@Tag("netns")
class SwarmNamespacesTest {
    private static final String SUBNET = "198.18.9.";

    private NamespaceHosts hosts;

    @TempDir
    Path dir;

    @BeforeEach
    void hosts() throws IOException {
        Assumptions.assumeTrue(LinuxSupport.isAvailable(), "needs root");
        hosts = new NamespaceHosts("swsw" + ProcessHandle.current().pid() + "-", SUBNET, 3, dir);
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void threeDaemonsShouldFormASwarmSurviveAWorkerCrashAndTheLeadersLossAndRecoverTheKilledLeader() throws Exception {
        start(1);
        start(2);
        start(3);
        assertThat(cli(1, "swarm", "init", "--advertise-addr", SUBNET + "1").exitCode()).isZero();
        String workerToken = cli(1, "swarm", "join-token", "-q", "worker").stdout().trim();
        String managerToken = cli(1, "swarm", "join-token", "-q", "manager").stdout().trim();

        NamespaceHosts.Cli join2 = cli(2, "swarm", "join", "--token", workerToken, "--advertise-addr", SUBNET + "2", SUBNET + "1:2377");
        assertThat(join2.exitCode()).as(join2.stderr()).isZero();
        NamespaceHosts.Cli join3 = cli(3, "swarm", "join", "--token", managerToken, "--advertise-addr", SUBNET + "3", SUBNET + "1:2377");
        assertThat(join3.exitCode()).as(join3.stderr()).isZero();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String nodes = cli(1, "node", "ls").stdout();
            assertThat(nodes).contains("node-1", "node-2", "node-3");
            assertThat(line(nodes, "node-2")).contains("Ready").doesNotContain("Leader", "Reachable");
            assertThat(line(nodes, "node-3")).contains("Ready", "Reachable");
        });
        assertThat(cli(3, "node", "ls").stdout()).contains("node-1", "node-2", "node-3");
        NamespaceHosts.Cli onWorker = cli(2, "node", "ls");
        assertThat(onWorker.exitCode()).isEqualTo(1);
        assertThat(onWorker.stderr()).contains("Worker nodes can't be used to view or modify cluster state");

        assertThat(cli(1, "node", "promote", "node-2").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(cli(2, "node", "ls").exitCode()).as("the promoted node answers as a manager").isZero());
        assertThat(cli(1, "node", "demote", "node-2").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(line(cli(1, "node", "ls").stdout(), "node-2")).doesNotContain("Reachable");
            assertThat(cli(2, "node", "ls").stderr()).contains("Worker nodes can't be used");
        });
        // The demotion is finished on disk (worker membership saved, CA key forgotten) before the
        // crash below: a kill in the middle of a demotion is a different case.
        await().atMost(Duration.ofSeconds(40)).until(() ->
                !Files.exists(hosts.dataDir(2).resolve("certificates").resolve("swarm-root-ca.key")));

        // A worker's daemon dies: down within the grace period, ready again after a restart.
        kill(2);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(line(cli(1, "node", "ls").stdout(), "node-2")).contains("Down"));
        start(2);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(line(cli(1, "node", "ls").stdout(), "node-2")).contains("Ready"));

        // Three managers: the worker is promoted (it gets a manager certificate and joins Raft);
        // then the leader's daemon dies and another manager answers with everything intact.
        assertThat(cli(1, "node", "promote", "node-2").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            NamespaceHosts.Cli onTwo = cli(2, "node", "ls");
            assertThat(onTwo.exitCode()).as("node-2 answers as a manager: %s", onTwo.stderr()).isZero();
            assertThat(line(onTwo.stdout(), "node-2")).contains("Reachable");
        });
        kill(1);
        // Noticing a killed leader and electing another among two daemon JVMs on a loaded machine:
        // the claim is that nothing is lost, not how fast, so it gets the 40 s the other changes get.
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            NamespaceHosts.Cli survivors = cli(3, "node", "ls");
            assertThat(survivors.exitCode()).as(survivors.stderr()).isZero();
            assertThat(survivors.stdout()).contains("node-1", "node-2", "node-3");
        });

        // The killed manager restarts from its data directory and has lost nothing.
        start(1);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            NamespaceHosts.Cli restarted = cli(1, "node", "ls");
            assertThat(restarted.exitCode()).as(restarted.stderr()).isZero();
            assertThat(restarted.stdout()).contains("node-1", "node-2", "node-3");
            assertThat(line(restarted.stdout(), "node-1")).contains("Ready");
        });
    }

    private void start(int i) throws IOException {
        hosts.start(i);
    }

    private void kill(int i) throws Exception {
        hosts.kill(i);
    }

    private NamespaceHosts.Cli cli(int host, String... args) {
        return hosts.cli(host, args);
    }

    private static String line(String table, String hostname) {
        return table.lines().filter(l -> l.contains(" " + hostname + " ")).findFirst().orElse("");
    }
}
