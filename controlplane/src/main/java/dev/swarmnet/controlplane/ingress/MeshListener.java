package dev.swarmnet.controlplane.ingress;

import io.netty.channel.EventLoopGroup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One published port open on this node (TCP or UDP). Thread: the controller's thread calls every
 * method; flows run on the event loops.
 */
interface MeshListener extends AutoCloseable {
    /** Opens the port on each of {@code addresses}; on failure nothing stays open and the cause is thrown. */
    void bind(EventLoopGroup group, MeshTransport transport, List<InetAddress> addresses) throws Exception;

    /** The route it currently follows. */
    MeshRoute route();

    /** Follows {@code route} from now on; flows to tasks no longer in it end. */
    void update(MeshRoute route);

    /** Its open flows. */
    int openFlows();

    /** Flows it has opened since it was made. */
    long totalFlows();

    /** The local addresses it listens on (port 0 resolved). */
    List<InetSocketAddress> boundAddresses();

    /** Closes the port and ends its flows. */
    @Override
    void close();
}
