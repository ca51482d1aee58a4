package dev.swarmnet.dataplane.pipeline;

import static dev.swarmnet.dataplane.testing.Frames.ip;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.B;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static dev.swarmnet.dataplane.testing.Lab.C;
import static dev.swarmnet.dataplane.testing.Lab.D;
import static dev.swarmnet.dataplane.testing.Lab.GATEWAY;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static dev.swarmnet.dataplane.testing.Lab.PORT_D;
import static dev.swarmnet.dataplane.testing.Lab.RED;
import static dev.swarmnet.dataplane.testing.Lab.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.program.DnsTable;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.testing.DnsQueries;
import dev.swarmnet.dataplane.testing.DnsQueries.Response;
import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.testing.Lab;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A task's DNS queries to its gateway, answered (or handed off) by the frame processor. */
class DnsGatewayTest {
    private static final int CLIENT_PORT = 40000;
    private static final int RED_GATEWAY = ip("10.0.2.1");

    static Program program() {
        return Lab.builder()
                .dns(BLUE, DnsTable.builder().zone("blue")
                        .address("web", WEB, false).address("web.blue", WEB, false)
                        .address("tasks.web", A, true).address("tasks.web", B, true).address("tasks.web", C, true)
                        .known("idle")
                        .pointer(WEB, "web.blue").pointer(C, "web.1.tc.blue")
                        .build())
                .dns(RED, DnsTable.builder().zone("red").address("db", D, false).build())
                .build();
    }

    private final FrameProcessor processor = Lab.processor(program());
    private ByteBuf frame;

    @AfterEach
    void release() {
        if (frame != null) {
            frame.release();
        }
    }

    private int ask(int port, int client, int gateway, byte[] dns) {
        if (frame != null) {
            frame.release();
        }
        frame = Frames.buffer(Frames.udpFrame(macOf(gateway), macOf(client), client, gateway, CLIENT_PORT, 53, dns));
        return processor.process(frame, port, 0, 1_000_000_000L);
    }

    private Response askBlue(String name, int qtype) {
        int verdict = ask(PORT_A, A, GATEWAY, DnsQueries.query(0x1234, name, qtype, false));
        assertThat(Verdict.name(verdict)).isEqualTo("ANSWER_LOCAL");
        return answer(A, GATEWAY);
    }

    /** Checks the reply frame's headers and checksums, and decodes its DNS message. */
    private Response answer(int client, int gateway) {
        assertThat(processor.outputPort()).isEqualTo(client == D ? PORT_D : PORT_A);
        byte[] bytes = Frames.readable(frame);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertThat(b.getShort(0) & 0xffff).isEqualTo((int) (macOf(client) >>> 32));
        assertThat(b.getInt(2)).isEqualTo((int) macOf(client));
        assertThat(b.getInt(8)).isEqualTo((int) macOf(gateway));
        assertThat(b.getInt(14 + 12)).as("IP source").isEqualTo(gateway);
        assertThat(b.getInt(14 + 16)).as("IP destination").isEqualTo(client);
        assertThat(Frames.checksum(bytes, 14, 20, 0)).as("IP checksum verifies").isZero();
        int udpLength = b.getShort(34 + 4) & 0xffff;
        assertThat(b.getShort(14 + 2) & 0xffff).isEqualTo(20 + udpLength);
        assertThat(bytes.length).isEqualTo(34 + udpLength);
        int pseudo = (gateway >>> 16) + (gateway & 0xffff) + (client >>> 16) + (client & 0xffff) + 17 + udpLength;
        assertThat(Frames.checksum(bytes, 34, udpLength, pseudo)).as("UDP checksum verifies").isZero();
        assertThat(b.getShort(34) & 0xffff).isEqualTo(53);
        assertThat(b.getShort(36) & 0xffff).isEqualTo(CLIENT_PORT);
        return DnsQueries.decode(Frames.slice(bytes, 42, bytes.length));
    }

