package dev.swarmnet.controlplane.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Aggregates a request into one {@code FullHttpRequest} of at most {@code maxBytes} of body;
 * a larger one gets a Docker-shaped 413 and the connection is closed. Owned by the channel's
 * event loop.
 */
final class BoundedAggregator extends HttpObjectAggregator {

    private final int maxBytes;

    BoundedAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        boolean head = oversized instanceof HttpRequest r && r.method().equals(HttpMethod.HEAD);
        ApiResponse error = ApiResponse.error(new ApiException(413,
                "request body too large: swarmnet accepts at most " + maxBytes + " bytes"));
        ctx.writeAndFlush(ResponseEncoder.encode(error, HttpVersion.HTTP_1_1, head, false))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
