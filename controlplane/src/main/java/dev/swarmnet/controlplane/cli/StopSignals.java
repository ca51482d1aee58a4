package dev.swarmnet.controlplane.cli;

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
}
