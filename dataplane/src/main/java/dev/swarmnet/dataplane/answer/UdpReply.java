package dev.swarmnet.dataplane.answer;

import dev.swarmnet.dataplane.wire.Checksums;
import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Udp;
import io.netty.buffer.ByteBuf;

/**
 * Writes the Ethernet, IPv4 (20 bytes, DF) and UDP headers in front of a payload already in
 * place, with both checksums computed in full: the frame of a DNS answer from a gateway to a
 * task. Stateless; allocation-free.
 */
public final class UdpReply {
    /** Ethernet, IPv4 and UDP header lengths: where the payload starts after the frame start. */
    public static final int HEADERS_LENGTH = Ethernet.HEADER_LENGTH + Ipv4.MIN_HEADER_LENGTH + Udp.HEADER_LENGTH;
    public static final int TTL = ReplyHeaders.TTL;

    private UdpReply() {
    }

    /**
     * Writes the headers at {@code frameOffset} for the {@code payloadLength} bytes at
     * {@code frameOffset + HEADERS_LENGTH} and sets the buffer's indices to the whole frame.
     */
    public static void write(ByteBuf buf, int frameOffset, long sourceMac, long destinationMac, int source,
                             int destination, int sourcePort, int destinationPort, int payloadLength) {
        int udpLength = Udp.HEADER_LENGTH + payloadLength;
        ReplyHeaders.write(buf, frameOffset, sourceMac, destinationMac, source, destination, Ipv4.PROTO_UDP, udpLength);
        int udp = frameOffset + ReplyHeaders.TRANSPORT;
        buf.setShort(udp, sourcePort);
        buf.setShort(udp + 2, destinationPort);
        buf.setShort(udp + 4, udpLength);
        buf.setShort(udp + 6, 0);
        int sum = Checksums.compute(buf, udp, udpLength,
                ReplyHeaders.pseudoHeaderSum(buf, frameOffset, Ipv4.PROTO_UDP, udpLength));
        buf.setShort(udp + 6, sum == 0 ? 0xffff : sum);
        buf.setIndex(frameOffset, frameOffset + HEADERS_LENGTH + payloadLength);
    }
}
