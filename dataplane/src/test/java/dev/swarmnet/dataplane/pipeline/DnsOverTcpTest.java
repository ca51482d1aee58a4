package dev.swarmnet.dataplane.pipeline;

import static dev.swarmnet.dataplane.testing.Frames.ip;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static dev.swarmnet.dataplane.testing.Lab.GATEWAY;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.answer.TcpCookie;
import dev.swarmnet.dataplane.conntrack.FlowTable;
import dev.swarmnet.dataplane.conntrack.FlowTimeouts;
import dev.swarmnet.dataplane.lb.BackendLoad;
import dev.swarmnet.dataplane.lb.ClientAffinity;
import dev.swarmnet.dataplane.nat.BackendChooser;
import dev.swarmnet.dataplane.program.DnsTable;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.testing.DnsQueries;
import dev.swarmnet.dataplane.testing.DnsQueries.Response;
import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.testing.Lab;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DNS over TCP at a task's gateway (RFC 7766), as a resolver uses it after a truncated UDP
 * answer: handshake, one length-prefixed query, the reply with FIN, the close. The endpoint keeps
 * no state: its sequence numbers are cookies.
 */
class DnsOverTcpTest {
    private static final int CLIENT_PORT = 40100;
    private static final int CLIENT_ISN = 0x10203040;
    private static final long NOW = 5_000_000_000L;
    /** More task addresses than a 512-octet UDP answer holds (the case TCP is for). */
    private static final int MANY = 60;
    /** More task addresses than one TCP segment at MTU 1450 holds (about 3 KB of answer). */
    private static final int HUGE = 190;

    private final FrameProcessor processor = new FrameProcessor(new ProgramDoor(program()),
            new FlowTable(1024, FlowTimeouts.defaults()), new BackendChooser(new BackendLoad(64), new ClientAffinity(1024)),
            new Counters(), new TcpCookie(0x5eed));
    private final List<ByteBuf> frames = new ArrayList<>();

    private static Program program() {
        DnsTable.Builder table = DnsTable.builder().zone("blue").address("web", ip("10.0.1.2"), false);
        for (int i = 0; i < MANY; i++) {
            table.address("tasks.big", ip("10.0.1." + (100 + i)), false);
        }
        for (int i = 0; i < HUGE; i++) {
            table.address("tasks.huge", ip("10.0.2.0") + 10 + i, false);
        }
        return Lab.builder().dns(BLUE, table.build()).build();
    }

    @AfterEach
    void release() {
        frames.forEach(ByteBuf::release);
    }

    /** Sends one segment from task A to its gateway's port 53; returns the verdict. */
    private int send(int seq, int ack, int flags, byte[] data, long nowNs) {
        return send(seq, ack, flags, 0xffff, data, nowNs);
    }

    /** As {@link #send(int, int, int, byte[], long)}, advertising receive window {@code window}. */
    private int send(int seq, int ack, int flags, int window, byte[] data, long nowNs) {
        byte[] bytes = Frames.ethernet(macOf(GATEWAY), macOf(A), 0x0800, Frames.ipv4(A, GATEWAY, 6, 64, 0, 0x4000,
                Frames.tcp(A, GATEWAY, CLIENT_PORT, 53, seq, ack, flags, window, data)));
        // as the data plane reads frames: room for a whole frame of the network's MTU
        ByteBuf frame = Unpooled.directBuffer(Frames.HEADROOM + 1514);
        frame.writerIndex(Frames.HEADROOM).readerIndex(Frames.HEADROOM);
        frame.writeBytes(bytes);
        frames.add(frame);
        return processor.process(frame, PORT_A, 0, nowNs);
    }

    private Segment lastReply() {
        return Segment.of(Frames.readable(frames.get(frames.size() - 1)));
    }

