package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.metrics.MetricsHttp;
import dev.swarmnet.controlplane.metrics.PrometheusText;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One host in a network namespace running a {@code swarmnet daemon} process with its metrics
 * endpoint, real tasks, TAPs and data plane: the scrape moves with DNS queries, VIP flows,
 * routing-mesh connections and dropped frames (root only; CI is root).
 */
@Tag("netns")
class MetricsNamespacesTest {
    private static final InetSocketAddress METRICS = new InetSocketAddress("127.0.0.1", 9323);

    @TempDir
    Path dir;

    private NamespaceHosts hosts;
    private Process daemon;

    @BeforeEach
    void host() throws IOException {
        Assumptions.assumeTrue(LinuxSupport.isAvailable(), "needs root");
        hosts = new NamespaceHosts("swmx" + ProcessHandle.current().pid() + "-", "198.18.23.", 1, dir);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (daemon != null) {
                daemon.destroyForcibly();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (hosts != null) {
                hosts.close();
            }
        }
    }

    @Test
    void theScrapeFollowsDnsQueriesVipFlowsMeshConnectionsDropsTasksAndRaft() throws Exception {
        startDaemon();
        PrometheusText empty = scrape();
        assertThat(empty.hasAny("swarmnet_dataplane_")).as("no swarm, no data plane").isFalse();

        hosts.ok(1, "swarm", "init", "--advertise-addr", hosts.address(1));
        hosts.ok(1, "network", "create", "--driver", "overlay", "app");
        hosts.ok(1, "service", "create", "-d", "--name", "web", "--network", "app", "--publish", "8080:80",
                "swarmnet/whoami");
        hosts.ok(1, "service", "create", "-d", "--name", "client", "--network", "app", "-e", "ECHO_PORT=7",
                "swarmnet/echo");
        JsonNode web = awaitRunning("web");
        JsonNode clientTask = awaitRunning("client");
        String client = hosts.taskPrefix() + clientTask.path("ID").asText();

        // Tasks and Raft.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PrometheusText text = scrape();
            assertThat(text.value("swarmnet_node_tasks", "state", "running")).isEqualTo(2);
            assertThat(text.value("swarmnet_cluster_tasks", "desired_state", "running", "state", "running"))
                    .isEqualTo(2);
            assertThat(text.value("swarmnet_raft_leader")).isEqualTo(1);
            assertThat(text.value("swarmnet_raft_term")).isGreaterThanOrEqualTo(1);
        });

        // DNS: the client resolves the service through its gateway.
        PrometheusText before = scrape();
        String vip = Commands.run(List.of("ip", "netns", "exec", client, "getent", "hosts", "web")).output()
                .split("\\s+")[0];
        assertThat(vip).matches("10\\.0\\.[0-9]+\\.[0-9]+");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(scrape().value("swarmnet_dns_queries_total", "result", "answered"))
                        .isGreaterThan(before.value("swarmnet_dns_queries_total", "result", "answered")));

        // VIP flows: counted per backend, per service, in conntrack, on the client's port and network.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(httpGet(client, new InetSocketAddress(vip, 80))).contains("TaskID: "));
        // The web task is a backend on "app" and, published, on "ingress": the flow went to the first.
        List<String> webAddresses = new ArrayList<>();
        web.path("NetworksAttachments").forEach(a -> webAddresses.add(strip(a.path("Addresses").path(0).asText())));
        PrometheusText afterVip = scrape();
        List<PrometheusText.Sample> used = afterVip.find("swarmnet_backend_flows_total", "service", "web").stream()
                .filter(s -> s.value() >= 1).toList();
        assertThat(used).hasSize(1);
        String backend = used.get(0).labels().get("backend");
        assertThat(webAddresses).contains(backend);
        assertThat(afterVip.value("swarmnet_backend_bytes_total", "service", "web", "backend", backend))
                .isGreaterThan(100);
        assertThat(afterVip.value("swarmnet_service_flows_total", "service", "web")).isGreaterThanOrEqualTo(1);
        assertThat(afterVip.value("swarmnet_conntrack_inserted_total")).isGreaterThanOrEqualTo(1);
        assertThat(afterVip.sum("swarmnet_port_frames_total", "task", clientTask.path("ID").asText(), "network", "app", "direction", "rx"))
                .isGreaterThan(0);
        assertThat(afterVip.value("swarmnet_network_bytes_total", "network", "app", "direction", "tx"))
                .isGreaterThan(0);

        // Routing mesh: a connection to the published port on the host's address.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(httpGet(hosts.host(1), new InetSocketAddress(hosts.address(1), 8080))).contains("TaskID: "));
        PrometheusText afterMesh = scrape();
        assertThat(afterMesh.value("swarmnet_ingress_connections_total", "port", "8080", "protocol", "tcp"))
                .isGreaterThanOrEqualTo(1);
        assertThat(afterMesh.find("swarmnet_ingress_connections_active", "port", "8080")).hasSize(1);

        // A dropped frame: ARP for an overlay address nobody holds is never flooded.
        double arpDrops = afterMesh.value("swarmnet_dataplane_drops_total", "reason", "arp_unknown_target");
        String own = address(clientTask);
        String nobody = own.substring(0, own.lastIndexOf('.')) + ".250";
        Commands.run(List.of("ip", "netns", "exec", client, "ping", "-c", "1", "-W", "1", nobody));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(scrape().value("swarmnet_dataplane_drops_total", "reason", "arp_unknown_target"))
                        .isGreaterThan(arpDrops));
    }

    private void startDaemon() throws IOException {
        Files.createDirectories(hosts.dataDir(1));
        List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + NetworkNamespace.RUN_DIR.resolve(hosts.host(1)),
                ProcessHandle.current().info().command().orElse("java"),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), dev.swarmnet.controlplane.cli.Swarmnet.class.getName(),
                "daemon", "--data-dir", hosts.dataDir(1).toString(), "--socket", hosts.socket(1).toString(),
                "--tcp", "none", "--hostname", "node-1", "--task-prefix", hosts.taskPrefix(),
                "--metrics-listen", METRICS.getHostString() + ":" + METRICS.getPort()));
        daemon = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(hosts.log(1).toFile())).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(hosts.socket(1)) || !daemon.isAlive());
        assertThat(daemon.isAlive()).as("daemon: %s", Files.readString(hosts.log(1))).isTrue();
    }

    private PrometheusText scrape() throws Exception {
        return MetricsHttp.scrapeIn(hosts.host(1), METRICS);
    }

    private JsonNode awaitRunning(String service) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String filter = URLEncoder.encode("{\"service\":{\"" + service + "\":true}}", StandardCharsets.UTF_8);
            JsonNode tasks = new UnixHttp(hosts.socket(1)).get("/tasks?filters=" + filter).json();
            List<JsonNode> running = new ArrayList<>();
            tasks.forEach(t -> {
                if (t.path("Status").path("State").asText().equals("running")) {
                    running.add(t);
                }
            });
            assertThat(running).as("running tasks of %s", service).hasSize(1);
            found.add(running.get(0));
        });
        return found.get(found.size() - 1);
    }

    private static String address(JsonNode task) {
        return strip(task.path("NetworksAttachments").path(0).path("Addresses").path(0).asText());
    }

    private static String strip(String cidr) {
        return cidr.substring(0, cidr.indexOf('/'));
    }

    /** One HTTP/1.0 GET from inside {@code namespace}; the body. */
    private static String httpGet(String namespace, InetSocketAddress address) throws Exception {
        return MetricsHttp.requestIn(namespace, address, "GET", "/", null).body();
    }
}
