package dev.swarmnet.controlplane.api.model;

import java.util.List;

/** The body of {@code POST /swarm/join} (Go {@code swarm.JoinRequest}), sent to the joining node's own API. */
public record JoinRequest(
        String listenAddr,
        String advertiseAddr,
        String dataPathAddr,
        List<String> remoteAddrs,
        String joinToken,
        NodeAvailability availability) {
}
