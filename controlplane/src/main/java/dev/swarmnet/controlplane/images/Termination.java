package dev.swarmnet.controlplane.images;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Makes SIGTERM a clean stop with exit status 0, as a task stopped by its runtime should report
 * (the JVM's default is 143). SIGINT behaves the same, for use from a terminal.
 */
final class Termination {

    private Termination() {
    }

    /** On SIGTERM or SIGINT runs {@code stop} (best effort) and exits with status 0. */
    static void exitZeroOnTerm(Runnable stop) {
        SignalHandler handler = signal -> {
            try {
                stop.run();
            } finally {
                Runtime.getRuntime().halt(0);
            }
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }

    /** The integer in environment variable {@code name}, or {@code fallback} when it is unset or blank. */
    static int port(String name, int fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a port number (0..65535)");
        }
    }
}