    @Test
    void aServiceNameInAnyCaseResolvesToItsVipAuthoritativelyWithAOneSecondTtl() {
        Response r = askBlue("WeB", DnsHeader.TYPE_A);

        assertThat(r.id()).isEqualTo(0x1234);
        assertThat(r.qr()).isTrue();
        assertThat(r.aa()).isTrue();
        assertThat(r.rcode()).isEqualTo(DnsHeader.RCODE_NOERROR);
        assertThat(r.flags() & DnsHeader.RD_MASK).as("RD echoed").isNotZero();
        assertThat(r.addresses()).containsExactly(WEB);
        assertThat(r.answers()).extracting(DnsQueries.Answer::ttl).containsOnly(DnsTable.TTL_SECONDS);
        assertThat(processor.counters().get(Counter.DNS_ANSWERED)).isEqualTo(1);
        assertThat(askBlue("web.blue.", DnsHeader.TYPE_A).addresses()).containsExactly(WEB);
    }

    @Test
    void tasksNameListsEveryTaskAndRotatesTheOrderFromAnswerToAnswer() {
        Set<Integer> firsts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            List<Integer> addresses = askBlue("tasks.web", DnsHeader.TYPE_A).addresses();
            assertThat(addresses).containsExactlyInAnyOrder(A, B, C);
            firsts.add(addresses.get(0));
        }
        assertThat(firsts).containsExactlyInAnyOrder(A, B, C);
    }

    @Test
    void aaaaForAKnownNameIsAnEmptyAnswerNotAnError() {
        Response r = askBlue("web", DnsHeader.TYPE_AAAA);
        assertThat(r.rcode()).isEqualTo(DnsHeader.RCODE_NOERROR);
        assertThat(r.answers()).isEmpty();
        Response idle = askBlue("idle", DnsHeader.TYPE_A);
        assertThat(idle.rcode()).isEqualTo(DnsHeader.RCODE_NOERROR);
        assertThat(idle.answers()).isEmpty();
    }

    @Test
    void reverseNamesOfVipsAndTasksPointAtTheirNames() {
        assertThat(askBlue("2.1.0.10.in-addr.arpa", DnsHeader.TYPE_PTR).answers())
                .extracting(DnsQueries.Answer::target).containsExactly("web.blue.");
        assertThat(askBlue("7.1.0.10.IN-ADDR.ARPA", DnsHeader.TYPE_PTR).answers())
                .extracting(DnsQueries.Answer::target).containsExactly("web.1.tc.blue.");
    }

    @Test
    void unknownNamesInTheClusterZonesAreNxdomain() {
        for (String name : List.of("nosuch", "tasks.nosuch.blue", "99.1.0.10.in-addr.arpa")) {
            Response r = askBlue(name, DnsHeader.TYPE_A);
            assertThat(r.rcode()).as(name).isEqualTo(DnsHeader.RCODE_NXDOMAIN);
            assertThat(r.answers()).isEmpty();
        }
        assertThat(processor.counters().get(Counter.DNS_NXDOMAIN)).isEqualTo(3);
    }

    @Test
    void aTaskResolvesOnlyTheNamesOfItsOwnNetwork() {
        ask(PORT_D, D, RED_GATEWAY, DnsQueries.query(7, "web", DnsHeader.TYPE_A, false));
        assertThat(answer(D, RED_GATEWAY).rcode()).isEqualTo(DnsHeader.RCODE_NXDOMAIN);
        ask(PORT_D, D, RED_GATEWAY, DnsQueries.query(8, "db", DnsHeader.TYPE_A, false));
        assertThat(answer(D, RED_GATEWAY).addresses()).containsExactly(D);
        assertThat(askBlue("db", DnsHeader.TYPE_A).rcode()).isEqualTo(DnsHeader.RCODE_NXDOMAIN);
    }

    @Test
    void aQueryWithEdnsIsAnsweredWithEdns() {
        ask(PORT_A, A, GATEWAY, DnsQueries.query(9, "web", DnsHeader.TYPE_A, true));
        Response r = answer(A, GATEWAY);
        assertThat(r.edns()).isTrue();
        assertThat(r.addresses()).containsExactly(WEB);
    }

    @Test
    void namesOutsideTheClusterAreHandedToTheUpstreamWithACopyOfTheQuery() {
        byte[] query = DnsQueries.query(0x4242, "example.com", DnsHeader.TYPE_A, false);
        byte[][] seen = new byte[1][];
        int[] where = new int[4];
        processor.upstream((buf, offset, length, port, clientMac, client, clientPort, gateway, mtu) -> {
            seen[0] = new byte[length];
            buf.getBytes(offset, seen[0]);
            where[0] = port;
            where[1] = client;
            where[2] = clientPort;
            where[3] = gateway;
            return true;
        });

        assertThat(Verdict.name(ask(PORT_A, A, GATEWAY, query))).isEqualTo("HANDED_OFF");
        assertThat(seen[0]).isEqualTo(query);
        assertThat(where).containsExactly(PORT_A, A, CLIENT_PORT, GATEWAY);
        assertThat(processor.counters().get(Counter.DNS_FORWARDED)).isEqualTo(1);
    }

    @Test
    void aForwardTheUpstreamRefusesOrNoUpstreamAtAllIsServfail() {
        ask(PORT_A, A, GATEWAY, DnsQueries.query(5, "example.com", DnsHeader.TYPE_A, false));
        Response none = answer(A, GATEWAY);
        assertThat(none.id()).isEqualTo(5);
        assertThat(none.rcode()).isEqualTo(DnsHeader.RCODE_SERVFAIL);

        processor.upstream((buf, offset, length, port, clientMac, client, clientPort, gateway, mtu) -> false);
        ask(PORT_A, A, GATEWAY, DnsQueries.query(6, "example.com", DnsHeader.TYPE_A, false));
        assertThat(answer(A, GATEWAY).rcode()).isEqualTo(DnsHeader.RCODE_SERVFAIL);
        assertThat(processor.counters().get(Counter.DNS_FORWARD_REFUSED)).isEqualTo(2);
    }

    @Test
    void garbageAfterAReadableHeaderIsFormerrAndLessThanAHeaderIsDropped() {
        byte[] garbage = DnsQueries.query(0x0bad, "web", DnsHeader.TYPE_A, false);
        garbage[12] = (byte) 0xc0; // a compression pointer into the header: invalid
        ask(PORT_A, A, GATEWAY, garbage);
        Response r = answer(A, GATEWAY);
        assertThat(r.id()).isEqualTo(0x0bad);
        assertThat(r.qr()).isTrue();
        assertThat(r.rcode()).isEqualTo(DnsHeader.RCODE_FORMERR);
        assertThat(processor.counters().get(Counter.DNS_FORMERR)).isEqualTo(1);

        assertThat(Verdict.name(ask(PORT_A, A, GATEWAY, new byte[] {1, 2, 3}))).isEqualTo("DROP");
        assertThat(processor.dropReason()).isEqualTo(Counter.DROP_MALFORMED_DNS);
        byte[] response = DnsQueries.query(1, "web", DnsHeader.TYPE_A, false);
        response[2] |= (byte) 0x80;
        assertThat(Verdict.name(ask(PORT_A, A, GATEWAY, response))).as("a response is never answered").isEqualTo("DROP");
    }

    @Test
    void tcpToAGatewayPortOtherThanDnsIsRefusedWithAReset() {
        frame = Frames.buffer(Frames.tcpFrame(macOf(GATEWAY), macOf(A), A, GATEWAY, 40001, 80, 1, 0, Tcp.SYN, new byte[0]));
        assertThat(Verdict.name(processor.process(frame, PORT_A, 0, 1))).isEqualTo("ANSWER_LOCAL");
        byte[] bytes = Frames.readable(frame);
        assertThat(bytes[14 + 20 + 13] & Tcp.RST).isNotZero();
    }
}
