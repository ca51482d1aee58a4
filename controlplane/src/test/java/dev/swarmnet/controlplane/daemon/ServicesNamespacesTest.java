package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.testing.Commands;
import dev.swarmnet.linux.LinuxSupport;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services across three hosts (1 manager, 2 workers), each a {@code swarmnet daemon} in its own
 * network namespace, with real task namespaces, TAPs, processes and the userspace overlay
 * between them (root only; CI is root).
 */
@Tag("netns")
class ServicesNamespacesTest {
    private NamespaceHosts hosts;

    @TempDir
    Path dir;

    @BeforeEach
    void hosts() throws IOException {
        Assumptions.assumeTrue(LinuxSupport.isAvailable(), "needs root");
        hosts = new NamespaceHosts("swsv" + ProcessHandle.current().pid() + "-", "198.18.10.", 3, dir);
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void servicesSpreadAnswerOnTheirIpsAndVipAcrossHostsScaleRollMoveAndLeaveNothingBehind() throws Exception {
        hosts.formSwarm(3);

        hosts.ok(1, "network", "create", "--driver", "overlay", "app");
        hosts.ok(1, "service", "create", "-d", "--name", "whoami", "--replicas", "6", "--network", "app",
                "--update-parallelism", "2", "swarmnet/whoami");
        hosts.ok(1, "service", "create", "-d", "--name", "client", "--network", "app",
                "--constraint", "node.hostname==node-1",
                "-e", "ECHO_PORT=7", "swarmnet/echo");

        List<JsonNode> whoami = awaitRunning("whoami", 6);
        assertThat(countByNode(whoami).values()).as("6 replicas spread over 3 nodes").containsOnly(2L);
        String client = hosts.taskPrefix() + awaitRunning("client", 1).get(0).path("ID").asText();

        // Every whoami task answers on its own address, across hosts, from the client's namespace
        // (once its JVM listens: "running" means the process started, as in Docker).
        for (JsonNode task : whoami) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(NamespaceHttp.get(client, address(task), 80)).contains("TaskID: " + task.path("ID").asText()));
        }

