package dev.swarmnet.dataplane.lb;

/**
 * Stable 32-bit hash of a flow's 5-tuple within a virtual network, used to pick a
 * {@link MaglevTable} slot for a new flow.
 *
 * <p>The tuple is packed into two 64-bit words, each passed through MurmurHash3's
 * {@code fmix64} finaliser (a bijection with full avalanche), chained so that every input bit
 * affects every output bit. There is no seed and no identity hash: the same tuple hashes to
 * the same value on every node, run and JVM, which is what lets all nodes of a cluster pick the
 * same backend for a flow (the Maglev property that makes connection handoff between load
 * balancers survivable).
 *
 * <p>Thread: stateless and allocation-free; safe on any thread, per packet.
 */
public final class FlowHash {
    private static final long SEED = 0x9E3779B97F4A7C15L;

    private FlowHash() {
    }

    /**
     * Hash of a flow. Only the meaningful low bits of each field are used: 24 bits of
     * {@code vni} (RFC 7348), 8 of {@code proto}, 16 of each port, all 32 of the addresses.
     */
    public static int hash(
        final int vni, final int proto, final int srcIp, final int dstIp, final int srcPort, final int dstPort) {
        final long addresses = ((long)srcIp << 32) | (dstIp & 0xFFFF_FFFFL);
        final long rest = ((long)(vni & 0xFF_FFFF) << 40) |
            ((long)(proto & 0xFF) << 32) |
            ((long)(srcPort & 0xFFFF) << 16) |
            (dstPort & 0xFFFF);
        final long h = fmix64(fmix64(addresses ^ SEED) ^ rest);
        return (int)(h >>> 32);
    }

    /** MurmurHash3 64-bit finaliser (Austin Appleby, public domain): a bijection with full avalanche. */
    static long fmix64(final long value) {
        long k = value;
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
