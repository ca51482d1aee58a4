package dev.swarmnet.controlplane.cli;

import static dev.swarmnet.controlplane.cli.CliRun.swarmnet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.controlplane.config.ConfigFile;
import dev.swarmnet.controlplane.config.SwarmnetConfig;
import dev.swarmnet.controlplane.daemon.ConfigReloader;
import dev.swarmnet.controlplane.daemon.Daemon;
import dev.swarmnet.controlplane.daemon.DaemonConfig;
import dev.swarmnet.controlplane.daemon.LiveSettings;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void defaultsPrintsTheDocumentedExampleWhichCheckAccepts() throws Exception {
        CliRun defaults = swarmnet("config", "defaults");

        assertThat(defaults.exitCode()).isZero();
        assertThat(defaults.stdout()).isEqualTo(ConfigFile.exampleText()).contains("algorithm: round-robin");
        Path file = dir.resolve("swarmnet.yaml");
        Files.writeString(file, defaults.stdout());
        CliRun check = swarmnet("config", "check", file.toString());
        assertThat(check.exitCode()).isZero();
        assertThat(check.stdout()).isEqualTo(file + ": ok" + System.lineSeparator());
    }

    @Test
    void checkPrintsEveryProblemAndExitsTwo() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                loadBalancer: {algorithm: fastest}
                dns: {timout: 1s}
                """);

        CliRun check = swarmnet("config", "check", file.toString());

        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.stdout()).isEmpty();
        assertThat(check.stderr().split("\\R")).containsExactly(
                file + ":1: loadBalancer.algorithm: 'fastest': unknown load-balancing algorithm 'fastest'; "
                        + "allowed: round-robin (rr), least-conn (least-connections), maglev",
                file + ":2: dns.timout: unknown key (did you mean timeout?); "
                        + "known keys here: upstreams, timeout, maxConcurrentForwards");
    }

    @Test
    void checkOfAMissingFileNamesItAndExitsTwo() {
        Path missing = dir.resolve("nope.yaml");

        CliRun check = swarmnet("config", "check", missing.toString());

        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.stderr()).isEqualTo(missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void theDaemonExitsTwoWithEveryProblemOfABadFileAndStartsNothing() throws Exception {
        Path dataDir = dir.resolve("data");
        Path file = dir.resolve("swarmnet.yaml");
        Files.writeString(file, """
                node: {dataDir: %s}
                raftPort: 2380
                cluster: {port: 99999}
                """.formatted(dataDir));

        CliRun run = swarmnet("daemon", "--config", file.toString(), "--socket", dir.resolve("s.sock").toString(),
                "--tcp", "none");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().split("\\R")).containsExactly(
                file + ":2: raftPort: this key is now cluster.raftPort (in the cluster: section)",
                file + ":3: cluster.port: '99999': outside the allowed range 1..65535");
        assertThat(dataDir).doesNotExist();
        assertThat(dir.resolve("s.sock")).doesNotExist();
    }

    @Test
    void anAddressOptionIsReadAsTheFileReadsItAndABadOneNamesTheOption() throws Exception {
        Path file = dir.resolve("swarmnet.yaml");
        Files.writeString(file, "node: {dataDir: " + dir.resolve("data") + "}\n");

        CliRun badPort = swarmnet("daemon", "--config", file.toString(), "--metrics-listen", "127.0.0.1:99999");
        CliRun notAnAddress = swarmnet("daemon", "--config", file.toString(), "--tcp", "localhost");

        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.stderr()).contains("--metrics-listen 127.0.0.1:99999: the port 99999 is outside 0..65535");
        assertThat(notAnAddress.exitCode()).isEqualTo(2);
        assertThat(notAnAddress.stderr()).contains("--tcp localhost: expected IP:PORT");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aPortClashLeftAfterTheCommandLineIsABadCommandLine() throws Exception {
        Path file = dir.resolve("swarmnet.yaml");
        Files.writeString(file, "cluster: {raftPort: 12378}\n");

        CliRun run = swarmnet("daemon", "--config", file.toString(), "--cluster-port", "12378");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("the Raft port and the cluster port must differ, both are 12378");
    }

    @Test
    void reloadAsksTheRunningDaemonAndPrintsWhatWasAppliedAndWhatNeedsARestart() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        Path socket = dir.resolve("api.sock");
        Path file = dir.resolve("swarmnet.yaml");
        int[] ports = freePorts();
        String base = """
                node: {dataDir: %s, taskPrefix: swcc%d-}
                api: {socket: %s, tcp: none}
                cluster: {port: %d, raftPort: %d}
                metrics: {listen: none}
                """.formatted(dir.resolve("data"), ProcessHandle.current().pid(), socket, ports[0], ports[1]);
        Files.writeString(file, base);
        SwarmnetConfig config = ConfigFile.read(file);
        LiveSettings live = new LiveSettings(LiveSettings.Values.of(config));
        try (Daemon daemon = Daemon.start(DaemonConfig.of(config, live)
                .withReloads(new ConfigReloader(file, UnaryOperator.identity(), config, live)))) {
            Files.writeString(file, base + "loadBalancer: {algorithm: least-conn}\ningress: {threads: 3}\n");

            CliRun reload = swarmnet("config", "reload", "-H", "unix://" + socket);

            assertThat(reload.exitCode()).as(reload.stderr()).isZero();
            assertThat(reload.stdout().split("\\R")).containsExactly(file + ": reloaded",
                    "applied: loadBalancer.algorithm", "needs a daemon restart: ingress.threads");
            assertThat(live.current().lbAlgorithm()).isEqualTo(LbAlgorithm.LEAST_CONNECTIONS);

            Files.writeString(file, base + "loadBalancer: {algorithm: fastest}\n");
            CliRun refused = swarmnet("config", "reload", "-H", "unix://" + socket);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr()).contains("configuration not reloaded, nothing changed: " + file
                    + ":5: loadBalancer.algorithm: 'fastest'");
            assertThat(live.current().lbAlgorithm()).isEqualTo(LbAlgorithm.LEAST_CONNECTIONS);
        }
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }
}
