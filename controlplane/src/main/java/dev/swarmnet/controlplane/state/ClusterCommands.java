package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Cluster;
import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.JoinTokens;
import dev.swarmnet.controlplane.model.ManagerStatus;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.NodeStatus;
import dev.swarmnet.controlplane.model.Reachability;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.model.Version;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Transitions of cluster commands: {@code swarm init}, {@code swarm update} and join-token
 * rotation. Same shape as {@link NodeCommands}.
 */
final class ClusterCommands {
    /** {@code SWMTKN-1-<digest>-<secret>}, or v2 with a FIPS flag (swarmkit {@code ca/config.go}). */
    private static final Pattern JOIN_TOKEN =
            Pattern.compile("SWMTKN-(1|2-[01])-[0-9a-z]{50}-[0-9a-z]{25}");
    private static final int MIN_DATA_PATH_PORT = 1024;
    private static final int MAX_DATA_PATH_PORT = 49_151;
    private static final int MAX_SUBNET_SIZE = 29;

    private ClusterCommands() {
    }

    static Applied init(ClusterState at, Command.InitCluster c, long index, long now) {
        if (at.initialized()) {
            return refuse(at, StateErrors.alreadyInSwarm());
        }
        if (!Ids.isValid(c.clusterId())) {
            return refuse(at, StateErrors.invalid("invalid cluster ID " + c.clusterId()));
        }
        if (!Ids.isValid(c.nodeId())) {
            return refuse(at, StateErrors.invalid("invalid node ID " + c.nodeId()));
        }
        if (c.joinTokens() == null || !isJoinToken(c.joinTokens().worker()) || !isJoinToken(c.joinTokens().manager())) {
            return refuse(at, StateErrors.invalid("invalid join tokens: want SWMTKN-1-<digest>-<secret> for each role"));
        }
        if (c.joinTokens().worker().equals(c.joinTokens().manager())) {
            return refuse(at, StateErrors.invalid("the worker and manager join tokens must differ"));
        }
        if (c.description() == null || c.description().hostname().isBlank()) {
            return refuse(at, StateErrors.invalid("node hostname must not be empty"));
        }
        if (!AddressSyntax.isHostPort(c.advertiseAddr())) {
            return refuse(at, StateErrors.invalid("invalid advertise address " + c.advertiseAddr() + ": want ip:port"));
        }
        List<String> pools = c.defaultAddrPool().isEmpty() ? List.of(Cluster.DEFAULT_ADDR_POOL) : c.defaultAddrPool();
        int subnetSize = c.subnetSize() == 0 ? Cluster.DEFAULT_SUBNET_SIZE : c.subnetSize();
        for (String pool : pools) {
            int prefix = AddressSyntax.ipv4PrefixLength(pool);
            if (prefix < 0) {
                return refuse(at, StateErrors.invalid("invalid default address pool " + pool + ": want an IPv4 CIDR block"));
            }
            if (subnetSize < prefix || subnetSize > MAX_SUBNET_SIZE) {
                return refuse(at, StateErrors.invalid("invalid subnet size " + subnetSize + ": must be between "
                        + prefix + " (the prefix of " + pool + ") and " + MAX_SUBNET_SIZE));
            }
        }
        int dataPathPort = c.dataPathPort() == 0 ? Cluster.DEFAULT_DATA_PATH_PORT : c.dataPathPort();
        if (dataPathPort < MIN_DATA_PATH_PORT || dataPathPort > MAX_DATA_PATH_PORT) {
            return refuse(at, StateErrors.invalid("data path port " + dataPathPort + " is outside the range "
                    + MIN_DATA_PATH_PORT + "-" + MAX_DATA_PATH_PORT));
        }
        ClusterSpec spec = (c.spec() == null ? ClusterSpec.unset() : c.spec()).withDefaults();
        String specProblem = specProblem(spec);
        if (specProblem != null) {
            return refuse(at, StateErrors.invalid(specProblem));
        }
        String ingressId = c.ingressNetworkId();
        if (!ingressId.isEmpty() && !Ids.isValid(ingressId)) {
            return refuse(at, StateErrors.invalid("invalid network ID " + ingressId));
        }
        Cluster cluster = new Cluster(c.clusterId(), new Version(index), now, now, spec, c.joinTokens(),
                c.tlsInfo() == null ? TlsInfo.none() : c.tlsInfo(), pools, subnetSize, dataPathPort);
        NodeAvailability availability = c.availability() == null ? NodeAvailability.ACTIVE : c.availability();
        Node first = new Node(c.nodeId(), new Version(index), now, now, NodeSpec.of(NodeRole.MANAGER, availability),
                c.description(), new NodeStatus(NodeState.READY, ""), c.advertiseAddr(),
                new ManagerStatus(true, Reachability.REACHABLE, c.advertiseAddr()));
        ClusterState next = at.withCluster(cluster).withNode(first);
        if (!ingressId.isEmpty()) {
            Ipv4Cidr subnet = SubnetAllocator.next(pools, subnetSize, next.networks().values());
            if (subnet == null) {
                return refuse(at, StateErrors.invalid(SubnetAllocator.POOLS_EXHAUSTED));
            }
            next = next.withNetwork(new Network(ingressId, new Version(index), now, now, NetworkCommands.INGRESS_SPEC,
                    VniAllocator.FIRST, subnet.toString(), Ipv4Cidr.format(subnet.network() + 1), Network.DEFAULT_MTU, ""));
            next = NodeAttachments.ensureIngress(next, first.id(), index, now);
        }
        return new Applied(next, Result.ok(cluster));
    }

