package dev.swarmnet.controlplane.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Liveness of a node as the dispatcher sees it (Docker's {@code Status.State}).
 * Its JSON form is Docker's lowercase word.
 */
public enum NodeState {
    UNKNOWN("unknown"),
    DOWN("down"),
    READY("ready"),
    DISCONNECTED("disconnected");

    private final String wire;

    NodeState(String wire) {
        this.wire = wire;
    }

    /** Docker's lowercase word for this value. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value whose word is {@code word} (any case); {@link IllegalArgumentException} otherwise. */
    public static NodeState parse(String word) {
        for (NodeState value : values()) {
            if (value.wire.equalsIgnoreCase(word)) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid node state " + word);
    }
}
