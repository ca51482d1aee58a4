package dev.swarmnet.controlplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.dataplane.io.DataPlane;
import dev.swarmnet.dataplane.io.DataPlaneConfig;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint over HTTP on loopback, in front of a real data plane whose underlay listens on
 * 127.0.0.2 and hears from a peer "node" at 127.0.0.3 (no namespaces, no root).
 */
class MetricsServerTest {
    private static final int VNI = 4097;
    private static final int PEER_TASK = 0x0a00_0107;

    private DatagramSocket peer;
    private DataPlane plane;
    private MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        peer = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0));
        Program program = Program.builder()
                .network(Network.of("blue", VNI, "10.0.1.0/24"))
                .endpoint(Endpoint.remote(VNI, PEER_TASK, Endpoint.macFor(PEER_TASK), 0x7f00_0003))
                .build();
        plane = DataPlane.start(DataPlaneConfig.defaults().withUnderlay("127.0.0.2", peer.getLocalPort())
                .withConntrackCapacity(1000), new ProgramDoor(program));
        server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), new NodeMetrics(new WithDataPlane(plane)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (plane != null) {
            plane.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void aDatagramTooShortForVxlanMovesTheDropCounterOfThatReason() throws Exception {
        PrometheusText before = MetricsHttp.scrape(server.address());
        assertThat(before.value("swarmnet_dataplane_drops_total", "reason", "malformed_vxlan")).isZero();

        byte[] shortDatagram = {0x08, 0, 0};
        peer.send(new DatagramPacket(shortDatagram, shortDatagram.length, InetAddress.getByName("127.0.0.2"),
                peer.getLocalPort()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            PrometheusText after = MetricsHttp.scrape(server.address());
            assertThat(after.value("swarmnet_dataplane_drops_total", "reason", "malformed_vxlan")).isEqualTo(1);
            assertThat(after.value("swarmnet_dataplane_frames_total", "outcome", "dropped")).isEqualTo(1);
            assertThat(after.value("swarmnet_dataplane_underlay_datagrams_total", "direction", "rx")).isEqualTo(1);
            assertThat(after.value("swarmnet_dataplane_drops_total", "reason", "unknown_peer")).isZero();
        });
    }

    @Test
    void theConnectionTableAndDnsCountersAreThereBeforeAnyTraffic() throws Exception {
        PrometheusText text = MetricsHttp.scrape(server.address());

        assertThat(text.value("swarmnet_conntrack_capacity")).isEqualTo(1000);
        assertThat(text.value("swarmnet_conntrack_flows")).isZero();
        assertThat(text.value("swarmnet_conntrack_evictions_total")).isZero();
        assertThat(text.find("swarmnet_dns_queries_total")).extracting(s -> s.labels().get("result"))
                .containsExactlyInAnyOrder("answered", "nxdomain", "formerr", "notimp", "forwarded", "refused");
        assertThat(text.hasAny("swarmnet_raft_")).as("no Raft member, no Raft metrics").isFalse();
    }

    @Test
    void openMetricsIsServedWhenTheScraperAsksForIt() throws Exception {
        MetricsHttp.Response response = MetricsHttp.request(server.address(), "GET", "/metrics",
                "application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/openmetrics-text; version=1.0.0");
        assertThat(response.body()).contains("swarmnet_dataplane_drops_total{reason=\"malformed_vxlan\"} 0")
                .endsWith("# EOF\n");
    }

    @Test
    void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        MetricsHttp.Response elsewhere = MetricsHttp.request(server.address(), "GET", "/", null);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.body()).contains("/metrics");

        MetricsHttp.Response post = MetricsHttp.request(server.address(), "POST", "/metrics", null);
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("allow")).isEqualTo("GET, HEAD");

        MetricsHttp.Response head = MetricsHttp.request(server.address(), "HEAD", "/metrics", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aBusyAddressIsNamedInTheError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsServer.start(server.address(),
                        new NodeMetrics(MetricsSources.none())))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("cannot listen for metrics on 127.0.0.1:" + server.address().getPort());
    }

    /** A node that has only a data plane. */
    private record WithDataPlane(DataPlane plane) implements MetricsSources {
        @Override
        public Optional<DataPlane> dataPlane() {
            return Optional.of(plane);
        }
    }
}
