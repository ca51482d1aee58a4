package dev.swarmnet.controlplane.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.linux.LibC;
import dev.swarmnet.linux.LinuxSupport;
import dev.swarmnet.linux.NetworkNamespace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.swarmnet.controlplane.runtime.TaskLaunchTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** The runtime on real namespaces, TAPs and processes (needs root). */
class TaskRuntimeTest {
    private static final String PREFIX = "swrt" + ProcessHandle.current().pid() + "-";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private RuntimeSettings settings;
    private TaskRuntime runtime;
    private final List<String> taskIds = new ArrayList<>();

    @BeforeEach
    void needsRoot() {
        assumeThat(LinuxSupport.isAvailable()).as("needs root and the native module").isTrue();
        settings = RuntimeSettings.defaults().withNamespacePrefix(PREFIX)
            .withDirectories(dir.resolve("state"), dir.resolve("logs"));
        runtime = new TaskRuntime(settings);
    }

    @AfterEach
    void removeEverythingThisTestMade() throws IOException {
        if (runtime == null) {
            return;
        }
        for (String taskId : taskIds) {
            try {
                runtime.remove(taskId);
            } catch (IOException | RuntimeException e) {
                // the safety net below gets what is left
            }
        }
        for (String namespace : NetworkNamespace.list()) {
            if (namespace.startsWith(PREFIX)) {
                NetworkNamespace.delete(namespace);
            }
        }
        try (Stream<Path> dirs = Files.list(RuntimeSettings.NETNS_ETC_DIR)) {
            for (Path etc : (Iterable<Path>) dirs::iterator) {
                if (etc.getFileName().toString().startsWith(PREFIX)) {
                    Files.deleteIfExists(etc.resolve("resolv.conf"));
                    Files.deleteIfExists(etc);
                }
            }
        } catch (java.nio.file.NoSuchFileException absent) {
            // nothing there
        }
    }

    private TaskLaunch launch(Duration grace, String... argv) throws Exception {
        String taskId = Ids.newId();
        taskIds.add(taskId);
        Attachment eth0 = new Attachment("eth0", ip("10.99.0.5"), 24, ip("10.99.0.1"), 1450);
        return new TaskLaunch(taskId, "web.1." + taskId, "web", taskId.substring(0, 12), settings.namespaceOf(taskId),
            List.of(eth0), List.of(argv), List.of("HOSTNAME=" + taskId.substring(0, 12),
                "SWARMNET_TASK_NAME=web.1." + taskId, "SWARMNET_TASK_ID=" + taskId), settings.logFileOf(taskId), grace);
    }

    @Test
    void aPreparedTaskHasEth0WithItsAddressMacMtuDefaultRouteAndResolver() throws Exception {
        TaskLaunch launch = launch(Duration.ofSeconds(1), "true");

        PreparedTask prepared = runtime.prepare(launch);

        assertThat(prepared.ports()).singleElement().satisfies(port -> {
            assertThat(port.index()).isZero();
            assertThat(port.fd()).isPositive();
            assertThat(port.vnetHeader()).isTrue();
        });
        JsonNode eth0 = link(launch.namespace(), "eth0");
        assertThat(eth0.path("address").asText()).isEqualTo("02:42:0a:63:00:05");
        assertThat(eth0.path("mtu").asInt()).isEqualTo(1450);
        assertThat(eth0.path("flags").toString()).contains("\"UP\"");
        JsonNode inet = eth0.path("addr_info").get(0);
        assertThat(inet.path("local").asText() + "/" + inet.path("prefixlen").asInt()).isEqualTo("10.99.0.5/24");
        assertThat(link(launch.namespace(), "lo").path("flags").toString()).contains("\"UP\"");
        JsonNode route = JSON.readTree(ipTool("-n", launch.namespace(), "-j", "route", "show", "default")).get(0);
        assertThat(route.path("gateway").asText()).isEqualTo("10.99.0.1");
        assertThat(route.path("dev").asText()).isEqualTo("eth0");
        assertThat(Files.readString(runtime.resolvConfOf(launch.namespace())))
            .isEqualTo("nameserver 10.99.0.1\noptions ndots:0\n");
    }

