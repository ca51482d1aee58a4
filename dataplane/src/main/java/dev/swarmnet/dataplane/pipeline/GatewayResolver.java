package dev.swarmnet.dataplane.pipeline;

import dev.swarmnet.dataplane.answer.DnsResponder;
import dev.swarmnet.dataplane.answer.TcpAnswer;
import dev.swarmnet.dataplane.answer.TcpCookie;
import dev.swarmnet.dataplane.answer.TcpReply;
import dev.swarmnet.dataplane.answer.UdpReply;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.Udp;
import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import io.netty.buffer.ByteBuf;

/**
 * The resolver at each network's gateway address, as the {@link FrameProcessor} meets it: a DNS
 * query from a local task over UDP or TCP, in a frame whose Ethernet, IPv4 and UDP or TCP headers
 * the processor has already read into the flyweights it shares with this class. The answer is
 * written in place over the query's frame ({@link #REPLIED}), or the query is handed to the
 * {@link DnsUpstream} ({@link #HANDED_OFF}), or the segment is to be refused with a RST
 * ({@link #RESET}), or the frame is dropped for the reason returned (a {@link Counter} id, which
 * the processor counts).
 *
 * <p>Owned by the processor's event loop, like the processor. Per query it allocates nothing.
 */
final class GatewayResolver {
    /** The answer is in the frame, to be sent back out of the port it came in on. */
    static final int REPLIED = -1;
    /** The upstream forwarder took the query; it sends the answer itself. */
    static final int HANDED_OFF = -2;
    /** The segment is refused: answer it with a RST. */
    static final int RESET = -3;

    private static final int DNS_PORT = FrameProcessor.DNS_PORT;

    private final Ethernet eth;
    private final Ipv4 ip;
    private final Tcp tcp;
    private final Udp udp;
    private final Counters counters;
    private final DnsResponder responder;
    private final TcpCookie cookie;
    private final DnsTcpQueries tcpQueries = new DnsTcpQueries();
    private DnsUpstream upstream;

    GatewayResolver(Ethernet eth, Ipv4 ip, Tcp tcp, Udp udp, Counters counters, TcpCookie cookie) {
        this.eth = eth;
        this.ip = ip;
        this.tcp = tcp;
        this.udp = udp;
        this.counters = counters;
        this.cookie = cookie;
        this.responder = new DnsResponder(counters);
    }

    /** Where names outside the cluster go; without one they are answered SERVFAIL. */
    void upstream(DnsUpstream upstream) {
        this.upstream = upstream;
    }

    /** A DNS query from a local task to its gateway: answered here, or handed to the upstream forwarder. */
    int udp(ByteBuf frame, Program program, int network, int inPort) {
        int frameOffset = eth.offset();
        int queryOffset = ip.payloadOffset() + Udp.HEADER_LENGTH;
        int queryLength = udp.length() - Udp.HEADER_LENGTH;
        int gateway = program.gateway(network);
        int mtu = program.mtu(network);
        int maxLength = Math.min(frame.capacity() - frameOffset - UdpReply.HEADERS_LENGTH,
                mtu - Ipv4.MIN_HEADER_LENGTH - Udp.HEADER_LENGTH);
        Network net = program.networks().get(network);
        int length = responder.respond(frame, queryOffset, queryLength, program.dns(network), net, maxLength);
        if (length == DnsResponder.DROP) {
            return Counter.DROP_MALFORMED_DNS;
        }
        long clientMac = eth.source();
        int client = ip.source();
        int clientPort = udp.sourcePort();
        if (length == DnsResponder.FORWARD) {
            if (upstream != null && upstream.forward(frame, queryOffset, queryLength, inPort, clientMac, client,
                    clientPort, gateway, mtu)) {
                counters.increment(Counter.DNS_FORWARDED);
                return HANDED_OFF;
            }
            counters.increment(Counter.DNS_FORWARD_REFUSED);
            length = responder.empty(frame, queryOffset, queryLength, DnsHeader.RCODE_SERVFAIL, false, maxLength);
        }
        responder.copyTo(frame, frameOffset + UdpReply.HEADERS_LENGTH, length);
        UdpReply.write(frame, frameOffset, Endpoint.macFor(gateway), clientMac, gateway, client, DNS_PORT, clientPort,
                length);
        return REPLIED;
    }

