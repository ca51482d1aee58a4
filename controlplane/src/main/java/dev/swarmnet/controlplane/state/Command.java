package dev.swarmnet.controlplane.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.JoinTokens;
import dev.swarmnet.controlplane.model.ManagerStatus;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.model.Version;
import java.util.List;

/**
 * A change to the cluster state, as it travels through the Raft log (JSON, {@link StateCodec}).
 *
 * <p>A command carries everything {@link ClusterState#apply} needs that is not already in the
 * state: new IDs, tokens and addresses are made by the proposer, never by {@code apply}. Node
 * references are full IDs (the API server resolves names and prefixes first with
 * {@link ClusterState#resolveNode}). Constructors do not validate: a command with bad fields
 * still decodes, and {@code apply} answers it with a 400 on every replica alike.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Command.InitCluster.class, name = "init-cluster"),
        @JsonSubTypes.Type(value = Command.UpdateCluster.class, name = "update-cluster"),
        @JsonSubTypes.Type(value = Command.RotateJoinToken.class, name = "rotate-join-token"),
        @JsonSubTypes.Type(value = Command.AddNode.class, name = "add-node"),
        @JsonSubTypes.Type(value = Command.UpdateNode.class, name = "update-node"),
        @JsonSubTypes.Type(value = Command.RemoveNode.class, name = "remove-node"),
        @JsonSubTypes.Type(value = Command.MarkNodeState.class, name = "mark-node-state"),
        @JsonSubTypes.Type(value = Command.SetManagerStatus.class, name = "set-manager-status"),
})
public sealed interface Command {

    /**
     * {@code swarm init}: creates the cluster and its first node, a ready, reachable leader.
     * Zeros and empties take swarmkit's defaults (spec, pool 10.0.0.0/8, subnet size 24, port 4789).
     * Result: the new {@link dev.swarmnet.controlplane.model.Cluster}.
     */
    record InitCluster(String clusterId, ClusterSpec spec, JoinTokens joinTokens, TlsInfo tlsInfo,
                       List<String> defaultAddrPool, int subnetSize, int dataPathPort, String nodeId,
                       NodeDescription description, String advertiseAddr, NodeAvailability availability)
            implements Command {
        public InitCluster {
            defaultAddrPool = defaultAddrPool == null ? List.of() : List.copyOf(defaultAddrPool);
        }
    }

    /**
     * {@code swarm update}: merges {@code spec} into the current one (zeros keep current values).
     * Result: the updated {@link dev.swarmnet.controlplane.model.Cluster}.
     *
     * @param expectedVersion the cluster version the client read
     */
    record UpdateCluster(Version expectedVersion, ClusterSpec spec) implements Command {
    }

    /**
     * {@code swarm join-token --rotate}: stores a new token for {@code role}; the old one stops
     * admitting nodes. Result: the updated {@link dev.swarmnet.controlplane.model.Cluster}.
     *
     * @param expectedVersion the cluster version the client read, or {@code null} to rotate unconditionally
     */
    record RotateJoinToken(NodeRole role, String token, Version expectedVersion) implements Command {
    }

    /**
     * A node joined with a valid token: adds it with state {@code unknown} until the dispatcher
     * hears from it. Result: the new {@link dev.swarmnet.controlplane.model.Node}.
     *
     * @param availability {@code null} means active
     */
    record AddNode(String nodeId, NodeRole role, NodeDescription description, String advertiseAddr,
                   NodeAvailability availability) implements Command {
    }

    /**
     * {@code node update / promote / demote}: replaces the node's spec. Result: the updated node.
     *
     * @param expectedVersion the node version the client read ({@code ?version=})
     */
    record UpdateNode(String nodeId, Version expectedVersion, NodeSpec spec) implements Command {
    }

    /**
     * {@code node rm [--force]}: a ready node needs {@code force}; a manager must be demoted first.
     * Result: the removed node.
     */
    record RemoveNode(String nodeId, boolean force) implements Command {
    }

    /**
     * Dispatcher verdict: the node is {@code ready}, {@code down}, ... because of {@code message}.
     * No-op (no version bump) when nothing changes. Result: the node.
     */
    record MarkNodeState(String nodeId, NodeState state, String message) implements Command {
    }

    /**
     * Raft shell report about a manager: leadership, reachability, Raft address. Setting a leader
     * clears the flag on every other manager. No-op when nothing changes. Result: the node.
     */
    record SetManagerStatus(String nodeId, ManagerStatus status) implements Command {
    }
}
