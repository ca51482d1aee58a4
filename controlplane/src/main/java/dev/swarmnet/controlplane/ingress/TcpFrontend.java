package dev.swarmnet.controlplane.ingress;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;

/**
 * The client side of one TCP flow: picks a backend when the client connects, connects to it
 * (another backend on refusal, up to {@value #ATTEMPTS} tries), sends the PROXY v2 header when
 * the route asks for one, then relays both ways ({@link TcpRelay}). No backend: the client gets
 * a RST. An idle flow (no byte either way for the route's idle timeout) is reset on both sides.
 * Thread: the flow's event loop.
 */
final class TcpFrontend extends ChannelInboundHandlerAdapter {
    static final int ATTEMPTS = 3;
    /** The backend channel of a client channel, once connected. */
    static final AttributeKey<Channel> PEER = AttributeKey.valueOf("swarmnet.mesh.peer");

    private final RouteHolder holder;
    private final FlowTable flows;
    private final MeshTransport transport;

    TcpFrontend(RouteHolder holder, FlowTable flows, MeshTransport transport) {
        this.holder = holder;
        this.flows = flows;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connect(ctx.channel(), ATTEMPTS);
    }

    private void connect(Channel client, int attemptsLeft) {
        BackendChooser chooser = holder.chooser();
        MeshRoute route = holder.route();
        MeshBackend backend = chooser.choose((InetSocketAddress) client.remoteAddress(), System.nanoTime());
        if (backend == null) {
            TcpRelay.reset(client);
            return;
        }
        Bootstrap bootstrap = new Bootstrap().group(client.eventLoop()).channel(transport.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new TcpRelay(client));
        bootstrap.connect(backend.address(), backend.port()).addListener((ChannelFutureListener) future -> {
            Channel upstream = future.channel();
            if (!future.isSuccess()) {
                chooser.release(backend);
                if (attemptsLeft > 1 && client.isActive()) {
                    connect(client, attemptsLeft - 1);
                } else {
                    TcpRelay.reset(client);
                }
                return;
            }
            upstream.closeFuture().addListener(closed -> chooser.release(backend));
            if (!client.isActive()) {
                TcpRelay.reset(upstream);
                return;
            }
            client.attr(PEER).set(upstream);
            flows.add(client, backend);
            client.closeFuture().addListener(closed -> flows.remove(client));
            client.pipeline().addLast(new TcpRelay(upstream));
            client.pipeline().remove(this);
            if (route.proxyV2()) {
                upstream.writeAndFlush(Unpooled.wrappedBuffer(ProxyProtocolV2.header(
                        (InetSocketAddress) client.remoteAddress(), (InetSocketAddress) client.localAddress(), false)));
            }
            client.read();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // auto-read is off and read() is only called once connected: nothing arrives here
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        TcpRelay.reset(ctx.channel());
    }

    /** Resets both sides of the flow whose client side is {@code client}. */
    static void resetFlow(Channel client) {
        Channel upstream = client.attr(PEER).get();
        if (upstream != null) {
            TcpRelay.reset(upstream);
        }
        TcpRelay.reset(client);
    }

    /** Resets a flow that stayed idle: placed before the relay in the client's pipeline. */
    static final class IdleReset extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                resetFlow(ctx.channel());
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }
    }
}
