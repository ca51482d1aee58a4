package dev.swarmnet.controlplane.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Raft reachability of a manager (Docker's {@code ManagerStatus.Reachability}).
 * Its JSON form is Docker's lowercase word.
 */
public enum Reachability {
    UNKNOWN("unknown"),
    UNREACHABLE("unreachable"),
    REACHABLE("reachable");

    private final String wire;

    Reachability(String wire) {
        this.wire = wire;
    }

    /** Docker's lowercase word for this value. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value whose word is {@code word} (any case); {@link IllegalArgumentException} otherwise. */
    public static Reachability parse(String word) {
        for (Reachability value : values()) {
            if (value.wire.equalsIgnoreCase(word)) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid reachability " + word);
    }
}
