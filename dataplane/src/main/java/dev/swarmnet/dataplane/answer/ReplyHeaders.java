package dev.swarmnet.dataplane.answer;

import dev.swarmnet.dataplane.wire.Checksums;
import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import io.netty.buffer.ByteBuf;

/**
 * The Ethernet and IPv4 (20 bytes, DF, TTL 64, checksum computed) headers that start every frame
 * the data plane writes from scratch in front of a payload: the common half of {@link UdpReply}
 * and {@link TcpReply}. Stateless; allocation-free.
 */
final class ReplyHeaders {
    static final int TTL = 64;
    /** Where the IPv4 header starts after the frame start. */
    static final int IP = Ethernet.HEADER_LENGTH;
    /** Where the transport header starts after the frame start. */
    static final int TRANSPORT = IP + Ipv4.MIN_HEADER_LENGTH;

    private ReplyHeaders() {
    }

    /** Writes both headers at {@code frameOffset} for {@code ipPayloadLength} octets of {@code protocol}. */
    static void write(ByteBuf buf, int frameOffset, long sourceMac, long destinationMac, int source, int destination,
                      int protocol, int ipPayloadLength) {
        Ethernet.writeMac(buf, frameOffset, destinationMac);
        Ethernet.writeMac(buf, frameOffset + 6, sourceMac);
        buf.setShort(frameOffset + 12, Ethernet.TYPE_IPV4);
        int ip = frameOffset + IP;
        buf.setByte(ip, 0x45);
        buf.setByte(ip + 1, 0);
        buf.setShort(ip + 2, Ipv4.MIN_HEADER_LENGTH + ipPayloadLength);
        buf.setShort(ip + 4, 0);
        buf.setShort(ip + 6, Ipv4.FLAG_DF);
        buf.setByte(ip + 8, TTL);
        buf.setByte(ip + 9, protocol);
        buf.setShort(ip + 10, 0);
        buf.setInt(ip + 12, source);
        buf.setInt(ip + 16, destination);
        buf.setShort(ip + 10, Checksums.compute(buf, ip, Ipv4.MIN_HEADER_LENGTH, 0));
    }

    /** The transport checksum's start: the pseudo-header sum of the addresses already written, protocol and length. */
    static int pseudoHeaderSum(ByteBuf buf, int frameOffset, int protocol, int transportLength) {
        return Checksums.add(buf, frameOffset + IP + 12, 8, protocol + transportLength);
    }
}
