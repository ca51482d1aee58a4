package dev.swarmnet.dataplane.capture;

import dev.swarmnet.dataplane.wire.Checksums;
import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Udp;
import io.netty.buffer.ByteBuf;

/**
 * Synthesizes the outer Ethernet, IPv4 and UDP headers the kernel put around an underlay
 * datagram, which the data plane never sees: the socket hands it only the VXLAN header and the
 * inner frame. With them a capture reads like one taken on the host's interface, and Wireshark
 * decodes the payload as VXLAN (UDP 4789, RFC 7348).
 *
 * <p>Addresses and ports are the real underlay ones. The MACs are placeholders, locally
 * administered {@code 02:00} followed by the node's IPv4 address, so each peer keeps a distinct
 * address. The IPv4 header has no options, identification 0, no flags, TTL 64 and a correct
 * checksum (RFC 791); the UDP checksum is 0, "not computed", as RFC 7348 §5 recommends for VXLAN
 * over IPv4. Stateless.
 */
final class OuterHeaders {
    /** Ethernet (14) + IPv4 (20) + UDP (8). */
    static final int LENGTH = Ethernet.HEADER_LENGTH + Ipv4.MIN_HEADER_LENGTH + Udp.HEADER_LENGTH;
    static final long MAC_PREFIX = 0x0200_0000_0000L;

    private static final int TTL = 0x40;
    private static final int IP = Ethernet.HEADER_LENGTH;
    private static final int UDP = IP + Ipv4.MIN_HEADER_LENGTH;

    private OuterHeaders() {
    }

    /**
     * Writes the {@link #LENGTH} header bytes at {@code index} for a UDP payload of
     * {@code payloadLength} bytes (the whole datagram, even if the capture keeps less).
     */
    static void write(ByteBuf buf, int index, int source, int sourcePort, int destination, int destinationPort,
                      int payloadLength) {
        Ethernet.writeMac(buf, index + Ethernet.DST_OFFSET, placeholderMac(destination));
        Ethernet.writeMac(buf, index + Ethernet.SRC_OFFSET, placeholderMac(source));
        buf.setShort(index + Ethernet.TYPE_OFFSET, Ethernet.TYPE_IPV4);

        int ip = index + IP;
        buf.setByte(ip + Ipv4.VERSION_IHL_OFFSET, 0x45);
        buf.setByte(ip + Ipv4.TOS_OFFSET, 0);
        buf.setShort(ip + Ipv4.TOTAL_LENGTH_OFFSET, Math.min(Ipv4.MIN_HEADER_LENGTH + Udp.HEADER_LENGTH + payloadLength, 0xffff));
        buf.setShort(ip + Ipv4.ID_OFFSET, 0);
        buf.setShort(ip + Ipv4.FLAGS_FRAGMENT_OFFSET, 0);
        buf.setByte(ip + Ipv4.TTL_OFFSET, TTL);
        buf.setByte(ip + Ipv4.PROTOCOL_OFFSET, Ipv4.PROTO_UDP);
        buf.setShort(ip + Ipv4.CHECKSUM_OFFSET, 0);
        buf.setInt(ip + Ipv4.SRC_OFFSET, source);
        buf.setInt(ip + Ipv4.DST_OFFSET, destination);
        buf.setShort(ip + Ipv4.CHECKSUM_OFFSET, Checksums.compute(buf, ip, Ipv4.MIN_HEADER_LENGTH, 0));

        int udp = index + UDP;
        buf.setShort(udp + Udp.SRC_PORT_OFFSET, sourcePort);
        buf.setShort(udp + Udp.DST_PORT_OFFSET, destinationPort);
        buf.setShort(udp + Udp.LENGTH_OFFSET, Math.min(Udp.HEADER_LENGTH + payloadLength, 0xffff));
        buf.setShort(udp + Udp.CHECKSUM_OFFSET, 0);
    }

    static long placeholderMac(int address) {
        return MAC_PREFIX | (address & 0xffff_ffffL);
    }
}
