package dev.swarmnet.controlplane.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Docker-compatible HTTP/1.1 API server: a unix socket (epoll) and optionally a loopback TCP
 * port, one event loop thread for I/O and a small worker pool for the endpoints. Start with
 * {@link #start}, stop with {@link #close}; both from a control thread, never an event loop.
 */
public final class ApiServer implements AutoCloseable {

    private static final int QUEUED_REQUESTS = 256;

    private final ApiServerConfig config;
    private final EventLoopGroup group;
    private final ExecutorService workers;
    private Channel unixChannel;
    private Channel tcpChannel;

    private ApiServer(ApiServerConfig config) {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(1,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), task -> {
                    Thread thread = new Thread(task, "swarmnet-api-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Binds the configured listeners and serves {@code backend} until closed.
     *
     * @throws IOException when a listener cannot be bound; nothing is left running then
     */
    public static ApiServer start(ApiServerConfig config, SwarmBackend backend) throws IOException {
        return start(config, backend, null);
    }

    /**
     * Binds the configured listeners and serves {@code backend}, and configuration reloads through
     * {@code reloads} when it is not null, until closed.
     *
     * @throws IOException when a listener cannot be bound; nothing is left running then
     */
    public static ApiServer start(ApiServerConfig config, SwarmBackend backend, ConfigReloads reloads)
            throws IOException {
        if (config.unixSocket() != null && !Epoll.isAvailable()) {
            throw new IOException("the API's unix socket needs Netty's epoll transport, which cannot load here: "
                    + Epoll.unavailabilityCause());
        }
        ApiServer server = new ApiServer(config);
        try {
            server.bind(ApiRouter.forBackend(backend, reloads));
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void bind(ApiRouter router) throws IOException {
        if (config.unixSocket() != null) {
            Path path = config.unixSocket();
            UnixSocketFile.prepare(path);
            unixChannel = bind(EpollServerDomainSocketChannel.class, router,
                    new DomainSocketAddress(path.toAbsolutePath().toString()));
            UnixSocketFile.restrict(path);
        }
        if (config.tcp() != null) {
            tcpChannel = bind(Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class,
                    router, config.tcp());
        }
    }

    private Channel bind(Class<? extends ServerChannel> type, ApiRouter router, SocketAddress address)
            throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(type)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, config.idleTimeout().toMillis(),
                                        TimeUnit.MILLISECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new BoundedAggregator(config.maxRequestBytes()))
                                .addLast(new ApiHandler(router, workers));
                    }
                });
        try {
            return bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding the API to " + address, e);
        } catch (Exception e) {
            throw new IOException("cannot bind the API to " + address + ": " + e.getMessage(), e);
        }
    }

    /** The unix socket path, or {@code null}. */
    public Path unixSocket() {
        return config.unixSocket();
    }

    /** The bound TCP address (with the real port when 0 was asked), or {@code null}. */
    public InetSocketAddress tcpAddress() {
        return tcpChannel == null ? null : (InetSocketAddress) tcpChannel.localAddress();
    }

    /** Stops listening, closes connections, stops the workers and removes the socket file. */
    @Override
    public void close() {
        if (unixChannel != null) {
            unixChannel.close().syncUninterruptibly();
        }
        if (tcpChannel != null) {
            tcpChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
        if (unixChannel != null) {
            try {
                Files.deleteIfExists(config.unixSocket());
            } catch (IOException e) {
                // a stale socket is replaced at the next start
            }
        }
    }
}
