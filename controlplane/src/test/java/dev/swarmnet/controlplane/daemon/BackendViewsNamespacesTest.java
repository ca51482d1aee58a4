package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmnet.linux.LinuxSupport;
import dev.swarmnet.linux.NetworkNamespace;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every node's live VIP backends ({@code network inspect --verbose}, {@code service inspect
 * --backends}) on three hosts (1 manager, 2 workers), each a {@code swarmnet daemon} in its own
 * network namespace with real tasks (root only; CI is root). One cluster for every assertion.
 */
@Tag("netns")
class BackendViewsNamespacesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NamespaceHosts hosts;

    @TempDir
    Path dir;

    @BeforeEach
    void hosts() throws IOException {
        Assumptions.assumeTrue(LinuxSupport.isAvailable(), "needs root");
        hosts = new NamespaceHosts("swbk" + ProcessHandle.current().pid() + "-", "198.18.12.", 3, dir);
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void everyNodeShowsTheRunningTasksAsActiveBackendsForgetsRemovedOnesAndADeadNodeIsUnreachable()
            throws Exception {
        hosts.formSwarm(3);
        hosts.ok(1, "network", "create", "--driver", "overlay", "app");
        hosts.ok(1, "service", "create", "-d", "--name", "whoami", "--replicas", "3", "--network", "app",
                "swarmnet/whoami");
        hosts.ok(1, "service", "create", "-d", "--name", "client", "--network", "app",
                "--constraint", "node.hostname==node-1", "-e", "ECHO_PORT=7", "swarmnet/echo");
        Set<String> running = awaitRunning("whoami", 3);
        String client = hosts.taskPrefix() + awaitRunning("client", 1).iterator().next();

        // Every node balances the VIP over the three running tasks, all active, TCP and UDP; the
        // docker CLI's Services (this node's own view) names them as Docker does.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode network = verboseNetwork();
            for (String node : List.of("node-1", "node-2", "node-3")) {
                JsonNode web = network.path("Nodes").path(node).path("Services").path("whoami");
                assertThat(web.path("VirtualServices")).extracting(vs -> vs.path("Protocol").asText())
                        .containsExactly("tcp", "udp");
                for (JsonNode vs : web.path("VirtualServices")) {
                    assertThat(backends(vs, "active")).as("%s %s", node, vs.path("Protocol")).isEqualTo(running);
                    assertThat(backends(vs, "draining")).isEmpty();
                }
            }
            Set<String> dockerTasks = new HashSet<>();
            network.path("Services").path("whoami").path("Tasks").forEach(t -> dockerTasks.add(t.path("EndpointID").asText()));
            assertThat(dockerTasks).isEqualTo(running);
        });

        // A connection through the VIP from node-1's client is counted there, and nowhere else.
        String vip = verboseNetwork().path("Services").path("whoami").path("VIP").asText();
        try (NetworkNamespace ns = NetworkNamespace.open(client);
             Socket held = ns.call(() -> {
                 Socket socket = new Socket();
                 socket.connect(new InetSocketAddress(vip, 80), 5_000);
                 return socket;
             })) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode nodes = verboseNetwork().path("Nodes");
                assertThat(tcpFlows(nodes.path("node-1"))).isEqualTo(1);
                assertThat(tcpFlows(nodes.path("node-2"))).isZero();
            });
            assertThat(held.isConnected()).isTrue();
        }

        // service inspect --backends adds the same per node; --pretty prints it as a table.
        JsonNode service = JSON.readTree(hosts.ok(1, "service", "inspect", "--backends", "whoami")).get(0);
        assertThat(service.path("SwarmnetBackends").fieldNames()).toIterable()
                .containsExactly("node-1", "node-2", "node-3");
        String pretty = hosts.ok(1, "service", "inspect", "--backends", "--pretty", "whoami");
        assertThat(pretty).contains("Backends:", "NODE", "FLOWS");
        assertThat(pretty.lines().filter(l -> l.startsWith("node-3") && l.contains(" tcp ") && l.contains("active")))
                .hasSize(3);
        assertThat(hosts.ok(1, "service", "inspect", "whoami")).doesNotContain("SwarmnetBackends");

        // A published port that something else already holds on node-3 is reported there as
        // blocked, with the reason, and as open on the other nodes.
        try (NetworkNamespace node3 = NetworkNamespace.open(hosts.host(3));
             ServerSocket squatter = node3.call(() -> new ServerSocket(8090, 1, InetAddress.getByName("0.0.0.0")))) {
            hosts.ok(1, "service", "create", "-d", "--name", "pub", "-p", "8090:80", "swarmnet/whoami");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode nodes = JSON.readTree(hosts.ok(1, "service", "inspect", "--backends", "pub")).get(0)
                        .path("SwarmnetBackends");
                for (String node : List.of("node-1", "node-2")) {
                    JsonNode open = nodes.path(node).path("PublishedPorts").path(0);
                    assertThat(open.path("Port").asText()).as(node).isEqualTo("8090/tcp");
                    assertThat(open.path("State").asText()).as(node).isEqualTo("open");
                    assertThat(open.path("Addresses").path(0).asText()).as(node).isEqualTo("*:8090");
                }
                JsonNode blocked = nodes.path("node-3").path("PublishedPorts").path(0);
                assertThat(blocked.path("Port").asText()).isEqualTo("8090/tcp");
                assertThat(blocked.path("State").asText()).isEqualTo("blocked");
                assertThat(blocked.path("Error").asText()).contains("Address already in use");
            });
            assertThat(hosts.ok(1, "service", "inspect", "--backends", "--pretty", "pub"))
                    .containsPattern("node-3 +8090/tcp +blocked +cannot listen on \\S+ port 8090: .*Address already in use");
            assertThat(squatter.isBound()).isTrue();
        }

        // A service whose ports may listen only on node-2's address is open there alone: node-1
        // and node-3 keep it closed on purpose, say so, and refuse connections to it.
        hosts.ok(1, "service", "create", "-d", "--name", "near", "-p", "8091:80",
                "--label", "swarmnet.ingress.listen=" + hosts.address(2), "swarmnet/whoami");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode nodes = JSON.readTree(hosts.ok(1, "service", "inspect", "--backends", "near")).get(0)
                    .path("SwarmnetBackends");
            JsonNode open = nodes.path("node-2").path("PublishedPorts").path(0);
            assertThat(open.path("State").asText()).isEqualTo("open");
            assertThat(open.path("Addresses").path(0).asText()).isEqualTo(hosts.address(2) + ":8091");
            for (String node : List.of("node-1", "node-3")) {
                JsonNode closed = nodes.path(node).path("PublishedPorts").path(0);
                assertThat(closed.path("State").asText()).as(node).isEqualTo("restricted");
                assertThat(closed.path("Error").asText()).as(node)
                        .contains("no address of this node is in swarmnet.ingress.listen=" + hosts.address(2));
            }
        });
        // (until the task runs, node-2's open port resets the connection: the mesh has no backend)
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(NamespaceHttp.get(hosts.host(1), hosts.address(2), 8091))
                        .startsWith("HTTP/1.1 200 OK").contains("TaskID: "));
        assertThatThrownBy(() -> NamespaceHttp.get(hosts.host(2), hosts.address(1), 8091))
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> NamespaceHttp.get(hosts.host(1), "127.0.0.1", 8091))
                .as("not even on node-1's own loopback").isInstanceOf(ConnectException.class);

        // Scaled down, the removed task leaves every node's view (after draining, if seen at all).
        hosts.ok(1, "service", "scale", "-d", "whoami=2");
        Set<String> remaining = awaitRunning("whoami", 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode nodes = verboseNetwork().path("Nodes");
            for (String node : List.of("node-1", "node-2", "node-3")) {
                for (JsonNode vs : nodes.path(node).path("Services").path("whoami").path("VirtualServices")) {
                    assertThat(backends(vs, null)).as(node).isEqualTo(remaining);
                }
            }
        });

        // A node whose daemon died shows as unreachable; the answer does not wait for it.
        hosts.kill(3);
        long asked = System.nanoTime();
        JsonNode nodes = verboseNetwork().path("Nodes");
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(20));
        assertThat(nodes.path("node-3").path("Error").asText()).startsWith("node unreachable: ");
        assertThat(nodes.path("node-1").path("Services").path("whoami").isObject()).isTrue();
    }

    /** {@code swarmnet network inspect --verbose app}, as JSON. */
    private JsonNode verboseNetwork() throws IOException {
        return JSON.readTree(hosts.ok(1, "network", "inspect", "--verbose", "app")).get(0);
    }

    /** The task ids of a virtual service's backends in {@code state} (null: any state). */
    private static Set<String> backends(JsonNode virtualService, String state) {
        Set<String> ids = new HashSet<>();
        for (JsonNode backend : virtualService.path("Backends")) {
            if (state == null || backend.path("State").asText().equals(state)) {
                ids.add(backend.path("TaskID").asText());
            }
        }
        return ids;
    }

    /** Open TCP flows to whoami's VIP on one node, over all backends. */
    private static int tcpFlows(JsonNode node) {
        int flows = 0;
        for (JsonNode vs : node.path("Services").path("whoami").path("VirtualServices")) {
            if (vs.path("Protocol").asText().equals("tcp")) {
                for (JsonNode backend : vs.path("Backends")) {
                    flows += backend.path("ActiveFlows").asInt();
                }
            }
        }
        return flows;
    }

    /** Waits until exactly {@code count} tasks of the service run, all desired running; their ids. */
    private Set<String> awaitRunning(String service, int count) {
        List<Set<String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Set<String> running = new HashSet<>();
            int wanted = 0;
            String filter = URLEncoder.encode("{\"service\":{\"" + service + "\":true}}", StandardCharsets.UTF_8);
            for (JsonNode task : new UnixHttp(hosts.socket(1)).get("/tasks?filters=" + filter).json()) {
                if (task.path("DesiredState").asText().equals("running")) {
                    wanted++;
                    if (task.path("Status").path("State").asText().equals("running")) {
                        running.add(task.path("ID").asText());
                    }
                }
            }
            assertThat(wanted).as("tasks of %s desired running", service).isEqualTo(count);
            assertThat(running).as("tasks of %s running", service).hasSize(count);
            found.add(running);
        });
        return found.get(found.size() - 1);
    }
}
