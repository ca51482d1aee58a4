package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.api.DaemonMessages;
import org.junit.jupiter.api.Test;

class LeaveRulesTest {

    @Test
    void aWorkerShouldLeaveWithoutForce() {
        assertThat(LeaveRules.refusalWithoutForce(false, true, 0, 0)).isEmpty();
    }

    @Test
    void theLastManagerShouldBeToldThatLeavingErasesTheSwarm() {
        assertThat(LeaveRules.refusalWithoutForce(true, true, 1, 0)).contains(DaemonMessages.LAST_MANAGER_LEAVE_NEEDS_FORCE);
    }

    @Test
    void aManagerWhoseLeavingBreaksQuorumShouldBeToldHowManyRemain() {
        assertThat(LeaveRules.refusalWithoutForce(true, true, 2, 1)).get().asString()
                .contains("Removing this node leaves 1 managers out of 3. Without a Raft quorum your swarm will be "
                        + "inaccessible.")
                .endsWith("Use `--force` to suppress this message.");
    }

    @Test
    void aManagerShouldStillNeedForceWhenQuorumSurvives() {
        assertThat(LeaveRules.refusalWithoutForce(true, true, 5, 0)).get().asString()
                .startsWith("You are attempting to leave the swarm on a node that is participating as a manager. The "
                        + "only way to restore");
    }

    @Test
    void aManagerWithoutQuorumShouldBeWarnedItMayLoseConsensus() {
        assertThat(LeaveRules.refusalWithoutForce(true, false, 0, 0)).get().asString()
                .contains("Doing so may lose the consensus of your cluster.");
    }
}
