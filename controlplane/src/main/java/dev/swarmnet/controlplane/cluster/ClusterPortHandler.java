package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.cluster.ClusterMessage.Failure;
import dev.swarmnet.controlplane.trust.CertifiedNode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of one cluster-port connection: learns the caller from its TLS session (a
 * verified node certificate, or none for a joiner), hands each request to
 * {@link ClusterPortService} and writes the reply. A frame that is too long or not a known
 * message gets a {@link Failure} and the connection is closed, with the reason logged; so is a
 * node request without a certificate. A failed TLS handshake is logged and closed by Netty.
 * Consumes the messages it reads. One instance per channel, on that channel's event loop.
 */
final class ClusterPortHandler extends SimpleChannelInboundHandler<ClusterMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPortHandler.class);

    private final ClusterPortService service;
    private final AssignmentFeed feed;
    private final TaskLogStreams logs;
    private CertifiedNode caller;
    private boolean callerKnown;
    private AssignmentStream stream;
    private TaskLogStream logStream;

    /** {@code feed} is null on a worker's logs-only server, which refuses {@code watch-assignments}. */
    ClusterPortHandler(ClusterPortService service, AssignmentFeed feed, TaskLogStreams logs) {
        this.service = service;
        this.feed = feed;
        this.logs = logs;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClusterMessage request) {
        CertifiedNode from = caller(ctx);
        if (request instanceof ClusterMessage.WatchAssignments watch) {
            watch(ctx, from, watch);
            return;
        }
        if (request instanceof ClusterMessage.TaskLogs taskLogs) {
            taskLogs(ctx, from, taskLogs);
            return;
        }
        if (request instanceof ClusterMessage.DataPlaneViewRequest) {
            service.dataPlaneView(from).thenAccept(ctx::writeAndFlush);
            return;
        }
        service.handle(from, request).thenAccept(reply -> {
            boolean close = reply instanceof Failure failure && failure.status() == ClusterPortService.UNAUTHENTICATED;
            if (close) {
                LOG.info("closing {}: {}", ctx.channel().remoteAddress(), ((Failure) reply).message());
            }
            var written = ctx.writeAndFlush(reply);
            if (close) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    /**
     * Starts this connection's assignment stream, or refuses. A watching connection is kept open
     * without the idle timeout: the stream's keepalives find a dead peer.
     */
    private void watch(ChannelHandlerContext ctx, CertifiedNode from, ClusterMessage.WatchAssignments request) {
        Failure refusal = service.watchRefusal(from, request);
        if (refusal == null && (stream != null || logStream != null)) {
            refusal = new Failure(ClusterPortService.BAD_REQUEST, "this connection already carries a stream");
        }
        if (refusal != null) {
            LOG.info("refused to stream assignments to {}: {}", ctx.channel().remoteAddress(), refusal.message());
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (ctx.pipeline().get("idle") != null) {
            ctx.pipeline().remove("idle");
        }
        stream = new AssignmentStream(feed, ctx.channel(), from.nodeId());
        stream.start();
    }

    /**
     * Starts this connection's task-logs stream, or refuses. The connection then lives without
     * the idle timeout until the requester closes it (the stream's keepalives find a dead peer).
     */
    private void taskLogs(ChannelHandlerContext ctx, CertifiedNode from, ClusterMessage.TaskLogs request) {
        Failure refusal = service.taskLogsRefusal(from, request);
        if (refusal == null && (logStream != null || stream != null)) {
            refusal = new Failure(ClusterPortService.BAD_REQUEST, "this connection already carries a stream");
        }
        if (refusal != null) {
            LOG.info("refused task logs to {}: {}", ctx.channel().remoteAddress(), refusal.message());
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (ctx.pipeline().get("idle") != null) {
            ctx.pipeline().remove("idle");
        }
        logStream = new TaskLogStream(logs, ctx.channel(), request);
        logStream.start();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (stream != null) {
            stream.pump();
        }
        if (logStream != null && ctx.channel().isWritable()) {
            logStream.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String reason = protocolError(cause);
        if (reason != null) {
            LOG.info("closing {}: {}", ctx.channel().remoteAddress(), reason);
            ctx.writeAndFlush(new Failure(ClusterPortService.BAD_REQUEST, reason)).addListener(ChannelFutureListener.CLOSE);
        } else if (findCause(cause, SSLException.class) != null) {
            LOG.info("closing {}: TLS failure: {}", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.close();
        } else {
            LOG.warn("closing {} after an unexpected error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    /** The message to send back for a framing or decoding error, or {@code null} for anything else. */
    private static String protocolError(Throwable cause) {
        if (findCause(cause, TooLongFrameException.class) != null) {
            return "frame exceeds the limit of " + ClusterMessageCodec.MAX_FRAME_BYTES + " bytes";
        }
        CorruptedFrameException corrupted = findCause(cause, CorruptedFrameException.class);
        return corrupted == null ? null : corrupted.getMessage();
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private CertifiedNode caller(ChannelHandlerContext ctx) {
        if (!callerKnown) {
            callerKnown = true;
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            try {
                caller = CertifiedNode.ofPeer(ssl.engine().getSession());
            } catch (SSLPeerUnverifiedException e) {
                caller = null;
            } catch (IllegalArgumentException e) {
                LOG.info("{} presented a cluster certificate that names no node: {}",
                        ctx.channel().remoteAddress(), e.getMessage());
                caller = null;
            }
        }
        return caller;
    }
}
