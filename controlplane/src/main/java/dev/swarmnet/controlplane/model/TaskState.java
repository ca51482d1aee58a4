package dev.swarmnet.controlplane.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A task's life (Docker's {@code TaskState}), in order: a task only moves forward. Its JSON form
 * is Docker's lowercase word.
 */
public enum TaskState {
    NEW("new"),
    PENDING("pending"),
    ASSIGNED("assigned"),
    ACCEPTED("accepted"),
    PREPARING("preparing"),
    READY("ready"),
    STARTING("starting"),
    RUNNING("running"),
    COMPLETE("complete"),
    SHUTDOWN("shutdown"),
    FAILED("failed"),
    REJECTED("rejected"),
    REMOVE("remove"),
    ORPHANED("orphaned");

    private final String wire;

    TaskState(String wire) {
        this.wire = wire;
    }

    /** Docker's lowercase word for this value. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Whether the task has ended: complete, shutdown, failed, rejected, remove or orphaned. */
    public boolean terminal() {
        return compareTo(RUNNING) > 0;
    }

    /** The value whose word is {@code word} (any case); {@link IllegalArgumentException} otherwise. */
    public static TaskState parse(String word) {
        for (TaskState value : values()) {
            if (value.wire.equalsIgnoreCase(word)) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid task state " + word);
    }
}
