package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.testing.Commands;
import dev.swarmnet.linux.LinuxSupport;
import dev.swarmnet.linux.NetworkNamespace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing mesh across three hosts (1 manager, 2 workers) in network namespaces: a published
 * port answers on every node, including one that runs no task of the service, from a client
 * namespace on the underlay that is not a cluster node, over TCP and UDP (root only; CI is root).
 */
@Tag("netns")
class RoutingMeshNamespacesTest {
    private NamespaceHosts hosts;
    private String clientNs;

    @TempDir
    Path dir;

    @BeforeEach
    void hosts() throws IOException {
        Assumptions.assumeTrue(LinuxSupport.isAvailable(), "needs root");
        String prefix = "swmh" + ProcessHandle.current().pid() + "-";
        hosts = new NamespaceHosts(prefix, "198.18.11.", 3, dir);
        configure(hosts);
        clientNs = prefix + "c";
        Commands.sh("ip", "netns", "add", clientNs);
        Commands.sh("ip", "-n", clientNs, "link", "set", "lo", "up");
        Commands.sh("ip", "link", "add", "u0", "netns", clientNs, "type", "veth", "peer", "name", "pc",
                "netns", prefix + "u");
        Commands.sh("ip", "-n", prefix + "u", "link", "set", "pc", "master", "br0", "up");
        Commands.sh("ip", "-n", clientNs, "addr", "add", "198.18.11.200/24", "dev", "u0");
        Commands.sh("ip", "-n", clientNs, "link", "set", "u0", "up");
    }