        // service logs gathers every task's output from the three nodes.
        List<JsonNode> firstSix = whoami;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String logs = hosts.ok(1, "service", "logs", "whoami");
            for (JsonNode task : firstSix) {
                assertThat(logs).contains("whoami listening on", task.path("ID").asText().substring(0, 12));
            }
            assertThat(logs).contains("@node-1", "@node-2", "@node-3");
        });

        // The data plane answers the task's resolver: the service name is its VIP, tasks.<name>
        // every running task (glibc through the resolv.conf that ip netns exec shows the task).
        String vip = vip("whoami");
        assertThat(Commands.run(List.of("ip", "netns", "exec", client, "getent", "hosts", "whoami")).output())
                .startsWith(vip + " ");
        Set<String> taskIps = new HashSet<>();
        whoami.forEach(t -> taskIps.add(address(t)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> resolved = new HashSet<>();
            Commands.run(List.of("ip", "netns", "exec", client, "getent", "ahostsv4", "tasks.whoami")).output()
                    .lines().forEach(l -> resolved.add(l.split("\\s+")[0]));
            assertThat(resolved).isEqualTo(taskIps);
        });

        // The VIP spreads 60 connections over all six tasks.
        assertThat(answersOver(client, vip, 60)).containsExactlyInAnyOrderElementsOf(ids(whoami));

        // Scale up and down.
        hosts.ok(1, "service", "scale", "-d", "whoami=9");
        awaitRunning("whoami", 9);
        hosts.ok(1, "service", "scale", "-d", "whoami=2");
        awaitRunning("whoami", 2);
        hosts.ok(1, "service", "scale", "-d", "whoami=6");
        whoami = awaitRunning("whoami", 6);

        // A daemon killed and restarted at once adopts its running tasks: the same tasks answer
        // again through fresh TAPs in their namespaces.
        String nodeIdOf2 = nodeId(2);
        List<JsonNode> onTwo = whoami.stream().filter(t -> t.path("NodeID").asText().equals(nodeIdOf2)).toList();
        assertThat(onTwo).isNotEmpty();
        // A longer heartbeat gives the restart (a JVM start on a loaded 2-core machine) time
        // before the node would be declared down and its tasks replaced.
        hosts.ok(1, "swarm", "update", "--dispatcher-heartbeat", "20s");
        hosts.kill(2);
        hosts.start(2);
        for (JsonNode task : onTwo) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(NamespaceHttp.get(client, address(task), 80)).contains("TaskID: " + task.path("ID").asText()));
        }
        assertThat(ids(awaitRunning("whoami", 6))).containsAll(ids(onTwo));
        hosts.ok(1, "swarm", "update", "--dispatcher-heartbeat", "5s");

        String nodeIdOf1 = nodeId(1);
        String nodeIdOf3 = nodeId(3);
        // A worker's daemon dies: its tasks run elsewhere (15 s to notice, then a restart), and
        // the VIP forgets them.
        hosts.kill(3);
        long killed = System.nanoTime();
        whoami = awaitRunningWithin("whoami", 6, Duration.ofSeconds(40), node -> !node.equals(nodeIdOf3));
        System.out.printf("tasks of the dead node running elsewhere after %d ms%n",
                (System.nanoTime() - killed) / 1_000_000);
        Set<String> live = ids(whoami);
        // The replacements' JVMs may still be starting: every connection must succeed once they listen.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(answersOver(client, vip, 60)).isSubsetOf(live));

        // Drain a node: its tasks move to the other one.
        hosts.ok(1, "node", "update", "--availability", "drain", "node-2");
        whoami = awaitRunningWithin("whoami", 6, Duration.ofSeconds(60), node -> node.equals(nodeIdOf1));

        // The dead daemon comes back: it finds its old tasks on the host and removes them,
        // because the cluster replaced them.
        hosts.start(3);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(tasks("").stream().filter(t -> t.path("NodeID").asText().equals(nodeIdOf3)
                        && t.path("Status").path("State").asText().equals("running"))).isEmpty());

        // A rolling update with parallelism 2 never has more than 2 slots down at once.
        hosts.ok(1, "node", "update", "--availability", "active", "node-2");
        hosts.ok(1, "service", "update", "-d", "--image", "swarmnet/whoami:2", "whoami");
        int[] mostDown = {0};
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<JsonNode> current = tasks("whoami");
            long down = current.stream().filter(t -> t.path("DesiredState").asText().equals("running")
                    && !t.path("Status").path("State").asText().equals("running")).count();
            mostDown[0] = Math.max(mostDown[0], (int) down);
            long updated = current.stream().filter(t -> t.path("DesiredState").asText().equals("running")
                    && t.path("Status").path("State").asText().equals("running")
                    && t.path("Spec").path("ContainerSpec").path("Image").asText().equals("swarmnet/whoami:2")).count();
            assertThat(updated).isEqualTo(6);
        });
        assertThat(mostDown[0]).as("slots down at once during the update").isLessThanOrEqualTo(2);

        // service rm leaves no task namespace, process or task behind on any host.
        hosts.ok(1, "service", "rm", "whoami", "client");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(hosts.taskNamespaces()).isEmpty();
            assertThat(tasks("")).isEmpty();
        });
    }

    // ---- helpers ----

    private final Map<Integer, String> nodeIds = new HashMap<>();

    private String nodeId(int host) throws IOException {
        if (!nodeIds.containsKey(host)) {
            JsonNode nodes = api().get("/nodes").json();
            for (JsonNode node : nodes) {
                nodeIds.put(Integer.parseInt(node.path("Description").path("Hostname").asText().substring(5)),
                        node.path("ID").asText());
            }
        }
        return nodeIds.get(host);
    }

    private UnixHttp api() {
        return new UnixHttp(hosts.socket(1));
    }

    private List<JsonNode> tasks(String service) throws IOException {
        String filter = service.isEmpty() ? "" : "?filters="
                + URLEncoder.encode("{\"service\":{\"" + service + "\":true}}", StandardCharsets.UTF_8);
        List<JsonNode> all = new ArrayList<>();
        api().get("/tasks" + filter).json().forEach(all::add);
        return all;
    }

    private List<JsonNode> awaitRunning(String service, int count) {
        return awaitRunningWithin(service, count, Duration.ofSeconds(60), node -> true);
    }

    /** Waits until exactly {@code count} tasks of the service run, all desired running, on nodes that pass. */
    private List<JsonNode> awaitRunningWithin(String service, int count, Duration limit,
                                              java.util.function.Predicate<String> nodeOk) {
        List<List<JsonNode>> found = new ArrayList<>();
        await().atMost(limit).untilAsserted(() -> {
            List<JsonNode> running = new ArrayList<>();
            int wanted = 0;
            for (JsonNode task : tasks(service)) {
                if (task.path("DesiredState").asText().equals("running")) {
                    wanted++;
                    if (task.path("Status").path("State").asText().equals("running")
                            && nodeOk.test(task.path("NodeID").asText())) {
                        running.add(task);
                    }
                }
            }
            assertThat(wanted).as("tasks of %s desired running", service).isEqualTo(count);
            assertThat(running).as("tasks of %s running", service).hasSize(count);
            found.add(running);
        });
        return found.get(found.size() - 1);
    }

    private static Map<String, Long> countByNode(List<JsonNode> tasks) {
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode task : tasks) {
            counts.merge(task.path("NodeID").asText(), 1L, Long::sum);
        }
        return counts;
    }

    private static Set<String> ids(List<JsonNode> tasks) {
        Set<String> ids = new HashSet<>();
        tasks.forEach(t -> ids.add(t.path("ID").asText()));
        return ids;
    }

    private static String address(JsonNode task) {
        String cidr = task.path("NetworksAttachments").path(0).path("Addresses").path(0).asText();
        return cidr.substring(0, cidr.indexOf('/'));
    }

    private String vip(String service) throws IOException {
        String cidr = api().get("/services/" + service).json().path("Endpoint").path("VirtualIPs").path(0)
                .path("Addr").asText();
        return cidr.substring(0, cidr.indexOf('/'));
    }

    /** The task IDs that answered {@code count} HTTP requests to {@code ip:80}, each on a new connection. */
    private static Set<String> answersOver(String namespace, String ip, int count) throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            seen.add(taskIdIn(NamespaceHttp.get(namespace, ip, 80)));
        }
        return seen;
    }

    private static String taskIdIn(String body) {
        return body.lines().filter(l -> l.startsWith("TaskID: ")).findFirst().orElse("none: " + body)
                .substring("TaskID: ".length()).trim();
    }
}
