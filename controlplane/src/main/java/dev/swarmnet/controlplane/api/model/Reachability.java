package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A manager's reachability in the Raft group ({@code ManagerStatus.Reachability}). On the wire as the lower-
 * case name, as in Docker.
 */
public enum Reachability {
    UNKNOWN, UNREACHABLE, REACHABLE;

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
    public static Reachability of(String wire) {
        if (wire == null || wire.isEmpty()) {
            return null;
        }
        for (Reachability value : values()) {
            if (value.wire().equalsIgnoreCase(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid Reachability: \"" + wire + "\"");
    }
}
