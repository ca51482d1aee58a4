package dev.swarmnet.controlplane.state;

import java.util.Objects;

/**
 * What {@link ClusterState#apply} returns: the next state and the command's result. On a failed
 * command the state differs from the previous one only in its applied index.
 */
public record Applied(ClusterState state, Result<?> result) {
    public Applied {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(result, "result");
    }
}
