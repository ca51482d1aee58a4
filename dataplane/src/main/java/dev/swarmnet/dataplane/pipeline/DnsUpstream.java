package dev.swarmnet.dataplane.pipeline;

import io.netty.buffer.ByteBuf;

/**
 * Where the frame processor sends DNS queries for names outside the cluster: a forwarder to the
 * host's resolvers that answers the task later with a frame of its own. Called on the event loop
 * that owns the processor.
 */
public interface DnsUpstream {
    /**
     * Takes a copy of the query at {@code buf[offset, offset + length)} (the buffer is not kept)
     * and later sends the upstream's reply, or SERVFAIL, from {@code gateway:53} to
     * {@code client:clientPort} through local port {@code port}.
     *
     * @return false when the query is refused now (too many pending, no upstream resolver): the
     *     processor then answers SERVFAIL itself
     */
    boolean forward(ByteBuf buf, int offset, int length, int port, long clientMac, int client, int clientPort,
                    int gateway, int mtu);

    /**
     * As {@link #forward} for a query that came over TCP: the reply goes back as one TCP segment
     * from {@code gateway:53} with sequence number {@code sequence}, acknowledging
     * {@code acknowledgment}, the 2-octet length before the message, and FIN.
     *
     * @return false when refused now (the default: no TCP forwarding)
     */
    default boolean forwardStream(ByteBuf buf, int offset, int length, int port, long clientMac, int client,
                                  int clientPort, int gateway, int mtu, int sequence, int acknowledgment) {
        return false;
    }
}
