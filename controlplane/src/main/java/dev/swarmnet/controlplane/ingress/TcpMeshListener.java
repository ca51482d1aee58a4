package dev.swarmnet.controlplane.ingress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One published TCP port on this node: a listening socket per configured address, each accepted
 * connection carried to a backend by {@link TcpFrontend}. Thread: {@link #bind}, {@link #update}
 * and {@link #close} from the controller's thread; flows on the event loops.
 */
final class TcpMeshListener implements MeshListener {
    private final RouteHolder holder;
    private final FlowTable flows = new FlowTable();
    private final List<Channel> servers = new ArrayList<>();

    TcpMeshListener(MeshRoute route) {
        this.holder = new RouteHolder(route);
    }

    @Override
    public void bind(EventLoopGroup group, MeshTransport transport, List<InetAddress> addresses) throws Exception {
        MeshPort port = holder.route().port();
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
        try {
            for (InetAddress address : addresses) {
                servers.add(bootstrap.bind(new InetSocketAddress(address, port.port())).sync().channel());
            }
        } catch (Exception e) {
            closeServers();
            throw e;
        }
    }

    @Override
    public MeshRoute route() {
        return holder.route();
    }

    @Override
    public void update(MeshRoute route) {
        holder.update(route);
        Set<String> live = new HashSet<>();
        route.backends().forEach(backend -> live.add(backend.taskId()));
        flows.endUnless(live, client -> client.eventLoop().execute(() -> TcpFrontend.resetFlow(client)));
    }

    @Override
    public int openFlows() {
        return flows.size();
    }

    @Override
    public long totalFlows() {
        return flows.added();
    }

    @Override
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        servers.forEach(server -> bound.add((InetSocketAddress) server.localAddress()));
        return bound;
    }

    @Override
    public void close() {
        closeServers();
        flows.endAll(client -> client.eventLoop().execute(() -> TcpFrontend.resetFlow(client)));
    }

    private void closeServers() {
        servers.forEach(server -> server.close().syncUninterruptibly());
        servers.clear();
    }
}
