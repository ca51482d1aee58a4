package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskTemplate;
import java.util.Set;

/**
 * moby's list filters for networks, services and tasks, over the cluster model, so every backend
 * filters alike. References in task filters ({@code service}, {@code node}) are the backend's to
 * resolve first; these predicates take the resolved IDs. Pure; any thread.
 */
public final class ListFilters {

    private ListFilters() {
    }

    /**
     * {@code GET /networks}: {@code id} prefix, {@code name} substring, {@code driver}, {@code label},
     * {@code scope} ({@code swarm} only), {@code type} ({@code custom} only; swarmnet has no built-in
     * networks). {@code dangling} is accepted and ignored: an unused overlay network is still listed.
     */
    public static boolean network(Filters filters, Network network) {
        return filters.matchesPrefix("id", network.id())
                && (!filters.has("name") || filters.get("name").stream().anyMatch(network.name()::contains))
                && (!filters.has("driver") || filters.get("driver").contains(network.spec().driver()))
                && filters.matchesLabels("label", network.spec().labels())
                && (!filters.has("scope") || filters.get("scope").contains("swarm"))
                && (!filters.has("type") || filters.get("type").contains("custom"));
    }

    /** {@code GET /services}: {@code id} and {@code name} prefixes, {@code label}, {@code mode}. */
    public static boolean service(Filters filters, Service service) {
        return filters.matchesPrefix("id", service.id())
                && filters.matchesPrefix("name", service.name())
                && filters.matchesLabels("label", service.spec().labels())
                && (!filters.has("mode")
                || filters.get("mode").contains(service.spec().mode().global() ? "global" : "replicated"));
    }

    /**
     * {@code GET /tasks}.
     *
     * @param serviceIds      the {@code service} filter resolved to IDs; empty when absent
     * @param nodeIds         the {@code node} filter resolved to IDs ({@code self} included); empty when absent
     * @param currentTemplate the task's service's current template, for {@code _up-to-date}; {@code null}
     *                        when the service is gone (such a task is never up to date)
     */
    public static boolean task(Filters filters, Task task, Set<String> serviceIds, Set<String> nodeIds,
                               TaskTemplate currentTemplate) {
        String name = task.serviceName() + "." + (task.slot() > 0 ? Integer.toString(task.slot()) : task.nodeId());
        return (serviceIds.isEmpty() || serviceIds.contains(task.serviceId()))
                && (nodeIds.isEmpty() || nodeIds.contains(task.nodeId()))
                && filters.matchesPrefix("id", task.id())
                && filters.matchesPrefix("name", name)
                && (!filters.has("desired-state") || filters.get("desired-state").stream()
                .anyMatch(state -> desired(state, task.desiredState())))
                && (!filters.get("_up-to-date").contains("true")
                || currentTemplate != null && currentTemplate.equals(task.spec()))
                && filters.matchesLabels("label", java.util.Map.of()); // tasks carry no labels in swarmnet
    }

    /** moby's desired-state words: {@code running} covers ready and running, as swarmkit's list does. */
    private static boolean desired(String word, TaskState state) {
        return switch (word) {
            case "running" -> state == TaskState.RUNNING || state == TaskState.READY;
            case "shutdown" -> state == TaskState.SHUTDOWN || state == TaskState.REMOVE;
            case "accepted" -> state == TaskState.ACCEPTED;
            default -> false;
        };
    }
}
