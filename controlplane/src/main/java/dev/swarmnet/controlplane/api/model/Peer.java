package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A manager this node knows ({@code Swarm.RemoteManagers[]}, printed as Manager Addresses). */
public record Peer(@JsonProperty("NodeID") String nodeId, String addr) {
}
