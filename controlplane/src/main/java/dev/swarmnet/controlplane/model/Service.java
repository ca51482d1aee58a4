package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * Placeholder for Docker's {@code Service}, kept so snapshots already have a place for it; the
 * service issue builds it out (and bumps the snapshot format version if its shape changes).
 *
 * @param id      25-character ID
 * @param version Raft index of the last change
 * @param name    its name
 */
public record Service(String id, Version version, String name) {
    public Service {
        Ids.requireValid(id);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
    }
}
