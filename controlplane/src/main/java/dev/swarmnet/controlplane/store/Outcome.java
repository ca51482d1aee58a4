package dev.swarmnet.controlplane.store;

/**
 * What a replicated command came to: an HTTP-style status (200 when applied) with a Docker-worded
 * message when refused, and the Raft index it was applied at (refusals advance it too).
 */
public record Outcome(int status, String message, long index) {
    public static final int OK = 200;

    public boolean succeeded() {
        return status == OK;
    }
}
