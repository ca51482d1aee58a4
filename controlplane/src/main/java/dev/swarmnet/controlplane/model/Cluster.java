package dev.swarmnet.controlplane.model;

import java.util.List;
import java.util.Objects;

/**
 * The cluster object (Docker's {@code Swarm}): one per state, made by {@code swarm init}.
 *
 * @param id              25-character cluster ID (the O of node certificates)
 * @param version         Raft index of the last change
 * @param createdAtMillis when the cluster was initialised (epoch milliseconds)
 * @param updatedAtMillis when it last changed
 * @param spec            cluster-wide settings
 * @param joinTokens      current worker and manager join tokens
 * @param tlsInfo         CA references
 * @param defaultAddrPool CIDR pools overlay subnets are carved from, e.g. {@code 10.0.0.0/8}
 * @param subnetSize      prefix length of each carved subnet, e.g. 24
 * @param dataPathPort    VXLAN UDP port, 4789 unless set at init
 */
public record Cluster(String id, Version version, long createdAtMillis, long updatedAtMillis, ClusterSpec spec,
                      JoinTokens joinTokens, TlsInfo tlsInfo, List<String> defaultAddrPool, int subnetSize,
                      int dataPathPort) {
    /** swarmkit's built-in pool. */
    public static final String DEFAULT_ADDR_POOL = "10.0.0.0/8";
    /** swarmkit's built-in subnet size. */
    public static final int DEFAULT_SUBNET_SIZE = 24;
    /** IANA VXLAN port (RFC 7348). */
    public static final int DEFAULT_DATA_PATH_PORT = 4789;

    public Cluster {
        Ids.requireValid(id);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(joinTokens, "joinTokens");
        Objects.requireNonNull(tlsInfo, "tlsInfo");
        defaultAddrPool = List.copyOf(defaultAddrPool);
    }

    /** This cluster with another spec, stamped with a new version and time. */
    public Cluster withSpec(ClusterSpec newSpec, long index, long nowMillis) {
        return new Cluster(id, new Version(index), createdAtMillis, nowMillis, newSpec, joinTokens, tlsInfo,
                defaultAddrPool, subnetSize, dataPathPort);
    }

    /** This cluster with other join tokens, stamped with a new version and time. */
    public Cluster withJoinTokens(JoinTokens newTokens, long index, long nowMillis) {
        return new Cluster(id, new Version(index), createdAtMillis, nowMillis, spec, newTokens, tlsInfo,
                defaultAddrPool, subnetSize, dataPathPort);
    }
}
