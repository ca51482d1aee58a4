package dev.swarmnet.controlplane.agent;

import dev.swarmnet.controlplane.state.ClusterState;

/** The view test's sample state, for tests in other packages. */
public final class AssignmentViewTestAccess {
    private AssignmentViewTestAccess() {
    }

    /** See {@code AssignmentViewTest.state()}. */
    public static ClusterState state() {
        return AssignmentViewTest.state();
    }
}
