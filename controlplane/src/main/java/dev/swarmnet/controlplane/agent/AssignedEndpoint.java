package dev.swarmnet.controlplane.agent;

import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.TaskState;
import java.util.List;
import java.util.Objects;

/**
 * A task somewhere in the cluster that has an address on a network a node serves: what the
 * node's data plane needs to reach it (FDB entry, VIP backend, DNS answer). Immutable.
 *
 * @param taskId        the task
 * @param serviceId     its service
 * @param serviceName   its service's name (DNS)
 * @param slot          its slot (0 for global services)
 * @param nodeId        the node that runs it ("" while unassigned)
 * @param underlayAddr  that node's underlay IP ({@code Node.statusAddr()}), "" when unknown
 * @param attachments   its addresses ({@code 10.0.1.5/24}) on the networks the node serves
 * @param state         its observed state
 * @param desiredState  its desired state (above RUNNING while it is being stopped: a draining backend)
 */
public record AssignedEndpoint(String taskId, String serviceId, String serviceName, int slot, String nodeId,
                               String underlayAddr, List<NetworkAttachment> attachments, TaskState state,
                               TaskState desiredState) {
    public AssignedEndpoint {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(serviceId, "serviceId");
        serviceName = serviceName == null ? "" : serviceName;
        nodeId = nodeId == null ? "" : nodeId;
        underlayAddr = underlayAddr == null ? "" : underlayAddr;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(desiredState, "desiredState");
    }
}
