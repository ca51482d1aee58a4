package dev.swarmnet.dataplane.pipeline;

import io.netty.buffer.ByteBuf;

/**
 * The DNS side of the data plane that answers tasks later, with frames of its own: a forwarder
 * of queries for names outside the cluster to the host's resolvers, which also sends the
 * gateway's DNS-over-TCP answers that need more than one segment. Called on the event loop that
 * owns the processor.
 */
public interface DnsUpstream {
    /**
     * Takes a copy of the query at {@code buf[offset, offset + length)} (the buffer is not kept)
     * and later sends the upstream's reply, or SERVFAIL, from {@code gateway:53} to
     * {@code client:clientPort} through local port {@code port}. A reply the upstream truncated
     * (TC) is asked again over TCP; one too large for a UDP datagram on the task's network is
     * relayed as an empty reply with TC, and the task asks again over TCP.
     *
     * @return false when the query is refused now (too many pending, no upstream resolver): the
     *     processor then answers SERVFAIL itself
     */
    boolean forward(ByteBuf buf, int offset, int length, int port, long clientMac, int client, int clientPort,
                    int gateway, int mtu);

    /**
     * As {@link #forward} for a query that came over TCP: it is forwarded over TCP, and the reply
     * goes back as TCP segments from {@code gateway:53} (as {@link #sendStream}) starting at
     * sequence number {@code sequence}, acknowledging {@code acknowledgment}, the last with FIN;
     * a reply longer than the client's receive window {@code window} is relayed as an empty reply
     * with TC.
     *
     * @return false when refused now (the default: no TCP forwarding)
     */
    default boolean forwardStream(ByteBuf buf, int offset, int length, int port, long clientMac, int client,
                                  int clientPort, int gateway, int mtu, int sequence, int acknowledgment, int window) {
        return false;
    }

    /**
     * Sends the DNS message at {@code message[offset, offset + length)} (read now, not kept) to
     * {@code client:clientPort} through local port {@code port} as a TCP answer from
     * {@code gateway:53} in as many segments as it needs, each at most {@code mtu - 40} octets,
     * the first at sequence number {@code sequence}, all acknowledging {@code acknowledgment},
     * the last with FIN (see {@link dev.swarmnet.dataplane.answer.TcpAnswer}). For answers the
     * processor wrote itself that do not fit the query's frame.
     *
     * @return false when it cannot (the default): the processor then answers with TC
     */
    default boolean sendStream(ByteBuf message, int offset, int length, int port, long clientMac, int client,
                               int clientPort, int gateway, int mtu, int sequence, int acknowledgment) {
        return false;
    }
}
