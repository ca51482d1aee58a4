package dev.swarmnet.dataplane.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Queries that arrive over TCP in more than one segment (a client that writes the 2-octet length
 * and the message separately), gathered until whole. The only per-connection state of the
 * gateway's DNS-over-TCP endpoint, and only for such clients: a fixed number of slots, each with
 * room for one query, in one array allocated up front. A slot is taken by a connection's first
 * partial segment and freed when its query is whole; a slot untouched for {@link #IDLE_NS} may be
 * taken by another connection, and when every slot is busy the least recently used one is.
 *
 * <p>Owned by the frame processor's thread; allocation-free after construction.
 */
final class DnsTcpQueries {
    static final int SLOTS = 64;
    /** The longest query gathered, length prefix included; a longer one is refused. */
    static final int MAX_QUERY = 2 + 1024;
    static final long IDLE_NS = 10_000_000_000L;
    static final int NONE = -1;

    private final ByteBuf bytes = Unpooled.wrappedBuffer(new byte[SLOTS * MAX_QUERY]);
    private final int[] client = new int[SLOTS];
    private final int[] clientPort = new int[SLOTS];
    private final int[] port = new int[SLOTS];
    private final int[] nextSequence = new int[SLOTS];
    private final int[] length = new int[SLOTS];
    private final long[] touchedNs = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];

    /** The slot gathering this connection's query, or {@link #NONE}. */
    int find(int address, int sourcePort, int localPort, long nowNs) {
        for (int i = 0; i < SLOTS; i++) {
            if (used[i] && client[i] == address && clientPort[i] == sourcePort && port[i] == localPort) {
                if (nowNs - touchedNs[i] > IDLE_NS) {
                    used[i] = false;
                    return NONE;
                }
                return i;
            }
        }
        return NONE;
    }

    /** Takes a slot for a connection whose query starts at sequence number {@code sequence}. */
    int open(int address, int sourcePort, int localPort, int sequence, long nowNs) {
        int chosen = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (!used[i] || nowNs - touchedNs[i] > IDLE_NS) {
                chosen = i;
                break;
            }
            if (touchedNs[i] < touchedNs[chosen]) {
                chosen = i;
            }
        }
        used[chosen] = true;
        client[chosen] = address;
        clientPort[chosen] = sourcePort;
        port[chosen] = localPort;
        nextSequence[chosen] = sequence;
        length[chosen] = 0;
        touchedNs[chosen] = nowNs;
        return chosen;
    }

    /** The sequence number the slot's next octet must have. */
    int nextSequence(int slot) {
        return nextSequence[slot];
    }

    /**
     * Appends {@code count} octets of {@code src} at {@code offset}.
     *
     * @return false (and the slot is freed) when the query would be longer than {@link #MAX_QUERY}
     */
    boolean append(int slot, ByteBuf src, int offset, int count, long nowNs) {
        if (length[slot] + count > MAX_QUERY) {
            used[slot] = false;
            return false;
        }
        bytes.setBytes(slot * MAX_QUERY + length[slot], src, offset, count);
        length[slot] += count;
        nextSequence[slot] += count;
        touchedNs[slot] = nowNs;
        return true;
    }

    /** The gathered query's message length once it is whole, else -1. */
    int wholeQueryLength(int slot) {
        if (length[slot] < 2) {
            return -1;
        }
        int declared = bytes.getUnsignedShort(slot * MAX_QUERY);
        return length[slot] >= 2 + declared ? declared : -1;
    }

    /** The buffer holding every slot's octets. */
    ByteBuf bytes() {
        return bytes;
    }

    /** Where the slot's message (after its length prefix) starts in {@link #bytes()}. */
    int messageOffset(int slot) {
        return slot * MAX_QUERY + 2;
    }

    void free(int slot) {
        used[slot] = false;
    }
}
