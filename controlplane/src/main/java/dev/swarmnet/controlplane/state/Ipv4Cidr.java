package dev.swarmnet.controlplane.state;

import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.wire.Ipv4;

/**
 * An IPv4 block such as {@code 10.0.1.0/24}, held as two ints, with the arithmetic the
 * allocators need. Addresses are unsigned 32-bit values stored in an {@code int}.
 *
 * @param network the block's first address (host bits zero)
 * @param prefix  the prefix length, 0..32
 */
record Ipv4Cidr(int network, int prefix) {
    Ipv4Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32: " + prefix);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set in " + format(network) + "/" + prefix);
        }
    }

    /** The block {@code text} names, or {@code null} if it is not {@code a.b.c.d/len} with zero host bits. */
    static Ipv4Cidr parseOrNull(String text) {
        int prefix = AddressSyntax.ipv4PrefixLength(text);
        if (prefix < 0) {
            return null;
        }
        int address = parseAddress(text.substring(0, text.indexOf('/')));
        if ((address & ~mask(prefix)) != 0) {
            return null;
        }
        return new Ipv4Cidr(address, prefix);
    }

    /** The address {@code a.b.c.d} (already checked with {@link AddressSyntax#isIpv4}). */
    static int parseAddress(String dotted) {
        return Ipv4.parse(dotted);
    }

    static String format(int address) {
        return Ipv4.format(address);
    }

    static int mask(int prefix) {
        return Network.mask(prefix);
    }

    /** How many addresses the block holds. */
    long size() {
        return 1L << (32 - prefix);
    }

    /** The last address of the block (the broadcast address). */
    int broadcast() {
        return network | ~mask(prefix);
    }

    boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    boolean overlaps(Ipv4Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network & mask(shorter)) == (other.network & mask(shorter));
    }

    /** {@code address} with this block's prefix, e.g. {@code 10.0.1.5/24}. */
    String withPrefix(int address) {
        return format(address) + "/" + prefix;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
