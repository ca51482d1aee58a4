package dev.swarmnet.controlplane.api.model;

import java.util.List;

/** The body of {@code POST /swarm/init} (Go {@code swarm.InitRequest}). */
public record InitRequest(
        String listenAddr,
        String advertiseAddr,
        String dataPathAddr,
        int dataPathPort,
        boolean forceNewCluster,
        SwarmSpec spec,
        boolean autoLockManagers,
        NodeAvailability availability,
        List<String> defaultAddrPool,
        int subnetSize) {
}
