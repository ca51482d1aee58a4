package dev.swarmnet.controlplane.trust;

import java.util.Locale;

/**
 * A node's role as written in its certificate: the subject OU and a DNS SAN, as in Docker
 * ({@code swarm-manager} / {@code swarm-worker}). Immutable; any thread.
 */
public enum NodeRole {
    MANAGER("swarm-manager"),
    WORKER("swarm-worker");

    private final String ou;

    NodeRole(String ou) {
        this.ou = ou;
    }

    /** The organizational unit (and DNS SAN) naming this role in a node certificate. */
    public String ou() {
        return ou;
    }

    /** The role named by a certificate's OU; throws for anything else. */
    public static NodeRole fromOu(String ou) {
        for (NodeRole role : values()) {
            if (role.ou.equals(ou)) {
                return role;
            }
        }
        throw new IllegalArgumentException("not a swarm node role: '" + ou + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
