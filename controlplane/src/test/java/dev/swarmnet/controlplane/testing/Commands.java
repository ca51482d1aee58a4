package dev.swarmnet.controlplane.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands ({@code ip}, {@code ping}) for tests that build namespaces. */
public final class Commands {
    private Commands() {
    }

    /** Output and exit code of a command. */
    public record Result(int exit, String output) {
    }

    /** Runs a command, failing with its output when it exits non-zero. */
    public static void sh(String... command) throws IOException {
        Result r = run(List.of(command));
        if (r.exit() != 0) {
            throw new IOException(String.join(" ", command) + ": " + r.output());
        }
    }

    /** Runs a command for at most 30 s and returns what it printed (stdout and stderr). */
    public static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
