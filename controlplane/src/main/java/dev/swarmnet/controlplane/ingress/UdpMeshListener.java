package dev.swarmnet.controlplane.ingress;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One published UDP port on this node: per client address a flow, a datagram channel connected
 * to the backend chosen for its first datagram; the backend's replies leave from the published
 * port to the client. A flow silent both ways for the route's idle timeout (default 30 s) ends.
 * No backend: the datagram is dropped. Thread: {@link #bind}, {@link #update} and {@link #close}
 * from the controller's thread; datagrams on the server channel's event loop, which also owns
 * its flow map and the flows' channels.
 */
final class UdpMeshListener extends MeshListener {

    UdpMeshListener(MeshRoute route) {
        super(route);
    }

    @Override
    void bind(EventLoopGroup group, MeshTransport transport, List<InetAddress> addresses) throws Exception {
        bindEach(addresses, address -> new Bootstrap().group(group).channel(transport.datagramChannel())
                .handler(new Inbound(transport)).bind(address));
    }

    /** Closes the flow's upstream channel. */
    @Override
    void endFlow(Channel upstream) {
        upstream.close();
    }

    /** Client datagrams arriving on one published socket. Thread: that socket's event loop. */
    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final MeshTransport transport;
        private final Map<InetSocketAddress, ChannelFuture> upstreams = new HashMap<>();

        Inbound(MeshTransport transport) {
            super(false);
            this.transport = transport;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress client = packet.sender();
            ChannelFuture upstream = upstreams.get(client);
            if (upstream == null || (upstream.isDone() && !upstream.channel().isOpen())) {
                upstream = open(ctx.channel(), client);
                if (upstream == null) {
                    packet.release();
                    return;
                }
            }
            ChannelFuture connected = upstream;
            connected.addListener(done -> {
                if (done.isSuccess() && connected.channel().isActive()) {
                    connected.channel().writeAndFlush(packet.content());
                } else {
                    packet.release();
                }
            });
        }

        private ChannelFuture open(Channel server, InetSocketAddress client) {
            BackendChooser chooser = holder.chooser();
            MeshBackend backend = chooser.choose(client, System.nanoTime());
            if (backend == null) {
                return null;
            }
            long idle = holder.route().idleTimeout().toMillis();
            ChannelFuture future = new Bootstrap().group(server.eventLoop()).channel(transport.datagramChannel())
                    .handler(new ChannelInitializer<DatagramChannel>() {
                        @Override
                        protected void initChannel(DatagramChannel channel) {
                            channel.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS),
                                    new Reply(server, client));
                        }
                    })
                    .connect(new InetSocketAddress(backend.address(), backend.port()));
            Channel channel = future.channel();
            upstreams.put(client, future);
            flows.add(channel, backend);
            channel.closeFuture().addListener(closed -> {
                chooser.release(backend);
                flows.remove(channel);
                upstreams.remove(client, future);
            });
            future.addListener(done -> {
                if (!done.isSuccess()) {
                    channel.close();
                }
            });
            return future;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            upstreams.values().forEach(future -> future.channel().close());
            upstreams.clear();
        }
    }

    /** A backend's replies, sent to the client from the published socket. Thread: the flow's event loop. */
    private static final class Reply extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Channel server;
        private final InetSocketAddress client;

        Reply(Channel server, InetSocketAddress client) {
            super(false);
            this.server = server;
            this.client = client;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (server.isActive()) {
                server.writeAndFlush(new DatagramPacket(packet.content(), client));
            } else {
                packet.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable from a backend that is going away: the flow ends, the client retries
            ctx.close();
        }
    }
}
