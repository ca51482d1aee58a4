package dev.swarmnet.controlplane.model;

/**
 * Replicated with a count, or global (one task per eligible node).
 *
 * @param global   whether the service is global
 * @param replicas the desired task count of a replicated service (0 for global)
 */
public record ServiceMode(boolean global, long replicas) {
    public ServiceMode {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
        if (global && replicas != 0) {
            throw new IllegalArgumentException("a global service has no replica count");
        }
    }

    public static ServiceMode replicated(long replicas) {
        return new ServiceMode(false, replicas);
    }

    public static ServiceMode globalMode() {
        return new ServiceMode(true, 0);
    }
}
