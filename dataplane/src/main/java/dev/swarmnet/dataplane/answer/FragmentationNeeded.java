package dev.swarmnet.dataplane.answer;

import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Icmp;
import dev.swarmnet.dataplane.wire.Ipv4;
import io.netty.buffer.ByteBuf;

/**
 * Answers an oversized IPv4 packet with DF set with ICMP destination unreachable, code 4
 * "fragmentation needed and DF set", carrying the next-hop MTU (RFC 792, RFC 1191 §4), in place.
 * The error quotes the original IP header and the first 8 bytes of its payload, as RFC 792
 * asks. The answer (at most 28 + 68 bytes) is shorter than any packet that needs it (over an MTU
 * of at least 576), so it always fits in the request's buffer. Stateless.
 */
public final class FragmentationNeeded {
    public static final int TTL = 64;
    private static final int QUOTED_PAYLOAD = 8;
    private static final int PREFIX = Ipv4.MIN_HEADER_LENGTH + Icmp.HEADER_LENGTH;

    private FragmentationNeeded() {
    }

    /**
     * @param routerAddress the address the error comes from (the network's gateway)
     * @param routerMac the MAC it comes from
     * @param mtu the MTU the sender must respect
     */
    public static void answer(ByteBuf frame, Ethernet eth, Ipv4 ip, Icmp icmp, int routerAddress, long routerMac, int mtu) {
        long senderMac = eth.source();
        int sender = ip.source();
        int ipOffset = ip.offset();
        int quoted = Math.min(ip.headerLength() + QUOTED_PAYLOAD, ip.totalLength());

        // Move the quoted header + 8 bytes up by the new IP + ICMP headers; back to front, since
        // the regions overlap.
        for (int i = quoted - 1; i >= 0; i--) {
            frame.setByte(ipOffset + PREFIX + i, frame.getByte(ipOffset + i));
        }
        int total = PREFIX + quoted;
        eth.destination(senderMac).source(routerMac);
        ip.write(total, 0, 0, TTL, Ipv4.PROTO_ICMP, routerAddress, sender);
        icmp.wrap(frame, ipOffset + Ipv4.MIN_HEADER_LENGTH, total - Ipv4.MIN_HEADER_LENGTH);
        icmp.write(Icmp.TYPE_DEST_UNREACHABLE, Icmp.CODE_FRAGMENTATION_NEEDED, mtu & 0xffff)
                .fillChecksum(total - Ipv4.MIN_HEADER_LENGTH);
        frame.writerIndex(ipOffset + total);
    }
}
