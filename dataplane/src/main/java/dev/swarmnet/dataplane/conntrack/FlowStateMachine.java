package dev.swarmnet.dataplane.conntrack;

import dev.swarmnet.dataplane.wire.Tcp;

/**
 * Direction-aware state transitions of a tracked flow, modelled (simplified) on Linux
 * {@code nf_conntrack_proto_tcp}. Pure static functions over a packed {@code int} state word;
 * safe from any thread, allocation-free.
 *
 * <p>State word: bits 0-7 hold the {@link FlowState}; the bits above remember what the table
 * has seen of the flow ({@link #SYN_SEEN}, {@link #SEEN_ORIGINAL}, {@link #SEEN_REPLY},
 * {@link #FIN_FROM_REPLY}).
 *
 * <p>TCP transitions ({@code o} = original direction, {@code r} = reply direction):
 * <pre>
 *  any           RST (o|r)             -> CLOSE
 *  SYN_SENT      SYN (o)               -> SYN_SENT      (retransmit)
 *  TIME_WAIT     SYN (o)               -> SYN_SENT      (port reuse reopens the flow)
 *  CLOSE         SYN (o)               -> SYN_SENT
 *  SYN_SENT      SYN+ACK (r)           -> SYN_RECV
 *  SYN_RECV      ACK (o)               -> ESTABLISHED
 *  SYN_RECV      FIN (o|r)             -> FIN_WAIT      (records which side closed first)
 *  ESTABLISHED   FIN (o|r)             -> FIN_WAIT      (records which side closed first)
 *  FIN_WAIT      ACK (other side)      -> CLOSE_WAIT    (first FIN acknowledged)
 *  FIN_WAIT      FIN (other side)      -> LAST_ACK
 *  CLOSE_WAIT    FIN (other side)      -> LAST_ACK
 *  LAST_ACK      ACK (first closer)    -> TIME_WAIT
 *  SYN_SENT      ACK, no SYN seen ever, packets seen both ways -> ESTABLISHED (mid-stream pickup)
 * </pre>
 * Anything else leaves the state unchanged. Mid-stream pickup (a flow created from a non-SYN
 * packet, e.g. after a data-plane restart) stays in SYN_SENT, with its short timeout, until
 * ACK-bearing traffic has been seen in <em>both</em> directions; only then is it ESTABLISHED.
 * A stray one-way ACK therefore cannot pin an entry for the ESTABLISHED timeout.
 *
 * <p>UDP and other protocols: UDP_UNREPLIED until a reply-direction packet, then UDP_REPLIED.
 * ICMP stays ICMP.
 */
public final class FlowStateMachine {

    public static final int TCP_FIN = Tcp.FIN;
    public static final int TCP_SYN = Tcp.SYN;
    public static final int TCP_RST = Tcp.RST;
    public static final int TCP_PSH = Tcp.PSH;
    public static final int TCP_ACK = Tcp.ACK;

    public static final int STATE_MASK = 0xFF;
    /** A SYN from the original side was seen: the handshake is being tracked. */
    public static final int SYN_SEEN = 0x100;
    public static final int SEEN_ORIGINAL = 0x200;
    public static final int SEEN_REPLY = 0x400;
    /** The first FIN came from the reply side (clear: from the original side). */
    public static final int FIN_FROM_REPLY = 0x800;

    private static final int SEEN_BOTH = SEEN_ORIGINAL | SEEN_REPLY;

    private FlowStateMachine() {
    }

    /** State word of a freshly created flow. */
    public static int initialWord(int proto) {
        return FlowState.initial(proto);
    }

    public static int state(int word) {
        return word & STATE_MASK;
    }

    /**
     * Next state word after one packet.
     *
     * @param word      current state word
     * @param proto     IP protocol of the flow
     * @param direction {@link FlowTable#ORIGINAL} or {@link FlowTable#REPLY}
     * @param tcpFlags  TCP flags byte (ignored for non-TCP)
     */
    public static int next(int word, int proto, int direction, int tcpFlags) {
        int seenBit = direction == FlowTable.ORIGINAL ? SEEN_ORIGINAL : SEEN_REPLY;
        word |= seenBit;
        switch (proto) {
            case FlowState.PROTO_TCP:
                return nextTcp(word, direction, tcpFlags);
            case FlowState.PROTO_ICMP:
                return word;
            default:
                return direction == FlowTable.REPLY ? withState(word, FlowState.UDP_REPLIED) : word;
        }
    }

    private static int nextTcp(int word, int direction, int flags) {
        int state = word & STATE_MASK;
        boolean original = direction == FlowTable.ORIGINAL;
        if ((flags & TCP_RST) != 0) {
            return withState(word, FlowState.CLOSE);
        }
        boolean ack = (flags & TCP_ACK) != 0;
        boolean fin = (flags & TCP_FIN) != 0;
        if ((flags & TCP_SYN) != 0) {
            if (!ack) {
                if (original && (state == FlowState.SYN_SENT || state == FlowState.TIME_WAIT
                    || state == FlowState.CLOSE)) {
                    return FlowState.SYN_SENT | SYN_SEEN | SEEN_ORIGINAL;
                }
            } else if (!original && state == FlowState.SYN_SENT) {
                return withState(word, FlowState.SYN_RECV);
            }
            return word;
        }
        boolean fromFirstCloser = original == ((word & FIN_FROM_REPLY) == 0);
        switch (state) {
            case FlowState.SYN_SENT:
                if (ack && (word & SYN_SEEN) == 0 && (word & SEEN_BOTH) == SEEN_BOTH) {
                    return withState(word, FlowState.ESTABLISHED);
                }
                return word;
            case FlowState.SYN_RECV:
            case FlowState.ESTABLISHED:
                if (fin) {
                    int side = original ? 0 : FIN_FROM_REPLY;
                    return withState(word & ~FIN_FROM_REPLY | side, FlowState.FIN_WAIT);
                }
                if (state == FlowState.SYN_RECV && original && ack) {
                    return withState(word, FlowState.ESTABLISHED);
                }
                return word;
            case FlowState.FIN_WAIT:
                if (!fromFirstCloser) {
                    if (fin) {
                        return withState(word, FlowState.LAST_ACK);
                    }
                    if (ack) {
                        return withState(word, FlowState.CLOSE_WAIT);
                    }
                }
                return word;
            case FlowState.CLOSE_WAIT:
                return !fromFirstCloser && fin ? withState(word, FlowState.LAST_ACK) : word;
            case FlowState.LAST_ACK:
                return fromFirstCloser && ack ? withState(word, FlowState.TIME_WAIT) : word;
            default:
                return word;
        }
    }

    private static int withState(int word, int state) {
        return word & ~STATE_MASK | state;
    }
}
