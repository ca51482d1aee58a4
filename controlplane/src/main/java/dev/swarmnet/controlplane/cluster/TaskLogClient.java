package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.api.LogEntry;
import dev.swarmnet.controlplane.api.LogOptions;
import dev.swarmnet.controlplane.api.LogStream;
import dev.swarmnet.controlplane.trust.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.time.Instant;
import dev.swarmnet.controlplane.model.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manager's reader of task logs on other nodes: {@link #open} returns an {@link LogStream}
 * that fetches the lines of the tasks of each {@link Source} from that node's cluster port
 * ({@code task-logs}, one mutual-TLS connection per source, the server verified as the node the
 * source names: every node certificate carries its node id as a DNS name). Owns one I/O thread
 * ({@code task-log-client}) shared by all streams; each started stream has one delivery thread.
 * Thread-safe. The daemon keeps one and closes it at shutdown.
 */
public final class TaskLogClient implements AutoCloseable {
    /** How long a connect may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a node may send nothing while we read (servers send keepalives every 20 s when following). */
    static final Duration SILENCE = Duration.ofSeconds(60);
    /** Lines queued for delivery above which the connections stop reading, and below which they read again. */
    static final int HIGH_WATER = 4096;
    static final int LOW_WATER = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TaskLogClient.class);
    private static final AtomicLong STREAMS = new AtomicLong();

    private final Supplier<SslContext> tls;
    private final EventLoopGroup group;

    /**
     * A client presenting the identity of {@code tls} ({@code TlsContexts.client(identity)} of a
     * manager: nodes serve logs only to managers), read again for each new stream so a renewed
     * certificate is used from the next request on.
     */
    public TaskLogClient(Supplier<SslContext> tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.group = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread thread = new Thread(runnable, "task-log-client");
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
    }

    /** As {@link #TaskLogClient(Supplier)} with one fixed context. */
    public TaskLogClient(SslContext tls) {
        this(() -> tls);
    }

    /**
     * Tasks whose logs one node keeps.
     *
     * @param nodeAddr  the node's cluster-port address ({@code Node.advertiseAddr}, {@code ip:port})
     * @param nodeId    the node, whose certificate the server must present
     * @param serviceId the tasks' service (labels the lines)
     * @param taskIds   the tasks on that node
     */
    public record Source(String nodeAddr, String nodeId, String serviceId, List<String> taskIds) {
        public Source {
            Objects.requireNonNull(nodeAddr, "nodeAddr");
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(serviceId, "serviceId");
            taskIds = List.copyOf(taskIds);
        }
    }

    /**
     * The sources for {@code tasks}: one per node and service, in the order the tasks first name
     * them, each with its tasks in the given order. A task not yet on a node is left out, and so is
     * one whose node has no address ({@code nodeAddress} gives a node's cluster-port address,
     * {@code Node.advertiseAddr}, or empty for a node the state no longer has). Pure.
     */
    public static List<Source> sources(Collection<Task> tasks, Function<String, Optional<String>> nodeAddress) {
        Map<List<String>, List<String>> grouped = new LinkedHashMap<>();
        Map<String, Optional<String>> addresses = new HashMap<>();
        for (Task task : tasks) {
            if (task.nodeId().isEmpty()) {
                continue;
            }
            Optional<String> address = addresses.computeIfAbsent(task.nodeId(), nodeAddress);
            if (address == null || address.isEmpty()) {
                continue;
            }
            grouped.computeIfAbsent(List.of(address.get(), task.nodeId(), task.serviceId()), key -> new ArrayList<>())
                    .add(task.id());
        }
        List<Source> sources = new ArrayList<>();
        grouped.forEach((key, ids) -> sources.add(new Source(key.get(0), key.get(1), key.get(2), ids)));
        return sources;
    }

    /**
     * A stream of the logs of {@code sources} as {@code options} ask (follow, tail per task). The
     * files mix standard output and error, so every line is labelled {@link LogEntry.Stream#STDOUT}
     * and carries the time its node read it. Nothing is fetched before {@link LogStream#start}.
     */
    public LogStream open(List<Source> sources, LogOptions options) {
        return new RemoteLogStream(List.copyOf(sources), options);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One delivery item: a batch from a node, or a node that has nothing more to say. */
    private sealed interface Item {
    }

    private record Batch(Source source, List<ClusterMessage.LogLine> lines) implements Item {
    }

    private record Done(Source source) implements Item {
    }

    private record Stop() implements Item {
    }

    /**
     * The lines of many nodes merged for one client: per node in order, across nodes as they
     * arrive. Connections (event loop) put batches in a queue; one delivery thread hands them to
     * the sink, which may block. When more than {@link #HIGH_WATER} lines wait, the connections
     * stop reading (TCP then slows the servers, which read their files only as fast as they can
     * write); below {@link #LOW_WATER} they read again. The sink ends once every node has ended
     * (log-end, refusal or failure: logged and skipped); when following, that happens only when
     * the nodes go away. {@link #close} closes every connection and stops the delivery thread.
     */
    final class RemoteLogStream implements LogStream {
        private final List<Source> sources;
        private final LogOptions options;
        private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
        private final Set<Channel> paused = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean started = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        RemoteLogStream(List<Source> sources, LogOptions options) {
            this.sources = sources;
            this.options = options;
        }

        /** Lines received and not yet delivered (tests). */
        int queuedLines() {
            return queued.get();
        }

        @Override
        public void start(Sink sink) {
            if (!started.compareAndSet(false, true)) {
                throw new IllegalStateException("the log stream was already started");
            }
            if (closed.get()) {
                return;
            }
            Thread delivery = new Thread(() -> deliver(sink), "task-logs-" + STREAMS.incrementAndGet());
            delivery.setDaemon(true);
            delivery.start();
            SslContext context = tls.get();
            for (Source source : sources) {
                connect(source, context);
            }
        }

        private void deliver(Sink sink) {
            int remaining = sources.size();
            try {
                while (remaining > 0 && !closed.get()) {
                    Item item = queue.take();
                    if (item instanceof Batch batch) {
                        for (ClusterMessage.LogLine line : batch.lines()) {
                            if (closed.get()) {
                                return;
                            }
                            sink.entry(new LogEntry(LogEntry.Stream.STDOUT, Instant.ofEpochMilli(line.timestampMillis()),
                                    batch.source().nodeId(), batch.source().serviceId(), line.taskId(), line.line()));
                        }
                        if (queued.addAndGet(-batch.lines().size()) < LOW_WATER) {
                            resume();
                        }
                    } else if (item instanceof Done) {
                        remaining--;
                    } else {
                        return;
                    }
                }
                if (!closed.get()) {
                    sink.end();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("delivering task logs failed", e);
            } finally {
                close();
            }
        }

        private void resume() {
            for (Channel channel : paused) {
                if (paused.remove(channel)) {
                    channel.eventLoop().execute(() -> {
                        NodeHandler handler = channel.pipeline().get(NodeHandler.class);
                        if (handler != null) {
                            handler.heard();
                        }
                        channel.config().setAutoRead(true);
                    });
                }
            }
        }

        private void connect(Source source, SslContext context) {
            HostPort target;
            try {
                target = HostPort.parse(source.nodeAddr());
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping the logs of node {}: invalid address '{}'", source.nodeId(), source.nodeAddr());
                queue.add(new Done(source));
                return;
            }
            NodeHandler handler = new NodeHandler(source);
            ChannelFuture connect;
            try {
                connect = new Bootstrap()
                        .group(group)
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast("tls", context.newHandler(ch.alloc(), source.nodeId(), target.port()));
                                ClusterMessageCodec.addTo(ch.pipeline());
                                ch.pipeline().addLast("logs", handler);
                            }
                        })
                        .connect(target.host(), target.port());
            } catch (RuntimeException e) {
                handler.failed("cannot connect: " + e.getMessage());
                return;
            }
            Channel channel = connect.channel();
            channels.add(channel);
            if (closed.get()) {
                channel.close();
            }
            channel.closeFuture().addListener(f -> {
                channels.remove(channel);
                paused.remove(channel);
            });
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    handler.failed("cannot connect: " + f.cause().getMessage());
                    return;
                }
                channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
                    if (!handshake.isSuccess()) {
                        handler.failed("TLS handshake failed: " + handshake.cause().getMessage());
                    }
                });
                channel.closeFuture().addListener(closed -> handler.finished());
                channel.writeAndFlush(new ClusterMessage.TaskLogs(source.taskIds(), options.tail(), options.follow()));
            });
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            for (Channel channel : channels) {
                channel.close();
            }
            queue.add(new Stop());
        }

        /** One node's connection: queues its batches, and says when it is done. Event loop only. */
        private final class NodeHandler extends SimpleChannelInboundHandler<ClusterMessage> {
            private final Source source;
            private final AtomicBoolean done = new AtomicBoolean();
            private String failure;
            private boolean ended;
            private long lastHeardNanos = System.nanoTime();
            private ScheduledFuture<?> silence;

            NodeHandler(Source source) {
                this.source = source;
            }

            /**
             * Watches for a node gone silent: no message for {@link #SILENCE} while reading
             * (servers send keepalives every 20 s when following). Time spent not reading, because
             * the client is slow, does not count.
             */
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                heard();
                long period = Math.max(1, SILENCE.toMillis() / 6);
                silence = ctx.executor().scheduleAtFixedRate(() -> {
                    if (ctx.channel().config().isAutoRead()
                            && System.nanoTime() - lastHeardNanos > SILENCE.toNanos()) {
                        if (failure == null) {
                            failure = "no message for " + SILENCE.toSeconds() + " s";
                        }
                        ctx.close();
                    }
                }, period, period, TimeUnit.MILLISECONDS);
                ctx.fireChannelActive();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                if (silence != null) {
                    silence.cancel(false);
                }
                ctx.fireChannelInactive();
            }

            /** A message came, or reading resumes. Event loop only. */
            void heard() {
                lastHeardNanos = System.nanoTime();
            }

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, ClusterMessage message) {
                heard();
                if (done.get()) {
                    return;
                }
                if (message instanceof ClusterMessage.LogLines lines) {
                    if (!lines.entries().isEmpty()) {
                        queue.add(new Batch(source, lines.entries()));
                        if (queued.addAndGet(lines.entries().size()) > HIGH_WATER) {
                            ctx.channel().config().setAutoRead(false);
                            paused.add(ctx.channel());
                            if (queued.get() < LOW_WATER) {
                                resume();
                            }
                        }
                    }
                } else if (message instanceof ClusterMessage.LogEnd) {
                    ended = true;
                    finished();
                    ctx.close();
                } else if (message instanceof ClusterMessage.Failure refusal) {
                    failure = "refused (" + refusal.status() + "): " + refusal.message();
                    ctx.close();
                } else {
                    failure = "unexpected message '" + ClusterPortService.type(message) + "'";
                    ctx.close();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
                if (failure == null) {
                    failure = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
                }
                ctx.close();
            }

            /** The connection could not be made or secured. Any thread of the event loop. */
            void failed(String reason) {
                if (failure == null) {
                    failure = reason;
                }
                finished();
            }

            /** No more lines from this node: the connection ended, cleanly or not. */
            void finished() {
                if (!done.compareAndSet(false, true)) {
                    return;
                }
                if (failure == null && !ended) {
                    failure = "the node closed the connection";
                }
                if (failure != null && !closed.get()) {
                    LOG.warn("skipping the logs of node {} at {}: {}", source.nodeId(), source.nodeAddr(), failure);
                }
                queue.add(new Done(source));
            }
        }
    }
}