    /** A reply segment, its checksums verified. */
    record Segment(int seq, int ack, int flags, int headerLength, byte[] payload, byte[] options) {
        static Segment of(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            assertThat(b.getInt(14 + 12)).as("from the gateway").isEqualTo(GATEWAY);
            assertThat(b.getInt(14 + 16)).as("to the task").isEqualTo(A);
            assertThat(Frames.checksum(bytes, 14, 20, 0)).as("IP checksum verifies").isZero();
            int segmentLength = (b.getShort(16) & 0xffff) - 20;
            assertThat(bytes.length).isEqualTo(34 + segmentLength);
            int pseudo = (GATEWAY >>> 16) + (GATEWAY & 0xffff) + (A >>> 16) + (A & 0xffff) + 6 + segmentLength;
            assertThat(Frames.checksum(bytes, 34, segmentLength, pseudo)).as("TCP checksum verifies").isZero();
            assertThat(b.getShort(34) & 0xffff).isEqualTo(53);
            assertThat(b.getShort(36) & 0xffff).isEqualTo(CLIENT_PORT);
            int headerLength = ((bytes[34 + 12] & 0xff) >>> 4) * 4;
            return new Segment(b.getInt(38), b.getInt(42), bytes[34 + 13] & 0xff, headerLength,
                    Frames.slice(bytes, 34 + headerLength, bytes.length), Frames.slice(bytes, 54, 34 + headerLength));
        }

        Response message() {
            int length = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            assertThat(payload.length).as("length prefix covers the message").isEqualTo(2 + length);
            return DnsQueries.decode(Frames.slice(payload, 2, payload.length));
        }
    }

    private int handshake() {
        assertThat(Verdict.name(send(CLIENT_ISN, 0, Tcp.SYN, new byte[0], NOW))).isEqualTo("ANSWER_LOCAL");
        Segment synAck = lastReply();
        assertThat(synAck.flags()).isEqualTo(Tcp.SYN | Tcp.ACK);
        assertThat(synAck.ack()).isEqualTo(CLIENT_ISN + 1);
        return synAck.seq();
    }

    private static byte[] framed(byte[] query) {
        return Frames.concat(new byte[] {(byte) (query.length >>> 8), (byte) query.length}, query);
    }

    @Test
    void aSynGetsASynAckThatAdvertisesTheNetworksSegmentSize() {
        handshake();
        Segment synAck = lastReply();
        assertThat(synAck.headerLength()).isEqualTo(24);
        assertThat(synAck.options()).containsExactly(2, 4, (1450 - 40) >>> 8, (byte) ((1450 - 40) & 0xff));
        assertThat(synAck.payload()).isEmpty();
        assertThat(processor.counters().get(Counter.DNS_TCP_CONNECTIONS)).isEqualTo(1);
    }

    @Test
    void aQueryGetsItsWholeAnswerAndFinInOneSegmentEvenWhenItIsTooLargeForUdp() {
        int isn = handshake();
        assertThat(Verdict.name(send(CLIENT_ISN + 1, isn + 1, Tcp.ACK, new byte[0], NOW))).as("handshake ACK")
                .isEqualTo("DROP");
        assertThat(processor.dropReason()).isEqualTo(Counter.DROP_DNS_TCP_BARE_ACK);

        byte[] query = framed(DnsQueries.query(0x7777, "tasks.big", DnsHeader.TYPE_A, false));
        assertThat(Verdict.name(send(CLIENT_ISN + 1, isn + 1, Tcp.ACK | Tcp.PSH, query, NOW))).isEqualTo("ANSWER_LOCAL");

        Segment reply = lastReply();
        assertThat(reply.flags()).isEqualTo(Tcp.ACK | Tcp.PSH | Tcp.FIN);
        assertThat(reply.seq()).isEqualTo(isn + 1);
        assertThat(reply.ack()).isEqualTo(CLIENT_ISN + 1 + query.length);
        Response answer = reply.message();
        assertThat(answer.id()).isEqualTo(0x7777);
        assertThat(answer.tc()).isFalse();
        assertThat(answer.addresses()).hasSize(MANY);
        assertThat(reply.payload().length).as("more than UDP's 512 octets").isGreaterThan(512);
    }

