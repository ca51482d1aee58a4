package dev.swarmnet.controlplane.ingress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One published TCP port on this node: a listening socket per configured address, each accepted
 * connection carried to a backend by {@link TcpFrontend}. Thread: {@link #bind}, {@link #update}
 * and {@link #close} from the controller's thread; flows on the event loops.
 */
final class TcpMeshListener extends MeshListener {

    TcpMeshListener(MeshRoute route) {
        super(route);
    }

    @Override
    void bind(EventLoopGroup group, MeshTransport transport, List<InetAddress> addresses) throws Exception {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        long idle = holder.route().idleTimeout().toMillis();
                        channel.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS),
                                new TcpFrontend.IdleReset(), new TcpFrontend(holder, flows, transport));
                    }
                });
        bindEach(addresses, bootstrap::bind);
    }

    /** A RST to the client and to the backend, on the flow's event loop. */
    @Override
    void endFlow(Channel client) {
        client.eventLoop().execute(() -> TcpFrontend.resetFlow(client));
    }
}
