package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Network;
import java.util.BitSet;
import java.util.Collection;

/**
 * Chooses VXLAN network identifiers: the lowest one from 4096 that no network holds (below 4096
 * is avoided as swarmkit does, for 802.1Q overlap). Pure; called inside {@link ClusterState#apply}.
 */
final class VniAllocator {
    static final int FIRST = 4096;
    /** RFC 7348: the VNI is 24 bits. */
    static final int LAST = (1 << 24) - 1;

    private VniAllocator() {
    }

    /** The lowest free VNI, or -1 when all are taken. */
    static int next(Collection<Network> networks) {
        BitSet used = new BitSet();
        for (Network network : networks) {
            if (network.vni() >= FIRST && network.vni() <= LAST) {
                used.set(network.vni() - FIRST);
            }
        }
        int free = used.nextClearBit(0) + FIRST;
        return free <= LAST ? free : -1;
    }
}
