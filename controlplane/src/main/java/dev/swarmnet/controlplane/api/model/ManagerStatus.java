package dev.swarmnet.controlplane.api.model;

/** A manager's place in the Raft group (`ManagerStatus`); workers have none (`null`, omitted). */
public record ManagerStatus(boolean leader, Reachability reachability, String addr) {
}
