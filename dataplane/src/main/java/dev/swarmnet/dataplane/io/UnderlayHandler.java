package dev.swarmnet.dataplane.io;

import dev.swarmnet.dataplane.capture.CaptureTap;
import dev.swarmnet.dataplane.pipeline.FrameProcessor;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Feeds VXLAN datagrams from the underlay socket to the dispatcher; consumes each
 * {@link DatagramPacket} (its content passes to the dispatcher). Owned by the event loop.
 */
final class UnderlayHandler extends ChannelInboundHandlerAdapter {
    private final VerdictDispatcher dispatcher;
    private final Counters counters;

    UnderlayHandler(VerdictDispatcher dispatcher, Counters counters) {
        this.dispatcher = dispatcher;
        this.counters = counters;
    }

    /** Runs on the loop at registration, before the bind: no datagram can arrive before the dispatcher knows the channel. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        dispatcher.underlay(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket)) {
            ctx.fireChannelRead(msg);
            return;
        }
        DatagramPacket packet = (DatagramPacket) msg;
        ByteBuf content = packet.content();
        counters.increment(Counter.UNDERLAY_RX_DATAGRAMS);
        counters.add(Counter.UNDERLAY_RX_BYTES, content.readableBytes());
        InetSocketAddress sender = packet.sender();
        // Inet4Address.hashCode() is the address itself, read without copying it to a byte[].
        int source = sender == null ? 0 : sender.getAddress().hashCode();
        long now = System.nanoTime();
        CaptureTap capture = dispatcher.capture();
        if (capture != null) {
            capture.underlayReceived(content, source, sender == null ? 0 : sender.getPort(), now);
        }
        dispatcher.dispatch(content, FrameProcessor.UNDERLAY, source, now);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        dispatcher.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.increment(Counter.UNDERLAY_TX_ERRORS);
    }
}
