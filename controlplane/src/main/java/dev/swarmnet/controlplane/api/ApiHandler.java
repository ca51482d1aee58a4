package dev.swarmnet.controlplane.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an API connection: copies each aggregated request out of Netty, runs the
 * router on the worker executor (endpoints may block on Raft), and writes the answer back on
 * the event loop. One request at a time per connection: reading pauses while a request is in
 * flight, so pipelined requests are answered in order. An idle connection with nothing in flight
 * is closed; a streamed response (logs) keeps its connection in flight until the body ends or
 * the client goes away.
 *
 * <p>Owned by the channel's event loop; one instance per connection. Consumes (releases) every
 * request.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final ApiRouter router;
    private final Executor workers;
    private boolean inFlight;
    private boolean streaming;
    /** Signalled when the channel becomes writable again or closes; producers of a stream wait on it. */
    private final Object writable = new Object();

    ApiHandler(ApiRouter router, Executor workers) {
        this.router = router;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (streaming) {
            // a client that sends while its stream runs is not a Docker client: drop it
            ctx.close();
            return;
        }
        HttpVersion version = request.protocolVersion();
        if (!request.decoderResult().isSuccess()) {
            reply(ctx, badRequest("malformed HTTP request: " + request.decoderResult().cause().getMessage()),
                    version, false, false);
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ApiRequest apiRequest;
        try {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            apiRequest = new ApiRequest(request.method().name(), uri.path(), uri.parameters(),
                    request.headers().get(HttpHeaderNames.CONTENT_TYPE), ByteBufUtil.getBytes(request.content()),
                    request.headers().get("X-Registry-Auth"));
        } catch (IllegalArgumentException e) {
            reply(ctx, badRequest("malformed request URI " + request.uri() + ": " + e.getMessage()), version, head,
                    false);
            return;
        }
        inFlight = true;
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> {
                ApiResponse response = router.handle(apiRequest);
                ctx.executor().execute(() -> reply(ctx, response, version, head, keepAlive));
            });
        } catch (RejectedExecutionException e) {
            reply(ctx, ApiResponse.error(ApiException.unavailable("the swarmnet API is busy; try again")), version,
                    head, keepAlive);
        }
    }

    private void reply(ChannelHandlerContext ctx, ApiResponse response, HttpVersion version, boolean head,
                       boolean keepAlive) {
        if (response.streaming() != null) {
            if (head || !ctx.channel().isActive()) {
                response.streaming().close();
            } else {
                stream(ctx, response, version, keepAlive);
                return;
            }
        }
        inFlight = false;
        var future = ctx.writeAndFlush(ResponseEncoder.encode(response, version, head, keepAlive));
        if (keepAlive) {
            ctx.channel().config().setAutoRead(true);
        } else {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Sends a streamed body: the head now, then each chunk as the body produces it, from whatever
     * thread (Netty queues writes from other threads in order), and the last chunk at its end.
     * The connection stays in flight until then; a closed connection or a failed write closes the
     * body.
     */
    private void stream(ChannelHandlerContext ctx, ApiResponse response, HttpVersion version, boolean keepAlive) {
        StreamingBody body = response.streaming();
        ctx.writeAndFlush(ResponseEncoder.encodeStreamingHead(response, version));
        ChannelFutureListener closeBody = f -> body.close();
        ctx.channel().closeFuture().addListener(closeBody);
        // read again, so that the client closing its end is seen and the body stopped at once
        streaming = true;
        ctx.channel().config().setAutoRead(true);
        AtomicBoolean ended = new AtomicBoolean();
        StreamingBody.Sink sink = new StreamingBody.Sink() {
            @Override
            public void chunk(byte[] bytes) {
                if (ended.get() || bytes.length == 0) {
                    return;
                }
                awaitWritable(ctx);
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes))).addListener(f -> {
                    if (!f.isSuccess()) {
                        ctx.close();
                    }
                });
            }

            @Override
            public void end() {
                if (!ended.compareAndSet(false, true)) {
                    return;
                }
                var done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                ctx.executor().execute(() -> {
                    ctx.channel().closeFuture().removeListener(closeBody);
                    inFlight = false;
                    streaming = false;
                    if (!keepAlive) {
                        done.addListener(ChannelFutureListener.CLOSE);
                    }
                });
                body.close();
            }
        };
        try {
            workers.execute(() -> {
                try {
                    body.start(sink);
                } catch (RuntimeException e) {
                    LOG.warn("a streamed response failed", e);
                    ctx.close();
                }
            });
        } catch (RejectedExecutionException e) {
            ctx.close();
        }
    }

    /**
     * Back-pressure for streamed bodies: a producer thread (never the event loop) waits while the
     * client reads slower than the body is produced, until the channel drains or closes.
     */
    private void awaitWritable(ChannelHandlerContext ctx) {
        if (ctx.executor().inEventLoop()) {
            return;
        }
        synchronized (writable) {
            while (ctx.channel().isActive() && !ctx.channel().isWritable()) {
                try {
                    writable.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        synchronized (writable) {
            writable.notifyAll();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        synchronized (writable) {
            writable.notifyAll();
        }
        super.channelInactive(ctx);
    }

    private static ApiResponse badRequest(String message) {
        return ApiResponse.error(ApiException.badRequest(message));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (!inFlight) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("API connection {} failed", ctx.channel(), cause);
        ctx.close();
    }
}
