package dev.swarmnet.linux;

import java.time.Duration;

/** Bounded waiting for a condition in tests: polls, never sleeps blindly past the deadline. */
final class Conditions {

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    private Conditions() {
    }

    /** Waits until {@code check} holds, failing with {@code description} after {@code timeout}. */
    static void await(String description, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + description);
            }
            Thread.sleep(5);
        }
    }
}
