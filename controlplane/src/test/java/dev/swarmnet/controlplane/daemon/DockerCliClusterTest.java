package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.testing.Commands;
import dev.swarmnet.linux.LinuxSupport;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's proof: the stock {@code docker} client (28.x, API 1.50) drives a three-host swarmnet
 * cluster — each host a network namespace running a real {@code swarmnet daemon} — through the
 * whole block of swarm, node, network and service commands, with assertions on what it prints,
 * how it exits and what happens on the cluster (tasks run where {@code service ps} says, as
 * processes of that host's daemon, with the environment asked for). At stable points the same
 * listings through swarmnet's own CLI must print the same tables.
 *
 * <p>Root only (namespaces); skipped, not failed, where no {@code docker} client is installed.
 */
@Tag("netns")
class DockerCliClusterTest {
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private NamespaceHosts hosts;
    private Path dockerConfig;

    @BeforeEach
    void hosts() throws IOException {
        assumeTrue(dockerInstalled(), "the docker CLI is not on the PATH: the stock-client walkthrough needs it");
        assumeTrue(LinuxSupport.isAvailable(), "needs root (network namespaces)");
        dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
        hosts = new NamespaceHosts("swdk" + ProcessHandle.current().pid() + "-", "198.18.11.", 3, dir);
    }

    /** Keeps the daemons' logs (in target/, for a failure's post-mortem), then removes everything. */
    @AfterEach
    void cleanUp() throws IOException {
        if (hosts != null) {
            Path kept = Files.createDirectories(Path.of("target", getClass().getSimpleName() + "-logs"));
            for (int i = 1; i <= 3; i++) {
                if (Files.exists(hosts.log(i))) {
                    Files.copy(hosts.log(i), kept.resolve("h" + i + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            hosts.close();
        }
    }

    @Test
    @DisplayName("the stock docker CLI runs the whole swarm/node/network/service block against three swarmnet daemons, "
            + "and swarmnet's CLI prints the same tables")
    void theStockDockerClientDrivesAThreeHostCluster() throws Exception {
        for (int i = 1; i <= 3; i++) {
            hosts.start(i);
        }

        // ---- swarm init, join-token, join ----
        Run init = ok(1, "swarm", "init", "--advertise-addr", hosts.address(1));
        assertThat(init.out()).startsWith("Swarm initialized: current node (")
                .contains(") is now a manager.", "docker swarm join --token SWMTKN-1-", hosts.address(1) + ":2377",
                        "To add a manager to this swarm, run 'docker swarm join-token manager'");

        String workerJoin = joinCommand(ok(1, "swarm", "join-token", "worker").out(), "worker");
        String managerJoin = joinCommand(ok(1, "swarm", "join-token", "manager").out(), "manager");
        assertThat(workerJoin).isNotEqualTo(managerJoin);
        assertThat(ok(1, "swarm", "join-token", "-q", "worker").out().strip()).isEqualTo(
                workerJoin.split(" ")[3]);

        // The printed commands, verbatim; only DOCKER_HOST says which daemon runs them.
        assertThat(ok(2, words(workerJoin)).out()).isEqualTo("This node joined a swarm as a worker.\n");
        assertThat(ok(3, words(managerJoin)).out()).isEqualTo("This node joined a swarm as a manager.\n");

        Map<String, String> ids = nodeIds();
        String[] id = {null, ids.get("node-1"), ids.get("node-2"), ids.get("node-3")};
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rows(ok(1, "node", "ls").out()))
                .containsExactly(
                        "ID|HOSTNAME|STATUS|AVAILABILITY|MANAGER STATUS|ENGINE VERSION",
                        id[1] + " *|node-1|Ready|Active|Leader|28.2.2",
                        id[2] + "|node-2|Ready|Active|28.2.2",
                        id[3] + "|node-3|Ready|Active|Reachable|28.2.2"));
        // The second manager marks itself.
        assertThat(rows(ok(3, "node", "ls").out())).contains(id[3] + " *|node-3|Ready|Active|Reachable|28.2.2");

        // A worker's daemon refuses to show or change cluster state, in Docker's words.
        Run refused = docker(2, "node", "ls");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("Error response from daemon: This node is not a swarm manager. Worker nodes "
                + "can't be used to view or modify cluster state. Please run this command on a manager node or promote "
                + "the current node to a manager.\n");

        // ---- docker info ----
        String clusterId = api(1).get("/swarm").json().path("ID").asText();
        assertThat(ok(1, "info").out()).contains(" Swarm: active\n", "  NodeID: " + id[1] + "\n",
                "  Is Manager: true\n", "  ClusterID: " + clusterId + "\n", "  Managers: 2\n", "  Nodes: 3\n");
        assertThat(ok(2, "info").out()).contains(" Swarm: active\n", "  NodeID: " + id[2] + "\n",
                "  Is Manager: false\n");

        // ---- node inspect, update, promote, demote ----
        String pretty = ok(1, "node", "inspect", "--pretty", "node-2").out();
        assertThat(pretty).contains("ID:\t\t\t" + id[2] + "\n").containsPattern("Hostname: +\tnode-2\n")
                .contains(" State:\t\t\tReady\n").containsPattern(" Availability: +\tActive\n")
                .contains(" Address:\t\t" + hosts.address(2) + "\n").doesNotContain("Manager Status:");
        assertThat(ok(1, "node", "inspect", "--pretty", "node-3").out()).contains("Manager Status:\n",
                " Address:\t\t" + hosts.address(3) + ":2377\n", " Raft Status:\t\tReachable\n", " Leader:\t\tNo\n");
        JsonNode inspected = json(ok(1, "node", "inspect", "node-1").out()).path(0);
        assertThat(inspected.path("ID").asText()).isEqualTo(id[1]);
        assertThat(inspected.path("ManagerStatus").path("Leader").asBoolean()).isTrue();
        assertThat(inspected.path("Status").path("Addr").asText()).isEqualTo(hosts.address(1));

        assertThat(ok(1, "node", "update", "--availability", "drain", "node-2").out()).isEqualTo("node-2\n");
        assertThat(rows(ok(1, "node", "ls").out())).contains(id[2] + "|node-2|Ready|Drain|28.2.2");
        assertThat(api(1).get("/nodes/" + id[2]).json().path("Spec").path("Availability").asText()).isEqualTo("drain");
        assertThat(ok(1, "node", "update", "--availability", "active", "node-2").out()).isEqualTo("node-2\n");
        assertThat(rows(ok(1, "node", "ls").out())).contains(id[2] + "|node-2|Ready|Active|28.2.2");

        assertThat(ok(1, "node", "promote", "node-2").out()).isEqualTo("Node node-2 promoted to a manager in the swarm.\n");
        // The promoted node takes a moment to start its Raft member; then its daemon answers as a manager.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rows(docker(2, "node", "ls").out()))
                .contains(id[2] + " *|node-2|Ready|Active|Reachable|28.2.2"));
        assertThat(ok(1, "info").out()).contains("  Managers: 3\n");
        assertThat(ok(1, "node", "demote", "node-2").out()).isEqualTo("Manager node-2 demoted in the swarm.\n");
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            assertThat(docker(2, "node", "ls").err()).contains("Worker nodes can't be used to view or modify cluster state");
            assertThat(rows(ok(1, "node", "ls").out())).contains(id[2] + "|node-2|Ready|Active|28.2.2");
        });

        // ---- networks ----
        String network = ok(1, "network", "create", "--driver", "overlay", "appnet").out().strip();
        assertThat(network).matches("[0-9a-z]{25}");
        String ingress = api(1).get("/networks/ingress").json().path("Id").asText();
        assertThat(rows(ok(1, "network", "ls").out())).containsExactly("NETWORK ID|NAME|DRIVER|SCOPE",
                network.substring(0, 12) + "|appnet|overlay|swarm", ingress.substring(0, 12) + "|ingress|overlay|swarm");
        JsonNode appnet = json(ok(1, "network", "inspect", "appnet").out()).path(0);
        assertThat(appnet.path("Id").asText()).isEqualTo(network);
        assertThat(appnet.path("Driver").asText()).isEqualTo("overlay");
        assertThat(appnet.path("Scope").asText()).isEqualTo("swarm");
        assertThat(appnet.path("IPAM").path("Config").path(0).path("Subnet").asText()).matches("10\\.0\\.\\d+\\.0/24");
        sameThroughSwarmnet("network", "ls");
        sameThroughSwarmnet("node", "ls");

        // ---- service create without -d: Docker's progress, then "converged" ----
        Run created = ok(1, "service", "create", "--name", "web", "--replicas", "3", "--network", "appnet",
                "-p", "8080:80", "-e", "K=V", "swarmnet/whoami");
        String web = created.out().lines().findFirst().orElseThrow();
        assertThat(web).matches("[0-9a-z]{25}");
        assertThat(created.out()).contains("overall progress: 3 out of 3 tasks\n",
                "verify: Service " + web + " converged\n");
        assertThat(created.err()).doesNotContain("Error");

        assertThat(rows(ok(1, "service", "ls").out())).containsExactly("ID|NAME|MODE|REPLICAS|IMAGE|PORTS",
                web.substring(0, 12) + "|web|replicated|3/3|swarmnet/whoami:latest|*:8080->80/tcp");
        List<String> ps = tasksWhereServicePsSays("web", 3, "swarmnet/whoami:latest", "K=V");
        assertThat(ps).as("replicas spread over the three nodes").containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        sameThroughSwarmnet("service", "ls");
        sameThroughSwarmnet("service", "ps", "web");
        sameThroughSwarmnet("node", "ls");

        // node ps: this node's tasks, or a named node's.
        assertThat(rows(ok(1, "node", "ps").out())).hasSize(2).allSatisfy(row -> assertThat(row)
                .matches("(ID\\|.*|[0-9a-z]{12}\\|web\\.[123]\\|swarmnet/whoami:latest\\|node-1\\|Running\\|Running .*)"));
        assertThat(rows(ok(1, "node", "ps", "node-3").out())).hasSize(2).element(1).asString().contains("|node-3|");

        String servicePretty = ok(1, "service", "inspect", "--pretty", "web").out();
        assertThat(servicePretty).contains("ID:\t\t" + web + "\n", "Name:\t\tweb\n", "Service Mode:\tReplicated\n",
                " Replicas:\t3\n", " Image:\t\tswarmnet/whoami:latest\n", " Env:\t\tK=V \n", "Networks: appnet \n",
                " PublishedPort = 8080\n", "  TargetPort = 80\n", "  PublishMode = ingress \n");

        // service logs: every task's first line, gathered from the nodes that run them (a task's
        // JVM may take a moment to print it, hence the wait).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Run logs = docker(1, "service", "logs", "web");
            assertThat(logs.exit()).as(logs.err()).isZero();
            assertThat(logs.out().lines().filter(l -> l.startsWith("web.")).map(l -> l.substring(0, l.indexOf('.', 4)))
                    .distinct()).containsExactlyInAnyOrder("web.1", "web.2", "web.3");
        });

        // The routing mesh: the published port answers on every node's address (asked from host
        // 1's namespace, on the underlay), whichever node runs the tasks.
        for (int node = 1; node <= 3; node++) {
            String ip = hosts.address(node);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(NamespaceHttp.get(hosts.host(1), ip, 8080)).startsWith("HTTP/1.1 200 OK").contains("TaskID: "));
        }

        // ---- scale and update, each waiting for convergence ----
        Run scaled = ok(1, "service", "scale", "web=5");
        assertThat(scaled.out()).startsWith("web scaled to 5\n").contains("overall progress: 5 out of 5 tasks\n",
                "verify: Service web converged\n");
        serviceLsShows("|web|replicated|5/5|");
        tasksWhereServicePsSays("web", 5, "swarmnet/whoami:latest", "K=V");

        assertConverged(ok(1, "service", "update", "--replicas", "2", "web"), 2);
        // swarmkit counts every task observed running: a removed replica counts until it has stopped.
        serviceLsShows("|web|replicated|2/2|");
        tasksWhereServicePsSays("web", 2, "swarmnet/whoami:latest", "K=V");

        assertConverged(ok(1, "service", "update", "--image", "swarmnet/whoami:2", "web"), 2);
        serviceLsShows("|2/2|swarmnet/whoami:2|");
        tasksWhereServicePsSays("web", 2, "swarmnet/whoami:2", "K=V");

        assertConverged(ok(1, "service", "update", "--env-add", "A=B", "web"), 2);
        tasksWhereServicePsSays("web", 2, "swarmnet/whoami:2", "K=V", "A=B");

        assertConverged(ok(1, "service", "update", "--publish-add", "9090:80", "web"), 2);
        assertThat(rows(ok(1, "service", "ls").out())).containsExactly("ID|NAME|MODE|REPLICAS|IMAGE|PORTS",
                web.substring(0, 12) + "|web|replicated|2/2|swarmnet/whoami:2|*:8080->80/tcp, *:9090->80/tcp");
        // service ps keeps the history of each slot, older tasks under "\_".
        List<String> history = rows(ok(1, "service", "ps", "web").out());
        assertThat(history).anySatisfy(row -> assertThat(row).matches(
                "[0-9a-z]{12}\\|\\\\_ web\\.[12]\\|swarmnet/whoami:latest\\|node-\\d\\|Shutdown\\|Shutdown .* ago"));
        sameThroughSwarmnet("service", "ps", "web");
        sameThroughSwarmnet("service", "ls");

        // ---- errors in Docker's words ----
        Run conflict = docker(1, "service", "create", "-d", "--name", "web", "swarmnet/whoami");
        assertThat(conflict.exit()).isEqualTo(1);
        assertThat(conflict.err()).startsWith("Error response from daemon: ")
                .contains("name conflicts with an existing object: service web already exists");
        Run unknown = docker(1, "service", "ps", "nosuch");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("no such service: nosuch\n");
        Run unknownInspect = docker(1, "service", "inspect", "nosuch");
        assertThat(unknownInspect.exit()).isEqualTo(1);
        assertThat(unknownInspect.err()).isEqualTo("Error: no such service: nosuch\n");
        // An out-of-sequence update is what a client sends when another one updated the service
        // between its read and its write; the docker client cannot be made to lose that race on
        // purpose, so this sends the stale version it would have sent.
        JsonNode current = api(1).get("/services/web").json();
        UnixHttp.Response stale = api(1).post("/v1.50/services/" + web + "/update?version="
                + (current.path("Version").path("Index").asLong() - 1), current.path("Spec").toString());
        assertThat(stale.status()).isEqualTo(500);
        assertThat(stale.message()).isEqualTo("rpc error: code = Unknown desc = update out of sequence");
        Run inUse = docker(1, "network", "rm", "appnet");
        assertThat(inUse.exit()).isEqualTo(1);
        assertThat(inUse.err()).contains("Error response from daemon: network appnet is in use by service web");

        // ---- service rm, network rm ----
        assertThat(ok(1, "service", "rm", "web").out()).isEqualTo("web\n");
        assertThat(ok(1, "service", "ls").out()).isEqualTo("ID        NAME      MODE      REPLICAS   IMAGE     PORTS\n");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(hosts.taskNamespaces()).isEmpty();
            assertThat(api(1).get("/tasks").json()).isEmpty();
        });
        assertThat(ok(1, "network", "rm", "appnet").out()).isEqualTo("appnet\n");
        assertThat(rows(ok(1, "network", "ls").out())).containsExactly("NETWORK ID|NAME|DRIVER|SCOPE",
                ingress.substring(0, 12) + "|ingress|overlay|swarm");

        // ---- a worker leaves ----
        assertThat(ok(2, "swarm", "leave", "--force").out()).isEqualTo("Node left the swarm.\n");
        assertThat(ok(2, "info").out()).contains(" Swarm: inactive\n");
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(rows(ok(1, "node", "ls").out()))
                .contains(id[2] + "|node-2|Down|Active|28.2.2"));
    }

    // ---- the effects behind service ps ----

    /**
     * Checks {@code docker service ps} against the cluster: exactly {@code count} current tasks,
     * each Running on the node it names, each known to the API as running on that node, and each
     * a live process in its task namespace whose parent is that node's daemon, with
     * {@code image} and every one of {@code env}. Returns the node names, one per task.
     */
    private List<String> tasksWhereServicePsSays(String service, int count, String image, String... env)
            throws Exception {
        List<String> current = rows(ok(1, "service", "ps", "--filter", "desired-state=running", service).out());
        assertThat(current).hasSize(count + 1);
        Map<String, JsonNode> byId = new HashMap<>();
        String filter = URLEncoder.encode("{\"service\":{\"" + service + "\":true}}", StandardCharsets.UTF_8);
        for (JsonNode task : api(1).get("/tasks?filters=" + filter).json()) {
            byId.put(task.path("ID").asText().substring(0, 12), task);
        }
        Map<String, String> ids = nodeIds();
        List<String> nodes = new ArrayList<>();
        for (String row : current.subList(1, current.size())) {
            String[] cells = row.split("\\|");
            assertThat(cells[2]).isEqualTo(image);
            assertThat(cells[4]).isEqualTo("Running");
            assertThat(cells[5]).startsWith("Running ");
            String node = cells[3];
            nodes.add(node);
            JsonNode task = byId.get(cells[0]);
            assertThat(task).as("task %s of service ps in GET /tasks", cells[0]).isNotNull();
            assertThat(task.path("NodeID").asText()).isEqualTo(ids.get(node));
            assertThat(task.path("Status").path("State").asText()).isEqualTo("running");
            String namespace = hosts.taskPrefix() + task.path("ID").asText();
            long pid = processIn(namespace);
            int host = Integer.parseInt(node.substring("node-".length()));
            assertThat(ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                    .as("the parent of task %s's process", cells[0]).contains(hosts.daemonPid(host));
            List<String> environment = Arrays.asList(
                    Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0"));
            assertThat(environment).contains(env);
        }
        return nodes;
    }

    private static long processIn(String namespace) throws IOException {
        String pids = Commands.run(List.of("ip", "netns", "pids", namespace)).output().strip();
        assertThat(pids).as("processes in %s", namespace).matches("[0-9]+");
        return Long.parseLong(pids);
    }

    /** Awaits a {@code service ls} whose row for the service contains {@code cells}. */
    private void serviceLsShows(String cells) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(rows(ok(1, "service", "ls").out()).get(1)).contains(cells));
    }

    private static void assertConverged(Run run, int tasks) {
        assertThat(run.out()).startsWith("web\n").contains("overall progress: " + tasks + " out of " + tasks
                + " tasks\n", "verify: Service web converged\n");
    }

    private Map<String, String> nodeIds() throws IOException {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode node : api(1).get("/nodes").json()) {
            ids.put(node.path("Description").path("Hostname").asText(), node.path("ID").asText());
        }
        return ids;
    }

    private UnixHttp api(int host) {
        return new UnixHttp(hosts.socket(host));
    }

    // ---- docker and swarmnet side by side ----

    /** {@code docker ARGS} and {@code swarmnet ARGS} against host 1 print the same table (times aside). */
    private void sameThroughSwarmnet(String... args) throws Exception {
        String docker = ok(1, args).out();
        NamespaceHosts.Cli swarmnet = hosts.cli(1, args);
        assertThat(swarmnet.exitCode()).as("swarmnet %s: %s", String.join(" ", args), swarmnet.stderr()).isZero();
        assertThat(rows(withoutTimes(swarmnet.stdout()))).as("swarmnet %s", String.join(" ", args))
                .isEqualTo(rows(withoutTimes(docker)));
    }

    /** "Running 3 seconds ago" and the like become "Running (when)". */
    private static String withoutTimes(String table) {
        return table.replaceAll("(Less than a second|About an? \\w+|\\d+ \\w+) ago", "(when)");
    }

    /** A table's rows with runs of two or more spaces as "|". */
    private static List<String> rows(String table) {
        return table.lines().map(line -> line.strip().replaceAll(" {2,}", "|")).toList();
    }

    /** The indented {@code docker swarm join ...} line of join-token's output, without "docker ". */
    private String joinCommand(String output, String role) {
        assertThat(output).startsWith("To add a " + role + " to this swarm, run the following command:\n\n");
        String line = output.lines().map(String::strip).filter(l -> l.startsWith("docker swarm join ")).findFirst()
                .orElseThrow();
        assertThat(line).matches("docker swarm join --token SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25} "
                + hosts.address(1).replace(".", "\\.") + ":2377");
        return line.substring("docker ".length());
    }

    private static String[] words(String command) {
        return command.split(" ");
    }

    private static JsonNode json(String text) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    }

    // ---- running docker ----

    private record Run(int exit, String out, String err) {
    }

    private Run ok(int host, String... args) throws IOException, InterruptedException {
        Run run = docker(host, args);
        assertThat(run.exit()).as("docker %s on h%d\nstdout: %s\nstderr: %s", String.join(" ", args), host, run.out(),
                run.err()).isZero();
        return run;
    }

    /** {@code docker ARGS} with DOCKER_HOST on host {@code host}'s socket, a private config, no other DOCKER_*. */
    private Run docker(int host, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("DOCKER_"));
        builder.environment().put("DOCKER_HOST", "unix://" + hosts.socket(host));
        builder.environment().put("DOCKER_CONFIG", dockerConfig.toString());
        builder.environment().put("DOCKER_CLI_HINTS", "false");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("docker " + String.join(" ", args) + " did not finish in " + COMMAND_LIMIT);
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private static boolean dockerInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, "docker"))) {
                return true;
            }
        }
        return false;
    }
}
