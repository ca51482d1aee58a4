package dev.swarmnet.dataplane.io;

import dev.swarmnet.dataplane.answer.TcpAnswer;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;

/**
 * The TCP leg of the {@link DnsForwarder}: at most one short connection per forwarding slot to an
 * upstream resolver (RFC 7766), which writes the slot's query behind its 2-octet length once
 * connected, gathers the reply's length and message (at most 2 + 65535 octets, in however many
 * reads) and hands the whole message to the {@link Replies} callback.
 *
 * <p>A slot's <em>current</em> connection is the only one whose events count: opening a new one
 * for the slot, or {@link #close closing} it, abandons the old one, whose late events are then
 * ignored. A current connection that fails to connect, or is closed by the resolver before the
 * whole reply, is counted ({@code dns_forward_tcp_errors}) and forgotten; the query then waits
 * for the forwarder's next attempt or its timeout.
 *
 * <p>Owned by the forwarder's event loop, like the forwarder; the connections are made on it.
 */
final class UpstreamConnections {
    /** Largest reply message read whole. */
    static final int MAX_REPLY = 0xffff;

    /** Where a whole reply goes; {@code content} is valid only during the call. */
    interface Replies {
        void reply(int slot, ByteBuf content);
    }

    private final Bootstrap bootstrap;
    private final Counters counters;
    private final Replies replies;
    private final Channel[] current;

    /**
     * @param bootstrap a socket-channel bootstrap on the forwarder's loop, with its options set;
     *     cloned per connection
     * @param slots the number of forwarding slots
     */
    UpstreamConnections(Bootstrap bootstrap, Counters counters, Replies replies, int slots) {
        this.bootstrap = bootstrap;
        this.counters = counters;
        this.replies = replies;
        this.current = new Channel[slots];
    }

    /**
     * Opens a connection for the slot's {@code query} to {@code upstream}, abandoning the slot's
     * previous one; the query (not retained here: the caller keeps it until it closes the slot)
     * is written once the connection is up.
     */
    void open(int slot, ByteBuf query, InetSocketAddress upstream) {
        close(slot);
        counters.increment(Counter.DNS_FORWARD_TCP);
        ChannelFuture connecting = bootstrap.clone().handler(new Exchange(slot, query)).connect(upstream);
        Channel opened = connecting.channel();
        current[slot] = opened;
        connecting.addListener(f -> {
            if (!f.isSuccess() && current[slot] == opened) {
                counters.increment(Counter.DNS_FORWARD_TCP_ERRORS);
                current[slot] = null;
            }
        });
    }

    /** Forgets and closes the slot's connection, if any; closing it is not an error. */
    void close(int slot) {
        Channel open = current[slot];
        if (open != null) {
            current[slot] = null;
            open.close();
        }
    }

    /** One query's exchange on one connection. */
    private final class Exchange extends ChannelInboundHandlerAdapter {
        private final int slot;
        private final ByteBuf query;
        private ByteBuf gathered;

        Exchange(int slot, ByteBuf query) {
            this.slot = slot;
            this.query = query;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (current[slot] != ctx.channel()) {
                ctx.close();
                return;
            }
            ctx.write(ctx.alloc().buffer(TcpAnswer.PREFIX).writeShort(query.readableBytes()));
            ctx.writeAndFlush(query.retainedDuplicate());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf read = (ByteBuf) msg;
            try {
                if (current[slot] != ctx.channel()) {
                    return;
                }
                if (gathered == null) {
                    gathered = ctx.alloc().buffer(Math.max(read.readableBytes(), 512), MAX_REPLY + TcpAnswer.PREFIX);
                }
                gathered.writeBytes(read, Math.min(read.readableBytes(), gathered.maxWritableBytes()));
                if (gathered.readableBytes() < TcpAnswer.PREFIX) {
                    return;
                }
                int length = gathered.getUnsignedShort(gathered.readerIndex());
                if (gathered.readableBytes() >= TcpAnswer.PREFIX + length) {
                    replies.reply(slot, gathered.slice(gathered.readerIndex() + TcpAnswer.PREFIX, length));
                }
            } finally {
                read.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (gathered != null) {
                gathered.release();
                gathered = null;
            }
            if (current[slot] == ctx.channel()) {
                // closed by the resolver before its whole reply
                counters.increment(Counter.DNS_FORWARD_TCP_ERRORS);
                current[slot] = null;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
