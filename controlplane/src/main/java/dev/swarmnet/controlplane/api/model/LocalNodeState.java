package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * This node's membership in a swarm ({@code Info.Swarm.LocalNodeState}). On the wire as the lower-case name,
 * as in Docker.
 */
public enum LocalNodeState {
    INACTIVE, PENDING, ACTIVE, ERROR, LOCKED;

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
    public static LocalNodeState of(String wire) {
        if (wire == null || wire.isEmpty()) {
            return null;
        }
        for (LocalNodeState value : values()) {
            if (value.wire().equalsIgnoreCase(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid LocalNodeState: \"" + wire + "\"");
    }
}
