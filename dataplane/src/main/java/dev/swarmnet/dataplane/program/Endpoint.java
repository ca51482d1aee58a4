package dev.swarmnet.dataplane.program;

/**
 * An address on an overlay: a task's attachment on this node (a local port) or on another node
 * (reached through that node's VTEP).
 *
 * @param vni the network
 * @param address IPv4 address
 * @param mac 48-bit MAC
 * @param port local port id (a TAP), or {@link #REMOTE}
 * @param node underlay IPv4 address of the node that hosts it when remote, 0 when local
 */
public record Endpoint(int vni, int address, long mac, int port, int node) {
    public static final int REMOTE = -1;
    /** Local port ids are dense small integers below this bound. */
    public static final int MAX_PORTS = 1 << 16;

    public Endpoint {
        if ((mac & ~0xffff_ffff_ffffL) != 0 || (mac & 0x0100_0000_0000L) != 0 || mac == 0) {
            throw new IllegalArgumentException("endpoint " + dev.swarmnet.dataplane.wire.Ipv4.format(address)
                    + ": MAC " + Long.toHexString(mac) + " is not a unicast 48-bit address");
        }
        if (port == REMOTE ? node == 0 : (port < 0 || port >= MAX_PORTS || node != 0)) {
            throw new IllegalArgumentException("endpoint " + dev.swarmnet.dataplane.wire.Ipv4.format(address)
                    + ": needs either a local port in 0.." + (MAX_PORTS - 1) + " or a remote node address");
        }
    }

    public static Endpoint local(int vni, int address, long mac, int port) {
        return new Endpoint(vni, address, mac, port, 0);
    }

    public static Endpoint remote(int vni, int address, long mac, int node) {
        return new Endpoint(vni, address, mac, REMOTE, node);
    }

    public boolean isLocal() {
        return port != REMOTE;
    }

    /** Docker's rule for overlay MACs: {@code 02:42} followed by the four address bytes. */
    public static long macFor(int address) {
        return 0x0242_0000_0000L | (address & 0xffff_ffffL);
    }
}
