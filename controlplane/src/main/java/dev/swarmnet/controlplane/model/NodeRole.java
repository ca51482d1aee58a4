package dev.swarmnet.controlplane.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Role of a node (Docker's {@code Spec.Role}); managers also run tasks unless drained.
 * Its JSON form is Docker's lowercase word.
 */
public enum NodeRole {
    WORKER("worker"),
    MANAGER("manager");

    private final String wire;

    NodeRole(String wire) {
        this.wire = wire;
    }

    /** Docker's lowercase word for this value. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value whose word is {@code word} (any case); {@link IllegalArgumentException} otherwise. */
    public static NodeRole parse(String word) {
        for (NodeRole value : values()) {
            if (value.wire.equalsIgnoreCase(word)) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid role " + word);
    }
}
