package dev.swarmnet.dataplane.io;

import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.GATEWAY;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.testing.DnsQueries;
import dev.swarmnet.dataplane.testing.DnsQueries.Response;
import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.testing.Lab;
import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Forwarding names outside the cluster to fake upstream resolvers on 127.0.0.1. */
class DnsForwarderTest {
    private static final int CLIENT_PORT = 40000;

    private final IoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final IoEventLoop loop = group.next();
    private final Counters counters = new Counters();
    private final BlockingQueue<byte[]> delivered = new LinkedBlockingQueue<>();
    private final List<Integer> deliveredPorts = new ArrayList<>();
    private final List<DatagramSocket> upstreams = new ArrayList<>();
    private DnsForwarder forwarder;

    @AfterEach
    void tearDown() throws Exception {
        if (forwarder != null) {
            loop.submit(forwarder::close).get();
        }
        upstreams.forEach(DatagramSocket::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private DatagramSocket upstream() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5000);
        upstreams.add(socket);
        return socket;
    }

    private void start(long timeoutMillis, int maxPending, DatagramSocket... servers) throws Exception {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (DatagramSocket server : servers) {
            addresses.add((InetSocketAddress) server.getLocalSocketAddress());
        }
        forwarder = new DnsForwarder(new ResolverConfig(addresses, timeoutMillis, maxPending),
                new ProgramDoor(Lab.program()), (port, frame) -> {
                    synchronized (deliveredPorts) {
                        deliveredPorts.add(port);
                    }
                    delivered.add(Frames.readable(frame));
                    frame.release();
                }, counters, PooledByteBufAllocator.DEFAULT);
        forwarder.start(Transport.NIO, loop);
    }

