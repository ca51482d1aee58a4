package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The role of a node in the swarm: workers run tasks, managers also hold the Raft store. On the wire
 * as the lower-case name, as in Docker.
 */
public enum NodeRole {
    WORKER, MANAGER;

    /** The Docker wire value. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire value; the empty string (Go's zero value) is {@code null}.
     *
     * @throws IllegalArgumentException naming the field and the value, in moby's words
     */
    @JsonCreator
    public static NodeRole of(String wire) {
        if (wire == null || wire.isEmpty()) {
            return null;
        }
        for (NodeRole value : values()) {
            if (value.wire().equalsIgnoreCase(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid Role: \"" + wire + "\"");
    }
}
