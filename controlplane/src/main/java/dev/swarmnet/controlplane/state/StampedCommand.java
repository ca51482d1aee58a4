package dev.swarmnet.controlplane.state;

import java.util.Objects;

/**
 * A command with the time its proposer stamped on it: the unit of one Raft log entry. Followers
 * apply the stamped time, never their own clock, so every replica computes the same state.
 *
 * @param command         the change
 * @param timestampMillis the leader's wall clock when it proposed the entry, epoch milliseconds
 */
public record StampedCommand(Command command, long timestampMillis) {
    public StampedCommand {
        Objects.requireNonNull(command, "command");
    }
}
