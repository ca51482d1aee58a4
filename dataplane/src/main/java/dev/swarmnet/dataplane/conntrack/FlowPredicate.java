package dev.swarmnet.dataplane.conntrack;

/**
 * Selects flows by id for {@link FlowTable#removeIf}; called on the table's event-loop thread
 * and may read the flow's fields through the table, but must not modify the table.
 */
@FunctionalInterface
public interface FlowPredicate {

    boolean test(int flowId);
}
