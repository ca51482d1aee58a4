package dev.swarmnet.controlplane.model;

import java.util.List;
import java.util.Objects;

/**
 * A cluster member (Docker's {@code Node}). Immutable; every change makes a new node with the
 * {@link Version} of the Raft entry that made it.
 *
 * @param id              25-character ID ({@link Ids})
 * @param version         Raft index of the last change
 * @param createdAtMillis when it joined (epoch milliseconds, from the log entry)
 * @param updatedAtMillis when it last changed
 * @param spec            operator-set role, availability, labels, name
 * @param description     what the node reported when it joined
 * @param status          liveness as the dispatcher sees it
 * @param advertiseAddr   the cluster address other nodes use to reach it, {@code ip:port}
 * @param managerStatus   Raft view for managers; {@code null} for workers
 * @param attachments     the node's own addresses on networks (swarmkit's {@code Node.Attachments}): its
 *                        routing-mesh endpoint on the ingress network; empty when there is none
 */
public record Node(String id, Version version, long createdAtMillis, long updatedAtMillis, NodeSpec spec,
                   NodeDescription description, NodeStatus status, String advertiseAddr, ManagerStatus managerStatus,
                   List<NetworkAttachment> attachments) {
    public Node {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Ids.requireValid(id);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(advertiseAddr, "advertiseAddr");
        if (spec.role() == NodeRole.WORKER && managerStatus != null) {
            throw new IllegalArgumentException("worker " + id + " cannot have a manager status");
        }
    }

    /** A node without network attachments. */
    public Node(String id, Version version, long createdAtMillis, long updatedAtMillis, NodeSpec spec,
                NodeDescription description, NodeStatus status, String advertiseAddr, ManagerStatus managerStatus) {
        this(id, version, createdAtMillis, updatedAtMillis, spec, description, status, advertiseAddr, managerStatus,
                List.of());
    }

    /** Its address on network {@code networkId} ({@code 10.0.0.2/24}), or empty. */
    public java.util.Optional<String> attachmentOn(String networkId) {
        for (NetworkAttachment attachment : attachments) {
            if (attachment.networkId().equals(networkId)) {
                return java.util.Optional.of(attachment.address());
            }
        }
        return java.util.Optional.empty();
    }

    /** This node with other network attachments, stamped with a new version and time. */
    public Node withAttachments(List<NetworkAttachment> newAttachments, long index, long nowMillis) {
        return new Node(id, new Version(index), createdAtMillis, nowMillis, spec, description, status,
                advertiseAddr, managerStatus, newAttachments);
    }

    /** The name Docker matches and shows: {@code Spec.Name} if set, otherwise the hostname. */
    public String displayName() {
        return spec.name().isEmpty() ? description.hostname() : spec.name();
    }

    /** Whether the node's role is manager. */
    public boolean manager() {
        return spec.role() == NodeRole.MANAGER;
    }

    /** The IP part of {@link #advertiseAddr()}: Docker's {@code Status.Addr}. */
    public String statusAddr() {
        int colon = advertiseAddr.lastIndexOf(':');
        String host = colon < 0 ? advertiseAddr : advertiseAddr.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** This node with another spec and manager status, stamped with a new version and time. */
    public Node withSpec(NodeSpec newSpec, ManagerStatus newManagerStatus, long index, long nowMillis) {
        return new Node(id, new Version(index), createdAtMillis, nowMillis, newSpec, description, status,
                advertiseAddr, newManagerStatus, attachments);
    }

    /** This node with another status, stamped with a new version and time. */
    public Node withStatus(NodeStatus newStatus, long index, long nowMillis) {
        return new Node(id, new Version(index), createdAtMillis, nowMillis, spec, description, newStatus,
                advertiseAddr, managerStatus, attachments);
    }

    /** This node with another manager status, stamped with a new version and time. */
    public Node withManagerStatus(ManagerStatus newManagerStatus, long index, long nowMillis) {
        return new Node(id, new Version(index), createdAtMillis, nowMillis, spec, description, status,
                advertiseAddr, newManagerStatus, attachments);
    }
}
