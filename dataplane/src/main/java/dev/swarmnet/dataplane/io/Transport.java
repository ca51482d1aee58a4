package dev.swarmnet.dataplane.io;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;

/**
 * The Netty transport a data plane runs on.
 *
 * <p>{@link #EPOLL} is the default: TAP descriptors are epoll handles and the underlay reads
 * with {@code recvmmsg}. {@link #IO_URING} is opt-in: TAP descriptors are watched with io_uring
 * poll requests and the underlay is an io_uring datagram socket with up to 32 {@code recvmsg}
 * requests in flight (Netty's {@code MAX_DATAGRAM_PAYLOAD_SIZE}, the io_uring counterpart of
 * {@code recvmmsg}); on this machine class its datagram path measured slower than epoll's
 * (PLATFORM.md). Container runtimes' seccomp profiles often forbid io_uring; the data plane then
 * falls back to epoll. {@link #NIO} is the last resort where no native library loads: the
 * underlay works (one datagram per read), TAP ports cannot (Java's selector cannot watch an
 * arbitrary descriptor), so such a node can relay and answer but host no task.
 */
public enum Transport {
    EPOLL,
    IO_URING,
    NIO;

    /** Epoll when its native library loads, else NIO; io_uring is never chosen unasked. */
    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /**
     * The transport named {@code name}: {@code epoll}, {@code io_uring} (or {@code io-uring},
     * {@code iouring}) or {@code nio}, in any case.
     *
     * @throws IllegalArgumentException for any other name, listing the accepted ones
     */
    public static Transport parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "epoll":
                return EPOLL;
            case "io_uring":
            case "io-uring":
            case "iouring":
                return IO_URING;
            case "nio":
                return NIO;
            default:
                throw new IllegalArgumentException("unknown transport '" + name + "': use epoll, io_uring or nio");
        }
    }

    /** Why epoll is not available, in one sentence, or null when it is. */
    public static String epollUnavailability() {
        return Epoll.isAvailable() ? null : "Netty's epoll transport is unavailable ("
                + Epoll.unavailabilityCause().getMessage() + ")";
    }

    /** Why io_uring is not available (missing library, old kernel, seccomp), in one sentence, or null when it is. */
    public static String ioUringUnavailability() {
        return IoUring.isAvailable() ? null : "Netty's io_uring transport is unavailable ("
                + IoUring.unavailabilityCause().getMessage() + ")";
    }

    /** Why this transport cannot run here, or null when it can; NIO always can. */
    public String unavailability() {
        switch (this) {
            case EPOLL:
                return epollUnavailability();
            case IO_URING:
                return ioUringUnavailability();
            default:
                return null;
        }
    }

    /** The transport to try when this one cannot load: io_uring → epoll → NIO (NIO always loads). */
    public Transport fallback() {
        return this == IO_URING ? EPOLL : NIO;
    }

    /** This transport if it loads here, else the first of its fallbacks that does. */
    public Transport runnable() {
        Transport chosen = this;
        while (chosen.unavailability() != null) {
            chosen = chosen.fallback();
        }
        return chosen;
    }

    /** Whether TAP ports can be attached on this transport. */
    public boolean drivesTaps() {
        return this != NIO;
    }

    /** The factory of this transport's event-loop I/O handlers (for a {@code MultiThreadIoEventLoopGroup}). */
    public IoHandlerFactory ioHandlerFactory() {
        switch (this) {
            case EPOLL:
                return EpollIoHandler.newFactory();
            case IO_URING:
                return IoUringIoHandler.newFactory();
            default:
                return NioIoHandler.newFactory();
        }
    }

    /** This transport's UDP channel class. */
    public Class<? extends DatagramChannel> datagramChannel() {
        switch (this) {
            case EPOLL:
                return EpollDatagramChannel.class;
            case IO_URING:
                return IoUringDatagramChannel.class;
            default:
                return NioDatagramChannel.class;
        }
    }

    /** This transport's TCP client channel class. */
    public Class<? extends SocketChannel> socketChannel() {
        switch (this) {
            case EPOLL:
                return EpollSocketChannel.class;
            case IO_URING:
                return IoUringSocketChannel.class;
            default:
                return NioSocketChannel.class;
        }
    }

    /** This transport's TCP listening channel class. */
    public Class<? extends ServerSocketChannel> serverSocketChannel() {
        switch (this) {
            case EPOLL:
                return EpollServerSocketChannel.class;
            case IO_URING:
                return IoUringServerSocketChannel.class;
            default:
                return NioServerSocketChannel.class;
        }
    }

    /** Configures a bootstrap for the underlay datagram channel. */
    Bootstrap underlay(Bootstrap bootstrap, int datagramSize) {
        switch (this) {
            case EPOLL:
                return bootstrap.channel(EpollDatagramChannel.class)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, datagramSize)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(datagramSize * 32));
            case IO_URING:
                // As epoll's recvmmsg: one buffer of 32 datagrams, filled by up to 32 recvmsg
                // requests in flight at once, each cut to MAX_DATAGRAM_PAYLOAD_SIZE.
                return bootstrap.channel(IoUringDatagramChannel.class)
                        .option(IoUringChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, datagramSize)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(datagramSize * 32));
            default:
                return bootstrap.channel(NioDatagramChannel.class)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(datagramSize));
        }
    }
}
