package dev.swarmnet.dataplane.io;

import dev.swarmnet.dataplane.answer.DnsResponder;
import dev.swarmnet.dataplane.answer.TcpReply;
import dev.swarmnet.dataplane.answer.UdpReply;
import dev.swarmnet.dataplane.pipeline.DnsUpstream;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.Udp;
import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import dev.swarmnet.dataplane.wire.dns.DnsMessageReader;
import dev.swarmnet.dataplane.wire.dns.DnsReadStatus;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.agrona.collections.Int2IntHashMap;

/**
 * Forwards DNS queries for names outside the cluster to the host's resolvers over UDP and relays
 * each reply to the task as a frame from its gateway (a UDP datagram, or for a query that came
 * over TCP a TCP segment of that connection), or SERVFAIL when no resolver answered in
 * time.
 *
 * <p>Each forwarded query takes one of {@link ResolverConfig#maxPending()} slots, gets a fresh
 * random message id (so tasks' ids never collide upstream and a blind spoofer must guess 16
 * bits), and is sent to the first resolver; each {@code timeout / resolvers} without an answer it
 * is sent to the next one, and after {@code timeout} the task gets SERVFAIL. Replies are accepted
 * only from a configured resolver's address with a pending id. A reply larger than the task's
 * network can carry becomes an empty reply with TC set, and the task's resolver retries over
 * TCP to the gateway; that query is still forwarded upstream over UDP, and its reply must fit one
 * TCP segment (else it is an empty reply with TC again).
 *
 * <p>Owned by the data-plane event loop: {@link #forward}, replies and {@link #sweep} all run
 * there. This path allocates (a copy of the query, a datagram, a reply frame), bounded by the
 * number of slots.
 */
final class DnsForwarder implements DnsUpstream {
    private static final int NO_SLOT = -1;
    /** Largest upstream reply read whole (a UDP datagram); larger ones are relayed as TC. */
    private static final int MAX_REPLY = 0xffff;

    private final ResolverConfig config;
    private final ProgramDoor door;
    private final FrameSink sink;
    private final Counters counters;
    private final ByteBufAllocator allocator;
    private final DnsResponder responder;
    private final DnsMessageReader reader = new DnsMessageReader();
    private final SplittableRandom random = new SplittableRandom();
    private final Int2IntHashMap slotById;
    private final int[] free;
    private int freeCount;
    private final ByteBuf[] queries;
    private final int[] originalId;
    private final int[] upstreamId;
    private final int[] port;
    private final long[] clientMac;
    private final int[] client;
    private final int[] clientPort;
    private final int[] gateway;
    private final int[] mtu;
    private final int[] attempt;
    private final long[] startedNs;
    private final long[] sentNs;
    /** The query came over TCP: the reply is a TCP segment with these numbers (see {@link #forwardStream}). */
    private final boolean[] stream;
    private final int[] streamSequence;
    private final int[] streamAcknowledgment;
    private Channel channel;

    /** Where relayed replies go: a local port's TAP (the dispatcher), consuming the frame. */
    interface FrameSink {
        void send(int port, ByteBuf frame);
    }

    DnsForwarder(ResolverConfig config, ProgramDoor door, FrameSink sink, Counters counters,
                 ByteBufAllocator allocator) {
        this.config = config;
        this.door = door;
        this.sink = sink;
        this.counters = counters;
        this.allocator = allocator;
        this.responder = new DnsResponder(counters);
        int n = config.maxPending();
        slotById = new Int2IntHashMap(n * 2, 0.5f, NO_SLOT);
        free = new int[n];
        for (int i = 0; i < n; i++) {
            free[i] = n - 1 - i;
        }
        freeCount = n;
        queries = new ByteBuf[n];
        originalId = new int[n];
        upstreamId = new int[n];
        port = new int[n];
        clientMac = new long[n];
        client = new int[n];
        clientPort = new int[n];
        gateway = new int[n];
        mtu = new int[n];
        attempt = new int[n];
        startedNs = new long[n];
        sentNs = new long[n];
        stream = new boolean[n];
        streamSequence = new int[n];
        streamAcknowledgment = new int[n];
    }

