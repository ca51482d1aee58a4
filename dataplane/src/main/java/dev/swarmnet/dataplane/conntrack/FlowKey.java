package dev.swarmnet.dataplane.conntrack;

/**
 * Packs a flow 6-tuple plus VNI into two {@code long}s and hashes it. Static helpers only; safe
 * from any thread.
 *
 * <pre>
 *  k0:  63      40 39    32 31                  0
 *      +----------+--------+---------------------+
 *      | vni (24) | proto  |     srcIp (32)      |
 *      +----------+--------+---------------------+
 *  k1:  63                32 31      16 15       0
 *      +--------------------+----------+----------+
 *      |     dstIp (32)     | srcPort  | dstPort  |
 *      +--------------------+----------+----------+
 * </pre>
 *
 * <p>IPv4 addresses are the {@code int} value of the address in network order
 * ({@code 10.0.0.1 == 0x0A000001}). For ICMP echo request/reply the caller passes the ICMP
 * identifier as both source and destination port, so the echo reply (same identifier) matches
 * the reply key of the request's flow.
 */
public final class FlowKey {

    private FlowKey() {
    }

    public static long k0(int vni, int proto, int srcIp) {
        return (vni & 0xFFFFFFL) << 40 | (proto & 0xFFL) << 32 | (srcIp & 0xFFFFFFFFL);
    }

    public static long k1(int dstIp, int srcPort, int dstPort) {
        return (dstIp & 0xFFFFFFFFL) << 32 | (srcPort & 0xFFFFL) << 16 | (dstPort & 0xFFFFL);
    }

    public static int vni(long k0) {
        return (int) (k0 >>> 40) & 0xFFFFFF;
    }

    public static int proto(long k0) {
        return (int) (k0 >>> 32) & 0xFF;
    }

    public static int srcIp(long k0) {
        return (int) k0;
    }

    public static int dstIp(long k1) {
        return (int) (k1 >>> 32);
    }

    public static int srcPort(long k1) {
        return (int) (k1 >>> 16) & 0xFFFF;
    }

    public static int dstPort(long k1) {
        return (int) k1 & 0xFFFF;
    }

    /**
     * 32-bit hash of a packed key: both halves mixed, then the murmur3 64-bit finalizer, folded.
     * Every input bit affects the low bits the index uses for its slot.
     */
    public static int hash(long k0, long k1) {
        long h = k0 * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(k1 * 0xC2B2AE3D27D4EB4FL, 31);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) (h ^ (h >>> 32));
    }
}
