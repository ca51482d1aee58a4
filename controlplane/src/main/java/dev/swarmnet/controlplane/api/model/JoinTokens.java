package dev.swarmnet.controlplane.api.model;

/** The secrets a node shows to join as a worker or as a manager ({@code SWMTKN-1-…}). */
public record JoinTokens(String worker, String manager) {
}
