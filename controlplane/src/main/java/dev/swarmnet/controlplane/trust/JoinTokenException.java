package dev.swarmnet.controlplane.trust;

/**
 * A join token that cannot be used: malformed, rotated, unknown, or naming another CA than the
 * one a manager presented. Messages start with {@code "invalid join token: "} and never
 * contain the secret.
 */
public final class JoinTokenException extends IllegalArgumentException {
    JoinTokenException(String reason) {
        super("invalid join token: " + reason);
    }
}
