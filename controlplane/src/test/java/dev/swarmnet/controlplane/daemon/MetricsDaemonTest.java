package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.controlplane.metrics.MetricsHttp;
import dev.swarmnet.controlplane.metrics.PrometheusText;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole daemon in this JVM with its metrics endpoint on a free loopback port: what a manager
 * without an agent (no data plane, no tasks) reports before and after {@code swarm init}.
 */
class MetricsDaemonTest {
    private static final String INIT = "{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"127.0.0.1\","
            + "\"Spec\":{\"Orchestration\":{},\"Raft\":{},\"Dispatcher\":{},\"CAConfig\":{},\"TaskDefaults\":{},"
            + "\"EncryptionConfig\":{\"AutoLockManagers\":false}}}";

    @TempDir
    Path dir;

    private Daemon daemon;
    private UnixHttp http;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        DaemonConfig config = LocalDaemons.config(dir, "node-m")
                .withMetricsListen(new InetSocketAddress("127.0.0.1", 0));
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
    void aNodeOutsideASwarmServesAnEmptyButValidScrape() throws Exception {
        PrometheusText text = MetricsHttp.scrape(daemon.metricsAddress());

        assertThat(text.hasAny("swarmnet_")).isFalse();
    }

    @Test
    void afterInitTheManagerReportsItsRaftLeadershipTheClusterAndHeartbeatLag() throws Exception {
        UnixHttp.Response init = http.post("/v1.50/swarm/init", INIT);
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        String nodeId = init.json().asText();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PrometheusText text = MetricsHttp.scrape(daemon.metricsAddress());
            assertThat(text.value("swarmnet_raft_leader")).isEqualTo(1);
            assertThat(text.value("swarmnet_raft_term")).isGreaterThanOrEqualTo(1);
            assertThat(text.value("swarmnet_raft_commit_index")).isGreaterThanOrEqualTo(1);
            assertThat(text.value("swarmnet_raft_applied_index")).isGreaterThanOrEqualTo(1);
            assertThat(text.value("swarmnet_raft_peers")).isEqualTo(1);
            assertThat(text.value("swarmnet_cluster_nodes", "role", "manager", "state", "ready")).isEqualTo(1);
            assertThat(text.value("swarmnet_heartbeat_lag_seconds", "node", nodeId, "hostname", "node-m"))
                    .isBetween(0.0, 60.0);
        });
        PrometheusText text = MetricsHttp.scrape(daemon.metricsAddress());
        assertThat(text.hasAny("swarmnet_dataplane_")).as("this node runs no data plane").isFalse();
        assertThat(text.hasAny("swarmnet_node_tasks")).as("nor tasks").isFalse();
    }

    @Test
    void theRaftTermAndCommitIndexMoveWithTheReplicatedState() throws Exception {
        http.post("/v1.50/swarm/init", INIT);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                MetricsHttp.scrape(daemon.metricsAddress()).find("swarmnet_raft_commit_index").size() == 1);
        double before = MetricsHttp.scrape(daemon.metricsAddress()).value("swarmnet_raft_commit_index");

        UnixHttp.Response created = http.post("/v1.50/networks/create",
                "{\"Name\":\"metered\",\"Driver\":\"overlay\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(MetricsHttp.scrape(daemon.metricsAddress()).value("swarmnet_raft_commit_index"))
                        .isGreaterThan(before));
    }

}
