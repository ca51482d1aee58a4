package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import java.util.Comparator;

/**
 * Where a task belongs in its service: slot {@code 1..replicas} of a replicated service, or
 * the node of a global one (slot 0). A slot holds one live task and the history of its
 * predecessors; restart limits and rolling updates work slot by slot.
 *
 * @param slot   the replica number, 0 for a global service
 * @param nodeId the node of a global service's task, empty for a replicated one
 */
record SlotKey(int slot, String nodeId) implements Comparable<SlotKey> {
    private static final Comparator<SlotKey> ORDER =
            Comparator.comparingInt(SlotKey::slot).thenComparing(SlotKey::nodeId);

    /** The slot {@code task} occupies in {@code service} as the service is now configured. */
    static SlotKey of(Service service, Task task) {
        return service.spec().mode().global() ? new SlotKey(task.slot(), task.nodeId())
                : new SlotKey(task.slot(), "");
    }

    @Override
    public int compareTo(SlotKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return nodeId.isEmpty() ? "slot " + slot : "node " + nodeId;
    }
}
