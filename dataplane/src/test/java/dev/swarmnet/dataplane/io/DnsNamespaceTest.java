package dev.swarmnet.dataplane.io;

import static dev.swarmnet.dataplane.testing.Frames.ip;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.program.DnsTable;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.testing.DnsQueries;
import dev.swarmnet.dataplane.testing.DnsQueries.Response;
import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.testing.NamespaceLab;
import dev.swarmnet.dataplane.testing.NamespaceLab.Host;
import dev.swarmnet.dataplane.testing.NamespaceLab.Result;
import dev.swarmnet.dataplane.testing.NamespaceLab.Task;
import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import dev.swarmnet.dataplane.wire.dns.DnsNames;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A task in a real namespace resolves through its gateway, answered by its host's data plane
 * (root only): cluster names from the program's table, other names through a fake upstream
 * resolver on the host namespace's loopback (UDP and TCP on one port, truncating long answers over
 * UDP as real resolvers do), including answers of about 3 KB that take several TCP segments. Queried with raw UDP and with glibc's resolver
 * ({@code getent} under {@code ip netns exec}, which bind-mounts {@code /etc/netns/NAME/resolv.conf}).
 */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsNamespaceTest {
    private static final int VNI = 4097;
    private static final int GATEWAY = ip("10.0.1.1");
    private static final int VIP = ip("10.0.1.2");
    private static final int TASK = ip("10.0.1.11");
    private static final int OTHER = ip("10.0.1.12");
    private static final int EXTERNAL = ip("192.0.2.7");
    /** More task addresses than a 512-octet UDP answer holds: glibc must fall back to TCP. */
    /** About 3 KB of A records: more than a UDP datagram or one TCP segment at MTU 1450 carries. */
    private static final int HUGE = 190;
    private static final int[] MANY_TASKS = java.util.stream.IntStream.range(0, 60)
            .map(i -> ip("10.0.1." + (100 + i))).toArray();

    private NamespaceLab lab;
    private Host host;
    private Task task;
    private FakeResolver upstream;
    private Path netnsEtc;

    @BeforeAll
    void buildLab() throws Exception {
        Assumptions.assumeTrue(NamespaceLab.canRun(), "needs root and /dev/net/tun");
        lab = new NamespaceLab();
        host = lab.host("h", 11);
        task = lab.task("t", TASK, macOf(TASK), GATEWAY, 1450, true);
        upstream = host.ns.call(() -> new FakeResolver(InetAddress.getLoopbackAddress(), DnsNamespaceTest::upstreamAnswer));
        upstream.udpAnswer = query -> {
            byte[] reply = upstreamAnswer(query);
            return reply.length > DnsHeader.MAX_UDP_LENGTH ? FakeResolver.truncated(query) : reply;
        };
        DnsTable.Builder table = DnsTable.builder().zone("blue")
                .address("web", VIP, false).address("web.blue", VIP, false)
                .address("tasks.web", TASK, true).address("tasks.web", OTHER, true)
                .pointer(VIP, "web.blue");
        for (int address : MANY_TASKS) {
            table.address("tasks.big", address, false);
        }
        for (int i = 0; i < HUGE; i++) {
            table.address("tasks.huge", ip("10.0.1.0") + 10 + i, false);
        }
        Program program = Program.builder()
                .network(Network.of("blue", VNI, "10.0.1.0/24"))
                .endpoint(Endpoint.local(VNI, TASK, macOf(TASK), 1))
                .endpoint(Endpoint.remote(VNI, OTHER, macOf(OTHER), ip(NamespaceLab.UNDERLAY_SUBNET + "12")))
                .dns(VNI, table.build())
                .build();
        ResolverConfig resolver = ResolverConfig.of(List.of(upstream.address()));
        DataPlaneConfig config = DataPlaneConfig.defaults().withUnderlay(host.underlayAddress, 4789);
        host.plane = host.ns.call(() -> DataPlane.start(config, new ProgramDoor(program), resolver));
        host.attach(task, 1);
        netnsEtc = Path.of("/etc/netns", task.ns.name());
        Files.createDirectories(netnsEtc);
        Files.writeString(netnsEtc.resolve("resolv.conf"), "nameserver 10.0.1.1\noptions timeout:5 attempts:1\n");
    }

    @AfterAll
    void removeLab() throws IOException {
        if (upstream != null) {
            upstream.close();
        }
        if (host != null && host.plane != null) {
            host.plane.close();
        }
        if (netnsEtc != null) {
            Files.deleteIfExists(netnsEtc.resolve("resolv.conf"));
            Files.deleteIfExists(netnsEtc);
        }
        if (lab != null) {
            lab.close();
        }
    }

    /**
     * The upstream's answers, as a recursive resolver would give them: {@link #HUGE} A records
     * (about 3 KB) for {@code big.example}, one A record {@link #EXTERNAL} for any other name, no
     * records for other types. Over UDP an answer longer than 512 octets is truncated (TC).
     */
    private static byte[] upstreamAnswer(byte[] query) {
        int nameEnd = FakeResolver.questionEnd(query) - 4;
        int qtype = ByteBuffer.wrap(query).getShort(nameEnd) & 0xffff;
        if (qtype != DnsHeader.TYPE_A) {
            return FakeResolver.answer(query, 0);
        }
        if (Arrays.equals(Arrays.copyOfRange(query, DnsHeader.LENGTH, nameEnd), DnsNames.encode("big.example"))) {
            return FakeResolver.answer(query, HUGE);
        }
        byte[] reply = FakeResolver.answer(query, 1);
        ByteBuffer.wrap(reply).putInt(reply.length - 4, EXTERNAL);
        return reply;
    }

    /** Sends one raw query from the task's namespace to its gateway and decodes the answer. */
    private Response ask(String name, int qtype) throws Exception {
        byte[] query = DnsQueries.query(0x5151, name, qtype, false);
        byte[] reply = task.ns.call(() -> {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(5000);
                socket.send(new DatagramPacket(query, query.length, NamespaceLab.inet(GATEWAY), 53));
                DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
                socket.receive(packet);
                return Arrays.copyOf(packet.getData(), packet.getLength());
            }
        });
        Response r = DnsQueries.decode(reply);
        assertThat(r.id()).isEqualTo(0x5151);
        return r;
    }

    @Test
    void aTaskResolvesServiceAndTaskNamesThroughItsGateway() throws Exception {
        assertThat(ask("web", DnsHeader.TYPE_A).addresses()).containsExactly(VIP);
        assertThat(ask("TASKS.web", DnsHeader.TYPE_A).addresses()).containsExactlyInAnyOrder(TASK, OTHER);
        assertThat(ask("web", DnsHeader.TYPE_AAAA).rcode()).isEqualTo(DnsHeader.RCODE_NOERROR);
        assertThat(ask("nosuch", DnsHeader.TYPE_A).rcode()).isEqualTo(DnsHeader.RCODE_NXDOMAIN);
    }

    @Test
    void namesOutsideTheClusterAreAnsweredByTheHostsResolver() throws Exception {
        assertThat(ask("www.example.com", DnsHeader.TYPE_A).addresses()).containsExactly(EXTERNAL);
    }

    @Test
    void glibcFallsBackToTcpForAnAnswerTooLargeForUdpAndGetsEveryAddress() throws Exception {
        Result big = NamespaceLab.exec(task.ns, "getent", "ahostsv4", "tasks.big");
        assertThat(big.exit()).as(big.output()).isZero();
        assertThat(big.output().lines().map(l -> l.split("\\s+")[0]).distinct())
                .hasSize(MANY_TASKS.length).contains("10.0.1.100", "10.0.1.159");
    }

    @Test
    void overTcpOnlyTheTaskResolvesClusterAndOutsideNamesAndTheGatewayClosesAfterTheAnswer() throws Exception {
        Path resolvConf = netnsEtc.resolve("resolv.conf");
        String udp = Files.readString(resolvConf);
        Files.writeString(resolvConf, udp + "options use-vc\n");
        try {
            Result web = NamespaceLab.exec(task.ns, "getent", "ahostsv4", "web");
            assertThat(web.output()).as("over TCP (use-vc)").contains("10.0.1.2");
            Result external = NamespaceLab.exec(task.ns, "getent", "ahostsv4", "www.example.com");
            assertThat(external.output()).as("forwarded, answered over TCP").contains("192.0.2.7");
        } finally {
            Files.writeString(resolvConf, udp);
        }
        byte[] query = DnsQueries.query(0x6262, "web", DnsHeader.TYPE_A, false);
        byte[][] exchange = askOverTcp(query);
        Response r = DnsQueries.decode(exchange[0]);
        assertThat(r.id()).isEqualTo(0x6262);
        assertThat(r.addresses()).containsExactly(VIP);
        assertThat(exchange[1][0]).as("end of stream after the answer (the gateway's FIN)").isEqualTo((byte) -1);
        assertThat(host.plane.counters()[Counter.DNS_TCP_CONNECTIONS]).isGreaterThanOrEqualTo(3);
    }

    @Test
    void glibcInTheTaskResolvesNamesAndAddresses() throws Exception {
        Result web = NamespaceLab.exec(task.ns, "getent", "ahosts", "web");
        assertThat(web.exit()).as(web.output()).isZero();
        assertThat(web.output()).contains("10.0.1.2").doesNotContain(":");
        Result external = NamespaceLab.exec(task.ns, "getent", "ahostsv4", "www.example.com");
        assertThat(external.output()).contains("192.0.2.7");
        Result reverse = NamespaceLab.exec(task.ns, "getent", "hosts", "10.0.1.2");
        assertThat(reverse.output()).contains("web.blue");
        Result missing = NamespaceLab.exec(task.ns, "getent", "ahostsv4", "nosuch");
        assertThat(missing.exit()).as("unknown name").isEqualTo(2);
    }

    @Test
    void aLargeOutsideAnswerTruncatedOverUdpIsFetchedUpstreamOverTcpAndGlibcGetsEveryAddress() throws Exception {
        long[] before = host.plane.counters();
        Result big = NamespaceLab.exec(task.ns, "getent", "ahostsv4", "big.example");
        assertThat(big.exit()).as(big.output()).isZero();
        assertThat(big.output().lines().map(l -> l.split("\\s+")[0]).distinct())
                .hasSize(HUGE).contains("192.0.2.1", "192.0.2." + HUGE);
        long[] after = host.plane.counters();
        assertThat(after[Counter.DNS_FORWARD_TCP] - before[Counter.DNS_FORWARD_TCP])
                .as("the UDP retry after TC, then the task's own TCP query").isGreaterThanOrEqualTo(2);
        assertThat(after[Counter.DNS_TCP_MULTI_SEGMENT] - before[Counter.DNS_TCP_MULTI_SEGMENT]).isPositive();
    }

    @Test
    void overTcpATaskGetsLargeOutsideAndClusterAnswersWholeAndThenTheGatewaysFin() throws Exception {
        for (String name : List.of("big.example", "tasks.huge")) {
            byte[] query = DnsQueries.query(0x7373, name, DnsHeader.TYPE_A, false);
            byte[][] exchange = askOverTcp(query);
            assertThat(exchange[0].length).as(name + ": longer than one segment").isGreaterThan(1450 - 40);
            Response r = DnsQueries.decode(exchange[0]);
            assertThat(r.id()).isEqualTo(0x7373);
            assertThat(r.tc()).as(name).isFalse();
            assertThat(r.addresses()).as(name).hasSize(HUGE).doesNotHaveDuplicates();
            assertThat(exchange[1][0]).as("end of stream after the answer").isEqualTo((byte) -1);
        }
    }

    /**
     * Sends {@code query} to the gateway over TCP from the task's namespace, length first, and
     * returns the answer and then what the next read gave (-1 at the gateway's FIN).
     */
    private byte[][] askOverTcp(byte[] query) throws Exception {
        return task.ns.call(() -> {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new InetSocketAddress(NamespaceLab.inet(GATEWAY), 53), 5000);
                socket.setSoTimeout(5000);
                java.io.DataOutputStream out = new java.io.DataOutputStream(socket.getOutputStream());
                out.writeShort(query.length);
                out.write(query);
                out.flush();
                java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
                byte[] message = new byte[in.readUnsignedShort()];
                in.readFully(message);
                return new byte[][] {message, new byte[] {(byte) in.read()}};
            }
        });
    }

    @Test
    void glibcFallsBackToTcpForAClusterAnswerLongerThanOneSegment() throws Exception {
        Result huge = NamespaceLab.exec(task.ns, "getent", "ahostsv4", "tasks.huge");
        assertThat(huge.exit()).as(huge.output()).isZero();
        assertThat(huge.output().lines().map(l -> l.split("\\s+")[0]).distinct()).hasSize(HUGE);
    }
}
