package dev.swarmnet.controlplane.api.model;

/** A manager's place in the Raft group ({@code ManagerStatus}); workers have none ({@code null}, omitted). */
public record ManagerStatus(boolean leader, Reachability reachability, String addr) {
}
