package dev.swarmnet.dataplane.nat;

import dev.swarmnet.dataplane.lb.BackendLoad;
import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.ClientAffinity;
import dev.swarmnet.dataplane.lb.FlowHash;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.lb.LeastConnections;
import dev.swarmnet.dataplane.lb.RoundRobin;
import dev.swarmnet.dataplane.program.ServiceEntry;

/**
 * Picks the backend of a new flow: the client's remembered backend when the service has
 * affinity and that backend is still active, otherwise the service's algorithm.
 *
 * <p>Owned by one event loop; its state (cursors, loads, affinities) is that loop's alone.
 */
public final class BackendChooser {
    private final BackendLoad load;
    private final ClientAffinity affinity;
    private RoundRobin roundRobin = new RoundRobin(0);
    private int tieBreak;

    public BackendChooser(BackendLoad load, ClientAffinity affinity) {
        this.load = load;
        this.affinity = affinity;
    }

    /** Resizes the per-service state for a program with {@code services} entries (off the packet path). */
    public void programChanged(int services) {
        roundRobin = new RoundRobin(services);
    }

    /**
     * @return the backend index in {@code service}'s arrays, or -1 when none is active
     */
    public int choose(ServiceEntry service, int client, int clientPort, long nowNs) {
        if (service.activeBackends == 0) {
            return -1;
        }
        if (service.affinityTimeoutNs > 0) {
            long remembered = affinity.lookup(service.vni, service.vip, service.port, client,
                    service.affinityTimeoutNs, nowNs);
            if (remembered != ClientAffinity.NONE) {
                int index = service.indexOf(remembered);
                if (index >= 0 && service.states[index] == BackendState.ACTIVE) {
                    return index; // the lookup refreshed the entry
                }
            }
        }
        int chosen;
        switch (service.algorithm) {
            case LbAlgorithm.LEAST_CONNECTIONS:
                chosen = LeastConnections.choose(service.loadKeys, service.states, service.weights, load, tieBreak++);
                break;
            case LbAlgorithm.MAGLEV:
                chosen = service.maglev.lookup(FlowHash.hash(service.vni, service.protocol, client, service.vip,
                        clientPort, service.port));
                break;
            default:
                chosen = roundRobin.next(service.index, service.states, service.weights);
                break;
        }
        if (chosen >= 0 && service.affinityTimeoutNs > 0) {
            affinity.remember(service.vni, service.vip, service.port, client, service.backendIds[chosen], nowNs);
        }
        return chosen;
    }

    /** Counts a new flow on a backend (for least-connections). */
    public void flowOpened(long loadKey) {
        load.increment(loadKey);
    }

    /** Uncounts a flow that ended. */
    public void flowClosed(long loadKey) {
        load.decrement(loadKey);
    }
}
