package dev.swarmnet.dataplane.answer;

import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Icmp;
import dev.swarmnet.dataplane.wire.Ipv4;
import io.netty.buffer.ByteBuf;

/** Turns an ICMP echo request into its echo reply, in place (RFC 792). Stateless. */
public final class EchoReply {
    private EchoReply() {
    }

    public static void answer(ByteBuf frame, Ethernet eth, Ipv4 ip, Icmp icmp) {
        long requesterMac = eth.source();
        eth.source(eth.destination()).destination(requesterMac);
        int requester = ip.source();
        int responder = ip.destination();
        // Swapping the two addresses leaves the header checksum unchanged.
        frame.setInt(ip.offset() + Ipv4.SRC_OFFSET, responder);
        frame.setInt(ip.offset() + Ipv4.DST_OFFSET, requester);
        icmp.rewriteType(Icmp.TYPE_ECHO_REPLY);
    }
}
