package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's own address on the ingress network (its routing-mesh endpoint, swarmkit's
 * {@code Node.Attachments}): allocated when the node joins ({@code InitCluster} for the first,
 * {@code AddNode} for the others), when an ingress network is created, and when the dispatcher
 * marks a node that still lacks one (nodes of a state written before node attachments existed);
 * dropped when the ingress network is removed; freed with the node, since the allocator derives
 * the addresses in use from the state. Deterministic: a pure function of the state and index.
 */
final class NodeAttachments {
    private NodeAttachments() {
    }

    /** {@code at} with node {@code nodeId} given an ingress address if there is an ingress network and it has none. */
    static ClusterState ensureIngress(ClusterState at, String nodeId, long index, long now) {
        Network ingress = at.ingressNetwork().orElse(null);
        Node node = at.nodes().get(nodeId);
        if (ingress == null || node == null || node.attachmentOn(ingress.id()).isPresent()) {
            return at;
        }
        AddressAllocator addresses = new AddressAllocator(at);
        String address = addresses.allocate(ingress);
        if (address == null) {
            return at; // ingress full: the node's mesh cannot reach tasks until addresses are freed
        }
        List<NetworkAttachment> attachments = new ArrayList<>(node.attachments());
        attachments.add(new NetworkAttachment(ingress.id(), address));
        return addresses.commit(at.withNode(node.withAttachments(attachments, index, now)), index);
    }

    /** {@code at} with every node given an ingress address it lacks, in id order. */
    static ClusterState ensureIngressAll(ClusterState at, long index, long now) {
        ClusterState next = at;
        for (String id : at.nodes().keySet()) {
            next = ensureIngress(next, id, index, now);
        }
        return next;
    }

    /** {@code at} without any node's attachment on network {@code networkId}. */
    static ClusterState dropNetwork(ClusterState at, String networkId, long index, long now) {
        ClusterState next = at;
        for (Node node : at.nodes().values()) {
            if (node.attachmentOn(networkId).isPresent()) {
                List<NetworkAttachment> kept = new ArrayList<>();
                node.attachments().forEach(a -> {
                    if (!a.networkId().equals(networkId)) {
                        kept.add(a);
                    }
                });
                next = next.withNode(node.withAttachments(kept, index, now));
            }
        }
        return next;
    }
}
