package dev.swarmnet.dataplane.io;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * The Netty transport a data plane runs on.
 *
 * <p>{@link #EPOLL} is the real one: TAP descriptors are epoll handles and the underlay reads
 * with {@code recvmmsg}. {@link #NIO} is the fallback where the epoll native library cannot
 * load: the underlay works (one datagram per read), TAP ports cannot (Java's selector cannot
 * watch an arbitrary descriptor), so such a node can relay and answer but host no task.
 * io_uring is not offered: driving TAPs on it needs submission-based handles, and on this
 * machine class its datagram path measured slower than epoll's (PLATFORM.md).
 */
public enum Transport {
    EPOLL,
    NIO;

    /** Epoll when its native library loads, else NIO. */
    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** Why epoll is not available, in one sentence, or null when it is. */
    public static String epollUnavailability() {
        return Epoll.isAvailable() ? null : "Netty's epoll transport is unavailable ("
                + Epoll.unavailabilityCause().getMessage() + ")";
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** Configures a bootstrap for a plain datagram channel (the DNS forwarder's). */
    Bootstrap datagram(Bootstrap bootstrap) {
        return bootstrap.channel(this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class);
    }

    /** Configures a bootstrap for the underlay datagram channel. */
    Bootstrap underlay(Bootstrap bootstrap, int datagramSize) {
        if (this == EPOLL) {
            return bootstrap.channel(EpollDatagramChannel.class)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, datagramSize)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(datagramSize * 32));
        }
        return bootstrap.channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(datagramSize));
    }
}
