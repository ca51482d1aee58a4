package dev.swarmnet.dataplane.wire.dns;

/**
 * The case-insensitive hash of a domain name's uncompressed wire form, shared by the reader (per
 * packet, following compression pointers) and by {@link DnsNames#hash(byte[])} (off the event
 * loop, over precomputed names) so tables built by the control plane match what the data plane
 * computes. Stateless; any thread.
 *
 * <p>Definition: FNV-1a (64 bit) over every octet of the uncompressed wire form, including the
 * length octets and the terminating zero, with ASCII {@code A-Z} folded to {@code a-z} (RFC 4343
 * §3), then the MurmurHash3 64-bit finaliser so the low bits are usable as a table index. Length
 * octets are at most 0x3f and never folded.
 */
public final class DnsNameHash {
    /** FNV-1a 64-bit offset basis. */
    public static final long SEED = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x00000100000001b3L;

    private DnsNameHash() {
    }

    /** Folds one octet (already lower-cased or not; it is folded here) into the running hash. */
    public static long step(long hash, int octet) {
        return (hash ^ toLowerCase(octet & 0xff)) * FNV_PRIME;
    }

    /** Finishes a running hash started at {@link #SEED}. */
    public static long finish(long hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** ASCII-only lower-casing of one octet (RFC 4343); other octets pass through. */
    public static int toLowerCase(int octet) {
        return octet >= 0x41 && octet <= 0x5a ? octet | 0x20 : octet;
    }
}
