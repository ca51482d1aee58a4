package dev.swarmnet.controlplane.daemon;

import java.util.List;
import java.util.Objects;

/**
 * What this node remembers about its swarm across restarts ({@code node.json} in the data
 * directory): which cluster, which node, which role, and the addresses it serves. Written last
 * by {@code swarm init} and join, so its presence means "this node is in a swarm"; removed first
 * by {@code swarm leave}. Immutable.
 *
 * @param version        format version of the file, {@value #FORMAT_VERSION}
 * @param clusterId      the cluster's id
 * @param nodeId         this node's id
 * @param manager        whether this node is a manager (holds Raft state and the CA key)
 * @param advertiseAddr  the cluster address others reach this node at, {@code ip:port}
 * @param listenAddr     where the cluster port listens, {@code ip:port}
 * @param raftPort       the Raft port on the advertise IP (managers)
 * @param raftFounder    whether this manager bootstrapped the Raft group ({@code swarm init}), else it joined
 * @param remoteManagers managers' cluster addresses known at join (workers)
 */
record Membership(int version, String clusterId, String nodeId, boolean manager, String advertiseAddr,
                  String listenAddr, int raftPort, boolean raftFounder, List<String> remoteManagers) {
    static final int FORMAT_VERSION = 1;

    Membership {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(advertiseAddr, "advertiseAddr");
        Objects.requireNonNull(listenAddr, "listenAddr");
        remoteManagers = remoteManagers == null ? List.of() : List.copyOf(remoteManagers);
    }

    /** The IP part of the advertise address (no brackets). */
    String advertiseIp() {
        String host = advertiseAddr.substring(0, advertiseAddr.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
