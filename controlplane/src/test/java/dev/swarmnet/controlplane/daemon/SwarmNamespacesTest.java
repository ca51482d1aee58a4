package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.controlplane.cli.Swarmnet;
import dev.swarmnet.controlplane.standalone.LinuxPortFactory;
import dev.swarmnet.controlplane.testing.Commands;
import dev.swarmnet.linux.LinuxSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Three hosts in network namespaces on one underlay bridge, a {@code swarmnet daemon} process in
 * each, driven through their unix sockets with swarmnet's own CLI (root only; CI is root).
 */
@Tag("netns")
class SwarmNamespacesTest {
    private static final String SUBNET = "198.18.9.";

    private final String prefix = "swsw" + ProcessHandle.current().pid() + "-";
    private final List<String> namespaces = new ArrayList<>();
    private final Map<String, Process> daemons = new LinkedHashMap<>();

    @TempDir
    Path dir;

    @BeforeEach
    void hosts() throws IOException {
        Assumptions.assumeTrue(LinuxSupport.isAvailable(), "needs root");
        String underlay = prefix + "u";
        Commands.sh("ip", "netns", "add", underlay);
        namespaces.add(underlay);
        Commands.sh("ip", "-n", underlay, "link", "add", "br0", "type", "bridge");
        Commands.sh("ip", "-n", underlay, "link", "set", "br0", "up");
        for (int i = 1; i <= 3; i++) {
            String host = prefix + "h" + i;
            Commands.sh("ip", "netns", "add", host);
            namespaces.add(host);
            Commands.sh("ip", "-n", host, "link", "set", "lo", "up");
            Commands.sh("ip", "link", "add", "u0", "netns", host, "type", "veth", "peer", "name", "p" + i, "netns", underlay);
            Commands.sh("ip", "-n", underlay, "link", "set", "p" + i, "master", "br0", "up");
            Commands.sh("ip", "-n", host, "addr", "add", SUBNET + i + "/24", "dev", "u0");
            Commands.sh("ip", "-n", host, "link", "set", "u0", "up");
        }
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Process p : daemons.values()) {
            p.destroyForcibly();
        }
        for (Process p : daemons.values()) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces) {
            Commands.run(List.of("ip", "netns", "del", ns));
        }
    }

    @Test
    void threeDaemonsShouldFormASwarmSurviveAWorkerCrashAndTheLeadersLossAndRecoverTheKilledLeader() throws Exception {
        start(1);
        start(2);
        start(3);
        assertThat(cli(1, "swarm", "init", "--advertise-addr", SUBNET + "1").exitCode).isZero();
        String workerToken = cli(1, "swarm", "join-token", "-q", "worker").stdout.trim();
        String managerToken = cli(1, "swarm", "join-token", "-q", "manager").stdout.trim();

        Cli join2 = cli(2, "swarm", "join", "--token", workerToken, "--advertise-addr", SUBNET + "2", SUBNET + "1:2377");
        assertThat(join2.exitCode).as(join2.stderr).isZero();
        Cli join3 = cli(3, "swarm", "join", "--token", managerToken, "--advertise-addr", SUBNET + "3", SUBNET + "1:2377");
        assertThat(join3.exitCode).as(join3.stderr).isZero();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String nodes = cli(1, "node", "ls").stdout;
            assertThat(nodes).contains("node-1", "node-2", "node-3");
            assertThat(line(nodes, "node-2")).contains("Ready").doesNotContain("Leader", "Reachable");
            assertThat(line(nodes, "node-3")).contains("Ready", "Reachable");
        });
        assertThat(cli(3, "node", "ls").stdout).contains("node-1", "node-2", "node-3");
        Cli onWorker = cli(2, "node", "ls");
        assertThat(onWorker.exitCode).isEqualTo(1);
        assertThat(onWorker.stderr).contains("Worker nodes can't be used to view or modify cluster state");

        assertThat(cli(1, "node", "promote", "node-2").exitCode).isZero();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(cli(2, "node", "ls").exitCode).as("the promoted node answers as a manager").isZero());
        assertThat(cli(1, "node", "demote", "node-2").exitCode).isZero();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(line(cli(1, "node", "ls").stdout, "node-2")).doesNotContain("Reachable");
            assertThat(cli(2, "node", "ls").stderr).contains("Worker nodes can't be used");
        });
        // The demotion is finished on disk (worker membership saved, CA key forgotten) before the
        // crash below: a kill in the middle of a demotion is a different case.
        await().atMost(Duration.ofSeconds(40)).until(() ->
                !Files.exists(dir.resolve("h2").resolve("data").resolve("certificates").resolve("swarm-root-ca.key")));

        // A worker's daemon dies: down within the grace period, ready again after a restart.
        kill(2);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(line(cli(1, "node", "ls").stdout, "node-2")).contains("Down"));
        start(2);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(line(cli(1, "node", "ls").stdout, "node-2")).contains("Ready"));

        // Three managers: the worker is promoted (it gets a manager certificate and joins Raft);
        // then the leader's daemon dies and another manager answers with everything intact.
        assertThat(cli(1, "node", "promote", "node-2").exitCode).isZero();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            Cli onTwo = cli(2, "node", "ls");
            assertThat(onTwo.exitCode).as("node-2 answers as a manager: %s", onTwo.stderr).isZero();
            assertThat(line(onTwo.stdout, "node-2")).contains("Reachable");
        });
        kill(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Cli survivors = cli(3, "node", "ls");
            assertThat(survivors.exitCode).as(survivors.stderr).isZero();
            assertThat(survivors.stdout).contains("node-1", "node-2", "node-3");
        });

        // The killed manager restarts from its data directory and has lost nothing.
        start(1);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            Cli restarted = cli(1, "node", "ls");
            assertThat(restarted.exitCode).as(restarted.stderr).isZero();
            assertThat(restarted.stdout).contains("node-1", "node-2", "node-3");
            assertThat(line(restarted.stdout, "node-1")).contains("Ready");
        });
    }

    private void start(int i) throws IOException {
        Path data = dir.resolve("h" + i);
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", prefix + "h" + i,
                ProcessHandle.current().info().command().orElse("java"),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Swarmnet.class.getName(),
                "daemon", "--data-dir", data.resolve("data").toString(), "--socket", socket(i).toString(),
                "--tcp", "none", "--hostname", "node-" + i));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("daemon.log").toFile()).start();
        daemons.put("h" + i, p);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket(i)) || !p.isAlive());
        assertThat(p.isAlive()).as("daemon on h%d: %s", i, Files.readString(data.resolve("daemon.log"))).isTrue();
    }

    private void kill(int i) throws Exception {
        Process p = daemons.remove("h" + i);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(socket(i));
    }

    private Path socket(int i) {
        return dir.resolve("h" + i + ".sock");
    }

    private record Cli(int exitCode, String stdout, String stderr) {
    }

    private Cli cli(int host, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int insertAt = args[0].equals("swarm") || args[0].equals("node") ? 2 : 1;
        all.add(insertAt, "-H");
        all.add(insertAt + 1, "unix://" + socket(host));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Swarmnet.commandLine(new LinuxPortFactory());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(all.toArray(new String[0]));
        return new Cli(code, out.toString(), err.toString());
    }

    private static String line(String table, String hostname) {
        return table.lines().filter(l -> l.contains(" " + hostname + " ")).findFirst().orElse("");
    }
}
