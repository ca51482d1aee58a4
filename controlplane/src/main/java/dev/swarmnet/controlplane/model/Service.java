package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * A service (Docker's {@code Service}): its spec, the previous spec for rollback, what the
 * allocator gave it, and the progress of its last update.
 *
 * @param id              25-character ID
 * @param version         Raft index of the last change
 * @param createdAtMillis when it was created
 * @param updatedAtMillis when it last changed
 * @param spec            the current spec
 * @param previousSpec    the spec before the last update, {@code null} if never updated
 * @param endpoint        allocated VIPs and published ports
 * @param updateStatus    progress of the last update or rollback, {@code null} if none
 */
public record Service(String id, Version version, long createdAtMillis, long updatedAtMillis, ServiceSpec spec,
                      ServiceSpec previousSpec, ServiceEndpoint endpoint, UpdateStatus updateStatus) {
    public Service {
        Ids.requireValid(id);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** Its name ({@code spec.name}). */
    public String name() {
        return spec.name();
    }
}
