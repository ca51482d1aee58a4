package dev.swarmnet.controlplane.agent;

import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.SortedMaps;
import dev.swarmnet.controlplane.model.Task;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one node needs from the replicated state, keyed by id so that two of them diff
 * simply: the tasks it runs, the networks they are attached to (and the ingress network), every
 * endpoint on those networks and every service that answers on them. Built from a cluster state
 * by {@link AssignmentView#of}; moved forward by {@link #apply}. Immutable value; any thread.
 *
 * @param nodeId       the node
 * @param appliedIndex the Raft index of the state it was taken from
 * @param tasks        the node's tasks by id
 * @param networks     the networks it serves by id
 * @param endpoints    tasks with addresses on those networks, by task id
 * @param services     services that answer on those networks, by id
 */
public record NodeAssignment(String nodeId, long appliedIndex, SortedMap<String, Task> tasks,
                             SortedMap<String, Network> networks, SortedMap<String, AssignedEndpoint> endpoints,
                             SortedMap<String, AssignedService> services) {
    public NodeAssignment {
        Objects.requireNonNull(nodeId, "nodeId");
        tasks = SortedMaps.copyOf(tasks);
        networks = SortedMaps.copyOf(networks);
        endpoints = SortedMaps.copyOf(endpoints);
        services = SortedMaps.copyOf(services);
    }

    /** What a node has before its first message: nothing. */
    public static NodeAssignment empty(String nodeId) {
        return new NodeAssignment(nodeId, 0, null, null, null, null);
    }

    /**
     * This assignment moved by {@code change}: a full change replaces everything, an incremental
     * one removes then upserts by id. {@code view(b).equals(view(a).apply(AssignmentChange.between(view(a), view(b))))}.
     */
    public NodeAssignment apply(AssignmentChange change) {
        Objects.requireNonNull(change, "change");
        NodeAssignment base = change.full() ? empty(nodeId) : this;
        return new NodeAssignment(nodeId, change.appliedIndex(),
                merge(base.tasks, change.tasks(), change.removedTasks()),
                merge(base.networks, change.networks(), change.removedNetworks()),
                merge(base.endpoints, change.endpoints(), change.removedEndpoints()),
                merge(base.services, change.services(), change.removedServices()));
    }

    private static <V> SortedMap<String, V> merge(SortedMap<String, V> base, Map<String, V> upserts,
                                                  java.util.Collection<String> removals) {
        if (upserts.isEmpty() && removals.isEmpty()) {
            return base;
        }
        TreeMap<String, V> copy = new TreeMap<>(base);
        removals.forEach(copy::remove);
        copy.putAll(upserts);
        return copy;
    }
}
