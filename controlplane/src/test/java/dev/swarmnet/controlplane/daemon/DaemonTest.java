package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.api.DaemonMessages;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole daemon in this JVM: temp data dir, unix socket in a temp dir, Raft on a free loopback port. */
class DaemonTest {
    private static final String TOKEN = "SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}";
    private static final String INIT = "{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"127.0.0.1\","
            + "\"DataPathAddr\":\"\",\"DataPathPort\":0,\"ForceNewCluster\":false,\"Spec\":{\"Labels\":null,"
            + "\"Orchestration\":{},\"Raft\":{\"ElectionTick\":0,\"HeartbeatTick\":0},\"Dispatcher\":{},"
            + "\"CAConfig\":{},\"TaskDefaults\":{},\"EncryptionConfig\":{\"AutoLockManagers\":false}},"
            + "\"AutoLockManagers\":false,\"Availability\":\"\",\"DefaultAddrPool\":[],\"SubnetSize\":24}";

    @TempDir
    Path dir;

    private DaemonConfig config;
    private Daemon daemon;
    private UnixHttp http;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        config = LocalDaemons.config(dir, "node-a");
        daemon = Daemon.start(config, Joiner.notWired());
        http = new UnixHttp(config.api().unixSocket());
    }

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void initThroughTheApiShouldCreateAClusterWithDockerShapedTokens() throws Exception {
        UnixHttp.Response init = http.post("/v1.50/swarm/init", INIT);
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        String nodeId = init.json().asText();
        assertThat(nodeId).matches("[0-9a-z]{25}");

        JsonNode swarm = http.get("/v1.50/swarm").json();
        assertThat(swarm.path("ID").asText()).matches("[0-9a-z]{25}");
        assertThat(swarm.path("JoinTokens").path("Worker").asText()).matches(TOKEN);
        assertThat(swarm.path("JoinTokens").path("Manager").asText()).matches(TOKEN)
                .isNotEqualTo(swarm.path("JoinTokens").path("Worker").asText());
        assertThat(swarm.path("Spec").path("Dispatcher").path("HeartbeatPeriod").asLong()).isEqualTo(5_000_000_000L);
        assertThat(swarm.path("TLSInfo").path("TrustRoot").asText()).startsWith("-----BEGIN CERTIFICATE-----");

        JsonNode nodes = http.get("/v1.50/nodes").json();
        assertThat(nodes).hasSize(1);
        JsonNode node = nodes.get(0);
        assertThat(node.path("ID").asText()).isEqualTo(nodeId);
        assertThat(node.path("Description").path("Hostname").asText()).isEqualTo("node-a");
        assertThat(node.path("Spec").path("Role").asText()).isEqualTo("manager");
        assertThat(node.path("Status").path("State").asText()).isEqualTo("ready");
        assertThat(node.path("Status").path("Addr").asText()).isEqualTo("127.0.0.1");
        assertThat(node.path("ManagerStatus").path("Leader").asBoolean()).isTrue();
        assertThat(node.path("ManagerStatus").path("Addr").asText()).isEqualTo("127.0.0.1:" + config.clusterPort());

        UnixHttp.Response ping = http.get("/_ping");
        assertThat(ping.headers().get("swarm")).isEqualTo("active/manager");
        JsonNode info = http.get("/v1.50/info").json().path("Swarm");
        assertThat(info.path("NodeID").asText()).isEqualTo(nodeId);
        assertThat(info.path("ControlAvailable").asBoolean()).isTrue();
        assertThat(info.path("Nodes").asInt()).isEqualTo(1);
        assertThat(info.path("Cluster").path("ID").asText()).isEqualTo(swarm.path("ID").asText());
    }

    @Test
    void initShouldKeepTheKeysOnDiskPrivate() throws Exception {
        http.post("/v1.50/swarm/init", INIT);
        Path certificates = config.dataDir().resolve("certificates");
        for (String file : new String[] {"swarm-node.key", "swarm-node.crt", "swarm-root-ca.crt", "swarm-root-ca.key"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificates.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(config.dataDir().resolve("node.json")).exists();
        assertThat(Files.readString(config.dataDir().resolve("node.json"))).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aNodeUpdateWithAStaleVersionShouldBeOutOfSequence() throws Exception {
        String nodeId = http.post("/v1.50/swarm/init", INIT).json().asText();
        long version = http.get("/v1.50/nodes/" + nodeId).json().path("Version").path("Index").asLong();
        String spec = "{\"Labels\":{\"zone\":\"a\"},\"Role\":\"manager\",\"Availability\":\"active\"}";
        assertThat(http.post("/v1.50/nodes/" + nodeId + "/update?version=" + version, spec).status()).isEqualTo(200);

        UnixHttp.Response stale = http.post("/v1.50/nodes/node-a/update?version=" + version, spec);
        assertThat(stale.status()).isEqualTo(500);
        assertThat(stale.message()).isEqualTo(DaemonMessages.UPDATE_OUT_OF_SEQUENCE);
        assertThat(http.get("/v1.50/nodes/" + nodeId.substring(0, 5)).json().path("Spec").path("Labels")
                .path("zone").asText()).isEqualTo("a");
    }

    @Test
    void rotatingTheWorkerTokenShouldChangeOnlyTheWorkerToken() throws Exception {
        http.post("/v1.50/swarm/init", INIT);
        JsonNode before = http.get("/v1.50/swarm").json();
        long version = before.path("Version").path("Index").asLong();
        UnixHttp.Response rotate = http.post("/v1.50/swarm/update?rotateManagerToken=false&rotateManagerUnlockKey=false"
                + "&rotateWorkerToken=true&version=" + version, before.path("Spec").toString());
        assertThat(rotate.status()).as(rotate.body()).isEqualTo(200);

        JsonNode after = http.get("/v1.50/swarm").json();
        assertThat(after.path("JoinTokens").path("Worker").asText()).matches(TOKEN)
                .isNotEqualTo(before.path("JoinTokens").path("Worker").asText());
        assertThat(after.path("JoinTokens").path("Manager").asText())
                .isEqualTo(before.path("JoinTokens").path("Manager").asText());
        UnixHttp.Response stale = http.post("/v1.50/swarm/update?rotateWorkerToken=true&version=" + version,
                before.path("Spec").toString());
        assertThat(stale.message()).isEqualTo(DaemonMessages.UPDATE_OUT_OF_SEQUENCE);
    }

    @Test
    void initTwiceShouldSayThisNodeIsAlreadyPartOfASwarm() throws Exception {
        http.post("/v1.50/swarm/init", INIT);
        UnixHttp.Response again = http.post("/v1.50/swarm/init", INIT);
        assertThat(again.status()).isEqualTo(503);
        assertThat(again.message()).isEqualTo(DaemonMessages.ALREADY_IN_SWARM);
    }

    @Test
    void aRestartedDaemonShouldRecoverTheSwarmFromItsDataDirectory() throws Exception {
        String nodeId = http.post("/v1.50/swarm/init", INIT).json().asText();
        String clusterId = http.get("/v1.50/swarm").json().path("ID").asText();
        daemon.close();
        daemon = Daemon.start(config, Joiner.notWired());

        assertThat(http.get("/_ping").headers().get("swarm")).isEqualTo("active/manager");
        JsonNode nodes = http.get("/v1.50/nodes").json();
        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).path("ID").asText()).isEqualTo(nodeId);
        assertThat(nodes.get(0).path("ManagerStatus").path("Leader").asBoolean()).isTrue();
        assertThat(http.get("/v1.50/swarm").json().path("ID").asText()).isEqualTo(clusterId);
    }

    @Test
    void aNodeInNoSwarmShouldAnswerManagementWithDockersMessage() throws Exception {
        UnixHttp.Response nodes = http.get("/v1.50/nodes");
        assertThat(nodes.status()).isEqualTo(503);
        assertThat(nodes.message()).isEqualTo(DaemonMessages.NOT_A_MANAGER);
        assertThat(http.get("/_ping").headers().get("swarm")).isEqualTo("inactive");
        assertThat(http.post("/v1.50/swarm/leave", null).message()).isEqualTo(DaemonMessages.NOT_IN_SWARM);
    }

    @Test
    void initShouldRefuseAnAdvertiseAddressThatIsNotOnThisHost() throws Exception {
        UnixHttp.Response init = http.post("/v1.50/swarm/init", INIT.replace("127.0.0.1", "192.0.2.7"));
        assertThat(init.status()).isEqualTo(400);
        assertThat(init.message()).startsWith("advertise address 192.0.2.7 is not an address of any interface");
        assertThat(http.get("/_ping").headers().get("swarm")).isEqualTo("inactive");
    }

    @Test
    void joinShouldSayJoiningIsNotWiredYetAfterCheckingTheToken() throws Exception {
        String join = "{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"127.0.0.1\",\"DataPathAddr\":\"\","
                + "\"RemoteAddrs\":[\"127.0.0.1:2377\"],\"JoinToken\":\"%s\",\"Availability\":\"\"}";
        UnixHttp.Response bad = http.post("/v1.50/swarm/join", String.format(join, "SWMTKN-1-nope"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message()).startsWith("invalid join token");

        UnixHttp.Response unwired = http.post("/v1.50/swarm/join",
                String.format(join, "SWMTKN-1-" + "0".repeat(49) + "a-" + "0".repeat(24) + "b"));
        assertThat(unwired.status()).isEqualTo(503);
        assertThat(unwired.message()).startsWith("joining is not wired into this build yet");
        assertThat(http.get("/_ping").headers().get("swarm")).isEqualTo("inactive");
    }

    @Test
    void theLastManagerShouldNeedForceToLeaveAndThenForgetTheSwarm() throws Exception {
        http.post("/v1.50/swarm/init", INIT);
        UnixHttp.Response refused = http.post("/v1.50/swarm/leave", null);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.message()).isEqualTo(DaemonMessages.LAST_MANAGER_LEAVE_NEEDS_FORCE);

        assertThat(http.post("/v1.50/swarm/leave?force=1", null).status()).isEqualTo(200);
        assertThat(http.get("/_ping").headers().get("swarm")).isEqualTo("inactive");
        assertThat(config.dataDir().resolve("node.json")).doesNotExist();
        assertThat(config.dataDir().resolve("raft")).doesNotExist();
        assertThat(http.post("/v1.50/swarm/init", INIT).status()).isEqualTo(200);
    }

}
