package dev.swarmnet.dataplane.answer;

import dev.swarmnet.dataplane.wire.Arp;
import dev.swarmnet.dataplane.wire.Ethernet;
import io.netty.buffer.ByteBuf;

/** Turns an ARP request into the reply for {@code targetMac}, in place (RFC 826). Stateless. */
public final class ArpReply {
    private ArpReply() {
    }

    /**
     * @param eth the request's Ethernet header
     * @param arp the request's ARP body
     * @param targetMac the MAC that holds the requested address
     */
    public static void answer(ByteBuf frame, Ethernet eth, Arp arp, long targetMac) {
        long requesterMac = arp.senderMac();
        int requesterIp = arp.senderIp();
        int targetIp = arp.targetIp();
        eth.destination(eth.source()).source(targetMac);
        arp.write(Arp.OPER_REPLY, targetMac, targetIp, requesterMac, requesterIp);
        frame.writerIndex(eth.payloadOffset() + Arp.LENGTH);
    }
}
