package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manager's cluster port (TCP 2377): TLS with the manager's node certificate, then
 * length-prefixed JSON {@link ClusterMessage}s, one reply per request. Joiners connect without
 * a client certificate; members present theirs (see {@link TlsContexts#clusterPortServer}). Owns one acceptor
 * thread, one I/O thread ({@code cluster-port-io}) and one worker thread for slow steps
 * ({@code cluster-port-work}); {@link #close} stops them all. Connections that send
 * {@code watch-assignments} stay open and receive {@link ClusterMessage.Assignments} as the
 * local state changes ({@link AssignmentStream}).
 */
public final class ClusterPortServer implements AutoCloseable {
    /** DESIGN §1. */
    public static final int DEFAULT_PORT = 2377;
    /** A connection that sends nothing for this long is closed (agents heartbeat every few seconds). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPortServer.class);

    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final ExecutorService work;
    private final AssignmentFeed feed;
    private final Channel channel;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ClusterPortServer(EventLoopGroup acceptor, EventLoopGroup io, ExecutorService work, AssignmentFeed feed,
                              Channel channel) {
        this.acceptor = acceptor;
        this.io = io;
        this.work = work;
        this.feed = feed;
        this.channel = channel;
    }

    /** Binds {@code bind} (port 0 picks one) and serves with {@code identity}, answering through {@code backend}. */
    public static ClusterPortServer start(InetSocketAddress bind, NodeIdentity identity, ClusterPortBackend backend)
            throws SSLException, InterruptedException {
        SslContext tls = TlsContexts.clusterPortServer(identity);
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService work = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-port-work");
            thread.setDaemon(true);
            return thread;
        });
        ClusterPortService service = new ClusterPortService(backend, work);
        AssignmentFeed feed = new AssignmentFeed(backend, io);
        try {
            Channel channel = new ServerBootstrap()
                    .group(acceptor, io)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("idle", new ReadTimeoutHandler(IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                            ClusterMessageCodec.addTo(ch.pipeline());
                            ch.pipeline().addLast("requests", new ClusterPortHandler(service, feed));
                        }
                    })
                    .bind(bind).sync().channel();
            LOG.info("cluster port listening on {} as {} {}", channel.localAddress(), identity.role(), identity.nodeId());
            return new ClusterPortServer(acceptor, io, work, feed, channel);
        } catch (InterruptedException | RuntimeException e) {
            feed.close();
            acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            work.shutdownNow();
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The bound address as {@code ip:port}. */
    public String address() {
        InetSocketAddress local = localAddress();
        return HostPort.format(local.getAddress().getHostAddress(), local.getPort());
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        feed.close();
        channel.close().syncUninterruptibly();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        work.shutdownNow();
    }
}
