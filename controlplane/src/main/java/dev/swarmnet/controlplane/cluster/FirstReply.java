package dev.swarmnet.controlplane.cluster;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The last handler of a one-request cluster-port connection: completes {@code reply} with the
 * first message, or with why none came (a failure, decoder failures unwrapped to their cause, or
 * the connection closing first). Event loop; one per connection.
 */
final class FirstReply extends SimpleChannelInboundHandler<ClusterMessage> {
    private final CompletableFuture<ClusterMessage> reply;
    private final Supplier<Throwable> closedFirst;

    /** @param closedFirst the failure when the peer closes the connection before it replies */
    FirstReply(CompletableFuture<ClusterMessage> reply, Supplier<Throwable> closedFirst) {
        this.reply = reply;
        this.closedFirst = closedFirst;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClusterMessage message) {
        reply.complete(message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reply.completeExceptionally(unwrap(cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reply.completeExceptionally(closedFirst.get());
    }

    /** A decoder's failure as its cause, which says what was wrong with the bytes. */
    static Throwable unwrap(Throwable cause) {
        return cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    }
}
