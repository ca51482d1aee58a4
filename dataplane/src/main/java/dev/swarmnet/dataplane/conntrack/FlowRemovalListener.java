package dev.swarmnet.dataplane.conntrack;

/**
 * Told about every flow a {@link FlowTable} removes (expiry, {@code remove}, {@code removeIf}),
 * on the table's event-loop thread, before the flow's fields are cleared: the flow can still
 * be read by id. Must not modify the table.
 */
@FunctionalInterface
public interface FlowRemovalListener {

    FlowRemovalListener NO_OP = flowId -> { };

    void flowRemoved(int flowId);
}
