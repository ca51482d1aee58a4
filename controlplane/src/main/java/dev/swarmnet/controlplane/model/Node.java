package dev.swarmnet.controlplane.model;

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
 */
public record Node(String id, Version version, long createdAtMillis, long updatedAtMillis, NodeSpec spec,
                   NodeDescription description, NodeStatus status, String advertiseAddr, ManagerStatus managerStatus) {
    public Node {
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
                advertiseAddr, newManagerStatus);
    }

    /** This node with another status, stamped with a new version and time. */
    public Node withStatus(NodeStatus newStatus, long index, long nowMillis) {
        return new Node(id, new Version(index), createdAtMillis, nowMillis, spec, description, newStatus,
                advertiseAddr, managerStatus);
    }

    /** This node with another manager status, stamped with a new version and time. */
    public Node withManagerStatus(ManagerStatus newManagerStatus, long index, long nowMillis) {
        return new Node(id, new Version(index), createdAtMillis, nowMillis, spec, description, status,
                advertiseAddr, newManagerStatus);
    }
}
