package dev.swarmnet.controlplane.state;

/**
 * The error messages of the state machine, worded as Docker's daemon and swarmkit word them (the
 * CLI prints them after {@code Error response from daemon: }).
 */
final class StateErrors {
    static final String NOT_IN_SWARM = "This node is not a swarm manager. Use \"docker swarm init\" or "
            + "\"docker swarm join\" to connect this node to swarm and try again.";
    static final String ALREADY_IN_SWARM = "This node is already part of a swarm. Use \"docker swarm leave\" "
            + "to leave this swarm and join another one.";
    static final String OUT_OF_SEQUENCE = "update out of sequence";
    static final String LAST_MANAGER = "attempting to demote the last manager of the swarm";

    private StateErrors() {
    }

    static <T> Result<T> notInSwarm() {
        return Result.failure(Result.UNAVAILABLE, NOT_IN_SWARM);
    }

    static <T> Result<T> alreadyInSwarm() {
        return Result.failure(Result.UNAVAILABLE, ALREADY_IN_SWARM);
    }

    static <T> Result<T> outOfSequence() {
        return Result.failure(Result.CONFLICT, OUT_OF_SEQUENCE);
    }

    static <T> Result<T> notFound(String kind, String ref) {
        return Result.failure(Result.NOT_FOUND, kind + " " + ref + " not found");
    }

    static <T> Result<T> ambiguous(String kind, String ref, int matches) {
        return Result.failure(Result.BAD_REQUEST, kind + " " + ref + " is ambiguous (" + matches + " matches found)");
    }

    static <T> Result<T> exists(String kind, String id) {
        return Result.failure(Result.CONFLICT, kind + " " + id + " already exists");
    }

    static <T> Result<T> invalid(String message) {
        return Result.failure(Result.BAD_REQUEST, message);
    }
}
