package dev.swarmnet.dataplane.program;

import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Vxlan;

/**
 * An overlay network as this node serves it.
 *
 * @param name display name
 * @param vni VXLAN network identifier, 1..2^24-1
 * @param subnet network address, host bits zero
 * @param prefixLength 8..30
 * @param gateway the gateway address inside the subnet (answers ARP, ping and, later, DNS)
 * @param mtu the overlay's IP MTU (1450 on a 1500-byte underlay)
 */
public record Network(String name, int vni, int subnet, int prefixLength, int gateway, int mtu) {
    public static final int DEFAULT_MTU = 1500 - Vxlan.OVERHEAD;

    public Network {
        if (vni < 1 || vni > Vxlan.MAX_VNI) {
            throw new IllegalArgumentException("network " + name + ": VNI " + vni + " is outside 1.." + Vxlan.MAX_VNI);
        }
        if (prefixLength < 8 || prefixLength > 30) {
            throw new IllegalArgumentException("network " + name + ": prefix length /" + prefixLength + " is outside /8../30");
        }
        if ((subnet & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException("network " + name + ": " + Ipv4.format(subnet) + "/" + prefixLength
                    + " has host bits set");
        }
        if (mtu < 576 || mtu > 9000) {
            throw new IllegalArgumentException("network " + name + ": MTU " + mtu + " is outside 576..9000");
        }
        if (!contains(subnet, prefixLength, gateway)) {
            throw new IllegalArgumentException("network " + name + ": gateway " + Ipv4.format(gateway)
                    + " is outside " + Ipv4.format(subnet) + "/" + prefixLength);
        }
    }

    /** Parses "10.0.1.0/24" with the gateway at .1 and the default MTU. */
    public static Network of(String name, int vni, String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("network " + name + ": '" + cidr + "' is not a CIDR (a.b.c.d/n)");
        }
        int subnet = Ipv4.parse(cidr.substring(0, slash));
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        return new Network(name, vni, subnet, prefix, subnet + 1, DEFAULT_MTU);
    }

    public boolean contains(int address) {
        return contains(subnet, prefixLength, address);
    }

    public static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    private static boolean contains(int subnet, int prefixLength, int address) {
        return (address & mask(prefixLength)) == subnet;
    }
}
