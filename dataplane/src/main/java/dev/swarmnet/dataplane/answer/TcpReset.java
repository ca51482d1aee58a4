package dev.swarmnet.dataplane.answer;

import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;

/**
 * Answers a TCP segment with a reset, in place, following RFC 9293 §3.10.7.1: if the segment
 * carries ACK, the reset's sequence number is that acknowledgment; otherwise the reset has
 * sequence 0 and acknowledges everything the segment occupied. Never answer a segment that is
 * itself a reset. Stateless.
 */
public final class TcpReset {
    public static final int TTL = 64;

    private TcpReset() {
    }

    /**
     * @param sourceMac the MAC the reset appears to come from (the VIP's)
     */
    public static void answer(ByteBuf frame, Ethernet eth, Ipv4 ip, Tcp tcp, long sourceMac) {
        long clientMac = eth.source();
        int client = ip.source();
        int server = ip.destination();
        int clientPort = tcp.sourcePort();
        int serverPort = tcp.destinationPort();
        int flags = tcp.flags();
        int seq;
        int ack;
        int outFlags;
        if ((flags & Tcp.ACK) != 0) {
            seq = tcp.acknowledgment();
            ack = 0;
            outFlags = Tcp.RST;
        } else {
            seq = 0;
            int length = tcp.payloadLength() + ((flags & Tcp.SYN) != 0 ? 1 : 0) + ((flags & Tcp.FIN) != 0 ? 1 : 0);
            ack = tcp.sequence() + length;
            outFlags = Tcp.RST | Tcp.ACK;
        }

        eth.destination(clientMac).source(sourceMac);
        int ipOffset = ip.offset();
        int length = Ipv4.MIN_HEADER_LENGTH + Tcp.MIN_HEADER_LENGTH;
        ip.write(length, 0, Ipv4.FLAG_DF, TTL, Ipv4.PROTO_TCP, server, client);
        tcp.wrap(frame, ipOffset + Ipv4.MIN_HEADER_LENGTH, Tcp.MIN_HEADER_LENGTH);
        tcp.write(serverPort, clientPort, seq, ack, outFlags, 0).fillChecksum(ip, Tcp.MIN_HEADER_LENGTH);
        frame.writerIndex(ipOffset + length);
    }
}
