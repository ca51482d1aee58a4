package dev.swarmnet.dataplane.io;

import dev.swarmnet.dataplane.answer.DnsResponder;
import dev.swarmnet.dataplane.answer.TcpAnswer;
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
 * Forwards DNS queries for names outside the cluster to the host's resolvers and relays each
 * reply to the task as frames from its gateway (a UDP datagram, or for a query that came over
 * TCP the TCP segments of that connection), or SERVFAIL when no resolver answered in time.
 *
 * <p>Each forwarded query takes one of {@link ResolverConfig#maxPending()} slots, gets a fresh
 * random message id (so tasks' ids never collide upstream and a blind spoofer must guess 16
 * bits), and is sent to the first resolver; each {@code timeout / resolvers} without an answer it
 * is sent to the next one, and after {@code timeout} the task gets SERVFAIL.
 *
 * <p>Two ways upstream. A query the task sent over UDP goes over UDP; replies are accepted only
 * from a configured resolver's address with a pending id. A query the task sent over TCP
 * ({@link #forwardStream}), and a UDP query whose upstream reply came back truncated (TC), go
 * over TCP (RFC 7766; the message behind its 2-octet length, RFC 1035 §4.2.2): one short
 * connection per query and attempt, opened on the loop toward the resolver of that attempt (for
 * a TC retry, the resolver that truncated), under the same slot, timeout and rotation as UDP; a
 * reply is accepted only on the slot's current connection and with its pending id, else it is
 * dropped, counted, and the connection closed (the query then waits for the next resolver or its
 * timeout). Closing the connection is how an attempt is abandoned. The connections themselves
 * are {@link UpstreamConnections}.
 *
 * <p>Relaying: a reply over UDP must fit a datagram on the task's network, else the task gets an
 * empty reply with TC and asks again over TCP (the gateway's endpoint, then this forwarder over
 * TCP, and the whole answer). A reply over TCP to the task may be up to 64 KiB: it is sent at
 * once as several segments ({@link TcpAnswer}), each at most the network's MTU less 40 octets, the
 * last with FIN; one longer than the receive window the task's query segment advertised becomes
 * an empty reply with TC (counted), since the gateway's stateless endpoint cannot send more later.
 * {@link #sendStream} sends the gateway's own long answers the same way.
 *
 * <p>Owned by the data-plane event loop: {@link #forward}, replies, connections and
 * {@link #sweep} all run there. This path allocates (a copy of the query, a datagram or a
 * connection, reply frames), bounded by the number of slots.
 */
final class DnsForwarder implements DnsUpstream {
    private static final int NO_SLOT = -1;
    /** Largest upstream reply read whole (a UDP datagram); larger ones are relayed as TC. */
    private static final int MAX_REPLY = UpstreamConnections.MAX_REPLY;

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
    /** The query came over TCP: the reply is TCP segments with these numbers (see {@link #forwardStream}). */
    private final boolean[] stream;
    private final int[] streamSequence;
    private final int[] streamAcknowledgment;
    /** The receive window the task's query segment advertised (TCP queries only). */
    private final int[] streamWindow;
    /** The slot asks its upstream over TCP (a TCP query, or a UDP reply came back with TC). */
    private final boolean[] overTcp;
    private Channel channel;
    private UpstreamConnections streams;

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
        streamWindow = new int[n];
        overTcp = new boolean[n];
    }

    /**
     * Binds the upstream socket (any address, ephemeral port) with {@code transport}'s datagram
     * channel on {@code loop}, and sweeps pending queries there every twentieth of the timeout.
     * TCP connections upstream are made on the same loop with the transport's socket channel
     * ({@link Transport#socketChannel}), from the loop thread's network namespace.
     */
    void start(Transport transport, EventLoop loop) throws InterruptedException {
        long every = Math.max(10, config.timeoutMillis() / 20);
        int connectMillis = (int) Math.max(10, config.timeoutMillis() / Math.max(1, config.upstreams().size()));
        loop.scheduleAtFixedRate(() -> sweep(System.nanoTime()), every, every, TimeUnit.MILLISECONDS);
        channel = new Bootstrap().group(loop).channel(transport.datagramChannel()).option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_REPLY))
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
        streams = new UpstreamConnections(new Bootstrap().group(loop).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                .option(ChannelOption.TCP_NODELAY, true), counters, this::streamReply, config.maxPending());
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
        overTcp[slot] = false;
        send(slot, startedNs[slot]);
        return true;
    }

    /** Forwards upstream over TCP; the reply goes back to the task over its TCP connection, in segments. */
    @Override
    public boolean forwardStream(ByteBuf buf, int offset, int length, int localPort, long mac, int address,
                                 int sourcePort, int gatewayAddress, int networkMtu, int sequence, int acknowledgment,
                                 int window) {
        int slot = take(buf, offset, length, localPort, mac, address, sourcePort, gatewayAddress, networkMtu);
        if (slot == NO_SLOT) {
            return false;
        }
        stream[slot] = true;
        overTcp[slot] = true;
        streamSequence[slot] = sequence;
        streamAcknowledgment[slot] = acknowledgment;
        streamWindow[slot] = window;
        send(slot, startedNs[slot]);
        return true;
    }

    /** Sends the gateway's own answer at {@code message[offset, offset + length)} in segments (see {@link TcpAnswer}). */
    @Override
    public boolean sendStream(ByteBuf message, int offset, int length, int localPort, long mac, int address,
                              int sourcePort, int gatewayAddress, int networkMtu, int sequence, int acknowledgment) {
        if (length < DnsHeader.LENGTH || length > DnsResponder.MAX_REPLY) {
            return false;
        }
        sendSegments(localPort, mac, address, sourcePort, gatewayAddress, networkMtu, sequence, acknowledgment,
                message, offset, length);
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

    /**
     * Completes once the forwarder's socket is closed (on io_uring that waits for its cancelled
     * reads), or null before {@link #start}.
     */
    io.netty.util.concurrent.Future<Void> closeFuture() {
        return channel == null ? null : channel.closeFuture();
    }

    /** Releases every pending query and closes its connection; call on the loop when the data plane closes. */
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
        if (overTcp[slot]) {
            streams.open(slot, queries[slot], upstream);
            return;
        }
        channel.writeAndFlush(new DatagramPacket(queries[slot].retainedDuplicate(), upstream))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        counters.increment(Counter.DNS_FORWARD_ERRORS);
                    }
                });
    }

    /**
     * A reply on the slot's current connection: relayed if it carries the pending id, else dropped
     * and the connection closed (the query waits for the next resolver or its timeout).
     */
    private void streamReply(int slot, ByteBuf content) {
        int length = content.readableBytes();
        if (length < DnsHeader.LENGTH || content.getUnsignedShort(content.readerIndex()) != upstreamId[slot]
                || (content.getUnsignedShort(content.readerIndex() + DnsHeader.FLAGS_OFFSET) & DnsHeader.QR_MASK) == 0) {
            counters.increment(Counter.DNS_FORWARD_TCP_ERRORS);
            streams.close(slot);
            return;
        }
        relay(slot, content);
        release(slot);
    }

    private void reply(InetSocketAddress sender, ByteBuf content) {
        int length = content.readableBytes();
        int slot = length < DnsHeader.LENGTH ? NO_SLOT : slotById.get(content.getUnsignedShort(content.readerIndex()));
        int flags = length < DnsHeader.LENGTH ? 0 : content.getUnsignedShort(content.readerIndex() + DnsHeader.FLAGS_OFFSET);
        int resolver = config.upstreams().indexOf(sender);
        if (slot == NO_SLOT || stream[slot] || resolver < 0 || (flags & DnsHeader.QR_MASK) == 0) {
            counters.increment(Counter.DNS_FORWARD_ERRORS);
            return;
        }
        if ((flags & DnsHeader.TC_MASK) != 0) {
            if (!overTcp[slot]) {
                // Truncated: ask the same resolver over TCP, within the query's time left.
                overTcp[slot] = true;
                attempt[slot] = resolver;
                send(slot, System.nanoTime());
            }
            return;
        }
        relay(slot, content);
        release(slot);
    }

    /** Relays an accepted upstream reply to the slot's task under the task's own id, or TC when it cannot carry it. */
    private void relay(int slot, ByteBuf content) {
        int length = content.readableBytes();
        int at = content.readerIndex();
        content.setShort(at + DnsHeader.ID_OFFSET, originalId[slot]);
        counters.increment(Counter.DNS_FORWARD_REPLIES);
        if (stream[slot] && TcpAnswer.fits(length, streamWindow[slot])) {
            if (owned(slot)) {
                sendSegments(port[slot], clientMac[slot], client[slot], clientPort[slot], gateway[slot], mtu[slot],
                        streamSequence[slot], streamAcknowledgment[slot], content, at, length);
            }
            return;
        }
        int limit = limit(slot);
        ByteBuf frame;
        int replyLength;
        if (length <= limit) {
            frame = frame(slot, length);
            frame.setBytes(payloadIndex(slot), content, at, length);
            replyLength = length;
        } else {
            if (stream[slot]) {
                counters.increment(Counter.DNS_TCP_WINDOW_CUT);
            }
            ByteBuf query = queries[slot];
            query.setShort(DnsHeader.ID_OFFSET, originalId[slot]);
            int rcode = content.getUnsignedShort(at + DnsHeader.FLAGS_OFFSET) & DnsHeader.RCODE_MASK;
            replyLength = responder.empty(query, 0, query.readableBytes(), rcode, true, limit);
            frame = frame(slot, replyLength);
            frame.setBytes(payloadIndex(slot), responder.scratch(), 0, replyLength);
        }
        deliver(slot, frame, replyLength);
    }

    /** Sends a DNS message to a task as a TCP answer in segments of at most the network's MTU less 40 octets. */
    private void sendSegments(int localPort, long mac, int address, int sourcePort, int gatewayAddress, int networkMtu,
                              int sequence, int acknowledgment, ByteBuf message, int offset, int length) {
        int mss = networkMtu - Ipv4.MIN_HEADER_LENGTH - Tcp.MIN_HEADER_LENGTH;
        int segments = TcpAnswer.segments(length, mss);
        if (segments > 1) {
            counters.increment(Counter.DNS_TCP_MULTI_SEGMENT);
        }
        for (int i = 0; i < segments; i++) {
            int capacity = DataPlane.HEADROOM + TcpReply.HEADERS_LENGTH + TcpAnswer.payloadLength(length, mss, i);
            ByteBuf frame = allocator.directBuffer(capacity, capacity);
            TcpAnswer.write(frame, DataPlane.HEADROOM, message, offset, length, mss, i, Endpoint.macFor(gatewayAddress),
                    mac, gatewayAddress, address, ResolverConfig.DNS_PORT, sourcePort, sequence, acknowledgment);
            sink.send(localPort, frame);
        }
    }

    /**
     * Most octets of DNS message a one-frame reply to {@code slot} may take: a UDP datagram, or
     * one TCP segment within the task's window.
     */
    private int limit(int slot) {
        if (stream[slot]) {
            int mss = mtu[slot] - Ipv4.MIN_HEADER_LENGTH - Tcp.MIN_HEADER_LENGTH;
            return Math.min(mss, streamWindow[slot]) - TcpAnswer.PREFIX;
        }
        return mtu[slot] - Ipv4.MIN_HEADER_LENGTH - Udp.HEADER_LENGTH;
    }

    /** Where the DNS message starts in a reply frame: after the headers (and, over TCP, its 2-octet length). */
    private int payloadIndex(int slot) {
        return DataPlane.HEADROOM + (stream[slot] ? TcpReply.HEADERS_LENGTH + 2 : UdpReply.HEADERS_LENGTH);
    }

    private ByteBuf frame(int slot, int messageLength) {
        int capacity = payloadIndex(slot) + messageLength;
        return allocator.directBuffer(capacity, capacity);
    }

    /** Whether the slot's task still owns its port; counted as an error when not. */
    private boolean owned(int slot) {
        Program program = door.current();
        int localPort = port[slot];
        if (program.portNetwork(localPort) < 0 || program.portAddress(localPort) != client[slot]) {
            counters.increment(Counter.DNS_FORWARD_ERRORS);
            return false;
        }
        return true;
    }

    /** Writes the headers and sends the frame to the task, if its port still belongs to it. */
    private void deliver(int slot, ByteBuf frame, int payloadLength) {
        int localPort = port[slot];
        if (!owned(slot)) {
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
        streams.close(slot);
        overTcp[slot] = false;
        queries[slot].release();
        queries[slot] = null;
        slotById.remove(upstreamId[slot]);
        free[freeCount++] = slot;
    }
}
