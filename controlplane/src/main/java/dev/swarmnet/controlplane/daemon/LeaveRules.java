package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.DaemonMessages;
import java.util.Optional;

/**
 * Whether {@code swarm leave} without {@code --force} may go ahead, in moby's words
 * ({@code daemon/cluster/swarm.go}, {@code Leave}): a worker may always leave; a manager is always
 * told to use {@code --force}, and why (last manager, or how many managers the quorum keeps). Pure.
 */
final class LeaveRules {
    private static final String MANAGER_PREFIX =
            "You are attempting to leave the swarm on a node that is participating as a manager. ";
    private static final String FORCE_NEW_CLUSTER = "The only way to restore a swarm that has lost consensus is to "
            + "reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.";

    private LeaveRules() {
    }

    /**
     * The refusal for a leave without force, or empty when it may go ahead.
     *
     * @param manager     whether this node is a manager
     * @param statsKnown  whether the managers' reachability could be read (a manager without quorum cannot)
     * @param reachable   managers marked reachable, this one included
     * @param unreachable managers marked unreachable
     */
    static Optional<String> refusalWithoutForce(boolean manager, boolean statsKnown, int reachable, int unreachable) {
        if (!manager) {
            return Optional.empty();
        }
        if (!statsKnown) {
            return Optional.of(MANAGER_PREFIX + "Doing so may lose the consensus of your cluster. " + FORCE_NEW_CLUSTER);
        }
        if (reachable - 2 <= unreachable) {
            if (reachable == 1 && unreachable == 0) {
                return Optional.of(DaemonMessages.LAST_MANAGER_LEAVE_NEEDS_FORCE);
            }
            return Optional.of(MANAGER_PREFIX + "Removing this node leaves " + (reachable - 1) + " managers out of "
                    + (reachable + unreachable) + ". Without a Raft quorum your swarm will be inaccessible. "
                    + FORCE_NEW_CLUSTER);
        }
        return Optional.of(MANAGER_PREFIX + FORCE_NEW_CLUSTER);
    }
}
