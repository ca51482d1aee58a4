package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Ids;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;

/**
 * Where the orchestrator gets the IDs of the tasks it creates. IDs travel inside the proposed
 * commands, so the replicated state machine never draws random numbers.
 *
 * <p>Implementations are called only from the reconciling thread.
 */
@FunctionalInterface
public interface IdSource {

    /** A fresh 25-character ID ({@link Ids}). */
    String newId();

    /** IDs from a {@link SecureRandom}: what the daemon uses. */
    static IdSource secure() {
        SecureRandom random = new SecureRandom();
        return () -> Ids.newId(random);
    }

    /** IDs from the given source; tests pass a seeded {@link Random} to get the same IDs on every run. */
    static IdSource from(Random random) {
        Objects.requireNonNull(random, "random");
        return () -> Ids.newId(random);
    }
}