    @Test
    void theClientsFinIsAcknowledgedFromWhereItsAcknowledgmentSaysWeAre() {
        int isn = handshake();
        int ourFinEnd = isn + 1 + 40;
        assertThat(Verdict.name(send(CLIENT_ISN + 30, ourFinEnd, Tcp.ACK | Tcp.FIN, new byte[0], NOW)))
                .isEqualTo("ANSWER_LOCAL");
        Segment ack = lastReply();
        assertThat(ack.flags()).isEqualTo(Tcp.ACK);
        assertThat(ack.seq()).isEqualTo(ourFinEnd);
        assertThat(ack.ack()).isEqualTo(CLIENT_ISN + 31);
    }

    @Test
    void aSegmentOfAConnectionThisNodeNeverAcceptedGetsAReset() {
        byte[] query = framed(DnsQueries.query(1, "web", DnsHeader.TYPE_A, false));
        assertThat(Verdict.name(send(CLIENT_ISN + 1, 0x12345678, Tcp.ACK | Tcp.PSH, query, NOW)))
                .isEqualTo("ANSWER_LOCAL");
        assertThat(lastReply().flags() & Tcp.RST).isNotZero();
        assertThat(processor.counters().get(Counter.DNS_TCP_REFUSED)).isEqualTo(1);
    }

    @Test
    void aCookieStaysValidForAtLeastOneClockTickAndNoLonger() {
        int isn = handshake();
        byte[] query = framed(DnsQueries.query(2, "web", DnsHeader.TYPE_A, false));
        long tick = 1L << 36;
        assertThat(Verdict.name(send(CLIENT_ISN + 1, isn + 1, Tcp.ACK, query, NOW + tick))).isEqualTo("ANSWER_LOCAL");
        assertThat(lastReply().message().addresses()).containsExactly(ip("10.0.1.2"));
        send(CLIENT_ISN + 1, isn + 1, Tcp.ACK, query, NOW + 3 * tick);
        assertThat(lastReply().flags() & Tcp.RST).as("three ticks later").isNotZero();
    }

    @Test
    void aQueryWrittenInPartsIsGatheredEachPartAcknowledgedAndThenAnswered() {
        int isn = handshake();
        byte[] query = framed(DnsQueries.query(3, "web", DnsHeader.TYPE_A, false));
        assertThat(Verdict.name(send(CLIENT_ISN + 1, isn + 1, Tcp.ACK, Frames.slice(query, 0, 2), NOW)))
                .isEqualTo("ANSWER_LOCAL");
        assertThat(lastReply().flags()).isEqualTo(Tcp.ACK);
        assertThat(lastReply().ack()).isEqualTo(CLIENT_ISN + 3);
        assertThat(Verdict.name(send(CLIENT_ISN + 1, isn + 1, Tcp.ACK, Frames.slice(query, 0, 2), NOW)))
                .as("the first part again").isEqualTo("ANSWER_LOCAL");
        assertThat(lastReply().ack()).isEqualTo(CLIENT_ISN + 3);
        assertThat(Verdict.name(send(CLIENT_ISN + 9, isn + 1, Tcp.ACK, Frames.slice(query, 8, 10), NOW)))
                .as("after a gap").isEqualTo("DROP");
        assertThat(processor.dropReason()).isEqualTo(Counter.DROP_DNS_TCP_PARTIAL);
        send(CLIENT_ISN + 3, isn + 1, Tcp.ACK, Frames.slice(query, 2, 10), NOW);
        assertThat(lastReply().ack()).isEqualTo(CLIENT_ISN + 11);

        assertThat(Verdict.name(send(CLIENT_ISN + 11, isn + 1, Tcp.ACK | Tcp.PSH, Frames.slice(query, 10, query.length),
                NOW))).isEqualTo("ANSWER_LOCAL");
        Segment reply = lastReply();
        assertThat(reply.flags()).isEqualTo(Tcp.ACK | Tcp.PSH | Tcp.FIN);
        assertThat(reply.ack()).isEqualTo(CLIENT_ISN + 1 + query.length);
        assertThat(reply.message().id()).isEqualTo(3);
        assertThat(reply.message().addresses()).containsExactly(ip("10.0.1.2"));
        assertThat(processor.counters().get(Counter.DNS_TCP_PARTIAL)).isEqualTo(2);
    }