    static Applied update(ClusterState at, Command.UpdateCluster c, long index, long now) {
        if (!at.initialized()) {
            return refuse(at, StateErrors.notInSwarm());
        }
        if (c.expectedVersion() == null) {
            return refuse(at, StateErrors.invalid("invalid swarm version: missing"));
        }
        if (!c.expectedVersion().equals(at.cluster().version())) {
            return refuse(at, StateErrors.outOfSequence());
        }
        if (c.spec() == null) {
            return refuse(at, StateErrors.invalid("swarm spec must not be empty"));
        }
        ClusterSpec merged = at.cluster().spec().merge(c.spec());
        String problem = specProblem(merged);
        if (problem != null) {
            return refuse(at, StateErrors.invalid(problem));
        }
        Cluster updated = at.cluster().withSpec(merged, index, now);
        return new Applied(at.withCluster(updated), Result.ok(updated));
    }

    static Applied rotateJoinToken(ClusterState at, Command.RotateJoinToken c, long index, long now) {
        if (!at.initialized()) {
            return refuse(at, StateErrors.notInSwarm());
        }
        if (c.expectedVersion() != null && !c.expectedVersion().equals(at.cluster().version())) {
            return refuse(at, StateErrors.outOfSequence());
        }
        if (c.role() == null) {
            return refuse(at, StateErrors.invalid("join token role must be worker or manager"));
        }
        if (!isJoinToken(c.token())) {
            return refuse(at, StateErrors.invalid("invalid join token: want SWMTKN-1-<digest>-<secret>"));
        }
        JoinTokens tokens = at.cluster().joinTokens();
        NodeRole other = c.role() == NodeRole.MANAGER ? NodeRole.WORKER : NodeRole.MANAGER;
        if (c.token().equals(tokens.token(other))) {
            return refuse(at, StateErrors.invalid("the worker and manager join tokens must differ"));
        }
        Cluster updated = at.cluster().withJoinTokens(tokens.with(c.role(), c.token()), index, now);
        return new Applied(at.withCluster(updated), Result.ok(updated));
    }

    private static boolean isJoinToken(String token) {
        return token != null && JOIN_TOKEN.matcher(token).matches();
    }

    /** What is wrong with a complete (defaults applied) spec, or {@code null}. */
    private static String specProblem(ClusterSpec spec) {
        if (!spec.name().equals(ClusterSpec.DEFAULT_NAME)) {
            return "invalid cluster name " + spec.name() + ": the only cluster is \"" + ClusterSpec.DEFAULT_NAME + "\"";
        }
        String labelProblem = NodeCommands.labelProblem(spec.labels());
        if (labelProblem != null) {
            return labelProblem;
        }
        if (spec.orchestration().taskHistoryRetentionLimit() < 0) {
            return "invalid task history retention limit " + spec.orchestration().taskHistoryRetentionLimit()
                    + ": must not be negative";
        }
        ClusterSpec.Raft raft = spec.raft();
        if (raft.snapshotInterval() < 0 || raft.keepOldSnapshots() < 0 || raft.logEntriesForSlowFollowers() < 0) {
            return "invalid Raft settings: snapshot interval, kept snapshots and log entries for slow followers "
                    + "must not be negative";
        }
        if (raft.heartbeatTick() < 1 || raft.electionTick() <= raft.heartbeatTick()) {
            return "invalid Raft settings: election tick " + raft.electionTick()
                    + " must be greater than heartbeat tick " + raft.heartbeatTick() + ", which must be at least 1";
        }
        if (spec.dispatcher().heartbeatPeriodNanos() < 0) {
            return "invalid dispatcher heartbeat period " + spec.dispatcher().heartbeatPeriodNanos()
                    + "ns: must be positive";
        }
        if (spec.caConfig().nodeCertExpiryNanos() < 0) {
            return "invalid node certificate expiry " + spec.caConfig().nodeCertExpiryNanos() + "ns: must be positive";
        }
        return null;
    }

    private static Applied refuse(ClusterState at, Result<?> failure) {
        return new Applied(at, failure);
    }
}
