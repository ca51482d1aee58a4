package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * Raft view of a manager (Docker's {@code ManagerStatus}); workers have none. At most one
 * manager in a state is the leader.
 *
 * @param leader       whether this manager leads the Raft group
 * @param reachability whether the leader can reach it
 * @param addr         its Raft/cluster address, {@code ip:port}
 */
public record ManagerStatus(boolean leader, Reachability reachability, String addr) {
    public ManagerStatus {
        Objects.requireNonNull(reachability, "reachability");
        Objects.requireNonNull(addr, "addr");
    }

    public ManagerStatus withLeader(boolean newLeader) {
        return new ManagerStatus(newLeader, reachability, addr);
    }
}
