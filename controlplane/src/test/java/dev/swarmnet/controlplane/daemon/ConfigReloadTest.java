package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.config.ConfigFile;
import dev.swarmnet.controlplane.config.SwarmnetConfig;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole daemon in this JVM started from a configuration file, reloaded through its API
 * ({@code POST /swarmnet/config/reload}) after the file changed.
 */
class ConfigReloadTest {
    @TempDir
    Path dir;

    private Path file;
    private LiveSettings live;
    private final List<LiveSettings.Values> seenByListener = new CopyOnWriteArrayList<>();
    private Daemon daemon;
    private UnixHttp http;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        Path socket = dir.resolve("run").resolve("api.sock");
        Files.createDirectories(socket.getParent());
        file = dir.resolve("swarmnet.yaml");
        write("round-robin", "15m", "4789", "30s");
        SwarmnetConfig config = ConfigFile.read(file);
        live = new LiveSettings(LiveSettings.Values.of(config));
        live.listen(() -> seenByListener.add(live.current()));
        UnaryOperator<SwarmnetConfig> none = UnaryOperator.identity();
        DaemonConfig daemonConfig = DaemonConfig.of(config, live)
                .withReloads(new ConfigReloader(file, none, config, live));
        daemon = Daemon.start(daemonConfig, Joiner.notWired());
        http = new UnixHttp(socket);
    }

    @AfterEach
    void stop() throws IOException {
        LogLevels.apply(SwarmnetConfig.Logging.DEFAULTS);
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aReloadAppliesTheNewDefaultAlgorithmAndIdleTimeoutLiveAndListsWhatNeedsARestart() throws Exception {
        write("maglev", "20m", "14789", "45s");

        UnixHttp.Response reload = http.post("/v1.50/swarmnet/config/reload", "");

        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        JsonNode answer = reload.json();
        assertThat(answer.path("File").asText()).isEqualTo(file.toString());
        assertThat(texts(answer.path("Changed"))).containsExactly("dataplane.port",
                "dataplane.conntrack.timeouts.udp", "loadBalancer.algorithm", "ingress.tcpIdleTimeout");
        assertThat(texts(answer.path("Applied"))).containsExactly("dataplane.conntrack.timeouts.udp",
                "loadBalancer.algorithm", "ingress.tcpIdleTimeout");
        assertThat(texts(answer.path("NeedsRestart"))).containsExactly("dataplane.port");
        assertThat(live.current().lbAlgorithm()).isEqualTo(LbAlgorithm.MAGLEV);
        assertThat(live.current().tcpIdleTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(live.current().flowTimeouts().timeoutNs(dev.swarmnet.dataplane.conntrack.FlowState.UDP_UNREPLIED))
                .isEqualTo(Duration.ofSeconds(45).toNanos());
        assertThat(seenByListener).containsExactly(live.current());
        assertThat(daemon.backend().status()).isNotNull();
    }

    @Test
    void aReloadChangesLogLevelsLiveAndGivesBackTheLevelOfALoggerNoLongerNamed() throws Exception {
        String ingress = "dev.swarmnet.controlplane.ingress";
        assertThat(LogLevels.effectiveLevel(ingress)).isEqualTo("info");
        assertThat(LogLevels.effectiveLevel("io.netty")).as("logback.xml's level").isEqualTo("warn");
        Files.writeString(file, Files.readString(file) + "logging: {level: warn, loggers: {%s: trace, io.netty: debug}}\n"
                .formatted(ingress));

        JsonNode answer = http.post("/v1.50/swarmnet/config/reload", "").json();

        assertThat(texts(answer.path("Applied"))).containsExactly("logging.level",
                "logging.loggers.dev.swarmnet.controlplane.ingress", "logging.loggers.io.netty");
        assertThat(LogLevels.effectiveLevel(ingress)).isEqualTo("trace");
        assertThat(LogLevels.effectiveLevel("io.netty")).isEqualTo("debug");
        assertThat(LogLevels.effectiveLevel("dev.swarmnet.controlplane.daemon")).isEqualTo("warn");

        write("round-robin", "15m", "4789", "30s");
        JsonNode back = http.post("/v1.50/swarmnet/config/reload", "").json();

        assertThat(texts(back.path("Applied"))).containsExactly("logging.level",
                "logging.loggers.dev.swarmnet.controlplane.ingress", "logging.loggers.io.netty");
        assertThat(LogLevels.effectiveLevel(ingress)).isEqualTo("info");
        assertThat(LogLevels.effectiveLevel("io.netty")).isEqualTo("warn");
        assertThat(seenByListener).as("log levels are not the agent's business").isEmpty();
    }

    @Test
    void aSecondReloadOfTheSameFileChangesNothingButStillNamesTheKeysThatWaitForARestart() throws Exception {
        write("maglev", "15m", "14789", "30s");
        http.post("/v1.50/swarmnet/config/reload", "");

        JsonNode again = http.post("/v1.50/swarmnet/config/reload", "").json();

        assertThat(texts(again.path("Applied"))).isEmpty();
        assertThat(texts(again.path("NeedsRestart"))).containsExactly("dataplane.port");
        assertThat(seenByListener).hasSize(1);
    }

    @Test
    void aReloadOfAnInvalidFileChangesNothingAndReportsEveryProblem() throws Exception {
        Files.writeString(file, """
                loadBalancer: {algorithm: maglev}
                ingress: {tcpIdleTimout: 20m}
                dataplane: {transport: dpdk}
                """);

        UnixHttp.Response reload = http.post("/v1.50/swarmnet/config/reload", "");

        assertThat(reload.status()).isEqualTo(400);
        String message = reload.json().path("message").asText();
        assertThat(message).startsWith("configuration not reloaded, nothing changed: ")
                .contains(file + ":2: ingress.tcpIdleTimout: unknown key (did you mean tcpIdleTimeout?)")
                .contains(file + ":3: dataplane.transport: 'dpdk': not one of the allowed values epoll, io_uring, nio");
        assertThat(live.current().lbAlgorithm()).isEqualTo(LbAlgorithm.ROUND_ROBIN);
        assertThat(seenByListener).isEmpty();
    }

    private void write(String algorithm, String tcpIdle, String port, String udpFlowTimeout) throws IOException {
        Files.writeString(file, """
                node: {dataDir: %s, taskPrefix: swcf%d-}
                api: {socket: %s, tcp: none}
                cluster: {port: %d, raftPort: %d}
                dataplane: {port: %s, conntrack: {timeouts: {udp: %s}}}
                loadBalancer: {algorithm: %s}
                ingress: {tcpIdleTimeout: %s}
                metrics: {listen: none}
                """.formatted(dir.resolve("data"), ProcessHandle.current().pid(), dir.resolve("run").resolve("api.sock"),
                ports[0], ports[1], port, udpFlowTimeout, algorithm, tcpIdle));
    }

    private final int[] ports = freePorts();

    private static int[] freePorts() {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
