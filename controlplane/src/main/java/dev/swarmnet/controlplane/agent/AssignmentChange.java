package dev.swarmnet.controlplane.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.SortedMaps;
import dev.swarmnet.controlplane.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How one {@link NodeAssignment} becomes another: the objects added or changed, by kind and id,
 * and the ids removed, by kind. A {@code full} change carries the whole target and replaces
 * whatever the receiver had (the first message of a watch, and after a reconnect). Travels as
 * JSON in the cluster port's {@code assignments} message. Immutable; any thread.
 *
 * @param appliedIndex the Raft index of the state the target was taken from
 * @param full         whether this replaces everything rather than patching
 */
public record AssignmentChange(long appliedIndex, boolean full,
                               SortedMap<String, Task> tasks, SortedMap<String, Network> networks,
                               SortedMap<String, AssignedEndpoint> endpoints,
                               SortedMap<String, AssignedService> services,
                               List<String> removedTasks, List<String> removedNetworks,
                               List<String> removedEndpoints, List<String> removedServices) {
    public AssignmentChange {
        tasks = SortedMaps.copyOf(tasks);
        networks = SortedMaps.copyOf(networks);
        endpoints = SortedMaps.copyOf(endpoints);
        services = SortedMaps.copyOf(services);
        removedTasks = removedTasks == null ? List.of() : List.copyOf(removedTasks);
        removedNetworks = removedNetworks == null ? List.of() : List.copyOf(removedNetworks);
        removedEndpoints = removedEndpoints == null ? List.of() : List.copyOf(removedEndpoints);
        removedServices = removedServices == null ? List.of() : List.copyOf(removedServices);
    }

    /** The change that replaces anything with {@code target}. */
    public static AssignmentChange full(NodeAssignment target) {
        return new AssignmentChange(target.appliedIndex(), true, target.tasks(), target.networks(),
                target.endpoints(), target.services(), null, null, null, null);
    }

    /** The smallest incremental change that turns {@code from} into {@code to}. */
    public static AssignmentChange between(NodeAssignment from, NodeAssignment to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return new AssignmentChange(to.appliedIndex(), false,
                upserts(from.tasks(), to.tasks()), upserts(from.networks(), to.networks()),
                upserts(from.endpoints(), to.endpoints()), upserts(from.services(), to.services()),
                removals(from.tasks(), to.tasks()), removals(from.networks(), to.networks()),
                removals(from.endpoints(), to.endpoints()), removals(from.services(), to.services()));
    }

    /** Whether this change adds, changes and removes nothing (its index aside). */
    @JsonIgnore
    public boolean isEmpty() {
        return !full && tasks.isEmpty() && networks.isEmpty() && endpoints.isEmpty() && services.isEmpty()
                && removedTasks.isEmpty() && removedNetworks.isEmpty() && removedEndpoints.isEmpty()
                && removedServices.isEmpty();
    }

    private static <V> SortedMap<String, V> upserts(Map<String, V> from, Map<String, V> to) {
        TreeMap<String, V> changed = new TreeMap<>();
        to.forEach((id, value) -> {
            if (!value.equals(from.get(id))) {
                changed.put(id, value);
            }
        });
        return changed;
    }

    private static List<String> removals(Map<String, ?> from, Map<String, ?> to) {
        List<String> gone = new ArrayList<>();
        for (String id : from.keySet()) {
            if (!to.containsKey(id)) {
                gone.add(id);
            }
        }
        return gone;
    }
}
