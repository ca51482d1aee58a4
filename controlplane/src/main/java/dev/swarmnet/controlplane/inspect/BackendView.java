package dev.swarmnet.controlplane.inspect;

import java.util.Objects;

/**
 * One backend of a virtual service as a node's data plane holds it. Immutable.
 *
 * @param taskId        the task with this address on the VIP's network ("" when the node's
 *                      assignment names no task there: a program ahead of or behind its assignment)
 * @param taskName      Docker's name of it ({@code service.slot.taskId}, or
 *                      {@code service.nodeId.taskId} for a global service), "" when unknown
 * @param address       its overlay IPv4 address ({@code 10.0.1.5})
 * @param nodeId        the node that runs it, "" when unknown
 * @param hostAddress   that node's underlay address, "" when unknown
 * @param state         {@code active}, {@code draining} or {@code down}
 * @param activeFlows   flows to it the connection table holds open, or -1 when not counted
 * @param closingFlows  flows to it that are closing (TIME_WAIT, CLOSE), or -1 when not counted
 */
public record BackendView(String taskId, String taskName, String address, String nodeId, String hostAddress,
                          String state, int activeFlows, int closingFlows) {
    public BackendView {
        taskId = taskId == null ? "" : taskId;
        taskName = taskName == null ? "" : taskName;
        Objects.requireNonNull(address, "address");
        nodeId = nodeId == null ? "" : nodeId;
        hostAddress = hostAddress == null ? "" : hostAddress;
        Objects.requireNonNull(state, "state");
    }
}