    /**
     * DNS over TCP (RFC 7766) at a gateway, from a local task, with no state kept per connection:
     * a SYN gets a SYN-ACK whose sequence number is a {@link TcpCookie}; a segment that
     * acknowledges a valid cookie and carries a whole query (2-octet length, message) gets the
     * reply, or is handed to the upstream forwarder, and the reply segment also carries our FIN (one
     * query per connection, as resolvers that fall back from a truncated UDP answer use it); a FIN
     * gets its ACK; a bare ACK needs nothing. Anything else gets a RST. A query in several
     * segments is gathered in one of a few fixed slots ({@link DnsTcpQueries}), each part
     * acknowledged. A reply longer than one segment (up to 64 KiB) goes to the upstream forwarder,
     * which sends it as several segments at once ({@link DnsUpstream#sendStream}); without one it
     * is an empty reply with TC. A reply is never longer than the receive window the query's
     * segment advertises: the endpoint cannot retransmit, so what lies beyond the window would be
     * lost and the client would wait for it; such a reply is cut to the window with TC set (the
     * records that fit, a message the client can read) and counted. A query segment advertising
     * a window too small for a bare DNS header gets a RST.
     */
    int tcp(ByteBuf frame, Program program, int network, int inPort, long nowNs) {
        int flags = tcp.flags();
        int frameOffset = eth.offset();
        long clientMac = eth.source();
        int client = ip.source();
        int gateway = ip.destination();
        int clientPort = tcp.sourcePort();
        int sequence = tcp.sequence();
        if ((flags & (Tcp.SYN | Tcp.ACK)) == Tcp.SYN) {
            int isn = cookie.issue(client, clientPort, gateway, DNS_PORT, nowNs);
            TcpReply.writeSynAck(frame, frameOffset, Endpoint.macFor(gateway), clientMac, gateway, client, DNS_PORT,
                    clientPort, isn, sequence + 1, program.mtu(network) - Ipv4.MIN_HEADER_LENGTH - Tcp.MIN_HEADER_LENGTH);
            counters.increment(Counter.DNS_TCP_CONNECTIONS);
            return REPLIED;
        }
        if ((flags & (Tcp.SYN | Tcp.ACK)) != Tcp.ACK) {
            return refused();
        }
        int payload = tcp.payloadLength();
        int ours = tcp.acknowledgment();
        boolean fin = (flags & Tcp.FIN) != 0;
        if (payload == 0) {
            return fin ? acknowledge(frame, ours, sequence + 1)
                    : Counter.DROP_DNS_TCP_BARE_ACK;
        }
        if (!cookie.valid(ours - 1, client, clientPort, gateway, DNS_PORT, nowNs)) {
            return refused();
        }
        int data = ip.payloadOffset() + tcp.headerLength();
        ByteBuf query = frame;
        int queryOffset = data + 2;
        int queryLength = payload < 2 ? -1 : frame.getUnsignedShort(data);
        int gathering = tcpQueries.find(client, clientPort, inPort, nowNs);
        if (gathering != DnsTcpQueries.NONE || queryLength < 0 || payload < 2 + queryLength) {
            // Part of a query (a client that writes the length and the message separately).
            if (gathering == DnsTcpQueries.NONE) {
                gathering = tcpQueries.open(client, clientPort, inPort, sequence, nowNs);
            }
            int expected = tcpQueries.nextSequence(gathering);
            if (sequence != expected) {
                // a retransmission of what we have (acknowledge again), or a gap (the client resends)
                return sequence - expected < 0 ? acknowledge(frame, ours, expected)
                        : Counter.DROP_DNS_TCP_PARTIAL;
            }
            if (!tcpQueries.append(gathering, frame, data, payload, nowNs)) {
                return refused();
            }
            queryLength = tcpQueries.wholeQueryLength(gathering);
            if (queryLength < 0) {
                if (fin) {
                    tcpQueries.free(gathering);
                    return refused();
                }
                counters.increment(Counter.DNS_TCP_PARTIAL);
                return acknowledge(frame, ours, sequence + payload);
            }
            tcpQueries.free(gathering);
            query = tcpQueries.bytes();
            queryOffset = tcpQueries.messageOffset(gathering);
        }
        int clientNext = sequence + payload + (fin ? 1 : 0);
        int mtu = program.mtu(network);
        int mss = mtu - Ipv4.MIN_HEADER_LENGTH - Tcp.MIN_HEADER_LENGTH;
        // Our SYN-ACK offers no window scaling, so the client's window is in octets as written.
        int window = frame.getUnsignedShort(ip.payloadOffset() + Tcp.WINDOW_OFFSET);
        if (window < TcpAnswer.PREFIX + DnsHeader.LENGTH) {
            return refused();
        }
        int inPlace = Math.min(frame.capacity() - frameOffset - TcpReply.HEADERS_LENGTH, mss) - TcpAnswer.PREFIX;
        int room = upstream != null ? DnsResponder.MAX_REPLY : inPlace;
        int maxLength = Math.min(room, window - TcpAnswer.PREFIX);
        Network net = program.networks().get(network);
        int length = responder.respond(query, queryOffset, queryLength, program.dns(network), net, maxLength, true);
        if (length == DnsResponder.DROP) {
            return refused();
        }
        if (length == DnsResponder.FORWARD) {
            if (upstream != null && upstream.forwardStream(query, queryOffset, queryLength, inPort, clientMac, client,
                    clientPort, gateway, mtu, ours, clientNext, window)) {
                counters.increment(Counter.DNS_FORWARDED);
                return HANDED_OFF;
            }
            counters.increment(Counter.DNS_FORWARD_REFUSED);
            length = responder.empty(query, queryOffset, queryLength, DnsHeader.RCODE_SERVFAIL, false,
                    Math.min(inPlace, maxLength));
        } else if (maxLength < room && isTruncated(length)) {
            counters.increment(Counter.DNS_TCP_WINDOW_CUT);
        }
        if (length > inPlace) {
            // Longer than one segment (or than the frame has room for): sent as several.
            if (upstream.sendStream(responder.scratch(), 0, length, inPort, clientMac, client, clientPort, gateway, mtu,
                    ours, clientNext)) {
                return HANDED_OFF;
            }
            int rcode = responder.scratch().getUnsignedShort(DnsHeader.FLAGS_OFFSET) & DnsHeader.RCODE_MASK;
            length = responder.empty(query, queryOffset, queryLength, rcode, true, inPlace);
        }
        responder.copyTo(frame, frameOffset + TcpReply.HEADERS_LENGTH + TcpAnswer.PREFIX, length);
        frame.setShort(frameOffset + TcpReply.HEADERS_LENGTH, length);
        TcpReply.write(frame, frameOffset, Endpoint.macFor(gateway), clientMac, gateway, client, DNS_PORT, clientPort,
                ours, clientNext, Tcp.ACK | Tcp.PSH | Tcp.FIN, length + TcpAnswer.PREFIX);
        return REPLIED;
    }

    /** Whether the reply of {@code length} octets in the responder's scratch buffer has TC set. */
    private boolean isTruncated(int length) {
        return length >= DnsHeader.LENGTH
                && (responder.scratch().getUnsignedShort(DnsHeader.FLAGS_OFFSET) & DnsHeader.TC_MASK) != 0;
    }

    /** A bare ACK of the client's octets up to {@code acknowledgment}, from where the client says we are. */
    private int acknowledge(ByteBuf frame, int sequence, int acknowledgment) {
        TcpReply.write(frame, eth.offset(), Endpoint.macFor(ip.destination()), eth.source(), ip.destination(),
                ip.source(), DNS_PORT, tcp.sourcePort(), sequence, acknowledgment, Tcp.ACK, 0);
        return REPLIED;
    }

    /** A refused DNS connection: counted here, answered with a RST by the processor. */
    private int refused() {
        counters.increment(Counter.DNS_TCP_REFUSED);
        return RESET;
    }
}
