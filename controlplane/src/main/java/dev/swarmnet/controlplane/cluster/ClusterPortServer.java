package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.inspect.DataPlaneView;
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
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * local state changes ({@link AssignmentStream}); connections that send {@code task-logs} get
 * the node's task log lines ({@link TaskLogStream}), read on one more thread ({@code task-logs}).
 * Workers run a logs-only server ({@link #startLogsOnly}) on their advertise address.
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
    private final TaskLogStreams logs;
    private final Channel channel;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ClusterPortServer(EventLoopGroup acceptor, EventLoopGroup io, ExecutorService work, AssignmentFeed feed,
                              TaskLogStreams logs, Channel channel) {
        this.acceptor = acceptor;
        this.io = io;
        this.work = work;
        this.feed = feed;
        this.logs = logs;
        this.channel = channel;
    }

    /** Binds {@code bind} (port 0 picks one) and serves with {@code identity}, answering through {@code backend}. */
    public static ClusterPortServer start(InetSocketAddress bind, NodeIdentity identity, ClusterPortBackend backend)
            throws SSLException, InterruptedException {
        return start(bind, identity, backend, false);
    }

    /**
     * A worker's cluster port: binds {@code bind} (its advertise address; port 0 picks one) and
     * answers only {@code task-logs}, from managers of {@code identity}'s cluster, reading the
     * file {@code logFiles} names for each task (empty, or a missing file: the task is skipped).
     * Every other request is refused with 404 "{@value ClusterPortService#LOGS_ONLY}", except
     * {@code data-plane-view}, answered with 404 "this node runs no data plane" (see the overload).
     * {@code logFiles} runs on the {@code task-logs} thread.
     */
    public static ClusterPortServer startLogsOnly(InetSocketAddress bind, NodeIdentity identity,
                                                  Function<String, Optional<Path>> logFiles)
            throws SSLException, InterruptedException {
        return startLogsOnly(bind, identity, logFiles, Optional::empty);
    }

    /**
     * As {@link #startLogsOnly(InetSocketAddress, NodeIdentity, Function)}, answering
     * {@code data-plane-view} too, from {@code dataPlaneView} (called on the
     * {@code cluster-port-work} thread; empty: this node runs no data plane).
     */
    public static ClusterPortServer startLogsOnly(InetSocketAddress bind, NodeIdentity identity,
                                                  Function<String, Optional<Path>> logFiles,
                                                  Supplier<Optional<DataPlaneView>> dataPlaneView)
            throws SSLException, InterruptedException {
        return start(bind, identity, new LogsOnlyBackend(identity.clusterId(), logFiles, dataPlaneView), true);
    }

    private static ClusterPortServer start(InetSocketAddress bind, NodeIdentity identity, ClusterPortBackend backend,
                                           boolean logsOnly) throws SSLException, InterruptedException {
        SslContext tls = TlsContexts.clusterPortServer(identity);
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService work = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-port-work");
            thread.setDaemon(true);
            return thread;
        });
        ClusterPortService service = new ClusterPortService(backend, work, logsOnly);
        AssignmentFeed feed = logsOnly ? null : new AssignmentFeed(backend, io);
        TaskLogStreams logs = new TaskLogStreams(backend::taskLogFile, backend::nowMillis);
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
                            ch.pipeline().addLast("requests", new ClusterPortHandler(service, feed, logs));
                        }
                    })
                    .bind(bind).sync().channel();
            LOG.info("cluster port listening on {} as {} {}{}", channel.localAddress(), identity.role(), identity.nodeId(),
                    logsOnly ? " (task logs only)" : "");
            return new ClusterPortServer(acceptor, io, work, feed, logs, channel);
        } catch (InterruptedException | RuntimeException e) {
            if (feed != null) {
                feed.close();
            }
            acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            work.shutdownNow();
            logs.close();
            throw e;
        }
    }

    /** How many task-log streams hold files now (tests). */
    int openLogStreams() {
        return logs.openStreams();
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
        if (feed != null) {
            feed.close();
        }
        channel.close().syncUninterruptibly();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        work.shutdownNow();
        logs.close();
    }

    /**
     * The backend of a worker's logs-only server: it knows its cluster and its task log files;
     * the service refuses everything else before asking it anything more.
     */
    private record LogsOnlyBackend(String clusterId, Function<String, Optional<Path>> logFiles,
                                   Supplier<Optional<DataPlaneView>> views)
            implements ClusterPortBackend {
        @Override
        public Optional<Path> taskLogFile(String taskId) {
            return logFiles.apply(taskId);
        }

        @Override
        public Optional<DataPlaneView> dataPlaneView() {
            return views.get();
        }

        @Override
        public dev.swarmnet.controlplane.trust.JoinTokens joinTokens() {
            throw refused();
        }

        @Override
        public dev.swarmnet.controlplane.trust.ClusterCa ca() {
            throw refused();
        }

        @Override
        public dev.swarmnet.controlplane.store.ClusterStore store() {
            throw refused();
        }

        @Override
        public dev.swarmnet.controlplane.dispatcher.Dispatcher dispatcher() {
            throw refused();
        }

        @Override
        public boolean isLeader() {
            return false;
        }

        @Override
        public Optional<String> leaderClusterAddr() {
            return Optional.empty();
        }

        @Override
        public java.util.List<ClusterMessage.ManagerEndpoint> managers() {
            return java.util.List.of();
        }

        private static IllegalStateException refused() {
            return new IllegalStateException(ClusterPortService.LOGS_ONLY);
        }
    }
}