    @Test
    void aStartedTaskRunsInItsNamespaceWithItsHostnameSeesItsResolverAndWritesToItsLog() throws Exception {
        TaskLaunch launch = launch(Duration.ofSeconds(5), "sh", "-c",
            "echo out-line; echo err-line >&2; cat /etc/resolv.conf; echo uts=$(cat /proc/sys/kernel/hostname); echo host=$HOSTNAME; exec sleep 100");
        long pid = runtime.start(runtime.prepare(launch));

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(launch.logFile())
            && Files.readString(launch.logFile()).contains("host="));
        assertThat(Files.readString(launch.logFile())).contains("out-line\n", "err-line\n", "nameserver 10.99.0.1\n",
            "host=" + launch.hostname() + "\n",
            "uts=" + launch.hostname() + "\n");
        assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString())
            .isEqualTo("net:[" + Files.getAttribute(NetworkNamespace.RUN_DIR.resolve(launch.namespace()), "unix:ino") + "]");

        long started = System.nanoTime();
        int exitCode = runtime.stop(launch.taskId(), Duration.ofSeconds(5));

        assertThat(exitCode).as("sleep ended by SIGTERM").isEqualTo(128 + 15);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aTaskIgnoringSigtermIsKilledAfterItsGracePeriod() throws Exception {
        TaskLaunch launch = launch(Duration.ofMillis(700), "sh", "-c",
            "trap '' TERM; echo ready; while :; do sleep 0.05; done");
        long pid = runtime.start(runtime.prepare(launch));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(launch.logFile())
            && Files.readString(launch.logFile()).contains("ready"));

        long started = System.nanoTime();
        int exitCode = runtime.stop(launch.taskId(), launch.stopGracePeriod());

        assertThat(exitCode).as("ended by SIGKILL").isEqualTo(128 + 9);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void theWhoamiImageAnswersOnItsOwnAddressInsideItsNamespace() throws Exception {
        List<String> argv = new ArrayList<>(ImageCatalog.builtIn().argv(
            dev.swarmnet.controlplane.model.ContainerSpec.of("swarmnet/whoami")));
        TaskLaunch launch = launch(Duration.ofSeconds(5), argv.toArray(String[]::new));
        runtime.start(runtime.prepare(launch));

        String answer;
        try (NetworkNamespace namespace = NetworkNamespace.open(launch.namespace())) {
            answer = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> namespace.call(() -> httpGet("10.99.0.5", 80)), a -> a.contains("Task:"));
        }

        assertThat(answer).startsWith("HTTP/1.1 200").contains("Hostname: " + launch.hostname() + "\n",
            "IP: 10.99.0.5\n", "Task: " + launch.taskName() + "\n", "RemoteAddr: 10.99.0.5:");
        assertThat(runtime.stop(launch.taskId(), Duration.ofSeconds(5))).as("whoami exits 0 on SIGTERM").isZero();
    }

    @Test
    void removeLeavesNoNamespaceResolverStateFileOrProcessButKeepsTheLogUntilRemoveLogs() throws Exception {
        TaskLaunch launch = launch(Duration.ofSeconds(5), "sh", "-c", "echo hi; exec sleep 100");
        long pid = runtime.start(runtime.prepare(launch));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(launch.logFile())
            && Files.readString(launch.logFile()).contains("hi"));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        runtime.onExit(launch.taskId(), exit::complete);

        runtime.remove(launch.taskId());

        assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(128 + 9);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(NetworkNamespace.exists(launch.namespace())).isFalse();
        assertThat(ipTool("netns", "list")).doesNotContain(launch.namespace());
        assertThat(RuntimeSettings.NETNS_ETC_DIR.resolve(launch.namespace())).doesNotExist();
        assertThat(settings.stateDir().resolve(launch.taskId() + ".properties")).doesNotExist();
        assertThat(runtime.scan()).isEmpty();
        assertThat(launch.logFile()).exists();

        runtime.removeLogs(launch.taskId());

        assertThat(launch.logFile()).doesNotExist();
    }

    @Test
    void aNewRuntimeFindsATaskLeftByAnEarlierLifeAndAdoptsItWithFreshTaps() throws Exception {
        TaskLaunch launch = launch(Duration.ofSeconds(5), "sleep", "100");
        PreparedTask before = runtime.prepare(launch);
        long pid = runtime.start(before);
        for (TapPort port : before.ports()) {
            LibC.close(port.fd()); // what the old daemon's death does to its TAPs
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !ipTool("-n", launch.namespace(), "link").contains("eth0"));

        TaskRuntime restarted = new TaskRuntime(settings);
        List<LeftoverTask> found = restarted.scan();

        assertThat(found).singleElement().satisfies(left -> {
            assertThat(left.taskId()).isEqualTo(launch.taskId());
            assertThat(left.namespace()).isEqualTo(launch.namespace());
            assertThat(left.pid()).isEqualTo(pid);
            assertThat(left.alive()).isTrue();
            assertThat(left.namespaceExists()).isTrue();
        });

        PreparedTask after = restarted.reattach(launch);
        runtime = restarted;

        assertThat(after.ports()).hasSize(1);
        assertThat(link(launch.namespace(), "eth0").path("address").asText()).isEqualTo("02:42:0a:63:00:05");
        assertThat(restarted.adoptedPid(launch.taskId())).contains(pid);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        restarted.onExit(launch.taskId(), exit::complete);
        assertThat(restarted.stop(launch.taskId(), Duration.ofSeconds(5))).as("not our child: unknown").isEqualTo(-1);
        assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void aLeftoverWhoseProcessDiedIsReportedDeadAndRemovable() throws Exception {
        TaskLaunch launch = launch(Duration.ofSeconds(5), "sleep", "100");
        PreparedTask before = runtime.prepare(launch);
        long pid = runtime.start(before);
        before.ports().forEach(port -> closeQuietly(port.fd()));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(5, TimeUnit.SECONDS);

        TaskRuntime restarted = new TaskRuntime(settings);

        assertThat(restarted.scan()).singleElement().satisfies(left -> assertThat(left.alive()).isFalse());

        restarted.remove(launch.taskId());

        assertThat(NetworkNamespace.exists(launch.namespace())).isFalse();
        assertThat(restarted.scan()).isEmpty();
    }

    @Test
    void preparingATaskWhoseNamespaceExistsFailsAndLeavesThatNamespaceAlone() throws Exception {
        TaskLaunch launch = launch(Duration.ofSeconds(1), "true");
        runtime.prepare(launch);

        assertThatThrownBy(() -> new TaskRuntime(settings).prepare(launch))
            .hasMessageContaining("network namespace " + launch.namespace() + " already exists");
        assertThat(NetworkNamespace.exists(launch.namespace())).isTrue();
    }

    @Test
    void scanLeavesAloneANamespaceWithThePrefixButNoStateFileOfThisRuntime() throws Exception {
        TaskLaunch otherDaemons = launch(Duration.ofSeconds(1), "true");
        TaskRuntime other = new TaskRuntime(settings.withDirectories(dir.resolve("other-state"), dir.resolve("other-logs")));
        other.prepare(otherDaemons);
        try {
            assertThat(runtime.scan()).isEmpty();
            assertThat(NetworkNamespace.exists(otherDaemons.namespace())).isTrue();
        } finally {
            other.remove(otherDaemons.taskId());
        }
    }

    private static void closeQuietly(int fd) {
        try {
            LibC.close(fd);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode link(String namespace, String name) throws IOException, InterruptedException {
        for (JsonNode link : JSON.readTree(ipTool("-n", namespace, "-j", "addr", "show"))) {
            if (name.equals(link.path("ifname").asText())) {
                return link;
            }
        }
        throw new AssertionError("no " + name + " in " + namespace);
    }

    private static String ipTool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    private static String httpGet(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
