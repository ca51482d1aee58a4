package dev.swarmnet.dataplane.program;

/**
 * Encodes where a MAC lives as one {@code long}, the value of the forwarding table: a local port
 * id, or a remote node's underlay address. Stateless.
 */
public final class Location {
    /** The forwarding table's "no entry" value. */
    public static final long NONE = -1L;
    private static final long REMOTE_FLAG = 1L << 32;

    private Location() {
    }

    public static long local(int port) {
        return port;
    }

    public static long remote(int node) {
        return REMOTE_FLAG | (node & 0xffff_ffffL);
    }

    public static boolean isRemote(long location) {
        return (location & REMOTE_FLAG) != 0;
    }

    public static int port(long location) {
        return (int) location;
    }

    public static int node(long location) {
        return (int) location;
    }
}
