package dev.swarmnet.controlplane.lab;

import java.io.IOException;
import java.time.Duration;

/** Waits, polling every 200 ms, until a condition holds or a time limit passes. */
final class Deadline {

    /** A condition that may do I/O. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws IOException;
    }

    private static final long POLL_MILLIS = 200;

    private Deadline() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} once {@code limit} passes. */
    static void await(Duration limit, String what, Condition condition) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - end > 0) {
                throw new IOException("gave up after " + limit.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + what, e);
            }
        }
    }
}