    private boolean forward(byte[] query) throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(query);
        return loop.submit(() -> forwarder.forward(buf, 0, query.length, PORT_A, macOf(A), A, CLIENT_PORT, GATEWAY, 1450))
                .get();
    }

    /** Receives one query at a fake upstream. */
    private static DatagramPacket receive(DatagramSocket server) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        server.receive(packet);
        return packet;
    }

    /** Answers {@code query} from {@code server} with QR set and one A record 192.0.2.7. */
    private static void answer(DatagramSocket server, DatagramPacket query) throws Exception {
        byte[] q = java.util.Arrays.copyOf(query.getData(), query.getLength());
        ByteBuffer b = ByteBuffer.allocate(q.length + 16);
        b.put(q);
        b.putShort(2, (short) (DnsHeader.QR_MASK | DnsHeader.RD_MASK | DnsHeader.RA_MASK));
        b.putShort(6, (short) 1);
        b.putShort((short) 0xc00c).putShort((short) DnsHeader.TYPE_A).putShort((short) 1).putInt(300)
                .putShort((short) 4).putInt(Frames.ip("192.0.2.7"));
        server.send(new DatagramPacket(b.array(), b.position(), query.getSocketAddress()));
    }

    private Response next() throws Exception {
        byte[] frame = delivered.poll(5, TimeUnit.SECONDS);
        assertThat(frame).as("a frame for the task").isNotNull();
        ByteBuffer b = ByteBuffer.wrap(frame);
        assertThat(b.getInt(14 + 12)).isEqualTo(GATEWAY);
        assertThat(b.getInt(14 + 16)).isEqualTo(A);
        assertThat(b.getShort(36) & 0xffff).isEqualTo(CLIENT_PORT);
        assertThat(Frames.checksum(frame, 14, 20, 0)).isZero();
        return DnsQueries.decode(Frames.slice(frame, 42, frame.length));
    }

    /** A counter as the event loop sees it once it has finished what it was doing (the forwarder counts on the loop). */
    private long counted(int counter) throws Exception {
        return loop.submit(() -> counters.get(counter)).get();
    }

    @Test
    void theUpstreamsAnswerIsRelayedToTheTaskUnderTheTasksOwnId() throws Exception {
        DatagramSocket server = upstream();
        start(2000, 4, server);

        assertThat(forward(DnsQueries.query(0x4242, "example.com", DnsHeader.TYPE_A, false))).isTrue();
        DatagramPacket query = receive(server);
        assertThat(DnsQueries.decode(java.util.Arrays.copyOf(query.getData(), query.getLength())).questions()).isEqualTo(1);
        answer(server, query);

        Response r = next();
        assertThat(r.id()).isEqualTo(0x4242);
        assertThat(r.addresses()).containsExactly(Frames.ip("192.0.2.7"));
        assertThat(deliveredPorts).containsExactly(PORT_A);
        assertThat(counted(Counter.DNS_FORWARD_REPLIES)).isEqualTo(1);
        assertThat(loop.submit(forwarder::pending).get()).isZero();
    }

    @Test
    void noAnswerInTimeIsServfail() throws Exception {
        DatagramSocket silent = upstream();
        start(300, 4, silent);

        assertThat(forward(DnsQueries.query(0x0101, "example.com", DnsHeader.TYPE_A, false))).isTrue();
        receive(silent);

        Response r = next();
        assertThat(r.id()).isEqualTo(0x0101);
        assertThat(r.rcode()).isEqualTo(DnsHeader.RCODE_SERVFAIL);
        assertThat(counted(Counter.DNS_FORWARD_TIMEOUTS)).isEqualTo(1);
        assertThat(loop.submit(forwarder::pending).get()).isZero();
    }

    @Test
    void aSilentFirstResolverIsFollowedByTheNextOne() throws Exception {
        DatagramSocket silent = upstream();
        DatagramSocket server = upstream();
        start(2000, 4, silent, server);

        assertThat(forward(DnsQueries.query(0x0202, "example.org", DnsHeader.TYPE_A, false))).isTrue();
        receive(silent);
        answer(server, receive(server));

        assertThat(next().addresses()).containsExactly(Frames.ip("192.0.2.7"));
    }

    @Test
    void pendingQueriesAreBoundedAndRepliesFromStrangersAreIgnored() throws Exception {
        DatagramSocket server = upstream();
        start(2000, 2, server);

        assertThat(forward(DnsQueries.query(1, "a.example", DnsHeader.TYPE_A, false))).isTrue();
        assertThat(forward(DnsQueries.query(2, "b.example", DnsHeader.TYPE_A, false))).isTrue();
        assertThat(forward(DnsQueries.query(3, "c.example", DnsHeader.TYPE_A, false))).as("over the bound").isFalse();

        DatagramPacket first = receive(server);
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            answer(stranger, first);
        }
        answer(server, first);
        assertThat(next().addresses()).containsExactly(Frames.ip("192.0.2.7"));
        assertThat(counted(Counter.DNS_FORWARD_ERRORS)).as("the stranger's reply").isEqualTo(1);
        assertThat(forward(DnsQueries.query(4, "d.example", DnsHeader.TYPE_A, false))).as("a slot is free again").isTrue();
    }

    @Test
    void anEdnsQueryAsksTheUpstreamForNoMoreThanTheTasksNetworkCarries() throws Exception {
        DatagramSocket server = upstream();
        start(2000, 4, server);
        byte[] query = DnsQueries.query(0x0303, "big.example", DnsHeader.TYPE_TXT, true);
        ByteBuffer.wrap(query).putShort(query.length - 11 + 3, (short) 4096);

        assertThat(forward(query)).isTrue();
        DatagramPacket sent = receive(server);
        int advertised = ByteBuffer.wrap(sent.getData()).getShort(sent.getLength() - 11 + 3) & 0xffff;
        assertThat(advertised).isEqualTo(1450 - 28);
    }

    @Test
    void resolversAreReadFromResolvConfInOrder() {
        assertThat(ResolverConfig.nameservers("# comment\nsearch x\nnameserver 10.0.0.53\nnameserver ::1\n"
                + "nameserver fe80::1%eth0\nnameserver bogus\n"))
                .extracting(InetSocketAddress::getHostString)
                .containsExactly("10.0.0.53", "0:0:0:0:0:0:0:1", "fe80:0:0:0:0:0:0:1");
    }
}
