package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Network;
import java.util.Collection;
import java.util.List;

/**
 * Carves network subnets out of the cluster's default address pools, like swarmkit's IPAM with
 * {@code --default-addr-pool}: each pool is split into blocks of the cluster's subnet size and
 * a network gets the first block, in pool order, that overlaps no existing network. The first
 * block of a fresh cluster therefore goes to {@code ingress} (10.0.0.0/24), the next to the first
 * user network (10.0.1.0/24). Pure; called inside {@link ClusterState#apply}.
 */
final class SubnetAllocator {
    /** libnetwork's words when the pools are used up. */
    static final String POOLS_EXHAUSTED = "could not find an available, non-overlapping IPv4 address pool among "
            + "the defaults to assign to the network";
    /** The widest block swarmnet accepts for a network (its address book is a bit set). */
    static final int MIN_PREFIX = 8;
    /** The narrowest: a /30 still leaves one address beside the gateway. */
    static final int MAX_PREFIX = 30;

    private SubnetAllocator() {
    }

    /** The first free block of {@code subnetSize} in {@code pools}, or {@code null} if none is left. */
    static Ipv4Cidr next(List<String> pools, int subnetSize, Collection<Network> networks) {
        for (String text : pools) {
            Ipv4Cidr pool = Ipv4Cidr.parseOrNull(text);
            if (pool == null || subnetSize < pool.prefix() || subnetSize < MIN_PREFIX || subnetSize > MAX_PREFIX) {
                continue;
            }
            long step = 1L << (32 - subnetSize);
            long end = Integer.toUnsignedLong(pool.network()) + pool.size();
            for (long candidate = Integer.toUnsignedLong(pool.network()); candidate < end; candidate += step) {
                Ipv4Cidr block = new Ipv4Cidr((int) candidate, subnetSize);
                Network clash = overlapping(block, networks);
                if (clash == null) {
                    return block;
                }
                Ipv4Cidr taken = Ipv4Cidr.parseOrNull(clash.subnet());
                if (taken != null && taken.prefix() < subnetSize) {
                    // Jump over a wider network in one step.
                    candidate = Integer.toUnsignedLong(taken.broadcast()) + 1 - step;
                }
            }
        }
        return null;
    }

    /** The first network (in ID order) whose subnet overlaps {@code block}, or {@code null}. */
    static Network overlapping(Ipv4Cidr block, Collection<Network> networks) {
        for (Network network : networks) {
            Ipv4Cidr subnet = Ipv4Cidr.parseOrNull(network.subnet());
            if (subnet != null && subnet.overlaps(block)) {
                return network;
            }
        }
        return null;
    }
}
