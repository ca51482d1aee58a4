package dev.swarmnet.controlplane.state;

import com.fasterxml.jackson.annotation.JsonCreator;
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
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.model.UpdateStatus;
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
        @JsonSubTypes.Type(value = Command.CreateNetwork.class, name = "create-network"),
        @JsonSubTypes.Type(value = Command.RemoveNetwork.class, name = "remove-network"),
        @JsonSubTypes.Type(value = Command.CreateService.class, name = "create-service"),
        @JsonSubTypes.Type(value = Command.UpdateService.class, name = "update-service"),
        @JsonSubTypes.Type(value = Command.RemoveService.class, name = "remove-service"),
        @JsonSubTypes.Type(value = Command.WriteTasks.class, name = "write-tasks"),
        @JsonSubTypes.Type(value = Command.ReportTaskStatus.class, name = "report-task-status"),
        @JsonSubTypes.Type(value = Command.SetUpdateStatus.class, name = "set-update-status"),
})
public sealed interface Command {

    /**
     * {@code swarm init}: creates the cluster and its first node, a ready, reachable leader.
     * Zeros and empties take swarmkit's defaults (spec, pool 10.0.0.0/8, subnet size 24, port 4789).
     * With an {@code ingressNetworkId}, the routing-mesh network {@code ingress} is created too,
     * on the pool's first subnet (10.0.0.0/24) with VNI 4096; without one, no ingress is made.
     * Result: the new {@link dev.swarmnet.controlplane.model.Cluster}.
     */
    record InitCluster(String clusterId, ClusterSpec spec, JoinTokens joinTokens, TlsInfo tlsInfo,
                       List<String> defaultAddrPool, int subnetSize, int dataPathPort, String nodeId,
                       NodeDescription description, String advertiseAddr, NodeAvailability availability,
                       String ingressNetworkId)
            implements Command {
        @JsonCreator
        public InitCluster {
            defaultAddrPool = defaultAddrPool == null ? List.of() : List.copyOf(defaultAddrPool);
            ingressNetworkId = ingressNetworkId == null ? "" : ingressNetworkId;
        }

        /** An init that makes no ingress network (the shape before networks existed). */
        public InitCluster(String clusterId, ClusterSpec spec, JoinTokens joinTokens, TlsInfo tlsInfo,
                           List<String> defaultAddrPool, int subnetSize, int dataPathPort, String nodeId,
                           NodeDescription description, String advertiseAddr, NodeAvailability availability) {
            this(clusterId, spec, joinTokens, tlsInfo, defaultAddrPool, subnetSize, dataPathPort, nodeId, description,
                    advertiseAddr, availability, "");
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

    /**
     * {@code network create}: validates the spec (overlay driver, unique name, subnet inside no
     * other network) and allocates the subnet (the pool's next free one unless given), gateway,
     * VNI (lowest free from 4096) and MTU. Result: the new {@link dev.swarmnet.controlplane.model.Network}.
     */
    record CreateNetwork(String networkId, NetworkSpec spec) implements Command {
    }

    /**
     * {@code network rm}: refused (409-style message naming the services) while a service uses it;
     * the ingress network is refused while any service publishes a port. Result: the removed network.
     */
    record RemoveNetwork(String networkId) implements Command {
    }

    /**
     * {@code service create}: validates the spec (unique name, known networks, ports), allocates a
     * VIP per network (plus ingress when ports are published in ingress mode) and published ports.
     * Exhaustion or a port conflict fails the command with a message naming the network or port.
     * Result: the new {@link dev.swarmnet.controlplane.model.Service}.
     */
    record CreateService(String serviceId, ServiceSpec spec) implements Command {
    }

    /**
     * {@code service update} (and {@code scale}): replaces the spec, keeping the old one as
     * {@code previousSpec}, and re-allocates VIPs and ports that changed. With {@code rollback},
     * {@code spec} is ignored and the previous spec comes back (refused when there is none).
     * Result: the updated service.
     *
     * @param expectedVersion the service version the client read
     */
    record UpdateService(String serviceId, Version expectedVersion, ServiceSpec spec, boolean rollback)
            implements Command {
    }

    /**
     * {@code service rm}: removes the service and its VIPs; its tasks stay, with desired state
     * {@code remove}, until their nodes have stopped them. Result: the removed service.
     */
    record RemoveService(String serviceId) implements Command {
    }

    /**
     * One reconciliation pass of the orchestrator and scheduler, as one entry. New tasks copy
     * their service's name and task template and get an address on each of its networks; a task
     * the allocator cannot address is created {@code rejected} with an error that names the
     * network that ran out. Changes and deletes of unknown tasks are skipped, not failed (a
     * concurrent report may have raced them). Result: the created and changed tasks.
     */
    record WriteTasks(List<NewTask> create, List<TaskChange> change, List<String> delete) implements Command {
        public WriteTasks {
            create = create == null ? List.of() : List.copyOf(create);
            change = change == null ? List.of() : List.copyOf(change);
            delete = delete == null ? List.of() : List.copyOf(delete);
        }
    }

    /**
     * A task to create.
     *
     * @param nodeId       empty to leave it to the scheduler (state {@code pending}); a node ID assigns it at once
     * @param desiredState usually {@code running}
     */
    record NewTask(String taskId, String serviceId, int slot, String nodeId, TaskState desiredState) {
    }

    /**
     * A change to an existing task; {@code null} fields keep their value.
     *
     * @param nodeId       the scheduler's placement
     * @param desiredState the orchestrator's wish (only ever moves forward)
     * @param status       a status the managers set (scheduler: {@code assigned}, or {@code pending} with why no node fits)
     */
    record TaskChange(String taskId, String nodeId, TaskState desiredState, TaskStatus status) {
    }

    /**
     * An agent's report about its own tasks. Reports about tasks of other nodes, and moves
     * backwards in the task life, are ignored. Result: the changed tasks.
     */
    record ReportTaskStatus(String nodeId, List<TaskReport> reports) implements Command {
        public ReportTaskStatus {
            reports = reports == null ? List.of() : List.copyOf(reports);
        }
    }

    /** One task's observed status. */
    record TaskReport(String taskId, TaskStatus status) {
    }

    /** The orchestrator's progress on a rolling update or rollback. Result: the service. */
    record SetUpdateStatus(String serviceId, UpdateStatus status) implements Command {
    }
}
