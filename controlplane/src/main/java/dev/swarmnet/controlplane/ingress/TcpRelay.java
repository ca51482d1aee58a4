package dev.swarmnet.controlplane.ingress;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Copies bytes from one channel of a TCP flow to its peer: reads one buffer, writes it, reads the
 * next only once the write is flushed (auto-read off), so a slow side slows the fast one instead
 * of filling memory. Half-closes travel (input shutdown here: FIN to the peer once its writes are
 * flushed); a channel shut both ways closes; a closed one closes its peer after a flush; an error
 * (reset, timeout) resets the peer ({@code SO_LINGER 0}). Thread: the flow's event loop.
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {
    private final Channel peer;

    TcpRelay(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) future -> {
            if (future.isSuccess()) {
                ctx.channel().read();
            } else {
                reset(ctx.channel());
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            Channel self = ctx.channel();
            if (peer.isActive()) {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) flushed ->
                        ((DuplexChannel) peer).shutdownOutput().addListener(shut -> {
                            if (((DuplexChannel) peer).isInputShutdown()) {
                                peer.close();
                            }
                        }));
            }
            if (((DuplexChannel) self).isOutputShutdown() || !peer.isActive()) {
                self.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeAfterFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reset(peer);
        reset(ctx.channel());
    }

    /** Closes {@code channel} once what was written to it is flushed. */
    static void closeAfterFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Aborts {@code channel}: the kernel sends a RST instead of a FIN. */
    static void reset(Channel channel) {
        if (channel.isOpen()) {
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException ignored) {
                // not connected any more: a plain close is all that is left
            }
            channel.close();
        }
    }
}
