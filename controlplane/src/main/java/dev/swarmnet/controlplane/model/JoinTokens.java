package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * The two join tokens, {@code SWMTKN-1-<CA digest>-<secret>}, one per role. They are made by the
 * trust code outside the state machine and only stored here.
 */
public record JoinTokens(String worker, String manager) {
    public JoinTokens {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(manager, "manager");
    }

    /** The token that admits nodes of {@code role}. */
    public String token(NodeRole role) {
        return role == NodeRole.MANAGER ? manager : worker;
    }

    /** These tokens with the one for {@code role} replaced. */
    public JoinTokens with(NodeRole role, String token) {
        return role == NodeRole.MANAGER ? new JoinTokens(worker, token) : new JoinTokens(token, manager);
    }
}
