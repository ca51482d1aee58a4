package dev.swarmnet.dataplane.io;

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
import dev.swarmnet.dataplane.pipeline.FrameProcessor;
import dev.swarmnet.dataplane.pipeline.Verdict;
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
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Forwarding over TCP (RFC 7766) to fake upstream resolvers on 127.0.0.1, and answers to tasks
 * longer than one TCP segment: a TCP query goes upstream over TCP, a truncated UDP reply is asked
 * again over TCP, and long answers reach the task as several segments.
 */
class DnsForwarderOverTcpTest {
    private static final int CLIENT_PORT = 40200;
    private static final int MTU = 1450;
    private static final int MSS = MTU - 40;
    private static final int OURS = 0x11110000;
    private static final int THEIRS = 0x22220000;
    /** About 3 KB of answer: three segments at MTU 1450, far more than a UDP datagram carries. */
    private static final int MANY = 190;

    private IoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private IoEventLoop loop = group.next();
    private final Counters counters = new Counters();
    private final BlockingQueue<byte[]> delivered = new LinkedBlockingQueue<>();
    private final List<FakeResolver> resolvers = new ArrayList<>();
    private final List<ByteBuf> frames = new ArrayList<>();
    private DnsForwarder forwarder;

    @AfterEach
    void tearDown() throws Exception {
        if (forwarder != null) {
            loop.submit(forwarder::close).get();
        }
        for (FakeResolver resolver : resolvers) {
            resolver.close();
        }
        frames.forEach(ByteBuf::release);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private FakeResolver resolver(UnaryOperator<byte[]> answer) throws Exception {
        FakeResolver resolver = new FakeResolver(InetAddress.getLoopbackAddress(), answer);
        resolvers.add(resolver);
        return resolver;
    }

    private void start(long timeoutMillis, FakeResolver... upstreams) throws Exception {
        start(Transport.NIO, timeoutMillis, upstreams);
    }

    /** Starts the forwarder on a loop of {@code transport} (its datagram channel; its socket channels follow). */
    private void start(Transport transport, long timeoutMillis, FakeResolver... upstreams) throws Exception {
        if (transport != Transport.NIO) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
            loop = group.next();
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (FakeResolver upstream : upstreams) {
            addresses.add(upstream.address());
        }
        forwarder = new DnsForwarder(new ResolverConfig(addresses, timeoutMillis, 4), new ProgramDoor(program()),
                (port, frame) -> {
                    assertThat(port).isEqualTo(PORT_A);
                    delivered.add(Frames.readable(frame));
                    frame.release();
                }, counters, PooledByteBufAllocator.DEFAULT);
        forwarder.start(transport, loop);
    }

    private static Program program() {
        DnsTable.Builder table = DnsTable.builder().zone("blue");
        for (int i = 0; i < MANY; i++) {
            table.address("tasks.huge", ip("10.0.1.0") + 10 + i, false);
        }
        return Lab.builder().dns(BLUE, table.build()).build();
    }

    private boolean forward(byte[] query) throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(query);
        return loop.submit(() -> forwarder.forward(buf, 0, query.length, PORT_A, macOf(A), A, CLIENT_PORT, GATEWAY, MTU))
                .get();
    }

