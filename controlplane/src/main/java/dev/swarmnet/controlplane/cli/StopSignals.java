package dev.swarmnet.controlplane.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a call, so that a command can clean up and exit 0 instead of
 * being torn down by the JVM's default handlers (which exit 130 or 143). The action runs on the
 * JVM's signal-dispatch thread; keep it to a latch count-down.
 */
final class StopSignals {
    private StopSignals() {
    }

    static void install(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }

    /**
     * Blocks until SIGINT or SIGTERM, then runs {@code shutdown} once; a shutdown hook runs it
     * too if the JVM ends some other way, so {@code shutdown} must be idempotent.
     */
    static void runUntilStopped(Runnable shutdown) throws InterruptedException {
        Thread backstop = new Thread(shutdown, "swarmnet-shutdown");
        Runtime.getRuntime().addShutdownHook(backstop);
        CountDownLatch stop = new CountDownLatch(1);
        install(stop::countDown);
        try {
            stop.await();
        } finally {
            shutdown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(backstop);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting (the hook ran or runs); shutdown is idempotent.
            }
        }
    }
}
