package dev.swarmnet.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.conntrack.FlowState;
import dev.swarmnet.dataplane.io.Transport;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final String FILE = "swarmnet.yaml";

    @TempDir
    Path dir;

    @Test
    void theExampleFileReadsAsExactlyTheDefaults() throws Exception {
        assertThat(ConfigFile.parse("swarmnet.example.yaml", ConfigFile.exampleText()))
                .isEqualTo(SwarmnetConfig.defaults());
    }

    @Test
    void theExampleFileNamesEveryKeyThatTheSchemaHas() {
        String example = ConfigFile.exampleText();
        for (String key : SwarmnetConfig.defaults().keys().keySet()) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertThat(example).as(key).containsPattern("(?m)^\\s*#?\\s*" + leaf + ":");
        }
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws Exception {
        assertThat(ConfigFile.parse(FILE, "# nothing yet\n")).isEqualTo(SwarmnetConfig.defaults());
    }

    @Test
    void everyKeyIsReadIntoItsSection() throws Exception {
        SwarmnetConfig config = ConfigFile.parse(FILE, """
                node: {dataDir: /srv/sn, hostname: node-a, taskPrefix: lab-}
                api: {socket: /run/sn.sock, tcp: "127.0.0.1:12375", idleTimeout: 90s, maxRequestBytes: 4096, workers: 8}
                cluster:
                  port: 12377
                  raftPort: 12378
                  heartbeatPeriod: 2s
                  raft: {electionTimeout: 3s, requestTimeout: 4s, submitTimeout: 1m}
                dataplane:
                  port: 14789
                  transport: nio
                  offloads: false
                  mtu: 8950
                  conntrack:
                    capacity: 4096
                    timeouts: {tcpSynSent: 5s, tcpSynRecv: 6s, tcpEstablished: 2h, tcpFinWait: 7s, tcpCloseWait: 8s,
                               tcpLastAck: 9s, tcpTimeWait: 11s, tcpClose: 12s, udp: 13s, udpStream: 14s, icmp: 15s}
                loadBalancer: {algorithm: maglev}
                ingress: {listen: [127.0.0.1, "::1"], threads: 6, tcpIdleTimeout: 1m30s, udpIdleTimeout: 45s}
                dns: {upstreams: [192.0.2.53, "192.0.2.54:5353", "[2001:db8::53]:53"], timeout: 500ms,
                      maxConcurrentForwards: 16}
                images: {nginx: [/usr/sbin/nginx, -g, "daemon off;"]}
                logging: {level: debug, loggers: {io.netty: info, dev.swarmnet.controlplane.ingress: trace}}
                metrics: {listen: none}
                """);

        assertThat(config.node()).isEqualTo(new SwarmnetConfig.Node(Path.of("/srv/sn"), "node-a", "lab-"));
        assertThat(config.api()).isEqualTo(new SwarmnetConfig.Api(Path.of("/run/sn.sock"),
                new InetSocketAddress("127.0.0.1", 12375), Duration.ofSeconds(90), 4096, 8));
        assertThat(config.cluster()).isEqualTo(new SwarmnetConfig.Cluster(12377, 12378, Duration.ofSeconds(2),
                new SwarmnetConfig.Raft(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofMinutes(1))));
        assertThat(config.dataplane().mtu()).isEqualTo(8950);
        assertThat(config.dataplane().port()).isEqualTo(14789);
        assertThat(config.dataplane().transport()).isEqualTo(Transport.NIO);
        assertThat(config.dataplane().offloads()).isFalse();
        assertThat(config.dataplane().conntrack().capacity()).isEqualTo(4096);
        var timeouts = config.dataplane().conntrack().flowTimeouts();
        assertThat(timeouts.timeoutNs(FlowState.SYN_SENT)).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(timeouts.timeoutNs(FlowState.ESTABLISHED)).isEqualTo(Duration.ofHours(2).toNanos());
        assertThat(timeouts.timeoutNs(FlowState.UDP_UNREPLIED)).isEqualTo(Duration.ofSeconds(13).toNanos());
        assertThat(timeouts.timeoutNs(FlowState.UDP_REPLIED)).isEqualTo(Duration.ofSeconds(14).toNanos());
        assertThat(timeouts.timeoutNs(FlowState.ICMP)).isEqualTo(Duration.ofSeconds(15).toNanos());
        assertThat(config.loadBalancer().algorithm()).isEqualTo(LbAlgorithm.MAGLEV);
        assertThat(config.ingress()).isEqualTo(new SwarmnetConfig.Ingress(List.of(InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("::1")), 6, Duration.ofSeconds(90), Duration.ofSeconds(45)));
        assertThat(config.dns()).isEqualTo(new SwarmnetConfig.Dns(List.of(new InetSocketAddress("192.0.2.53", 53),
                new InetSocketAddress("192.0.2.54", 5353), new InetSocketAddress("2001:db8::53", 53)),
                Duration.ofMillis(500), 16));
        assertThat(config.images()).isEqualTo(Map.of("nginx", List.of("/usr/sbin/nginx", "-g", "daemon off;")));
        assertThat(config.logging()).isEqualTo(new SwarmnetConfig.Logging("debug",
                Map.of("io.netty", "info", "dev.swarmnet.controlplane.ingress", "trace")));
        assertThat(config.metrics().listen()).isNull();
    }

    @Test
    void noneTurnsTheApiTcpListenerOffAndAnEmptyUpstreamListIsKept() throws Exception {
        SwarmnetConfig config = ConfigFile.parse(FILE, """
                api: {tcp: none}
                dns: {upstreams: []}
                """);

        assertThat(config.api().tcp()).isNull();
        assertThat(config.dns().upstreams()).isEmpty();
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheNearestKnownKey() {
        assertProblems("""
                api:
                  socket: /run/sn.sock
                  idleTimout: 30s
                """, FILE + ":3: api.idleTimout: unknown key (did you mean idleTimeout?); "
                + "known keys here: socket, tcp, idleTimeout, maxRequestBytes, workers");
    }

    @Test
    void anUnknownSectionIsNamedWithTheKnownSections() {
        assertProblems("""
                metric: {listen: none}
                """, FILE + ":1: metric: unknown key (did you mean metrics?); known keys here: node, api, cluster, "
                + "dataplane, loadBalancer, ingress, dns, images, logging, metrics");
    }

    @Test
    void aLoggerWithABadNameOrLevelIsNamedWithTheAllowedLevels() {
        assertProblems("""
                logging:
                  loggers:
                    io.netty: loud
                    "not a logger": debug
                """,
                FILE + ":3: logging.loggers.io.netty: 'loud': not one of the allowed values error, warn, info, debug, trace",
                FILE + ":4: logging.loggers: a logger is a package or class name such as "
                        + "dev.swarmnet.controlplane.ingress or io.netty, not 'not a logger'");
    }

    @Test
    void aRaftSubmitTimeoutShorterThanOneRequestIsRefused() {
        assertProblems("""
                cluster:
                  raft: {requestTimeout: 5s, submitTimeout: 2s}
                """, FILE + ":2: cluster.raft.submitTimeout: must be at least requestTimeout (5s): "
                + "a change is retried within it");
    }

    @Test
    void anOverlayMtuAboveJumboFramesIsRefusedWithItsRange() {
        assertProblems("""
                dataplane: {mtu: 9001}
                """, FILE + ":1: dataplane.mtu: '9001': outside the allowed range 576..9000");
    }

    @Test
    void anOldFlatKeyIsRefusedNamingItsNewPlace() {
        assertProblems("""
                raftPort: 2380
                """, FILE + ":1: raftPort: this key is now cluster.raftPort (in the cluster: section)");
    }

    @Test
    void aChoiceOutsideItsValuesNamesTheAllowedOnes() {
        assertProblems("""
                dataplane:
                  transport: dpdk
                loadBalancer:
                  algorithm: fastest
                logging: {level: loud}
                """,
                FILE + ":2: dataplane.transport: 'dpdk': not one of the allowed values epoll, io_uring, nio",
                FILE + ":4: loadBalancer.algorithm: 'fastest': unknown load-balancing algorithm 'fastest'; "
                        + "allowed: round-robin (rr), least-conn (least-connections), maglev",
                FILE + ":5: logging.level: 'loud': not one of the allowed values error, warn, info, debug, trace");
    }

    @Test
    void numbersAndDurationsOutOfRangeNameTheRange() {
        assertProblems("""
                cluster:
                  port: 70000
                dataplane:
                  conntrack:
                    capacity: 12
                    timeouts:
                      udp: 0s
                      icmp: soon
                api: {workers: many}
                """,
                FILE + ":2: cluster.port: '70000': outside the allowed range 1..65535",
                FILE + ":5: dataplane.conntrack.capacity: '12': outside the allowed range 1024..16777216",
                FILE + ":7: dataplane.conntrack.timeouts.udp: '0s': outside the allowed range 1s..168h0m0s",
                FILE + ":8: dataplane.conntrack.timeouts.icmp: 'soon': expected a duration such as 500ms, 30s, 5m "
                        + "or 1h30m, in 1s..168h0m0s",
                FILE + ":9: api.workers: 'many': expected an integer in 1..256");
    }

    @Test
    void aNonLoopbackApiAddressIsRefusedSayingWhy() {
        assertProblems("""
                api: {tcp: "0.0.0.0:2375"}
                """, FILE + ":1: api.tcp: '0.0.0.0:2375': not a loopback address; the API has no authentication, "
                + "so it listens on loopback only (e.g. 127.0.0.1:2375) or none");
    }

    @Test
    void addressesMustBeIpLiteralsNeverNames() {
        assertProblems("""
                ingress: {listen: [localhost]}
                metrics: {listen: "localhost:9323"}
                dns: {upstreams: resolv}
                """,
                FILE + ":1: ingress.listen[0]: 'localhost': expected an IP address such as 0.0.0.0 or 127.0.0.1",
                FILE + ":2: metrics.listen: 'localhost:9323': expected an IP address such as 0.0.0.0 or 127.0.0.1",
                FILE + ":3: dns.upstreams: expected a list of IP or IP:PORT resolvers or system, got 'resolv'");
    }

    @Test
    void samePortsForClusterAndRaftAreRefused() {
        assertProblems("""
                cluster: {port: 2400, raftPort: 2400}
                """, FILE + ":1: cluster.raftPort: the Raft port and the cluster port must differ, both are 2400");
    }

    @Test
    void noApiListenerAtAllIsRefused() {
        assertProblems("""
                api: {socket: none, tcp: none}
                """, FILE + ":1: api.socket: the API needs somewhere to listen: socket and tcp cannot both be none");
    }

    @Test
    void aKeyGivenTwiceAndASectionThatIsNotAMappingAreRefused() {
        assertProblems("""
                cluster:
                  port: 2400
                  port: 2401
                node: /var/lib/swarmnet
                """,
                FILE + ":3: cluster.port: given twice (first on line 2)",
                FILE + ":4: node: expected a mapping of keys, got '/var/lib/swarmnet'");
    }

    @Test
    void anImageWithoutAListOfWordsIsNamedWithItsLine() {
        assertProblems("""
                images:
                  nginx: /usr/sbin/nginx -g daemon off
                """, FILE + ":2: images.nginx: expected the command as a non-empty list of words, e.g. "
                + "[/usr/bin/python3, -m, http.server, \"80\"], got '/usr/sbin/nginx -g daemon off'");
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        assertThatThrownBy(() -> ConfigFile.parse(FILE, "node:\n  dataDir: [unclosed\n"))
                .isInstanceOf(ConfigFile.InvalidException.class)
                .hasMessageStartingWith(FILE + ":3: not valid YAML: ");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigFile.read(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void aFileOnDiskIsReadUnderItsOwnName() throws Exception {
        Path file = dir.resolve("sn.yaml");
        Files.writeString(file, "loadBalancer: {algorithm: least-conn}\nbogus: 1\n");

        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessageStartingWith(file + ":2: bogus: unknown key");
    }

    @Test
    void changedKeysNameEveryDifferenceAndLiveKeysAreTakenAlone() throws Exception {
        SwarmnetConfig before = SwarmnetConfig.defaults();
        SwarmnetConfig after = ConfigFile.parse(FILE, """
                loadBalancer: {algorithm: maglev}
                ingress: {udpIdleTimeout: 10s}
                dataplane: {conntrack: {capacity: 2048, timeouts: {udp: 5s}}}
                """);

        assertThat(before.changedKeys(after)).containsExactly("dataplane.conntrack.capacity",
                "dataplane.conntrack.timeouts.udp", "loadBalancer.algorithm", "ingress.udpIdleTimeout");
        SwarmnetConfig running = before.withLiveKeysOf(after);
        assertThat(running.changedKeys(after)).as("what waits for a restart")
                .containsExactly("dataplane.conntrack.capacity");
        assertThat(running.loadBalancer().algorithm()).isEqualTo(LbAlgorithm.MAGLEV);
        assertThat(running.dataplane().conntrack().timeouts().get("udp")).isEqualTo(java.time.Duration.ofSeconds(5));
    }

    private static void assertProblems(String yaml, String... lines) {
        assertThatThrownBy(() -> ConfigFile.parse(FILE, yaml))
                .isInstanceOf(ConfigFile.InvalidException.class)
                .hasMessage(String.join("\n", lines));
    }
}
