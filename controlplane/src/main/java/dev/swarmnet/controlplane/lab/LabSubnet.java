package dev.swarmnet.controlplane.lab;

import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.wire.Ipv4;

/**
 * The lab's underlay subnet, an IPv4 CIDR: node {@code i} gets the {@code i}-th host address and
 * the host (root namespace) the last one, so {@code 198.18.100.0/24} gives nodes
 * {@code 198.18.100.1..N} and the host {@code 198.18.100.254}. Pure and immutable.
 */
public record LabSubnet(int network, int prefixLength) {

    /** The subnet {@code lab up} uses unless told otherwise (RFC 2544 benchmarking space). */
    public static final String DEFAULT = "198.18.100.0/24";

    /** @throws IllegalArgumentException if the prefix length is outside 8..29 */
    public LabSubnet {
        if (prefixLength < 8 || prefixLength > 29) {
            throw new IllegalArgumentException("lab subnet prefix length " + prefixLength + " is not between 8 and 29");
        }
        network &= Network.mask(prefixLength);
    }

    /** Parses {@code a.b.c.d/len}; the host bits are ignored. */
    public static LabSubnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("lab subnet '" + cidr + "' is not in CIDR form, e.g. " + DEFAULT);
        }
        int address;
        int prefixLength;
        try {
            address = Ipv4.parse(cidr.substring(0, slash));
            prefixLength = Integer.parseInt(cidr.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lab subnet '" + cidr + "' is not an IPv4 CIDR, e.g. " + DEFAULT);
        }
        return new LabSubnet(address, prefixLength);
    }

    /** How many nodes fit (every host address but the host's). */
    public int capacity() {
        return (1 << (32 - prefixLength)) - 3;
    }

    /** Node {@code i}'s address (1-based), without the prefix length. */
    public String nodeAddress(int i) {
        if (i < 1 || i > capacity()) {
            throw new IllegalArgumentException("node " + i + " does not fit in " + this + " (at most " + capacity()
                    + " nodes)");
        }
        return Ipv4.format(network + i);
    }

    /** The host's address in the lab: the last host address of the subnet. */
    public String hostAddress() {
        return Ipv4.format(network + (1 << (32 - prefixLength)) - 2);
    }

    /** Whether the dotted IPv4 address {@code ip} lies inside this subnet. */
    public boolean contains(String ip) {
        try {
            LabSubnet single = parse(ip + "/29");
            return (single.network & Network.mask(prefixLength)) == network;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefixLength;
    }
}
