package dev.swarmnet.controlplane.cli;

import static dev.swarmnet.controlplane.cli.CliRun.swarmnet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.controlplane.api.FakeDaemon;
import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarmnet info}, {@code version}, the connection error and shell completion. */
class InfoCommandTest {

    @TempDir
    Path dir;

    @Test
    void infoShouldShowTheSwarmSectionAsTheDockerCliDoes() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        try (FakeDaemon daemon = FakeDaemon.managerOfThree(dir)) {
            CliRun info = swarmnet("info", "-H", daemon.host());

            assertThat(info.exitCode()).isZero();
            String swarm = swarmSection(info.stdout());
            assertThat(swarm).startsWith(" Swarm: active\n  NodeID: " + FakeDaemon.SELF_ID + "\n  Is Manager: true\n"
                    + "  ClusterID: " + FakeDaemon.CLUSTER_ID + "\n  Managers: 2\n  Nodes: 3\n")
                    .contains("  Manager Addresses:\n   192.168.56.10:2377\n");
            if (FakeDaemon.dockerInstalled()) {
                assertThat(swarm).isEqualTo(swarmSection(daemon.docker("info").stdout()));
            }
            assertThat(info.stdout()).contains(" Total Memory: 4GiB\n", " Name: mgr1\n");
        }
    }

    @Test
    void infoOutsideASwarmShouldSayInactive() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        try (FakeDaemon daemon = FakeDaemon.outsideASwarm(dir)) {
            assertThat(swarmnet("info", "-H", daemon.host()).stdout()).contains(" Swarm: inactive\n Kernel Version:");
        }
    }

    @Test
    void versionShouldShowTheClientAndTheServer() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        try (FakeDaemon daemon = FakeDaemon.managerOfThree(dir)) {
            CliRun version = swarmnet("version", "-H", daemon.host());

            assertThat(version.exitCode()).isZero();
            assertThat(version.stdout()).startsWith("Client:\n Version:           ")
                    .contains("\nServer: swarmnet\n Engine:\n  Version:          28.2.2\n",
                            "  API version:      1.50 (minimum version 1.24)\n");
        }
    }

    @Test
    void withNoDaemonEveryCommandShouldSaySoAndExitOne() {
        String host = "unix://" + dir.resolve("nobody.sock");

        for (String[] command : new String[][] {{"node", "ls"}, {"info"}, {"swarm", "join-token", "worker"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 2);
            args[command.length] = "--host";
            args[command.length + 1] = host;
            CliRun run = swarmnet(args);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).startsWith("Cannot connect to the swarmnet daemon at " + host + ": ")
                    .endsWith(". Is the daemon running?\n");
            assertThat(run.stdout()).isEmpty();
        }
    }

    @Test
    void aMalformedHostShouldBeAUsageError() {
        CliRun run = swarmnet("node", "ls", "-H", "ftp://x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("invalid host 'ftp://x'");
    }

    @Test
    void theHostOptionShouldAlsoBeAcceptedOnTheCommandGroup() {
        CliRun run = swarmnet("node", "-H", "unix://" + dir.resolve("nobody.sock"), "ls");

        assertThat(run.stderr()).startsWith("Cannot connect to the swarmnet daemon at unix://" + dir);
    }

    @Test
    void generateCompletionShouldPrintABashScriptThatKnowsTheNodeCommands() {
        CliRun completion = swarmnet("generate-completion");

        assertThat(completion.exitCode()).isZero();
        assertThat(completion.stdout()).contains("complete -F", "promote", "join-token");
    }

    /** The {@code Swarm:} line and the lines indented below it. */
    private static String swarmSection(String info) {
        String tail = info.substring(info.indexOf(" Swarm:"));
        StringBuilder section = new StringBuilder();
        for (String line : tail.split("\n", -1)) {
            if (section.length() > 0 && line.startsWith(" ") && !line.startsWith("  ")) {
                break;
            }
            section.append(line).append('\n');
        }
        return section.toString();
    }
}