    @Test
    void aQueryLongerThanTheGatheringRoomIsRefused() {
        int isn = handshake();
        send(CLIENT_ISN + 1, isn + 1, Tcp.ACK, new byte[] {(byte) 0x10, 0}, NOW);
        send(CLIENT_ISN + 3, isn + 1, Tcp.ACK, new byte[1100], NOW);
        assertThat(lastReply().flags() & Tcp.RST).isNotZero();
        assertThat(processor.counters().get(Counter.DNS_TCP_REFUSED)).isEqualTo(1);
    }

    @Test
    void aNameOutsideTheClusterWithoutAnUpstreamIsServfailOverTheSameConnection() {
        int isn = handshake();
        byte[] query = framed(DnsQueries.query(4, "www.example.com", DnsHeader.TYPE_A, false));
        send(CLIENT_ISN + 1, isn + 1, Tcp.ACK | Tcp.PSH, query, NOW);
        Segment reply = lastReply();
        assertThat(reply.flags() & Tcp.FIN).isNotZero();
        assertThat(reply.message().rcode()).isEqualTo(DnsHeader.RCODE_SERVFAIL);
        assertThat(processor.counters().get(Counter.DNS_FORWARD_REFUSED)).isEqualTo(1);
    }

    @Test
    void withoutAForwarderAnAnswerLongerThanOneSegmentIsCutToOneWithTc() {
        int isn = handshake();
        byte[] query = framed(DnsQueries.query(5, "tasks.huge", DnsHeader.TYPE_A, false));
        assertThat(Verdict.name(send(CLIENT_ISN + 1, isn + 1, Tcp.ACK | Tcp.PSH, query, NOW))).isEqualTo("ANSWER_LOCAL");
        Segment reply = lastReply();
        assertThat(reply.flags()).isEqualTo(Tcp.ACK | Tcp.PSH | Tcp.FIN);
        assertThat(reply.payload().length).isLessThanOrEqualTo(1450 - 40);
        Response answer = reply.message();
        assertThat(answer.tc()).isTrue();
        assertThat(answer.addresses()).isNotEmpty().hasSizeLessThan(HUGE);
    }

    @Test
    void anAnswerLongerThanTheClientsReceiveWindowIsCutToTheWindowWithTcAndCounted() {
        int isn = handshake();
        byte[] query = framed(DnsQueries.query(6, "tasks.big", DnsHeader.TYPE_A, false));
        assertThat(Verdict.name(send(CLIENT_ISN + 1, isn + 1, Tcp.ACK | Tcp.PSH, 400, query, NOW)))
                .isEqualTo("ANSWER_LOCAL");
        Segment reply = lastReply();
        assertThat(reply.flags()).isEqualTo(Tcp.ACK | Tcp.PSH | Tcp.FIN);
        assertThat(reply.payload().length).as("no octet beyond the window").isLessThanOrEqualTo(400);
        Response answer = reply.message();
        assertThat(answer.tc()).isTrue();
        assertThat(answer.addresses()).as("the records that fit").isNotEmpty().hasSizeLessThan(MANY);
        assertThat(processor.counters().get(Counter.DNS_TCP_WINDOW_CUT)).isEqualTo(1);

        int again = handshake();
        send(CLIENT_ISN + 1, again + 1, Tcp.ACK | Tcp.PSH, 0xffff, query, NOW);
        assertThat(lastReply().message().addresses()).as("with room, every address").hasSize(MANY);
        assertThat(processor.counters().get(Counter.DNS_TCP_WINDOW_CUT)).isEqualTo(1);
    }

    @Test
    void aQuerySegmentWithAWindowTooSmallForAnyAnswerGetsAReset() {
        int isn = handshake();
        byte[] query = framed(DnsQueries.query(7, "web", DnsHeader.TYPE_A, false));
        send(CLIENT_ISN + 1, isn + 1, Tcp.ACK | Tcp.PSH, 0, query, NOW);
        assertThat(lastReply().flags() & Tcp.RST).isNotZero();
        assertThat(processor.counters().get(Counter.DNS_TCP_REFUSED)).isEqualTo(1);
    }
}
