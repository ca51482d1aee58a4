package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.config.ConfigFile;
import dev.swarmnet.controlplane.config.SwarmnetConfig;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.dataplane.conntrack.FlowState;
import dev.swarmnet.dataplane.io.Transport;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DaemonConfigTest {

    @Test
    void everyTunableOfTheFileReachesTheComponentThatUsesIt() throws Exception {
        SwarmnetConfig file = ConfigFile.parse("sn.yaml", """
                node: {dataDir: /srv/sn, hostname: node-a, taskPrefix: lab-}
                api: {socket: /run/sn.sock, tcp: "127.0.0.1:12375", idleTimeout: 90s, maxRequestBytes: 4096, workers: 8}
                cluster: {port: 12377, raftPort: 12378, heartbeatPeriod: 2s,
                          raft: {electionTimeout: 3s, requestTimeout: 4s, submitTimeout: 1m}}
                dataplane:
                  port: 14789
                  transport: nio
                  offloads: false
                  mtu: 8950
                  conntrack: {capacity: 4096, timeouts: {tcpEstablished: 2h, udp: 13s}}
                loadBalancer: {algorithm: maglev}
                ingress: {listen: [127.0.0.1], threads: 6, tcpIdleTimeout: 1m30s, udpIdleTimeout: 45s}
                dns: {upstreams: ["192.0.2.54:5353"], timeout: 500ms, maxConcurrentForwards: 16}
                images: {nginx: [/usr/sbin/nginx, -g, "daemon off;"]}
                metrics: {listen: "127.0.0.1:19323"}
                """);
        LiveSettings live = new LiveSettings(LiveSettings.Values.of(file));

        DaemonConfig config = DaemonConfig.of(file, live);

        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/sn"));
        assertThat(config.hostname()).isEqualTo("node-a");
        assertThat(config.clusterPort()).isEqualTo(12377);
        assertThat(config.raftPort()).isEqualTo(12378);
        assertThat(config.api().unixSocket()).isEqualTo(Path.of("/run/sn.sock"));
        assertThat(config.api().tcp()).isEqualTo(new InetSocketAddress("127.0.0.1", 12375));
        assertThat(config.api().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.api().maxRequestBytes()).isEqualTo(4096);
        assertThat(config.api().workerThreads()).isEqualTo(8);
        assertThat(config.metricsListen()).isEqualTo(new InetSocketAddress("127.0.0.1", 19323));
        assertThat(config.manager()).isEqualTo(new ManagerSettings(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4), Duration.ofMinutes(1), 8950));
        var raft = config.manager().raft("c", "n", "192.0.2.1", 12378, Path.of("/srv/sn"));
        assertThat(raft.electionTimeoutMin()).isEqualTo(Duration.ofSeconds(3));
        assertThat(raft.electionTimeoutMax()).isEqualTo(Duration.ofSeconds(6));
        assertThat(raft.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(raft.submitTimeout()).isEqualTo(Duration.ofMinutes(1));
        AgentSettings agent = config.agent();
        assertThat(agent.runtime().namespaceOf("t1")).isEqualTo("lab-t1");
        assertThat(agent.runtime().logFileOf("t1")).isEqualTo(Path.of("/srv/sn/logs/t1.log"));
        assertThat(agent.runtime().offloads()).isFalse();
        assertThat(agent.images().argv(ContainerSpec.of("nginx:1.27"))).containsExactly("/usr/sbin/nginx", "-g",
                "daemon off;");
        assertThat(agent.dataPathPort()).isEqualTo(14789);
        assertThat(agent.dataPlane().transport()).isEqualTo(Transport.NIO);
        assertThat(agent.dataPlane().tapOffloads()).isFalse();
        assertThat(agent.dataPlane().maxFrame()).as("a jumbo overlay frame: 8950 + Ethernet + a VLAN tag")
                .isEqualTo(8968);
        assertThat(agent.ingressThreads()).isEqualTo(6);
        assertThat(agent.dataPlane().conntrackCapacity()).isEqualTo(4096);
        assertThat(agent.dataPlane().timeouts().timeoutNs(FlowState.ESTABLISHED)).isEqualTo(Duration.ofHours(2).toNanos());
        assertThat(agent.dataPlane().timeouts().timeoutNs(FlowState.UDP_UNREPLIED))
                .isEqualTo(Duration.ofSeconds(13).toNanos());
        assertThat(agent.resolverNow().upstreams()).containsExactly(new InetSocketAddress("192.0.2.54", 5353));
        assertThat(agent.resolverNow().timeoutMillis()).isEqualTo(500);
        assertThat(agent.resolverNow().maxPending()).isEqualTo(16);
        assertThat(agent.ingressListen()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(agent.lbAlgorithm()).isEqualTo(LbAlgorithm.MAGLEV);
        assertThat(agent.live().current().tcpIdleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(agent.live().current().udpIdleTimeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void theDefaultsKeepTheDaemonsFormerDefaults() {
        SwarmnetConfig defaults = SwarmnetConfig.defaults();

        DaemonConfig config = DaemonConfig.of(defaults, new LiveSettings(LiveSettings.Values.of(defaults)));

        assertThat(config.dataDir()).isEqualTo(DaemonConfig.DEFAULT_DATA_DIR);
        assertThat(config.api().unixSocket()).isEqualTo(dev.swarmnet.controlplane.api.ApiServerConfig.DEFAULT_UNIX_SOCKET);
        assertThat(config.api().tcp()).isEqualTo(dev.swarmnet.controlplane.api.ApiServerConfig.DEFAULT_TCP);
        assertThat(config.raftPort()).isEqualTo(dev.swarmnet.controlplane.raft.RaftStoreConfig.DEFAULT_PORT);
        assertThat(config.clusterPort()).isEqualTo(DaemonConfig.DEFAULT_CLUSTER_PORT);
        assertThat(config.hostname()).isNull();
        assertThat(config.agent().hostResolvers()).isTrue();
        assertThat(config.agent().dataPlane()).usingRecursiveComparison()
                .isEqualTo(dev.swarmnet.dataplane.io.DataPlaneConfig.defaults());
        assertThat(config.agent().lbAlgorithm()).isEqualTo(LbAlgorithm.ROUND_ROBIN);
        assertThat(config.agent().runtime().namespacePrefix()).isEqualTo("swarmnet-");
        assertThat(config.manager()).isEqualTo(ManagerSettings.DEFAULTS);
    }
}
