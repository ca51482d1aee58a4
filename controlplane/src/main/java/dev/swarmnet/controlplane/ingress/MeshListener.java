package dev.swarmnet.controlplane.ingress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One published port open on this node (TCP or UDP): its route, one listening socket per
 * configured address, and its flows. Subclasses say how a socket is bound and how a flow is ended
 * (TCP: a RST both ways; UDP: its upstream channel closed). Thread: the controller's thread calls
 * every method; flows run on the event loops.
 */
abstract class MeshListener implements AutoCloseable {
    final RouteHolder holder;
    final FlowTable flows = new FlowTable();
    private final List<Channel> servers = new ArrayList<>();

    MeshListener(MeshRoute route) {
        this.holder = new RouteHolder(route);
    }

    /** Opens the port on each of {@code addresses}; on failure nothing stays open and the cause is thrown. */
    abstract void bind(EventLoopGroup group, MeshTransport transport, List<InetAddress> addresses) throws Exception;

    /** Ends one flow (the channel {@link #flows} holds for it), from any thread. */
    abstract void endFlow(Channel flow);

    /** Binds one socket per address with {@code bind}; if one fails, closes those bound and rethrows. */
    final void bindEach(List<InetAddress> addresses, java.util.function.Function<InetSocketAddress, ChannelFuture> bind)
            throws Exception {
        int port = holder.route().port().port();
        try {
            for (InetAddress address : addresses) {
                servers.add(bind.apply(new InetSocketAddress(address, port)).sync().channel());
            }
        } catch (Exception e) {
            closeServers();
            throw e;
        }
    }

    /** The route it currently follows. */
    final MeshRoute route() {
        return holder.route();
    }

    /** Follows {@code route} from now on; flows to tasks no longer in it end. */
    final void update(MeshRoute route) {
        holder.update(route);
        Set<String> live = new HashSet<>();
        route.backends().forEach(backend -> live.add(backend.taskId()));
        flows.endUnless(live, this::endFlow);
    }

    /** Its open flows. */
    final int openFlows() {
        return flows.size();
    }

    /** Flows it has opened since it was made. */
    final long totalFlows() {
        return flows.added();
    }

    /** The local addresses it listens on (port 0 resolved). */
    final List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        servers.forEach(server -> bound.add((InetSocketAddress) server.localAddress()));
        return bound;
    }

    /** Closes the port and ends its flows. */
    @Override
    public final void close() {
        closeServers();
        flows.endAll(this::endFlow);
    }

    private void closeServers() {
        servers.forEach(server -> server.close().syncUninterruptibly());
        servers.clear();
    }
}