    /**
     * Binds the upstream socket (any address, ephemeral port) on {@code bootstrap}'s loop, which
     * must be {@code loop}, and sweeps pending queries there every twentieth of the timeout.
     */
    void start(Bootstrap bootstrap, EventLoop loop) throws InterruptedException {
        long every = Math.max(10, config.timeoutMillis() / 20);
        loop.scheduleAtFixedRate(() -> sweep(System.nanoTime()), every, every, TimeUnit.MILLISECONDS);
        channel = bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_REPLY))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                reply(packet.sender(), packet.content());
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                counters.increment(Counter.DNS_FORWARD_ERRORS);
            }
        }).bind(new InetSocketAddress(0)).sync().channel();
    }

    /** The upstream socket's local address (for tests and diagnostics). */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Number of queries waiting for an upstream. */
    int pending() {
        return config.maxPending() - freeCount;
    }

    @Override
    public boolean forward(ByteBuf buf, int offset, int length, int localPort, long mac, int address, int sourcePort,
                           int gatewayAddress, int networkMtu) {
        int slot = take(buf, offset, length, localPort, mac, address, sourcePort, gatewayAddress, networkMtu);
        if (slot == NO_SLOT) {
            return false;
        }
        stream[slot] = false;
        send(slot, startedNs[slot]);
        return true;
    }

    /** Forwards upstream over UDP like {@link #forward}; the reply goes back to the task over its TCP connection. */
    @Override
    public boolean forwardStream(ByteBuf buf, int offset, int length, int localPort, long mac, int address,
                                 int sourcePort, int gatewayAddress, int networkMtu, int sequence, int acknowledgment) {
        int slot = take(buf, offset, length, localPort, mac, address, sourcePort, gatewayAddress, networkMtu);
        if (slot == NO_SLOT) {
            return false;
        }
        stream[slot] = true;
        streamSequence[slot] = sequence;
        streamAcknowledgment[slot] = acknowledgment;
        send(slot, startedNs[slot]);
        return true;
    }

    /** Takes a slot for a copy of the query, or returns {@link #NO_SLOT} when the query is refused now. */
    private int take(ByteBuf buf, int offset, int length, int localPort, long mac, int address, int sourcePort,
                     int gatewayAddress, int networkMtu) {
        if (channel == null || !channel.isActive() || config.upstreams().isEmpty() || freeCount == 0
                || length < DnsHeader.LENGTH) {
            return NO_SLOT;
        }
        int slot = free[--freeCount];
        int id;
        do {
            id = random.nextInt(0x10000);
        } while (slotById.containsKey(id));
        ByteBuf query = allocator.directBuffer(length, length);
        query.writeBytes(buf, offset, length);
        capEdnsPayload(query, networkMtu - Ipv4.MIN_HEADER_LENGTH - Udp.HEADER_LENGTH);
        originalId[slot] = query.getUnsignedShort(DnsHeader.ID_OFFSET);
        query.setShort(DnsHeader.ID_OFFSET, id);
        queries[slot] = query;
        upstreamId[slot] = id;
        slotById.put(id, slot);
        port[slot] = localPort;
        clientMac[slot] = mac;
        client[slot] = address;
        clientPort[slot] = sourcePort;
        gateway[slot] = gatewayAddress;
        mtu[slot] = networkMtu;
        attempt[slot] = 0;
        startedNs[slot] = System.nanoTime();
        return slot;
    }

    /** Retries slow queries with the next resolver and fails those out of time; run periodically on the loop. */
    void sweep(long nowNs) {
        long timeout = config.timeoutMillis() * 1_000_000L;
        int resolvers = config.upstreams().size();
        long perAttempt = timeout / Math.max(1, resolvers);
        for (int slot = 0; slot < queries.length; slot++) {
            if (queries[slot] == null) {
                continue;
            }
            if (nowNs - startedNs[slot] >= timeout) {
                counters.increment(Counter.DNS_FORWARD_TIMEOUTS);
                ByteBuf query = queries[slot];
                query.setShort(DnsHeader.ID_OFFSET, originalId[slot]);
                int length = responder.empty(query, 0, query.readableBytes(), DnsHeader.RCODE_SERVFAIL, false,
                        limit(slot));
                if (length > 0) {
                    ByteBuf frame = frame(slot, length);
                    frame.setBytes(payloadIndex(slot), responder.scratch(), 0, length);
                    deliver(slot, frame, length);
                }
                release(slot);
            } else if (nowNs - sentNs[slot] >= perAttempt && attempt[slot] + 1 < resolvers) {
                attempt[slot]++;
                send(slot, nowNs);
            }
        }
    }

    /** Releases every pending query; call on the loop when the data plane closes. */
    /**
     * Completes once the forwarder's socket is closed (on io_uring that waits for its cancelled
     * reads), or null before {@link #start}.
     */
    io.netty.util.concurrent.Future<Void> closeFuture() {
        return channel == null ? null : channel.closeFuture();
    }

    void close() {
        for (int slot = 0; slot < queries.length; slot++) {
            if (queries[slot] != null) {
                release(slot);
            }
        }
        if (channel != null) {
            channel.close();
        }
    }

    /**
     * Lowers the UDP payload size an EDNS query advertises to what the task's network carries, so
     * the upstream truncates (TC) rather than sends a reply the task could not receive whole.
     */
    private void capEdnsPayload(ByteBuf query, int max) {
        if (reader.wrap(query, 0, query.readableBytes()) != DnsReadStatus.OK || !reader.hasEdns()) {
            return;
        }
        while (reader.nextRecord() == DnsReadStatus.OK) {
            if (reader.recordType() == DnsHeader.TYPE_OPT) {
                int classIndex = reader.recordNameOffset() + 1 + DnsMessageReader.CLASS_OFFSET;
                if (query.getUnsignedShort(classIndex) > max) {
                    query.setShort(classIndex, Math.max(DnsHeader.MAX_UDP_LENGTH, max));
                }
                return;
            }
        }
    }

    private void send(int slot, long nowNs) {
        sentNs[slot] = nowNs;
        InetSocketAddress upstream = config.upstreams().get(attempt[slot]);
        channel.writeAndFlush(new DatagramPacket(queries[slot].retainedDuplicate(), upstream))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        counters.increment(Counter.DNS_FORWARD_ERRORS);
                    }
                });
    }

    private void reply(InetSocketAddress sender, ByteBuf content) {
        int length = content.readableBytes();
        int slot = length < DnsHeader.LENGTH ? NO_SLOT : slotById.get(content.getUnsignedShort(content.readerIndex()));
        if (slot == NO_SLOT || !config.upstreams().contains(sender)
                || (content.getUnsignedShort(content.readerIndex() + DnsHeader.FLAGS_OFFSET) & DnsHeader.QR_MASK) == 0) {
            counters.increment(Counter.DNS_FORWARD_ERRORS);
            return;
        }
        int limit = limit(slot);
        ByteBuf frame;
        int replyLength;
        if (length <= limit) {
            frame = frame(slot, length);
            frame.setBytes(payloadIndex(slot), content, content.readerIndex(), length);
            frame.setShort(payloadIndex(slot) + DnsHeader.ID_OFFSET, originalId[slot]);
            replyLength = length;
        } else {
            ByteBuf query = queries[slot];
            query.setShort(DnsHeader.ID_OFFSET, originalId[slot]);
            int rcode = content.getUnsignedShort(content.readerIndex() + DnsHeader.FLAGS_OFFSET) & DnsHeader.RCODE_MASK;
            replyLength = responder.empty(query, 0, query.readableBytes(), rcode, true, limit);
            frame = frame(slot, replyLength);
            frame.setBytes(payloadIndex(slot), responder.scratch(), 0, replyLength);
        }
        counters.increment(Counter.DNS_FORWARD_REPLIES);
        deliver(slot, frame, replyLength);
        release(slot);
    }

    /** Most octets of DNS message the reply to {@code slot} may take: a UDP datagram, or one TCP segment. */
    private int limit(int slot) {
        return stream[slot] ? mtu[slot] - Ipv4.MIN_HEADER_LENGTH - Tcp.MIN_HEADER_LENGTH - 2
                : mtu[slot] - Ipv4.MIN_HEADER_LENGTH - Udp.HEADER_LENGTH;
    }

    /** Where the DNS message starts in a reply frame: after the headers (and, over TCP, its 2-octet length). */
    private int payloadIndex(int slot) {
        return DataPlane.HEADROOM + (stream[slot] ? TcpReply.HEADERS_LENGTH + 2 : UdpReply.HEADERS_LENGTH);
    }

    private ByteBuf frame(int slot, int messageLength) {
        int capacity = payloadIndex(slot) + messageLength;
        return allocator.directBuffer(capacity, capacity);
    }

    /** Writes the headers and sends the frame to the task, if its port still belongs to it. */
    private void deliver(int slot, ByteBuf frame, int payloadLength) {
        Program program = door.current();
        int localPort = port[slot];
        if (program.portNetwork(localPort) < 0 || program.portAddress(localPort) != client[slot]) {
            counters.increment(Counter.DNS_FORWARD_ERRORS);
            frame.release();
            return;
        }
        if (stream[slot]) {
            frame.setShort(DataPlane.HEADROOM + TcpReply.HEADERS_LENGTH, payloadLength);
            TcpReply.write(frame, DataPlane.HEADROOM, Endpoint.macFor(gateway[slot]), clientMac[slot], gateway[slot],
                    client[slot], ResolverConfig.DNS_PORT, clientPort[slot], streamSequence[slot],
                    streamAcknowledgment[slot], Tcp.ACK | Tcp.PSH | Tcp.FIN, payloadLength + 2);
        } else {
            UdpReply.write(frame, DataPlane.HEADROOM, Endpoint.macFor(gateway[slot]), clientMac[slot], gateway[slot],
                    client[slot], ResolverConfig.DNS_PORT, clientPort[slot], payloadLength);
        }
        sink.send(localPort, frame);
    }

    private void release(int slot) {
        queries[slot].release();
        queries[slot] = null;
        slotById.remove(upstreamId[slot]);
        free[freeCount++] = slot;
    }
}
