package dev.swarmnet.dataplane.conntrack;

import dev.swarmnet.dataplane.wire.Ipv4;

/**
 * Connection-tracking states as {@code int} constants, with display names. Static only; safe
 * from any thread.
 *
 * <p>TCP states follow Linux {@code nf_conntrack_proto_tcp} (simplified); UDP has two states;
 * ICMP one. Any other IP protocol is tracked with the UDP states.
 */
public final class FlowState {

    public static final int SYN_SENT = 0;
    public static final int SYN_RECV = 1;
    public static final int ESTABLISHED = 2;
    public static final int FIN_WAIT = 3;
    public static final int CLOSE_WAIT = 4;
    public static final int LAST_ACK = 5;
    public static final int TIME_WAIT = 6;
    public static final int CLOSE = 7;
    public static final int UDP_UNREPLIED = 8;
    public static final int UDP_REPLIED = 9;
    public static final int ICMP = 10;

    /** Number of states; valid states are {@code 0 .. COUNT - 1}. */
    public static final int COUNT = 11;

    // The protocol numbers live in dev.swarmnet.dataplane.wire; these name them for flow code.
    public static final int PROTO_ICMP = Ipv4.PROTO_ICMP;
    public static final int PROTO_TCP = Ipv4.PROTO_TCP;
    public static final int PROTO_UDP = Ipv4.PROTO_UDP;

    private static final String[] NAMES = {
        "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK",
        "TIME_WAIT", "CLOSE", "UDP_UNREPLIED", "UDP_REPLIED", "ICMP",
    };

    private FlowState() {
    }

    public static String name(int state) {
        return state >= 0 && state < COUNT ? NAMES[state] : "UNKNOWN(" + state + ")";
    }

    /** State of a freshly created flow, before its first packet is accounted. */
    public static int initial(int proto) {
        switch (proto) {
            case PROTO_TCP:
                return SYN_SENT;
            case PROTO_ICMP:
                return ICMP;
            default:
                return UDP_UNREPLIED;
        }
    }
}