    private boolean forwardStream(byte[] query, int window) throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(query);
        return loop.submit(() -> forwarder.forwardStream(buf, 0, query.length, PORT_A, macOf(A), A, CLIENT_PORT,
                GATEWAY, MTU, OURS, THEIRS, window)).get();
    }

    private byte[] nextFrame() throws Exception {
        byte[] frame = delivered.poll(5, TimeUnit.SECONDS);
        assertThat(frame).as("a frame for the task").isNotNull();
        ByteBuffer b = ByteBuffer.wrap(frame);
        assertThat(b.getInt(14 + 12)).as("from the gateway").isEqualTo(GATEWAY);
        assertThat(b.getInt(14 + 16)).as("to the task").isEqualTo(A);
        assertThat(Frames.checksum(frame, 14, 20, 0)).as("IP checksum verifies").isZero();
        assertThat(frame.length - 14).as("within the network's MTU").isLessThanOrEqualTo(MTU);
        return frame;
    }

    /** The next frame, a UDP datagram to the task's port, decoded. */
    private Response nextDatagram() throws Exception {
        byte[] frame = nextFrame();
        assertThat(frame[14 + 9]).as("UDP").isEqualTo((byte) 17);
        assertThat(ByteBuffer.wrap(frame).getShort(36) & 0xffff).isEqualTo(CLIENT_PORT);
        return DnsQueries.decode(Frames.slice(frame, 42, frame.length));
    }

    /** One TCP segment to the task, checksums verified. */
    record Segment(int seq, int ack, int flags, byte[] payload) {
        static Segment of(byte[] frame) {
            ByteBuffer b = ByteBuffer.wrap(frame);
            assertThat(frame[14 + 9]).as("TCP").isEqualTo((byte) 6);
            int segmentLength = (b.getShort(16) & 0xffff) - 20;
            int pseudo = (GATEWAY >>> 16) + (GATEWAY & 0xffff) + (A >>> 16) + (A & 0xffff) + 6 + segmentLength;
            assertThat(Frames.checksum(frame, 34, segmentLength, pseudo)).as("TCP checksum verifies").isZero();
            assertThat(b.getShort(34) & 0xffff).isEqualTo(53);
            assertThat(b.getShort(36) & 0xffff).isEqualTo(CLIENT_PORT);
            return new Segment(b.getInt(38), b.getInt(42), frame[34 + 13] & 0xff, Frames.slice(frame, 54, frame.length));
        }
    }

    /** Segments up to the one with FIN, checked to follow each other from {@link #OURS}. */
    private List<Segment> nextAnswer() throws Exception {
        List<Segment> segments = new ArrayList<>();
        int expected = OURS;
        while (segments.isEmpty() || (segments.get(segments.size() - 1).flags() & Tcp.FIN) == 0) {
            Segment segment = Segment.of(nextFrame());
            assertThat(segment.seq()).as("sequence numbers advance by the octets sent").isEqualTo(expected);
            assertThat(segment.ack()).isEqualTo(THEIRS);
            assertThat(segment.payload().length).isBetween(1, MSS);
            expected += segment.payload().length;
            segments.add(segment);
        }
        for (int i = 0; i < segments.size() - 1; i++) {
            assertThat(segments.get(i).flags()).as("segment " + i).isEqualTo(Tcp.ACK);
            assertThat(segments.get(i).payload().length).as("full segments before the last").isEqualTo(MSS);
        }
        assertThat(segments.get(segments.size() - 1).flags()).isEqualTo(Tcp.ACK | Tcp.PSH | Tcp.FIN);
        return segments;
    }

    /** The DNS message the segments carry, behind its 2-octet length. */
    private static Response message(List<Segment> segments) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        segments.forEach(s -> stream.writeBytes(s.payload()));
        byte[] bytes = stream.toByteArray();
        int length = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
        assertThat(bytes.length).as("the length prefix covers the message").isEqualTo(2 + length);
        return DnsQueries.decode(Arrays.copyOfRange(bytes, 2, bytes.length));
    }

    private static List<Integer> firstAddresses(int n) {
        List<Integer> addresses = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            addresses.add(FakeResolver.address(i));
        }
        return addresses;
    }

    /** A counter as the event loop sees it once it has finished what it was doing (the forwarder counts on the loop). */
    private long counted(int counter) throws Exception {
        return loop.submit(() -> counters.get(counter)).get();
    }

    /**
     * The next query {@code resolver} read over TCP. A silent resolver's connection thread records
     * it in its own time: nothing orders that before the forwarder's timeout and the test's look.
     */
    private static byte[] nextTcpQuery(FakeResolver resolver) throws InterruptedException {
        return resolver.tcpQueries.poll(5, TimeUnit.SECONDS);
    }

    private int pending() throws Exception {
        return loop.submit(forwarder::pending).get();
    }

    @Test
    void aTcpQueryIsForwardedOverTcpAndItsLongReplyReachesTheTaskWholeInSeveralSegments() throws Exception {
        FakeResolver upstream = resolver(q -> FakeResolver.answer(q, MANY));
        start(2000, upstream);

        assertThat(forwardStream(DnsQueries.query(0x4343, "big.example", DnsHeader.TYPE_A, false), 0xffff)).isTrue();

        List<Segment> segments = nextAnswer();
        assertThat(segments).as("about 3 KB at 1410 octets a segment").hasSize(3);
        Response r = message(segments);
        assertThat(r.id()).as("the task's own id").isEqualTo(0x4343);
        assertThat(r.tc()).isFalse();
        assertThat(r.addresses()).containsExactlyElementsOf(firstAddresses(MANY));
        assertThat(upstream.tcpQueries).hasSize(1);
        assertThat(upstream.udpQueries).as("never asked over UDP").isEmpty();
        assertThat(counted(Counter.DNS_FORWARD_TCP)).isEqualTo(1);
        assertThat(counted(Counter.DNS_FORWARD_REPLIES)).isEqualTo(1);
        assertThat(counted(Counter.DNS_TCP_MULTI_SEGMENT)).isEqualTo(1);
        assertThat(pending()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theTcpPathRunsOnEveryTransport(Transport transport) throws Exception {
        Assumptions.assumeTrue(transport.unavailability() == null, () -> transport.unavailability());
        FakeResolver upstream = resolver(q -> FakeResolver.answer(q, MANY));
        upstream.udpAnswer = FakeResolver::truncated;
        start(transport, 2000, upstream);

        assertThat(forwardStream(DnsQueries.query(0x4444, "big.example", DnsHeader.TYPE_A, false), 0xffff)).isTrue();
        assertThat(message(nextAnswer()).addresses()).hasSize(MANY);
        assertThat(forward(DnsQueries.query(0x4545, "big.example", DnsHeader.TYPE_A, false))).isTrue();
        assertThat(nextDatagram().tc()).as("asked again over TCP, too large for the datagram").isTrue();
        assertThat(upstream.tcpQueries).hasSize(2);
    }

    @Test
    void aResolverRefusingTcpConnectionsIsCountedAndTheNextOneAsked() throws Exception {
        FakeResolver closed = resolver(q -> null);
        FakeResolver answering = resolver(q -> FakeResolver.answer(q, 3));
        closed.close();
        start(2000, closed, answering);

        assertThat(forwardStream(DnsQueries.query(0x0c0c, "refused.example", DnsHeader.TYPE_A, false), 0xffff)).isTrue();

        assertThat(message(nextAnswer()).addresses()).containsExactlyElementsOf(firstAddresses(3));
        assertThat(counted(Counter.DNS_FORWARD_TCP_ERRORS)).as("the refused connection").isEqualTo(1);
    }

    @Test
    void aTruncatedUdpReplyIsAskedAgainOverTcpAndRelayedWholeWhenItFitsTheTasksDatagram() throws Exception {
        FakeResolver upstream = resolver(q -> FakeResolver.answer(q, 40));
        upstream.udpAnswer = FakeResolver::truncated;
        start(2000, upstream);

        assertThat(forward(DnsQueries.query(0x5454, "forty.example", DnsHeader.TYPE_A, false))).isTrue();

        Response r = nextDatagram();
        assertThat(r.id()).isEqualTo(0x5454);
        assertThat(r.tc()).isFalse();
        assertThat(r.addresses()).containsExactlyElementsOf(firstAddresses(40));
        byte[] udpQuery = upstream.udpQueries.poll(5, TimeUnit.SECONDS);
        byte[] tcpQuery = upstream.tcpQueries.poll(5, TimeUnit.SECONDS);
        assertThat(tcpQuery).as("the same query, same upstream id, over TCP").isEqualTo(udpQuery);
        assertThat(counted(Counter.DNS_FORWARD_TCP)).isEqualTo(1);
        assertThat(pending()).isZero();
    }

    @Test
    void aTcpRetryWhoseReplyIsTooLargeForTheTasksDatagramStillGivesTheTaskTc() throws Exception {
        FakeResolver upstream = resolver(q -> FakeResolver.answer(q, MANY));
        upstream.udpAnswer = FakeResolver::truncated;
        start(2000, upstream);

        assertThat(forward(DnsQueries.query(0x6565, "big.example", DnsHeader.TYPE_A, false))).isTrue();

        Response r = nextDatagram();
        assertThat(r.id()).isEqualTo(0x6565);
        assertThat(r.tc()).as("the task asks again over TCP and gets it whole").isTrue();
        assertThat(r.answers()).isEmpty();
        assertThat(upstream.tcpQueries).hasSize(1);
    }

    @Test
    void aTcpUpstreamThatNeverAnswersEndsInServfailOverTheTasksConnection() throws Exception {
        FakeResolver silent = resolver(q -> null);
        start(300, silent);

        assertThat(forwardStream(DnsQueries.query(0x7676, "slow.example", DnsHeader.TYPE_A, false), 0xffff)).isTrue();

        List<Segment> segments = nextAnswer();
        assertThat(segments).hasSize(1);
        Response r = message(segments);
        assertThat(r.id()).isEqualTo(0x7676);
        assertThat(r.rcode()).isEqualTo(DnsHeader.RCODE_SERVFAIL);
        assertThat(nextTcpQuery(silent)).as("the query did reach it").isNotNull();
        assertThat(silent.tcpQueries).as("and only the one").isEmpty();
        assertThat(counted(Counter.DNS_FORWARD_TIMEOUTS)).isEqualTo(1);
        assertThat(pending()).isZero();
    }

    @Test
    void aTcpReplyWithAnotherIdIsDroppedAndCountedAndTheTaskGetsServfail() throws Exception {
        FakeResolver liar = resolver(q -> {
            byte[] reply = FakeResolver.answer(q, 1);
            reply[0] ^= 0x5a;
            return reply;
        });
        start(300, liar);

        assertThat(forwardStream(DnsQueries.query(0x0808, "spoofed.example", DnsHeader.TYPE_A, false), 0xffff)).isTrue();

        Response r = message(nextAnswer());
        assertThat(r.rcode()).isEqualTo(DnsHeader.RCODE_SERVFAIL);
        assertThat(r.addresses()).isEmpty();
        assertThat(counted(Counter.DNS_FORWARD_TCP_ERRORS)).isEqualTo(1);
        assertThat(counted(Counter.DNS_FORWARD_REPLIES)).isZero();
    }

    @Test
    void aSilentFirstResolverOverTcpIsFollowedByTheNextOne() throws Exception {
        FakeResolver silent = resolver(q -> null);
        FakeResolver answering = resolver(q -> FakeResolver.answer(q, 2));
        start(2000, silent, answering);

        assertThat(forwardStream(DnsQueries.query(0x0909, "rotate.example", DnsHeader.TYPE_A, false), 0xffff)).isTrue();

        assertThat(message(nextAnswer()).addresses()).containsExactlyElementsOf(firstAddresses(2));
        assertThat(nextTcpQuery(silent)).as("the silent one was asked first").isNotNull();
        assertThat(silent.tcpQueries).as("and only once").isEmpty();
        assertThat(counted(Counter.DNS_FORWARD_TCP)).as("one connection per attempt").isEqualTo(2);
    }

    @Test
    void aReplyLongerThanTheTasksReceiveWindowBecomesAnEmptyReplyWithTcInOneSegment() throws Exception {
        FakeResolver upstream = resolver(q -> FakeResolver.answer(q, MANY));
        start(2000, upstream);

        assertThat(forwardStream(DnsQueries.query(0x0a0a, "big.example", DnsHeader.TYPE_A, false), 1000)).isTrue();

        List<Segment> segments = nextAnswer();
        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).payload().length).isLessThanOrEqualTo(1000);
        Response r = message(segments);
        assertThat(r.id()).isEqualTo(0x0a0a);
        assertThat(r.tc()).isTrue();
        assertThat(r.answers()).isEmpty();
        assertThat(counted(Counter.DNS_TCP_WINDOW_CUT)).isEqualTo(1);
    }

    @Test
    void aClusterAnswerLongerThanOneSegmentIsSentByTheGatewayInSeveralSegments() throws Exception {
        start(2000, resolver(q -> null));
        Counters processorCounters = new Counters();
        FrameProcessor processor = new FrameProcessor(new ProgramDoor(program()),
                new FlowTable(64, FlowTimeouts.defaults()), new BackendChooser(new BackendLoad(8), new ClientAffinity(64)),
                processorCounters, new TcpCookie(7));
        processor.upstream(forwarder);
        int clientIsn = 0x01000000;

        assertThat(loop.submit(() -> Verdict.name(processor.process(segment(clientIsn, 0, Tcp.SYN, new byte[0]),
                PORT_A, 0, 1L))).get()).isEqualTo("ANSWER_LOCAL");
        int isn = ByteBuffer.wrap(Frames.readable(frames.get(0))).getInt(38);
        byte[] query = DnsQueries.query(0x0b0b, "tasks.huge", DnsHeader.TYPE_A, false);
        byte[] framed = Frames.concat(new byte[] {0, (byte) query.length}, query);
        assertThat(loop.submit(() -> Verdict.name(processor.process(
                segment(clientIsn + 1, isn + 1, Tcp.ACK | Tcp.PSH, framed), PORT_A, 0, 2L))).get())
                .isEqualTo("HANDED_OFF");

        List<Segment> segments = new ArrayList<>();
        int expected = isn + 1;
        do {
            Segment s = Segment.of(nextFrame());
            assertThat(s.seq()).isEqualTo(expected);
            assertThat(s.ack()).isEqualTo(clientIsn + 1 + framed.length);
            assertThat(s.payload().length).isBetween(1, MSS);
            expected += s.payload().length;
            segments.add(s);
        } while ((segments.get(segments.size() - 1).flags() & Tcp.FIN) == 0);
        assertThat(segments).hasSize(3);
        Response r = message(segments);
        assertThat(r.id()).isEqualTo(0x0b0b);
        assertThat(r.tc()).isFalse();
        assertThat(r.addresses()).hasSize(MANY);
        assertThat(counted(Counter.DNS_TCP_MULTI_SEGMENT)).isEqualTo(1);
    }

    /** A segment from task A to its gateway's port 53, in a buffer as the data plane reads one. */
    private ByteBuf segment(int seq, int ack, int flags, byte[] data) {
        byte[] bytes = Frames.tcpFrame(macOf(GATEWAY), macOf(A), A, GATEWAY, CLIENT_PORT, 53, seq, ack, flags, data);
        ByteBuf frame = Unpooled.directBuffer(Frames.HEADROOM + 1514);
        frame.writerIndex(Frames.HEADROOM).readerIndex(Frames.HEADROOM);
        frame.writeBytes(bytes);
        frames.add(frame);
        return frame;
    }
}
