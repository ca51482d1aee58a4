package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon whose configuration sets its manager defaults (cluster.heartbeatPeriod,
 * dataplane.mtu): what a swarm initialised on it and the networks created through it get.
 */
class ManagerSettingsDaemonTest {
    private static final String INIT = "{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"127.0.0.1\","
            + "\"Spec\":{\"Dispatcher\":%s}}";
    private static final ManagerSettings SETTINGS = new ManagerSettings(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofSeconds(30), 8950);

    @TempDir
    Path dir;

    private Daemon daemon;
    private UnixHttp http;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        DaemonConfig config = LocalDaemons.config(dir, "node-a").withManager(SETTINGS);
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
    void aSwarmInitialisedWithoutAHeartbeatPeriodGetsTheConfiguredOne() throws Exception {
        assertThat(http.post("/v1.50/swarm/init", INIT.formatted("{}")).status()).isEqualTo(200);

        JsonNode swarm = http.get("/v1.50/swarm").json();

        assertThat(swarm.path("Spec").path("Dispatcher").path("HeartbeatPeriod").asLong()).isEqualTo(2_000_000_000L);
    }

    @Test
    void aHeartbeatPeriodGivenToSwarmInitWinsOverTheConfiguredOne() throws Exception {
        assertThat(http.post("/v1.50/swarm/init", INIT.formatted("{\"HeartbeatPeriod\":7000000000}")).status())
                .isEqualTo(200);

        JsonNode swarm = http.get("/v1.50/swarm").json();

        assertThat(swarm.path("Spec").path("Dispatcher").path("HeartbeatPeriod").asLong()).isEqualTo(7_000_000_000L);
    }

    @Test
    void aNetworkCreatedWithoutAnMtuGetsTheConfiguredOneAndAGivenMtuIsKept() throws Exception {
        http.post("/v1.50/swarm/init", INIT.formatted("{}"));

        UnixHttp.Response jumbo = http.post("/v1.50/networks/create", "{\"Name\":\"jumbo\",\"Driver\":\"overlay\"}");
        UnixHttp.Response given = http.post("/v1.50/networks/create", "{\"Name\":\"given\",\"Driver\":\"overlay\","
                + "\"Options\":{\"com.docker.network.driver.mtu\":\"1400\"}}");

        assertThat(jumbo.status()).as(jumbo.body()).isEqualTo(201);
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        assertThat(http.get("/v1.50/networks/jumbo").json().path("Options").path("com.docker.network.driver.mtu")
                .asText()).isEqualTo("8950");
        assertThat(http.get("/v1.50/networks/given").json().path("Options").path("com.docker.network.driver.mtu")
                .asText()).isEqualTo("1400");
    }

}
