package dev.swarmnet.dataplane.pipeline;

/**
 * What the I/O layer does with a processed frame. The buffer's readable bytes are what to send.
 *
 * <ul>
 *   <li>{@link #FORWARD_LOCAL}, {@link #ANSWER_LOCAL}: write the Ethernet frame to
 *       {@link FrameProcessor#outputPort()}.</li>
 *   <li>{@link #FORWARD_REMOTE}, {@link #ANSWER_REMOTE}: send the VXLAN header and frame as one
 *       UDP datagram to {@link FrameProcessor#remoteVtep()}, port 4789.</li>
 *   <li>{@link #DROP}: release the buffer; {@link FrameProcessor#dropReason()} says why.</li>
 *   <li>{@link #HANDED_OFF}: release the buffer; another component (the DNS forwarder) took a
 *       copy of what it needed and will answer later.</li>
 * </ul>
 */
public final class Verdict {
    public static final int DROP = 0;
    public static final int FORWARD_LOCAL = 1;
    public static final int FORWARD_REMOTE = 2;
    public static final int ANSWER_LOCAL = 3;
    public static final int ANSWER_REMOTE = 4;
    public static final int HANDED_OFF = 5;

    private Verdict() {
    }

    public static boolean isRemote(int verdict) {
        return verdict == FORWARD_REMOTE || verdict == ANSWER_REMOTE;
    }

    public static String name(int verdict) {
        switch (verdict) {
            case DROP: return "DROP";
            case FORWARD_LOCAL: return "FORWARD_LOCAL";
            case FORWARD_REMOTE: return "FORWARD_REMOTE";
            case ANSWER_LOCAL: return "ANSWER_LOCAL";
            case ANSWER_REMOTE: return "ANSWER_REMOTE";
            case HANDED_OFF: return "HANDED_OFF";
            default: return "UNKNOWN(" + verdict + ")";
        }
    }
}
