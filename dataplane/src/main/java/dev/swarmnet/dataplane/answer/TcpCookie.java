package dev.swarmnet.dataplane.answer;

/**
 * Initial sequence numbers that carry their own proof, in the manner of SYN cookies (RFC 4987
 * §3.6): the DNS-over-TCP endpoint keeps no state per connection, so the number it chooses for
 * its SYN-ACK is a keyed hash of the connection's addresses, ports and a coarse clock, and a
 * later segment is accepted only if it acknowledges such a number. A segment of a connection this
 * endpoint never accepted (or accepted before a restart, which draws a new key) fails the check
 * and gets a RST.
 *
 * <p>The clock ticks every 2^36 ns (about 69 s); a number from the current or the previous tick
 * is valid, so a connection has at least 69 s to send its query. Immutable; allocation-free.
 */
public final class TcpCookie {
    private static final int TICK_SHIFT = 36;

    private final long key;

    /** @param key a secret drawn at random when the data plane starts */
    public TcpCookie(long key) {
        this.key = key;
    }

    /** The initial sequence number to send from {@code server:serverPort} to {@code client:clientPort}. */
    public int issue(int client, int clientPort, int server, int serverPort, long nowNs) {
        return hash(client, clientPort, server, serverPort, nowNs >>> TICK_SHIFT);
    }

    /** Whether {@code isn} was issued for this connection within the last one or two ticks. */
    public boolean valid(int isn, int client, int clientPort, int server, int serverPort, long nowNs) {
        long tick = nowNs >>> TICK_SHIFT;
        return isn == hash(client, clientPort, server, serverPort, tick)
                || isn == hash(client, clientPort, server, serverPort, tick - 1);
    }

    private int hash(int client, int clientPort, int server, int serverPort, long tick) {
        long h = mix(key ^ (((long) client << 32) | (server & 0xffffffffL)));
        h = mix(h ^ (((long) clientPort << 16) | serverPort) ^ (tick << 32));
        return (int) (h ^ (h >>> 32));
    }

    /** SplitMix64's finalizer: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
