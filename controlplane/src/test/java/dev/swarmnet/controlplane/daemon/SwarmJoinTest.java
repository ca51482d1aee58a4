package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.api.ApiServerConfig;
import dev.swarmnet.controlplane.api.DaemonMessages;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several whole daemons in this JVM, each with its own data directory, API socket, cluster port
 * and Raft port on 127.0.0.1: init, joins over the real cluster port, heartbeats with a 200 ms
 * period (grace 3 periods), a worker that stops and comes back, and the loss of the leader.
 */
class SwarmJoinTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long PERIOD_NANOS = 200_000_000L;

    @TempDir
    Path dir;

    private final Map<String, Member> members = new HashMap<>();

    @BeforeEach
    void requireEpoll() {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
    }

    @AfterEach
    void stopAll() {
        for (Member member : members.values()) {
            member.stop();
        }
    }

    @Test
    void workersAndManagersShouldJoinHeartbeatGoDownAndComeBackAndSurviveTheLeader() throws Exception {
        Member a = start("node-a");
        Member b = start("node-b");
        Member c = start("node-c");

        UnixHttp.Response init = a.http.post("/v1.50/swarm/init", initBody(a));
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        String idA = init.json().asText();
        JsonNode tokens = a.http.get("/v1.50/swarm").json().path("JoinTokens");
        String worker = tokens.path("Worker").asText();
        String manager = tokens.path("Manager").asText();

        // A wrong secret for the right CA: refused with the trust package's words, B keeps serving.
        String wrong = worker.substring(0, worker.length() - 25) + "0".repeat(24) + "1";
        UnixHttp.Response refused = b.http.post("/v1.50/swarm/join", joinBody(b, a, wrong));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.message()).isEqualTo("invalid join token: the token was rotated or is not valid for this "
                + "cluster");
        // A token that pins another CA: the manager is not trusted, the secret never sent.
        String otherCa = "SWMTKN-1-" + "1".repeat(50) + worker.substring(worker.length() - 26);
        UnixHttp.Response pinned = b.http.post("/v1.50/swarm/join", joinBody(b, a, otherCa));
        assertThat(pinned.status()).as(pinned.body()).isEqualTo(400);
        assertThat(pinned.message()).contains("does not match the join token");
        assertThat(b.http.get("/_ping").headers().get("swarm")).isEqualTo("inactive");

        // B joins as a worker and becomes ready after its first heartbeat.
        UnixHttp.Response joinB = b.http.post("/v1.50/swarm/join", joinBody(b, a, worker));
        assertThat(joinB.status()).as(joinB.body()).isEqualTo(200);
        assertThat(b.http.get("/_ping").headers().get("swarm")).isEqualTo("active/worker");
        String idB = b.http.get("/v1.50/info").json().path("Swarm").path("NodeID").asText();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode nodeB = node(a, idB);
            assertThat(nodeB.path("Spec").path("Role").asText()).isEqualTo("worker");
            assertThat(nodeB.path("Status").path("State").asText()).isEqualTo("ready");
        });
        assertThat(a.http.get("/v1.50/nodes").json()).hasSize(2);

        // A worker answers management endpoints with Docker's worker message.
        UnixHttp.Response fromWorker = b.http.get("/v1.50/nodes");
        assertThat(fromWorker.status()).isEqualTo(503);
        assertThat(fromWorker.message()).isEqualTo(DaemonMessages.WORKER_NOT_A_MANAGER);

        // C joins as a manager: reachable on A, and C answers GET /nodes itself.
        UnixHttp.Response joinC = c.http.post("/v1.50/swarm/join", joinBody(c, a, manager));
        assertThat(joinC.status()).as(joinC.body()).isEqualTo(200);
        assertThat(c.http.get("/_ping").headers().get("swarm")).isEqualTo("active/manager");
        assertThat(c.data().resolve("certificates").resolve("swarm-root-ca.key")).exists();
        String idC = c.http.get("/v1.50/info").json().path("Swarm").path("NodeID").asText();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode nodeC = node(a, idC);
            assertThat(nodeC.path("Spec").path("Role").asText()).isEqualTo("manager");
            assertThat(nodeC.path("Status").path("State").asText()).isEqualTo("ready");
            assertThat(nodeC.path("ManagerStatus").path("Reachability").asText()).isEqualTo("reachable");
        });
        UnixHttp.Response fromC = c.http.get("/v1.50/nodes");
        assertThat(fromC.status()).as(fromC.body()).isEqualTo(200);
        assertThat(ids(fromC.json())).containsExactlyInAnyOrder(idA, idB, idC);

        // B stops without leaving: down within the grace period (and some slack); back after a restart.
        b.stop();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(node(a, idB).path("Status").path("State").asText()).isEqualTo("down"));
        b.restart();
        assertThat(b.http.get("/_ping").headers().get("swarm")).isEqualTo("active/worker");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(node(a, idB).path("Status").path("State").asText()).isEqualTo("ready"));

        // A third manager D; then the leader A dies: C or D answers with every node within 10 s.
        Member d = start("node-d");
        UnixHttp.Response joinD = d.http.post("/v1.50/swarm/join", joinBody(d, c, manager));
        assertThat(joinD.status()).as(joinD.body()).isEqualTo(200);
        String idD = d.http.get("/v1.50/info").json().path("Swarm").path("NodeID").asText();
        await().atMost(WAIT).untilAsserted(() -> assertThat(node(a, idD).path("ManagerStatus")
                .path("Reachability").asText()).isEqualTo("reachable"));
        a.stop();
        long killed = System.nanoTime();
        List<Member> survivors = List.of(c, d);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (Member survivor : survivors) {
                UnixHttp.Response nodes = survivor.http.get("/v1.50/nodes");
                if (nodes.status() == 200 && ids(nodes.json()).containsAll(List.of(idA, idB, idC, idD))) {
                    return true;
                }
            }
            return false;
        });
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(10));
        // The new leader takes over liveness: A goes down, B stays ready through its manager list.
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode nodeA = node(c, idA);
            assertThat(nodeA.path("Status").path("State").asText()).isEqualTo("down");
            assertThat(nodeA.path("ManagerStatus").path("Leader").asBoolean()).isFalse();
            assertThat(node(c, idB).path("Status").path("State").asText()).isEqualTo("ready");
        });
    }

    @Test
    void promotedWorkerShouldBecomeARealManagerAndADemotedOneAWorkerAgain() throws Exception {
        Member a = start("node-a");
        Member b = start("node-b");
        UnixHttp.Response init = a.http.post("/v1.50/swarm/init", initBody(a));
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        String idA = init.json().asText();
        String worker = a.http.get("/v1.50/swarm").json().path("JoinTokens").path("Worker").asText();
        UnixHttp.Response joinB = b.http.post("/v1.50/swarm/join", joinBody(b, a, worker));
        assertThat(joinB.status()).as(joinB.body()).isEqualTo(200);
        String idB = b.http.get("/v1.50/info").json().path("Swarm").path("NodeID").asText();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(node(a, idB).path("Status").path("State").asText()).isEqualTo("ready"));
        assertThat(b.http.get("/v1.50/nodes").status()).isEqualTo(503);

        // Promote B on A: B gets a manager certificate and the CA key, joins Raft, and answers itself.
        setRole(a, idB, "manager");
        await().atMost(WAIT).untilAsserted(() -> {
            UnixHttp.Response fromB = b.http.get("/v1.50/nodes");
            assertThat(fromB.status()).as(fromB.body()).isEqualTo(200);
            assertThat(ids(fromB.json())).containsExactlyInAnyOrder(idA, idB);
            assertThat(a.daemon.backend().raftPeers()).contains(idA, idB);
        });
        assertThat(b.http.get("/_ping").headers().get("swarm")).isEqualTo("active/manager");
        assertThat(b.data().resolve("certificates").resolve("swarm-root-ca.key")).exists();
        await().atMost(WAIT).untilAsserted(() -> assertThat(node(a, idB).path("ManagerStatus")
                .path("Reachability").asText()).isEqualTo("reachable"));

        // Demote B: A takes it out of the Raft group; B is a worker again and keeps heartbeating.
        setRole(a, idB, "worker");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(a.daemon.backend().raftPeers()).containsExactly(idA);
            UnixHttp.Response fromB = b.http.get("/v1.50/nodes");
            assertThat(fromB.status()).isEqualTo(503);
            assertThat(fromB.message()).isEqualTo(DaemonMessages.WORKER_NOT_A_MANAGER);
        });
        assertThat(b.http.get("/_ping").headers().get("swarm")).isEqualTo("active/worker");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(b.data().resolve("certificates").resolve("swarm-root-ca.key")).doesNotExist());
        // Still heartbeating as a worker: a B that had stopped would be down well before the first look
        // (grace 3 periods) and stay down; one heartbeat late under load is only down for a moment.
        await().pollDelay(Duration.ofNanos(10 * PERIOD_NANOS)).atMost(WAIT).untilAsserted(() ->
                assertThat(node(a, idB).path("Status").path("State").asText()).isEqualTo("ready"));
        assertThat(a.http.get("/v1.50/nodes").status()).isEqualTo(200);
    }

    private static void setRole(Member manager, String id, String role) throws IOException {
        JsonNode current = node(manager, id);
        long version = current.path("Version").path("Index").asLong();
        String spec = "{\"Role\":\"" + role + "\",\"Availability\":\""
                + current.path("Spec").path("Availability").asText() + "\"}";
        UnixHttp.Response updated = manager.http.post("/v1.50/nodes/" + id + "/update?version=" + version, spec);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    }

    private Member start(String name) throws IOException {
        Member member = new Member(name, dir.resolve(name), LocalDaemons.freePort(), LocalDaemons.freePort(), LocalDaemons.freePort());
        member.restart();
        members.put(name, member);
        return member;
    }

    private static JsonNode node(Member manager, String id) throws IOException {
        UnixHttp.Response response = manager.http.get("/v1.50/nodes/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode nodes) {
        List<String> ids = new ArrayList<>();
        nodes.forEach(node -> ids.add(node.path("ID").asText()));
        return ids;
    }

    private static String initBody(Member member) {
        return "{\"ListenAddr\":\"127.0.0.1:" + member.clusterPort + "\",\"AdvertiseAddr\":\"127.0.0.1\","
                + "\"Spec\":{\"Dispatcher\":{\"HeartbeatPeriod\":" + PERIOD_NANOS + "}}}";
    }

    private static String joinBody(Member joining, Member manager, String token) {
        return "{\"ListenAddr\":\"127.0.0.1:" + joining.clusterPort + "\",\"AdvertiseAddr\":\"127.0.0.1\","
                + "\"RemoteAddrs\":[\"127.0.0.1:" + manager.clusterPort + "\"],\"JoinToken\":\"" + token
                + "\",\"Availability\":\"\"}";
    }


    /** One daemon: its own data directory, socket, cluster and Raft ports; stopped without leaving. */
    private static final class Member {
        final String name;
        final Path root;
        final int clusterPort;
        final DaemonConfig config;
        final UnixHttp http;
        Daemon daemon;

        Member(String name, Path root, int apiUnused, int raftPort, int clusterPort) throws IOException {
            this.name = name;
            this.root = root;
            this.clusterPort = clusterPort;
            Path socket = root.resolve("run").resolve("api.sock");
            Files.createDirectories(socket.getParent());
            this.config = new DaemonConfig(root.resolve("data"), ApiServerConfig.unixSocket(socket), raftPort,
                    clusterPort, name);
            this.http = new UnixHttp(socket);
        }

        Path data() {
            return config.dataDir();
        }

        void restart() throws IOException {
            daemon = Daemon.start(config);
        }

        void stop() {
            if (daemon != null) {
                try {
                    daemon.close();
                } catch (IOException | RuntimeException e) {
                    // best effort in teardown
                }
                daemon = null;
            }
        }
    }
}
