package dev.swarmnet.controlplane.ingress;

import dev.swarmnet.dataplane.io.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty transport of the mesh: the node's configured one ({@code dataplane.transport}),
 * falling back io_uring → epoll → NIO where it cannot load (same behaviour, slower), said once.
 * Immutable; any thread.
 *
 * @param transport the transport whose classes are used; never one that cannot load
 */
record MeshTransport(Transport transport) {
    private static final Logger LOG = LoggerFactory.getLogger(MeshTransport.class);
    private static final AtomicBoolean FELL_BACK = new AtomicBoolean();

    /** {@code wanted}, or the next one that loads here. */
    static MeshTransport of(Transport wanted) {
        Transport chosen = wanted.runnable();
        if (chosen != wanted && !FELL_BACK.getAndSet(true)) {
            LOG.warn("routing mesh: {}; using {}", wanted.unavailability(), chosen);
        }
        return new MeshTransport(chosen);
    }

    EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("swarmnet-mesh", true),
                transport.ioHandlerFactory());
    }

    Class<? extends ServerSocketChannel> serverChannel() {
        return transport.serverSocketChannel();
    }

    Class<? extends SocketChannel> socketChannel() {
        return transport.socketChannel();
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return transport.datagramChannel();
    }
}
