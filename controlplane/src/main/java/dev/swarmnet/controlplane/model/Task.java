package dev.swarmnet.controlplane.model;

import java.util.List;
import java.util.Objects;

/**
 * One instance of a service on one node (Docker's {@code Task}).
 *
 * @param id              25-character ID
 * @param version         Raft index of the last change
 * @param createdAtMillis when the orchestrator created it
 * @param updatedAtMillis when it last changed
 * @param serviceId       its service
 * @param serviceName     its service's name when it was created (for names in logs, DNS and {@code ps})
 * @param slot            its slot (1..replicas) in a replicated service; 0 in a global one
 * @param nodeId          where the scheduler put it; empty until then (and for global tasks, set at creation)
 * @param spec            the task template it copies
 * @param desiredState    what the orchestrator wants: {@code ready}/{@code running}, {@code shutdown} or {@code remove}
 * @param status          what was last observed
 * @param networks        its address on each network, from the allocator
 */
public record Task(String id, Version version, long createdAtMillis, long updatedAtMillis, String serviceId,
                   String serviceName, int slot, String nodeId, TaskTemplate spec, TaskState desiredState,
                   TaskStatus status, List<NetworkAttachment> networks) {
    public Task {
        Ids.requireValid(id);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(serviceName, "serviceName");
        nodeId = nodeId == null ? "" : nodeId;
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(desiredState, "desiredState");
        Objects.requireNonNull(status, "status");
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** Docker's task name: {@code service.slot.id} (replicated) or {@code service.nodeId.id} (global). */
    public String name() {
        return serviceName + "." + (slot > 0 ? Integer.toString(slot) : nodeId) + "." + id;
    }
}
