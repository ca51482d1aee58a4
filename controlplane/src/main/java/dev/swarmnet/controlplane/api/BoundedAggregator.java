package dev.swarmnet.controlplane.api;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates a request into one {@code FullHttpRequest} of at most {@code maxBytes} of body;
 * a larger one gets a Docker-shaped 413 and the connection is closed. The 413 is sent as soon as
 * the headers announce too much, usually while the client is still sending the body, so the
 * close lingers (RFC 9112 §9.6): the server shuts its side for writing, then reads and drops what
 * the client still sends, for {@value #LINGER_MILLIS} ms at the most, before it closes. Closing at
 * once would make the client's writes fail, and the unread bytes would turn the close into a
 * reset that can destroy the 413 before the client reads it. Owned by the channel's event loop.
 */
final class BoundedAggregator extends HttpObjectAggregator {

    /** How long a connection refused with 413 keeps draining the client's body before it closes. */
    static final long LINGER_MILLIS = 2_000;

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
                .addListener(written -> lingerThenClose(ctx.channel()));
    }

    /** Shuts the channel's output, drains its input (the aggregator drops the body) and closes it later. */
    private static void lingerThenClose(Channel channel) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
            channel.close();
            return;
        }
        duplex.shutdownOutput().addListener(shut -> {
            if (!shut.isSuccess()) {
                channel.close();
                return;
            }
            channel.config().setAutoRead(true);
            channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
