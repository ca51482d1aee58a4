package dev.swarmnet.controlplane.model;

/**
 * Docker's {@code Version.Index}: the Raft log index of the last write to an object.
 *
 * <p>Clients send it back with updates ({@code ?version=N}); an update whose version is not the
 * object's current one is rejected as "update out of sequence" (optimistic concurrency).
 */
public record Version(long index) {
    public Version {
        if (index < 0) {
            throw new IllegalArgumentException("version index must not be negative: " + index);
        }
    }
}
