package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.inspect.ClusterDataPlane;
import dev.swarmnet.controlplane.inspect.NodeDataPlane;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A manager's collector of data-plane views: {@link #gather} sends {@code data-plane-view} to
 * every node at once (one mutual-TLS connection each, the server verified as the node expected:
 * every node certificate carries its node id as a DNS name) and merges the answers into a
 * {@link ClusterDataPlane}. A node that does not answer within the timeout, cannot be reached or
 * refuses appears with an error ({@code node unreachable: ...}, {@code node refused: ...}); the
 * whole gathering never takes much longer than the timeout. Owns one I/O thread
 * ({@code data-plane-view-client}); thread-safe. The daemon keeps one and closes it at shutdown.
 */
public final class DataPlaneViewClient implements AutoCloseable {
    /** How long a node has to connect and answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<SslContext> tls;
    private final Duration timeout;
    private final EventLoopGroup group;

    /**
     * A client presenting the identity of {@code tls} (a manager's {@code TlsContexts.client}:
     * nodes answer only managers), read again for each gathering so a renewed certificate is used.
     */
    public DataPlaneViewClient(Supplier<SslContext> tls, Duration timeout) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.group = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread thread = new Thread(runnable, "data-plane-view-client");
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
    }

    /**
     * A node to ask.
     *
     * @param nodeId   the node, whose certificate the server must present
     * @param hostname its hostname
     * @param nodeAddr its cluster-port address ({@code Node.advertiseAddr}, {@code ip:port}); empty
     *                 when the node has none (it then appears as unreachable)
     */
    public record Target(String nodeId, String hostname, String nodeAddr) {
        public Target {
            Objects.requireNonNull(nodeId, "nodeId");
            hostname = hostname == null ? "" : hostname;
            nodeAddr = nodeAddr == null ? "" : nodeAddr;
        }
    }

    /**
     * Asks every target at once and waits for all of them (at most about the timeout).
     *
     * @param localNodeId the node gathering (see {@link ClusterDataPlane#localNodeId})
     */
    public ClusterDataPlane gather(String localNodeId, List<Target> targets) {
        SslContext context = tls.get();
        List<CompletableFuture<NodeDataPlane>> answers = new ArrayList<>();
        for (Target target : targets) {
            answers.add(ask(target, context));
        }
        List<NodeDataPlane> nodes = new ArrayList<>();
        for (CompletableFuture<NodeDataPlane> answer : answers) {
            nodes.add(answer.join());
        }
        return new ClusterDataPlane(localNodeId, nodes);
    }

    /** One node's answer; never completes exceptionally. */
    CompletableFuture<NodeDataPlane> ask(Target target, SslContext context) {
        CompletableFuture<ClusterMessage> reply = new CompletableFuture<>();
        try {
            HostPort address = HostPort.parse(target.nodeAddr());
            ChannelFuture connect = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("tls", context.newHandler(ch.alloc(), target.nodeId(), address.port()));
                            ClusterMessageCodec.addTo(ch.pipeline(), ClusterMessageCodec.MAX_STREAM_FRAME_BYTES);
                            ch.pipeline().addLast("reply", new FirstReply(reply, ClosedChannelException::new));
                        }
                    })
                    .connect(address.host(), address.port());
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    reply.completeExceptionally(f.cause());
                    return;
                }
                connect.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                    if (!h.isSuccess()) {
                        reply.completeExceptionally(FirstReply.unwrap(h.cause()));
                    }
                });
                connect.channel().writeAndFlush(new ClusterMessage.DataPlaneViewRequest()).addListener(w -> {
                    if (!w.isSuccess()) {
                        reply.completeExceptionally(FirstReply.unwrap(w.cause()));
                    }
                });
            });
            reply.whenComplete((r, t) -> connect.channel().close());
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
        }
        return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((message, failure) -> answer(target, message, failure, timeout));
    }

    /** The node's entry for a reply or a failure (pure). */
    static NodeDataPlane answer(Target target, ClusterMessage message, Throwable failure, Duration timeout) {
        if (failure != null) {
            return NodeDataPlane.failed(target.nodeId(), target.hostname(),
                    "node unreachable: " + reason(failure, timeout));
        }
        if (message instanceof ClusterMessage.DataPlaneViewReply view && view.view() != null) {
            return NodeDataPlane.answered(target.nodeId(), target.hostname(), view.view());
        }
        if (message instanceof ClusterMessage.Failure refusal) {
            return NodeDataPlane.failed(target.nodeId(), target.hostname(),
                    "node refused: " + refusal.status() + " " + refusal.message());
        }
        return NodeDataPlane.failed(target.nodeId(), target.hostname(),
                "node answered '" + ClusterPortService.type(message) + "' instead of a data-plane view");
    }

    private static String reason(Throwable failure, Duration timeout) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof DecoderException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect: " + cause.getMessage();
        }
        if (cause instanceof ClosedChannelException) {
            return "the connection closed without an answer";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

}
