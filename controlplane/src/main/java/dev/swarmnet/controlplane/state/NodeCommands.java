package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.ManagerStatus;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.NodeStatus;
import dev.swarmnet.controlplane.model.Reachability;
import dev.swarmnet.controlplane.model.Version;
import java.util.Map;

/**
 * Transitions of node commands: join, update, remove, dispatcher state, manager status. Each
 * receives the state already at the entry's index and returns it changed or, on refusal,
 * unchanged with a failure. Checks follow swarmkit's controlapi order: existence, version, rules.
 */
final class NodeCommands {
    private NodeCommands() {
    }

    static Applied add(ClusterState at, Command.AddNode c, long index, long now) {
        if (!at.initialized()) {
            return refuse(at, StateErrors.notInSwarm());
        }
        if (!Ids.isValid(c.nodeId())) {
            return refuse(at, StateErrors.invalid("invalid node ID " + c.nodeId()));
        }
        if (at.nodes().containsKey(c.nodeId())) {
            return refuse(at, StateErrors.exists("node", c.nodeId()));
        }
        if (c.role() == null) {
            return refuse(at, StateErrors.invalid("node role must be worker or manager"));
        }
        if (c.description() == null || c.description().hostname().isBlank()) {
            return refuse(at, StateErrors.invalid("node hostname must not be empty"));
        }
        if (!AddressSyntax.isHostPort(c.advertiseAddr())) {
            return refuse(at, StateErrors.invalid("invalid advertise address " + c.advertiseAddr() + ": want ip:port"));
        }
        NodeAvailability availability = c.availability() == null ? NodeAvailability.ACTIVE : c.availability();
        ManagerStatus managerStatus = c.role() == NodeRole.MANAGER
                ? new ManagerStatus(false, Reachability.UNKNOWN, c.advertiseAddr()) : null;
        Node node = new Node(c.nodeId(), new Version(index), now, now, NodeSpec.of(c.role(), availability),
                c.description(), new NodeStatus(NodeState.UNKNOWN, ""), c.advertiseAddr(), managerStatus);
        ClusterState next = NodeAttachments.ensureIngress(at.withNode(node), node.id(), index, now);
        return new Applied(next, Result.ok(next.nodes().get(node.id())));
    }

    static Applied update(ClusterState at, Command.UpdateNode c, long index, long now) {
        Result<Node> found = find(at, c.nodeId());
        if (!found.succeeded()) {
            return refuse(at, found);
        }
        Node node = found.value();
        if (c.expectedVersion() == null) {
            return refuse(at, StateErrors.invalid("invalid node version: missing"));
        }
        if (!c.expectedVersion().equals(node.version())) {
            return refuse(at, StateErrors.outOfSequence());
        }
        NodeSpec spec = c.spec();
        if (spec == null) {
            return refuse(at, StateErrors.invalid("node spec must not be empty"));
        }
        String labelProblem = labelProblem(spec.labels());
        if (labelProblem != null) {
            return refuse(at, StateErrors.invalid(labelProblem));
        }
        boolean demoting = node.manager() && spec.role() == NodeRole.WORKER;
        boolean promoting = !node.manager() && spec.role() == NodeRole.MANAGER;
        if (demoting && at.managers().size() == 1) {
            return refuse(at, StateErrors.invalid(StateErrors.LAST_MANAGER));
        }
        ManagerStatus managerStatus = demoting ? null
                : promoting ? new ManagerStatus(false, Reachability.UNKNOWN, node.advertiseAddr())
                : node.managerStatus();
        Node updated = node.withSpec(spec, managerStatus, index, now);
        return new Applied(at.withNode(updated), Result.ok(updated));
    }

    static Applied remove(ClusterState at, Command.RemoveNode c) {
        Result<Node> found = find(at, c.nodeId());
        if (!found.succeeded()) {
            return refuse(at, found);
        }
        Node node = found.value();
        if (node.manager()) {
            return refuse(at, StateErrors.invalid("node " + node.id() + " is a cluster manager and is a member of "
                    + "the raft cluster. It must be demoted to worker before removal"));
        }
        if (!c.force() && node.status().state() == NodeState.READY) {
            return refuse(at, StateErrors.invalid("node " + node.id() + " is not down and can't be removed"));
        }
        return new Applied(at.withoutNode(node.id()), Result.ok(node));
    }

    static Applied markState(ClusterState at, Command.MarkNodeState c, long index, long now) {
        Result<Node> found = find(at, c.nodeId());
        if (!found.succeeded()) {
            return refuse(at, found);
        }
        if (c.state() == null) {
            return refuse(at, StateErrors.invalid("invalid node state: missing"));
        }
        Node node = found.value();
        NodeStatus status = new NodeStatus(c.state(), c.message());
        ClusterState next = status.equals(node.status()) ? at : at.withNode(node.withStatus(status, index, now));
        next = NodeAttachments.ensureIngress(next, node.id(), index, now); // a node from before node attachments
        return new Applied(next, Result.ok(next.nodes().get(node.id())));
    }

    static Applied setManagerStatus(ClusterState at, Command.SetManagerStatus c, long index, long now) {
        Result<Node> found = find(at, c.nodeId());
        if (!found.succeeded()) {
            return refuse(at, found);
        }
        Node node = found.value();
        ManagerStatus status = c.status();
        if (status == null) {
            return refuse(at, StateErrors.invalid("manager status must not be empty"));
        }
        if (!node.manager()) {
            return refuse(at, StateErrors.invalid("node " + node.id() + " is not a manager"));
        }
        if (!AddressSyntax.isHostPort(status.addr())) {
            return refuse(at, StateErrors.invalid("invalid manager address " + status.addr() + ": want ip:port"));
        }
        if (status.equals(node.managerStatus())) {
            return new Applied(at, Result.ok(node));
        }
        ClusterState next = at;
        if (status.leader()) {
            for (Node other : at.managers()) {
                if (!other.id().equals(node.id()) && other.managerStatus() != null && other.managerStatus().leader()) {
                    next = next.withNode(other.withManagerStatus(other.managerStatus().withLeader(false), index, now));
                }
            }
        }
        Node updated = node.withManagerStatus(status, index, now);
        return new Applied(next.withNode(updated), Result.ok(updated));
    }

    private static Result<Node> find(ClusterState at, String id) {
        if (!at.initialized()) {
            return StateErrors.notInSwarm();
        }
        return at.node(id).map(Result::ok).orElseGet(() -> StateErrors.notFound("node", id));
    }

    static String labelProblem(Map<String, String> labels) {
        for (String key : labels.keySet()) {
            if (key.isBlank()) {
                return "invalid label: the key must not be empty";
            }
        }
        return null;
    }

    private static Applied refuse(ClusterState at, Result<?> failure) {
        return new Applied(at, failure);
    }
}
