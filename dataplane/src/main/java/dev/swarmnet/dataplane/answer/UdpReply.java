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
    public static final int TTL = 64;

    private static final int IP = Ethernet.HEADER_LENGTH;
    private static final int UDP = IP + Ipv4.MIN_HEADER_LENGTH;

    private UdpReply() {
    }

    /**
     * Writes the headers at {@code frameOffset} for the {@code payloadLength} bytes at
     * {@code frameOffset + HEADERS_LENGTH} and sets the buffer's indices to the whole frame.
     */
    public static void write(ByteBuf buf, int frameOffset, long sourceMac, long destinationMac, int source,
                             int destination, int sourcePort, int destinationPort, int payloadLength) {
        Ethernet.writeMac(buf, frameOffset, destinationMac);
        Ethernet.writeMac(buf, frameOffset + 6, sourceMac);
        buf.setShort(frameOffset + 12, Ethernet.TYPE_IPV4);
        int ip = frameOffset + IP;
        int udpLength = Udp.HEADER_LENGTH + payloadLength;
        buf.setByte(ip, 0x45);
        buf.setByte(ip + 1, 0);
        buf.setShort(ip + 2, Ipv4.MIN_HEADER_LENGTH + udpLength);
        buf.setShort(ip + 4, 0);
        buf.setShort(ip + 6, Ipv4.FLAG_DF);
        buf.setByte(ip + 8, TTL);
        buf.setByte(ip + 9, Ipv4.PROTO_UDP);
        buf.setShort(ip + 10, 0);
        buf.setInt(ip + 12, source);
        buf.setInt(ip + 16, destination);
        buf.setShort(ip + 10, Checksums.compute(buf, ip, Ipv4.MIN_HEADER_LENGTH, 0));
        int udp = frameOffset + UDP;
        buf.setShort(udp, sourcePort);
        buf.setShort(udp + 2, destinationPort);
        buf.setShort(udp + 4, udpLength);
        buf.setShort(udp + 6, 0);
        int pseudo = Checksums.add(buf, ip + 12, 8, Ipv4.PROTO_UDP + udpLength);
        int sum = Checksums.compute(buf, udp, udpLength, pseudo);
        buf.setShort(udp + 6, sum == 0 ? 0xffff : sum);
        buf.setIndex(frameOffset, frameOffset + HEADERS_LENGTH + payloadLength);
    }
}
