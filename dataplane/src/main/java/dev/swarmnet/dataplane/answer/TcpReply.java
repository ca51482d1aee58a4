package dev.swarmnet.dataplane.answer;

import dev.swarmnet.dataplane.wire.Checksums;
import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;

/**
 * Writes the Ethernet, IPv4 (20 bytes, DF) and TCP (20 bytes, no options) headers in front of a
 * payload already in place, with both checksums computed in full: a segment of the data plane's
 * own DNS-over-TCP endpoint at a gateway. The TCP twin of {@link UdpReply}. Stateless;
 * allocation-free.
 */
public final class TcpReply {
    /** Ethernet, IPv4 and TCP header lengths: where the payload starts after the frame start. */
    public static final int HEADERS_LENGTH = Ethernet.HEADER_LENGTH + Ipv4.MIN_HEADER_LENGTH + Tcp.MIN_HEADER_LENGTH;
    public static final int TTL = ReplyHeaders.TTL;
    /** The receive window advertised: the endpoint reads one query per connection, never more. */
    public static final int WINDOW = 0xffff;

    private static final int OPTION_MSS = 2;
    private static final int OPTION_MSS_LENGTH = 4;

    private TcpReply() {
    }

    /**
     * Writes a SYN-ACK at {@code frameOffset} with one option, the maximum segment size this end
     * receives ({@code mss}), and sets the buffer's indices to the whole frame.
     */
    public static void writeSynAck(ByteBuf buf, int frameOffset, long sourceMac, long destinationMac, int source,
                                   int destination, int sourcePort, int destinationPort, int sequence,
                                   int acknowledgment, int mss) {
        int options = frameOffset + HEADERS_LENGTH;
        buf.setByte(options, OPTION_MSS);
        buf.setByte(options + 1, OPTION_MSS_LENGTH);
        buf.setShort(options + 2, mss);
        write(buf, frameOffset, sourceMac, destinationMac, source, destination, sourcePort, destinationPort, sequence,
                acknowledgment, Tcp.SYN | Tcp.ACK, OPTION_MSS_LENGTH, 0);
    }

    /**
     * Writes the headers at {@code frameOffset} for the {@code payloadLength} bytes at
     * {@code frameOffset + HEADERS_LENGTH} and sets the buffer's indices to the whole frame.
     */
    public static void write(ByteBuf buf, int frameOffset, long sourceMac, long destinationMac, int source,
                             int destination, int sourcePort, int destinationPort, int sequence, int acknowledgment,
                             int flags, int payloadLength) {
        write(buf, frameOffset, sourceMac, destinationMac, source, destination, sourcePort, destinationPort, sequence,
                acknowledgment, flags, 0, payloadLength);
    }

    /** The headers, with {@code optionsLength} octets of options already in place after the 20-byte TCP header. */
    private static void write(ByteBuf buf, int frameOffset, long sourceMac, long destinationMac, int source,
                              int destination, int sourcePort, int destinationPort, int sequence, int acknowledgment,
                              int flags, int optionsLength, int payloadLength) {
        int headerLength = Tcp.MIN_HEADER_LENGTH + optionsLength;
        int segmentLength = headerLength + payloadLength;
        ReplyHeaders.write(buf, frameOffset, sourceMac, destinationMac, source, destination, Ipv4.PROTO_TCP,
                segmentLength);
        int tcp = frameOffset + ReplyHeaders.TRANSPORT;
        buf.setShort(tcp + Tcp.SRC_PORT_OFFSET, sourcePort);
        buf.setShort(tcp + Tcp.DST_PORT_OFFSET, destinationPort);
        buf.setInt(tcp + Tcp.SEQ_OFFSET, sequence);
        buf.setInt(tcp + Tcp.ACK_OFFSET, acknowledgment);
        buf.setByte(tcp + Tcp.DATA_OFFSET_OFFSET, (headerLength >>> 2) << 4);
        buf.setByte(tcp + Tcp.FLAGS_OFFSET, flags);
        buf.setShort(tcp + Tcp.WINDOW_OFFSET, WINDOW);
        buf.setShort(tcp + Tcp.CHECKSUM_OFFSET, 0);
        buf.setShort(tcp + Tcp.URGENT_OFFSET, 0);
        buf.setShort(tcp + Tcp.CHECKSUM_OFFSET, Checksums.compute(buf, tcp, segmentLength,
                ReplyHeaders.pseudoHeaderSum(buf, frameOffset, Ipv4.PROTO_TCP, segmentLength)));
        buf.setIndex(frameOffset, frameOffset + HEADERS_LENGTH + optionsLength + payloadLength);
    }
}
