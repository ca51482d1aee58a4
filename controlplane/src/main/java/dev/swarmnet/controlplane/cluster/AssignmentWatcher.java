package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.trust.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's view of its assignments, kept current by a stream from a manager: it holds one
 * mutual-TLS connection to the current manager, sends {@code watch-assignments}, applies each
 * {@code assignments} change to its {@link NodeAssignment} and tells the listener the new whole
 * assignment. Any manager serves the stream (no redirect). When the connection fails, is
 * refused, or goes silent for {@link #SILENCE} (the manager sends keepalives every 20 s), the next
 * manager in the list is tried after a backoff that doubles from {@link #MIN_BACKOFF} to
 * {@link #MAX_BACKOFF} and resets once a stream delivers; a new stream starts with a full
 * message again. The listener runs on one thread ({@code assignments}), never concurrently, and
 * is not called for keepalives or changes that change nothing. Thread-safe.
 */
public final class AssignmentWatcher implements AutoCloseable {
    static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    static final Duration SILENCE = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentWatcher.class);

    private final ClusterPortClient client;
    private final SslContext tls;
    private final Consumer<NodeAssignment> listener;
    private final ScheduledExecutorService executor;
    private volatile List<String> managers;
    /** Written by the executor only. */
    private volatile NodeAssignment current;
    /** Confined to the executor. */
    private int next;
    private long backoffMillis = MIN_BACKOFF.toMillis();
    private long connection;
    private Channel channel;
    private volatile boolean closed;

    private AssignmentWatcher(ClusterPortClient client, SslContext tls, String nodeId, List<String> managers,
                              Consumer<NodeAssignment> listener) {
        this.client = client;
        this.tls = tls;
        this.listener = listener;
        this.managers = List.copyOf(managers);
        this.current = NodeAssignment.empty(nodeId);
        java.util.concurrent.ScheduledThreadPoolExecutor single = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                runnable -> {
                    Thread thread = new Thread(runnable, "assignments");
                    thread.setDaemon(true);
                    return thread;
                });
        single.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = single;
    }

    /**
     * Starts watching node {@code nodeId}'s assignments through {@code managers} (cluster-port
     * addresses, tried round robin) with {@code tls} from {@code TlsContexts.client(identity)};
     * {@code listener} gets each new assignment, the first full one included.
     */
    public static AssignmentWatcher start(ClusterPortClient client, SslContext tls, String nodeId,
                                          List<String> managers, Consumer<NodeAssignment> listener) {
        if (managers.isEmpty()) {
            throw new IllegalArgumentException("no manager to watch assignments from");
        }
        AssignmentWatcher watcher = new AssignmentWatcher(client, tls, nodeId, managers, listener);
        watcher.executor.execute(watcher::connect);
        return watcher;
    }

    /** Replaces the managers to try (used from the next reconnect on). */
    public void managers(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no manager to watch assignments from");
        }
        managers = List.copyOf(addresses);
    }

    /** The latest assignment (empty before the first message); any thread, never blocks. */
    public NodeAssignment current() {
        return current;
    }

    private void connect() {
        if (closed) {
            return;
        }
        List<String> known = managers;
        String target = known.get(Math.floorMod(next, known.size()));
        long id = ++connection;
        HostPort address;
        try {
            address = HostPort.parse(target);
        } catch (IllegalArgumentException e) {
            failed(id, target, e.getMessage());
            return;
        }
        ChannelFuture connect = new Bootstrap()
                .group(client.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) client.timeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("silence", new ReadTimeoutHandler(SILENCE.toMillis(), TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), TlsContexts.MANAGER_NAME, address.port()));
                        ClusterMessageCodec.addTo(ch.pipeline(), ClusterMessageCodec.MAX_STREAM_FRAME_BYTES);
                        ch.pipeline().addLast("stream", new StreamHandler(id, target));
                    }
                })
                .connect(address.host(), address.port());
        channel = connect.channel();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connect.channel().writeAndFlush(new ClusterMessage.WatchAssignments());
            } else {
                run(() -> failed(id, target, String.valueOf(f.cause().getMessage())));
            }
        });
    }

    /** The stream {@code id} delivered {@code message}: executor only. */
    private void received(long id, ClusterMessage message, String target) {
        if (id != connection || closed) {
            return;
        }
        if (message instanceof ClusterMessage.Assignments assignments && assignments.change() != null) {
            backoffMillis = MIN_BACKOFF.toMillis();
            if (assignments.change().isEmpty()) {
                return; // a keepalive
            }
            NodeAssignment updated = current.apply(assignments.change());
            current = updated;
            try {
                listener.accept(updated);
            } catch (RuntimeException e) {
                LOG.warn("the assignment listener failed", e);
            }
        } else if (message instanceof ClusterMessage.Failure failure) {
            LOG.warn("manager {} refused to stream assignments: {}", target, failure.message());
            channel.close();
        } else {
            LOG.info("manager {} sent '{}' on an assignment stream", target, ClusterPortService.type(message));
            channel.close();
        }
    }

    /** Connection {@code id} is over: move to the next manager after the backoff. Executor only. */
    private void failed(long id, String target, String why) {
        if (id != connection || closed) {
            return;
        }
        connection++;
        List<String> known = managers;
        next = Math.floorMod(next + 1, known.size());
        LOG.info("assignment stream from {} ended ({}); next: {} in {} ms", target, why,
                known.get(next), backoffMillis);
        long delay = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        try {
            executor.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    @Override
    public void close() {
        closed = true;
        run(() -> {
            if (channel != null) {
                channel.close();
            }
        });
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands one connection's messages and its end to the executor. */
    private final class StreamHandler extends SimpleChannelInboundHandler<ClusterMessage> {
        private final long id;
        private final String target;

        StreamHandler(long id, String target) {
            this.id = id;
            this.target = target;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ClusterMessage message) {
            run(() -> received(id, message, target));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            String why = cause.getCause() != null && cause instanceof io.netty.handler.codec.DecoderException
                    ? cause.getCause().getMessage() : String.valueOf(cause.getMessage());
            if (cause instanceof io.netty.handler.timeout.ReadTimeoutException) {
                why = "silent for " + SILENCE.toSeconds() + " s";
            }
            String reason = why;
            ctx.close();
            run(() -> failed(id, target, reason));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            run(() -> failed(id, target, "connection closed"));
        }
    }
}
