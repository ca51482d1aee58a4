package dev.swarmnet.dataplane.capture;

/**
 * Where in the I/O layer a frame was seen. Directions are the data plane's: a port's rx is what
 * the task sent (read from its TAP), its tx what the data plane delivered (written to the TAP);
 * the underlay's rx is a datagram received from a peer, its tx one sent to a peer.
 *
 * <p>Ids start at 1 because they double as Agrona ring-buffer message types, which must be
 * positive. Constants only.
 */
public final class CapturePoint {
    public static final int PORT_RX = 0x01;
    public static final int PORT_TX = 0x02;
    public static final int UNDERLAY_RX = 0x03;
    public static final int UNDERLAY_TX = 0x04;

    private CapturePoint() {
    }

    public static boolean isReceive(int point) {
        return point == PORT_RX || point == UNDERLAY_RX;
    }

    public static boolean isUnderlay(int point) {
        return point == UNDERLAY_RX || point == UNDERLAY_TX;
    }
}