    /** Changes how the daemons run before any starts; a subclass runs the whole test another way. */
    void configure(NamespaceHosts hosts) throws IOException {
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (clientNs != null) {
            Commands.run(List.of("ip", "netns", "del", clientNs));
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void aPublishedPortAnswersOnEveryNodeSpreadsRequestsAndCanTellTheClientsAddress() throws Exception {
        hosts.formSwarm(3);

        // Two web tasks, on node-1 and node-2: node-3 runs none and must answer all the same.
        hosts.ok(1, "service", "create", "-d", "--name", "web", "--replicas", "2", "-p", "8080:80",
                "--constraint", "node.hostname!=node-3", "swarmnet/whoami");
        List<JsonNode> web = awaitRunning("web", 2);
        List<String> ids = web.stream().map(t -> t.path("ID").asText()).toList();

        for (int i = 1; i <= 3; i++) {
            String node = hosts.address(i);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    assertThat(taskIdIn(NamespaceHttp.get(clientNs, node, 8080))).isIn(ids));
        }

        // 300 new connections, 100 to each node, spread over the two tasks within ±15%.
        Map<String, Integer> answered = new HashMap<>();
        for (int n = 0; n < 300; n++) {
            answered.merge(taskIdIn(NamespaceHttp.get(clientNs, hosts.address(1 + n % 3), 8080)), 1, Integer::sum);
        }
        assertThat(answered.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(answered.values()).allSatisfy(count -> assertThat(count).isBetween(128, 172));

        // Without the PROXY protocol the task sees the node's ingress address, not the client.
        assertThat(NamespaceHttp.get(clientNs, hosts.address(3), 8080)).contains("RemoteAddr: 10.0.0.")
                .doesNotContain("198.18.11.200");

        // A published UDP port: datagrams to node-3 reach the echo task on node-2 and come back.
        hosts.ok(1, "service", "create", "-d", "--name", "echo", "--replicas", "1", "-p", "5353:7/udp",
                "--constraint", "node.hostname==node-2", "swarmnet/echo");
        awaitRunning("echo", 1);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(udpExchange(clientNs, hosts.address(3), 5353, "ping")).isEqualTo("ping"));

        // With the PROXY protocol label the task learns the client's own address, through any node.
        hosts.ok(1, "service", "create", "-d", "--name", "real", "--replicas", "1", "-p", "8081:80",
                "-l", "swarmnet.proxy-protocol=v2", "-e", "SWARMNET_PROXY_PROTOCOL=v2",
                "--constraint", "node.hostname==node-1", "swarmnet/whoami");
        awaitRunning("real", 1);
        for (int i = 1; i <= 3; i++) {
            String node = hosts.address(i);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    assertThat(NamespaceHttp.get(clientNs, node, 8081)).contains("RemoteAddr: 198.18.11.200:"));
        }

        // A health-checked task gets traffic only while its check passes: starting (no flows) until
        // the check's file exists (failures in the start period do not count), running once it
        // does, failed as unhealthy once it is gone (after it has been healthy, failures count).
        Path ready = dir.resolve("gated-ready");
        hosts.ok(1, "service", "create", "-d", "--name", "gated", "--replicas", "1", "-p", "8082:80",
                "--health-cmd", "test -e " + ready, "--health-interval", "200ms", "--health-retries", "2",
                "--health-start-period", "120s",
                "--restart-condition", "none", "--constraint", "node.hostname==node-2", "swarmnet/whoami");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(tasks("gated"))
                .anySatisfy(t -> assertThat(t.path("Status").path("State").asText()).isEqualTo("starting")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(tasks("gated")).allSatisfy(t ->
                    assertThat(t.path("Status").path("State").asText()).isEqualTo("starting"));
            assertThat(answerOrFailure(clientNs, hosts.address(3), 8082)).doesNotContain("TaskID: ");
        });
        Files.createFile(ready);
        String gated = awaitRunning("gated", 1).get(0).path("ID").asText();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(taskIdIn(NamespaceHttp.get(clientNs, hosts.address(3), 8082))).isEqualTo(gated));
        Files.delete(ready);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(tasks("gated")).anySatisfy(t -> {
            assertThat(t.path("ID").asText()).isEqualTo(gated);
            assertThat(t.path("Status").path("State").asText()).isEqualTo("failed");
            assertThat(t.path("Status").path("Err").asText()).isEqualTo("task: container unhealthy");
        }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(answerOrFailure(clientNs, hosts.address(3), 8082)).doesNotContain("TaskID: "));
    }

    /** {@link #httpGet}'s body, or the failure's text when no answer came. */
    private static String answerOrFailure(String namespace, String ip, int port) {
        try {
            return NamespaceHttp.get(namespace, ip, port);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private UnixHttp api() {
        return new UnixHttp(hosts.socket(1));
    }

    private List<JsonNode> tasks(String service) throws IOException {
        String filter = "?filters=" + URLEncoder.encode("{\"service\":{\"" + service + "\":true}}", StandardCharsets.UTF_8);
        List<JsonNode> all = new ArrayList<>();
        api().get("/tasks" + filter).json().forEach(all::add);
        return all;
    }

    private List<JsonNode> awaitRunning(String service, int count) {
        List<List<JsonNode>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JsonNode> running = new ArrayList<>();
            for (JsonNode task : tasks(service)) {
                if (task.path("DesiredState").asText().equals("running")
                        && task.path("Status").path("State").asText().equals("running")) {
                    running.add(task);
                }
            }
            assertThat(running).as("tasks of %s running", service).hasSize(count);
            found.add(running);
        });
        return found.get(found.size() - 1);
    }

    private static String taskIdIn(String body) {
        return body.lines().filter(l -> l.startsWith("TaskID: ")).findFirst().orElse("none: " + body)
                .substring("TaskID: ".length()).trim();
    }

    /** One datagram to {@code ip:port} from inside {@code namespace} and the reply's text (from that port). */
    private static String udpExchange(String namespace, String ip, int port, String text) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.open(namespace)) {
            return ns.call(() -> {
                try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
                    socket.setSoTimeout(2_000);
                    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
                    socket.send(new java.net.DatagramPacket(bytes, bytes.length, new InetSocketAddress(ip, port)));
                    java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[1500], 1500);
                    socket.receive(reply);
                    assertThat(reply.getPort()).isEqualTo(port);
                    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
                }
            });
        }
    }
}
