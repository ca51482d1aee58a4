package dev.swarmnet.controlplane.api.model;

/**
 * This node's membership in one glance, for the {@code Swarm} header of every ping.
 *
 * @param state            inactive, pending, active, error or locked
 * @param controlAvailable whether this node is a manager that can serve cluster state
 */
public record SwarmStatus(LocalNodeState state, boolean controlAvailable) {

    /** A node in no swarm. */
    public static final SwarmStatus INACTIVE = new SwarmStatus(LocalNodeState.INACTIVE, false);

    /**
     * The {@code Swarm} ping header as moby's {@code Cluster.Status()} writes it:
     * {@code active/manager} or {@code active/worker} when active, otherwise the bare state.
     */
    public String pingHeader() {
        if (state == LocalNodeState.ACTIVE) {
            return controlAvailable ? "active/manager" : "active/worker";
        }
        return state.wire();
    }
}
