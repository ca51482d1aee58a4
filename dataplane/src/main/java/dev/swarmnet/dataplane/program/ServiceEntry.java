package dev.swarmnet.dataplane.program;

import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.MaglevTable;
import java.util.List;

/**
 * A compiled {@link VirtualService}: its backends as parallel primitive arrays and its Maglev
 * ring, ready for the packet path. Immutable; shared by every event loop.
 */
public final class ServiceEntry {
    /** Dense index of this entry in its program (for per-loop state such as round-robin cursors). */
    public final int index;
    public final String name;
    public final int vni;
    public final int vip;
    public final long vipMac;
    public final int protocol;
    public final int port;
    public final int algorithm;
    public final long affinityTimeoutNs;
    public final int[] backendAddresses;
    public final int[] backendPorts;
    public final long[] backendMacs;
    public final long[] backendIds;
    /** Load keys for least-connections: {@code vni << 32 | address}. */
    public final long[] loadKeys;
    public final int[] weights;
    public final int[] states;
    public final int activeBackends;
    public final MaglevTable maglev;

    ServiceEntry(int index, VirtualService service, long[] backendMacs) {
        this.index = index;
        this.name = service.name();
        this.vni = service.vni();
        this.vip = service.vip();
        this.vipMac = Endpoint.macFor(service.vip());
        this.protocol = service.protocol();
        this.port = service.port();
        this.algorithm = service.algorithm();
        this.affinityTimeoutNs = service.affinityTimeoutNs();
        List<Backend> backends = service.backends();
        int n = backends.size();
        backendAddresses = new int[n];
        backendPorts = new int[n];
        backendIds = new long[n];
        loadKeys = new long[n];
        weights = new int[n];
        states = new int[n];
        int active = 0;
        for (int i = 0; i < n; i++) {
            Backend b = backends.get(i);
            backendAddresses[i] = b.address();
            backendPorts[i] = b.port();
            backendIds[i] = b.id();
            loadKeys[i] = (long) vni << 32 | (b.address() & 0xffff_ffffL);
            weights[i] = b.weight();
            states[i] = b.state();
            if (b.state() == BackendState.ACTIVE) {
                active++;
            }
        }
        this.backendMacs = backendMacs;
        this.activeBackends = active;
        this.maglev = MaglevTable.build(backendIds, weights, states);
    }

    public int backendCount() {
        return backendAddresses.length;
    }

    /** Index of the backend at {@code address:port}, or -1. */
    public int indexOf(int address, int port) {
        return indexOf(Backend.idOf(address, port));
    }

    /**
     * Index of the backend a flow translated to {@code address:port} uses: the backend at exactly
     * that address and port, else the one at that address with {@link Backend#SAME_PORT}; -1 if none.
     */
    public int indexOfFlow(int address, int port) {
        int exact = indexOf(Backend.idOf(address, port));
        return exact >= 0 ? exact : indexOf(Backend.idOf(address, Backend.SAME_PORT));
    }

    /** The port a new flow to {@code destinationPort} is translated to on backend {@code backend}. */
    public int backendPort(int backend, int destinationPort) {
        int port = backendPorts[backend];
        return port == Backend.SAME_PORT ? destinationPort : port;
    }

    /** Index of the backend with this {@link Backend#id()}, or -1. A linear scan, no allocation. */
    public int indexOf(long backendId) {
        for (int i = 0; i < backendIds.length; i++) {
            if (backendIds[i] == backendId) {
                return i;
            }
        }
        return -1;
    }
}
