package dev.swarmnet.controlplane.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Scheduling availability of a node (Docker's {@code Spec.Availability}).
 * Its JSON form is Docker's lowercase word.
 */
public enum NodeAvailability {
    ACTIVE("active"),
    PAUSE("pause"),
    DRAIN("drain");

    private final String wire;

    NodeAvailability(String wire) {
        this.wire = wire;
    }

    /** Docker's lowercase word for this value. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value whose word is {@code word} (any case); {@link IllegalArgumentException} otherwise. */
    public static NodeAvailability parse(String word) {
        for (NodeAvailability value : values()) {
            if (value.wire.equalsIgnoreCase(word)) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid availability " + word);
    }
}
